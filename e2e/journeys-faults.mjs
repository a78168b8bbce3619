// Fault journeys: the IT manager sees the demo faults, registers one on PC, responds, confirms
// recovery, writes the review (no action needed), closes it with the root cause; reads the
// availability analysis (POS missed its target in the P1's month) and the corrective actions; an
// engineer responds to a fault assigned to him and comments on the phone. An English pass reads the
// same pages in en-US.
import { apiCall, apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

async function pickOption(page, label) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
  await option.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForTimeout(200);
  await option.first().click();
}

async function expectStatus(page, env, locale, status) {
  await visible(page.getByTestId('fault-status').filter({ hasText: text(env, locale, `faults.status.${status}`) }));
}

/** Confirms the open dialog and waits until it has gone (an error message fails the step). */
async function confirmModal(page) {
  const modal = page.locator('.ant-modal:visible');
  await modal.locator('.ant-btn-primary').last().click();
  const error = page.locator('.ant-message-error');
  const outcome = await Promise.race([
    modal.waitFor({ state: 'detached', timeout: TIMEOUT }).then(() => null),
    error
      .first()
      .waitFor({ timeout: TIMEOUT })
      .then(async () => error.first().innerText()),
  ]);
  if (outcome) throw new Error(`refused: ${outcome}`);
}

