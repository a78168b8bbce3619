// Release journeys: the ERP analyst requests a release on PC (the form with its window picker) and
// submits it; the IT manager approves it on the phone (发布审批); the analyst records it as succeeded
// and records the acceptance; along the way the list with its filters, the month calendar and the
// week list, and a failed release with its failure handling. Then an en-US pass over the same screens.
import { apiCall, apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

async function pickOption(page, label) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
  await option.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForTimeout(200);
  await option.first().click();
}

/** `YYYY-MM-DD HH:mm` of a moment `days` from now at `hour` (the browser runs in the machine's zone). */
function at(days, hour) {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setHours(hour, 0, 0, 0);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:00`;
}

/** Takes an action from the release page through its dialog, and waits for the success message. */
async function act(page, env, locale, action, fill = async () => {}) {
  await page.getByTestId(`release-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await visible(modal);
  await fill(modal);
  await page.locator('#release-dialog-ok').click();
  await visible(page.locator('.ant-message-success').getByText(text(env, locale, `releases.done.${action}`)));
  await modal.waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => {});
}

const lifecycleJourney = {
  name: 'Releases: analyst requests and submits (PC) → IT manager approves on the phone → success and acceptance recorded; list, calendar, failure handling (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = Date.now().toString(36).toUpperCase();
    const title = `ERP 采购审批流优化 ${stamp}`;

    const analyst = await apiPcSignIn(env, locale, 'machao', '/releases');
    const page = analyst.page;
    await visible(page.getByTestId('release-row'));
    await shot(env, page, 'releases-pc-list');
    await page.getByTestId('releases-status-filter').click();
    await pickOption(page, t('releases.status.failed'));
    await visible(page.locator('.ant-table-row').first().getByText(t('releases.status.failed')));
    await shot(env, page, 'releases-pc-list-failed');

    // The failed release: failure handling, the fault button, and its copy.
    await page.getByTestId('release-row').first().click();
    await visible(page.getByTestId('release-result'));
    await visible(page.getByText(t('releases.failureHandling')));
    await shot(env, page, 'releases-pc-failed', { fullPage: true });

    // A new request: refused while empty, then filled through the form.
    await page.goto(`${env.baseUrl}/releases/new`);
    await visible(page.getByTestId('release-form'));
    await page.getByTestId('release-save').click();
    await visible(page.getByText(t('validation.required')).first());
    await page.getByTestId('release-system').click();
    await pickOption(page, 'ERP 企业资源计划');
    await page.getByTestId('release-version').fill('V3.5.0');
    await page.getByTestId('release-title').fill(title);
    // The demands demo leaves ERP demands being implemented: the release takes the first of them.
    await page.getByTestId('release-demands').click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first();
    await visible(option);
    // The dropdown animates in: Enter takes the active (first) option without chasing a moving element.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await visible(page.getByTestId('release-demands').locator('.ant-select-selection-item').first());
    const range = page.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(at(6, 22));
    await page.keyboard.press('Enter');
    await range.nth(1).fill(at(6, 23));
    // Enter here would submit the form: confirm the end with the picker's OK button.
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button').click();
    await page.getByTestId('release-risk').getByText(t('releases.risk.high')).click();
    await page.getByTestId('release-plan').fill('1. 备份\n2. 部署 V3.5.0\n3. 验证采购审批流');
    await page.getByTestId('release-rollback').fill('回退到 V3.4.0');
    await shot(env, page, 'releases-pc-form');
    await page.getByTestId('release-save').click();
    await visible(page.getByTestId('release-page'));
    await visible(page.getByTestId('release-status').getByText(t('releases.status.draft')));
    await page.getByTestId('release-submit').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await visible(page.getByTestId('release-status').getByText(t('releases.status.pending_approval')));
    const releaseUrl = page.url();
    await shot(env, page, 'releases-pc-submitted');

    // The IT manager approves it on the phone.
    const phone = await apiSignIn(env, locale, PHONE, 'liwei', '/m/releases');
    await visible(phone.page.getByTestId('m-release-row').filter({ hasText: title }));
    await phoneShot(env, phone.page, 'releases-phone-to-approve');
    await phone.page.getByTestId('m-release-row').filter({ hasText: title }).click();
    await visible(phone.page.getByTestId('m-release-approve'));
    await phoneShot(env, phone.page, 'releases-phone-release');
    await phone.page.getByTestId('m-release-approve').click();
    await phone.page.locator('.adm-dialog textarea').fill('同意，请提前通知采购部');
    await phone.page
      .locator('.adm-dialog-button')
      .filter({ hasText: /确定|OK/ })
      .click();
    await visible(phone.page.getByTestId('releases-mobile'));

    // Back on PC: approved, then executed and accepted.
    await page.goto(releaseUrl);
    await visible(page.getByTestId('release-status').getByText(t('releases.status.approved')));
    await visible(page.getByTestId('release-approvals').getByText('同意，请提前通知采购部'));
    await act(page, env, locale, 'succeed', async (modal) =>
      modal.getByTestId('release-dialog-note').fill('按计划完成，采购审批流验证通过'),
    );
    await visible(page.getByTestId('release-status').getByText(t('releases.status.succeeded')));
    await act(page, env, locale, 'accept', async (modal) => modal.getByTestId('release-dialog-comment').fill('业务验收通过'));
    await visible(page.getByTestId('release-status').getByText(t('releases.status.accepted')));
    // Its demand went implementing → released → delivered with it.
    await visible(page.getByText(t('releases.demandStatus.delivered')).first());
    await shot(env, page, 'releases-pc-accepted', { fullPage: true });

    // The calendar: month grid and week list.
    await page.goto(`${env.baseUrl}/releases/calendar`);
    await visible(page.getByTestId('calendar-release'));
    await shot(env, page, 'releases-pc-calendar', { fullPage: true });
    await page.getByTestId('calendar-view').getByText(t('releases.calendarView.week')).click();
    await visible(page.getByTestId('calendar-week'));
    await shot(env, page, 'releases-pc-calendar-week');

    // A requester cannot open the list.
    const requester = await apiPcSignIn(env, locale, 'zhangmin', '/releases');
    await visible(requester.page.getByText(/没有权限|无权/).first());
    const ids = await apiCall(analyst, 'GET', `${env.baseUrl}/api/releases?pageSize=1`);
    if (!ids.total) throw new Error('no releases listed');

    for (const session of [analyst, phone, requester]) await session.context.close();
  },
};

const englishJourney = {
  name: 'Releases in English: list, calendar, a release page and the phone approvals (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const manager = await apiPcSignIn(env, locale, 'liwei', '/releases?todo=approve');
    await visible(manager.page.getByTestId('releases-todo-filter'));
    await visible(manager.page.getByTestId('release-row'));
    await shot(env, manager.page, 'releases-pc-to-approve-en');
    await manager.page.getByTestId('release-row').first().click();
    await visible(manager.page.getByTestId('release-approve').getByText(t('releases.actions.approve')));
    await shot(env, manager.page, 'releases-pc-release-en', { fullPage: true });
    await manager.page.goto(`${env.baseUrl}/releases/calendar`);
    await visible(manager.page.getByTestId('calendar-release'));
    await shot(env, manager.page, 'releases-pc-calendar-en', { fullPage: true });
    const phone = await apiSignIn(env, locale, PHONE, 'liwei', '/m/releases');
    await visible(phone.page.getByText(t('releases.mobile.toApprove'), { exact: false }));
    await phoneShot(env, phone.page, 'releases-phone-to-approve-en');
    for (const session of [manager, phone]) await session.context.close();
  },
};

export const releaseJourneys = [lifecycleJourney, englishJourney];