const lifecycleJourney = {
  name: 'Faults: the IT manager registers a fault, responds, recovers, reviews and closes it (PC); availability shows the missed target; an engineer responds and comments on the phone (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = Date.now().toString(36).toUpperCase();
    const title = `ERP 登录页面报错 ${stamp}`;

    const manager = await apiPcSignIn(env, locale, 'liwei', '/faults');
    const page = manager.page;
    await visible(page.getByTestId('fault-table').locator('.ant-table-row'));
    await shot(env, page, 'faults-pc-list');
    await page.getByTestId('fault-views').getByText(t('faults.views.overdue')).click();
    await visible(page.getByTestId('fault-table').getByText('企业邮箱附件上传失败'));
    await shot(env, page, 'faults-pc-overdue');

    // Register: the form refuses an empty title, then takes the fault.
    await page.getByTestId('fault-new').click();
    await visible(page.getByTestId('fault-new-page'));
    await page.getByTestId('fault-submit').click();
    await visible(page.getByText(t('validation.required')).first());
    await page.getByTestId('fault-title').fill(title);
    await page.getByTestId('fault-systems').click();
    await pickOption(page, 'ERP 企业资源计划');
    await page.keyboard.press('Escape');
    await page.getByTestId('fault-team').click();
    await pickOption(page, '应用支持组');
    await shot(env, page, 'faults-pc-new');
    await page.getByTestId('fault-submit').click();
    await visible(page.getByTestId('fault-page'));
    await expectStatus(page, env, locale, 'new');
    await shot(env, page, 'faults-pc-detail-new');

    // Respond, recover with the resolution.
    await page.getByTestId('fault-respond').click();
    await expectStatus(page, env, locale, 'in_progress');
    await page.getByTestId('fault-recover').click();
    await page.getByTestId('fault-resolution').fill('清理会话缓存并重启登录服务');
    await confirmModal(page);
    await expectStatus(page, env, locale, 'recovered');

    // Review with "no action needed", completed.
    await page.getByTestId('fault-review-edit').click();
    await page.getByTestId('fault-review-summary').fill('会话缓存写满导致登录报错');
    await page.getByTestId('fault-review-analysis').fill('缓存未设置过期时间');
    await page.getByText(t('faults.review.noActionNeeded')).click();
    await page.getByTestId('fault-review-save').click();
    await visible(page.getByTestId('fault-review-complete'));
    await page.getByTestId('fault-review-complete').click();
    await visible(page.getByText(t('faults.review.completed', { by: '李伟', at: '' }).slice(0, 4)));

    // Close with cause and root cause.
    await page.getByTestId('fault-close').click();
    await page.getByTestId('fault-cause').click();
    await pickOption(page, t('faults.cause.software'));
    await page.getByTestId('fault-root-cause').fill('登录服务会话缓存没有过期策略');
    await confirmModal(page);
    await expectStatus(page, env, locale, 'closed');
    await shot(env, page, 'faults-pc-detail-closed', { fullPage: true });

    // The demo's reviewed P1 with its corrective actions.
    await page.goto('/faults?view=all');
    await page.getByTestId('fault-search').locator('input').fill('POS 门店收银全部中断');
    await page.getByTestId('fault-search').locator('input').press('Enter');
    await page.getByTestId('fault-table').getByText('POS 门店收银全部中断').click();
    await visible(page.getByTestId('fault-review').getByText('连接池使用率监控与告警'));
    await shot(env, page, 'faults-pc-p1-review', { fullPage: true });

    // Availability: pick the P1's month; POS misses its target.
    await page.goto('/faults/availability');
    await visible(page.getByTestId('availability-table').locator('.ant-table-row'));
    const p1Month = new Date();
    p1Month.setDate(1);
    p1Month.setMonth(p1Month.getMonth() - 2);
    const monthText = `${p1Month.getFullYear()}-${String(p1Month.getMonth() + 1).padStart(2, '0')}`;
    await page.getByTestId('availability-anchor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(monthText);
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('availability-table').getByText(t('faults.availability.missed')));
    await visible(page.getByTestId('availability-bars').locator('canvas'));
    await page.waitForTimeout(800);
    await shot(env, page, 'faults-pc-availability', { fullPage: true });
    await page.goto('/faults/actions');
    await page.getByText(t('faults.reviewActions.views.open')).click();
    await visible(page.getByTestId('fault-actions-table').getByText('连接池使用率监控与告警'));
    await shot(env, page, 'faults-pc-actions');

    // Phone: a fault assigned to 马超 (machao); he responds and comments.
    const created = await apiCall(manager, 'POST', '/api/faults', {
      title: `CRM 报表导出失败 ${stamp}`,
      severity: 'P3',
      systemIds: [(await apiCall(manager, 'GET', '/api/faults/options')).systems.find((s) => s.name.startsWith('CRM')).id],
      startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      detectedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      assigneeId: (await apiCall(manager, 'GET', '/api/users?q=machao')).items[0].id,
    });
    // The engineer finds 我的故障 under 我的 on the phone.
    const phone = await apiSignIn(env, locale, PHONE, 'machao', '/m/mine');
    const m = phone.page;
    await visible(m.getByTestId('mine-incidents'));
    await phoneShot(env, m, 'faults-phone-mine-menu');
    await m.getByTestId('mine-faults').click();
    await visible(m.getByTestId('faults-mobile').getByText(created.title));
    await phoneShot(env, m, 'faults-phone-list');
    await m.getByText(created.title).click();
    await visible(m.getByTestId('fault-mobile'));
    await m.getByTestId('m-fault-respond').click();
    await visible(m.getByTestId('m-fault-status').filter({ hasText: t('faults.status.in_progress') }));
    await m.getByTestId('m-fault-comment').locator('textarea').fill('已联系 CRM 厂商排查');
    await m.getByTestId('m-fault-comment-send').click();
    await visible(m.getByText(t('faults.mobile.commentDone')));
    await phoneShot(env, m, 'faults-phone-detail');
    await phone.context.close();
    await manager.context.close();
  },
};

const englishJourney = {
  name: 'Faults: the list, a fault, availability and corrective actions read in English (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const session = await apiPcSignIn(env, locale, 'liwei', '/faults');
    const page = session.page;
    await visible(page.getByTestId('fault-table').locator('.ant-table-row'));
    await visible(page.getByText(t('faults.views.overdue')));
    await shot(env, page, 'faults-pc-list-en');
    await page.getByTestId('fault-table').locator('.ant-table-row a').first().click();
    await visible(page.getByTestId('fault-page'));
    await visible(page.getByText(t('faults.detail.basics')));
    await shot(env, page, 'faults-pc-detail-en', { fullPage: true });
    await page.goto('/faults/availability');
    await visible(page.getByTestId('availability-table').locator('.ant-table-row'));
    await visible(page.getByText(t('faults.availability.chartBars')));
    await page.waitForTimeout(800);
    await shot(env, page, 'faults-pc-availability-en', { fullPage: true });
    await session.context.close();
  },
};

export const faultJourneys = [lifecycleJourney, englishJourney];
