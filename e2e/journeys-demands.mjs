// Demand journeys: a store manager submits a demand on PC; the system's analyst accepts it and evaluates
// the solution; the retail head approves it on the phone; the analyst dispatches a task, logs hours and
// registers a test round; the IT manager reads the efficiency metrics; a requester rates a delivered
// demand on the phone. Then an English pass over the list, a demand page, the metrics and the phone.
import { apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

/** Picks an option in the open antd select dropdown. */
async function pickOption(page, label) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
  await option.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForTimeout(200);
  await option.first().click();
}

/** Types a date into an antd DatePicker inside `scope`. */
async function fillDate(page, scope, testId, value) {
  const input = scope
    .getByTestId(testId)
    .locator('input')
    .or(scope.locator(`input[data-testid="${testId}"]`))
    .first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape').catch(() => {});
}

/** Confirms the open dialog and waits for the success message (or throws the error shown). */
async function confirm(page, okTestId, doneText) {
  await page.getByTestId(okTestId).click();
  const error = page.locator('.ant-message-error');
  const outcome = await Promise.race([
    page
      .getByText(doneText)
      .first()
      .waitFor({ timeout: TIMEOUT })
      .then(() => null),
    error
      .first()
      .waitFor({ timeout: TIMEOUT })
      .then(async () => error.first().innerText()),
  ]);
  if (outcome) throw new Error(`refused: ${outcome}`);
  await page
    .locator('.ant-modal:visible')
    .first()
    .waitFor({ state: 'detached', timeout: TIMEOUT })
    .catch(() => {});
}

const flowJourney = {
  name: 'Demands: store manager submits (PC) → analyst accepts and evaluates → retail head approves on the phone → tasks, hours and a test round → metrics → a requester rates a delivery on the phone (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const title = `门店会员生日券自动发放 ${Date.now().toString(36).toUpperCase()}`;

    // 施雨 (store manager) submits a demand for POS.
    const requester = await apiPcSignIn(env, locale, 'shiyu', '/demands');
    let page = requester.page;
    await visible(page.getByTestId('demands-page'));
    await shot(env, page, 'demands-pc-mine');
    await page.getByTestId('demand-new').click();
    await visible(page.getByTestId('demand-new-page'));
    await page.getByTestId('demand-submit').click();
    await visible(page.locator('.ant-form-item-explain-error').first());
    await page.getByTestId('demand-system').click();
    await page.keyboard.type('POS');
    await pickOption(page, 'POS 门店收银');
    await visible(page.getByText(t('demands.form.systemHint', { name: '胡琳' })));
    await page.getByTestId('demand-title').fill(title);
    await page.getByTestId('demand-background').fill('会员生日当月自动发放一张 20 元无门槛券，店员在收银时可直接核销，减少人工发券。');
    await shot(env, page, 'demands-pc-submit-form');
    await page.getByTestId('demand-submit').click();
    await visible(page.getByTestId('demand-page'));
    await visible(page.getByTestId('demand-page').getByText(t('demands.status.submitted')).first());
    const demandUrl = page.url();
    await shot(env, page, 'demands-pc-submitted');

    // 胡琳 (POS analyst) finds it to accept, accepts and evaluates.
    const analyst = await apiPcSignIn(env, locale, 'hulin', '/demands?view=toAccept');
    page = analyst.page;
    await visible(page.getByText(title));
    await shot(env, page, 'demands-pc-to-accept');
    await page.goto(demandUrl);
    await page.getByTestId('demand-action-accept').click();
    await confirm(page, 'demand-action-ok', t('demands.done.accept'));
    await page.getByTestId('demand-action-evaluate').click();
    const modal = page.locator('.ant-modal:visible');
    await visible(modal);
    await modal
      .getByTestId('demand-solution')
      .fill('在 POS 会员模块增加生日券规则：每月 1 日批量生成，收银时自动识别可用券并核销，核销记录进入营销报表。');
    await modal.getByTestId('demand-effort').locator('input').or(modal.locator('input[data-testid="demand-effort"]')).first().fill('6.5');
    await fillDate(page, modal, 'demand-planned', '2026-12-20');
    await shot(env, page, 'demands-pc-evaluate');
    await confirm(page, 'demand-action-ok', t('demands.done.evaluate'));
    await visible(page.getByTestId('demand-evaluation').getByText('6.5'));
    await visible(page.getByText('吕萍').first());

    // 吕萍 (retail head) approves on the phone.
    const supervisor = await apiSignIn(env, locale, PHONE, 'lvping', '/m/demands');
    const phone = supervisor.page;
    await visible(phone.getByText(title));
    await phoneShot(env, phone, 'demands-phone-to-approve');
    await phone.getByText(title).click();
    await visible(phone.getByTestId('m-demand-solution'));
    await phoneShot(env, phone, 'demands-phone-demand');
    await phone.getByTestId('m-demand-approve').click();
    await phone.locator('.adm-dialog-footer .adm-dialog-button').last().click();
    await visible(phone.getByText(t('demands.status.implementing')).first());
    await phoneShot(env, phone, 'demands-phone-approved');

    // Implementation: a task for 何雨, done; hours; a test round.
    await page.reload();
    await visible(page.getByTestId('demand-implementation'));
    await page.getByTestId('demand-add-task').click();
    let dialog = page.locator('.ant-modal:visible');
    await dialog.getByTestId('task-title').fill('生日券规则与核销开发');
    await dialog.locator('.ant-select').first().click();
    await page.keyboard.type('何雨');
    await pickOption(page, '何雨');
    await dialog.getByTestId('task-hours').locator('input').or(dialog.locator('input[data-testid="task-hours"]')).first().fill('24');
    await confirm(page, 'demand-impl-ok', t('demands.tasks.added'));
    await page.getByTestId('demand-task-status').first().click();
    await pickOption(page, t('demands.tasks.statuses.done'));
    await visible(page.getByText(t('demands.tasks.updated')).first());
    await visible(page.getByText('100%').first());
    await page.getByRole('tab', { name: new RegExp(t('demands.workLogs.title')) }).click();
    await page.getByTestId('demand-add-work').click();
    dialog = page.locator('.ant-modal:visible');
    await dialog.getByTestId('work-hours').locator('input').or(dialog.locator('input[data-testid="work-hours"]')).first().fill('6');
    await confirm(page, 'demand-impl-ok', t('demands.workLogs.added'));
    await visible(page.getByText(t('demands.workLogs.total', { hours: 6 })).first());
    await page.getByRole('tab', { name: new RegExp(t('demands.tests.title')) }).click();
    await page.getByTestId('demand-add-test').click();
    dialog = page.locator('.ant-modal:visible');
    for (const [field, value] of [
      ['casesRun', '30'],
      ['passed', '30'],
      ['failed', '0'],
    ])
      await dialog
        .getByTestId(`test-${field}`)
        .locator('input')
        .or(dialog.locator(`input[data-testid="test-${field}"]`))
        .first()
        .fill(value);
    await confirm(page, 'demand-impl-ok', t('demands.tests.added'));
    await visible(page.getByText(t('demands.tests.roundN', { round: 1 })));
    await shot(env, page, 'demands-pc-implementation');

    // 李伟 (IT manager): all demands, overdue filter, efficiency metrics.
    const manager = await apiPcSignIn(env, locale, 'liwei', '/demands?view=all');
    await visible(manager.page.getByTestId('demand-row-link'));
    await shot(env, manager.page, 'demands-pc-all');
    await manager.page.getByTestId('demand-metrics-link').click();
    await visible(manager.page.getByTestId('demand-metrics-page'));
    await visible(manager.page.getByText(t('demands.metrics.allSystems')));
    await shot(env, manager.page, 'demands-pc-metrics');
    await manager.page.goto(new URL('/demands/division', manager.page.url()).href);
    await visible(manager.page.getByText('胡琳').first());
    await shot(env, manager.page, 'demands-pc-division');

    // 张敏 rates her delivered demand on the phone.
    const rater = await apiSignIn(env, locale, PHONE, 'zhangmin', '/m/demands?tab=mine');
    await visible(
      rater.page
        .getByTestId('m-demand-row')
        .filter({ hasText: t('demands.status.delivered') })
        .first(),
    );
    await phoneShot(env, rater.page, 'demands-phone-mine');
    await rater.page
      .getByTestId('m-demand-row')
      .filter({ hasText: t('demands.status.delivered') })
      .first()
      .click();
    await visible(rater.page.getByTestId('m-demand-rate'));
    await rater.page.getByTestId('m-demand-rate').locator('[role=radio][aria-label="5"]').tap();
    await rater.page.getByTestId('m-demand-rate-submit').click();
    await visible(rater.page.getByText(t('demands.status.closed')).first());
    await phoneShot(env, rater.page, 'demands-phone-rated');

    for (const session of [requester, analyst, supervisor, manager, rater]) await session.context.close();
  },
};

const englishJourney = {
  name: 'Demands in English: the list, a demand page with its implementation, the metrics, the phone approval list (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const manager = await apiPcSignIn(env, locale, 'liwei', '/demands?view=implementing');
    await visible(manager.page.getByTestId('demand-row-link'));
    await visible(manager.page.getByText(t('demands.views.implementing')).first());
    await shot(env, manager.page, 'demands-pc-implementing-en');
    await manager.page.getByTestId('demand-row-link').first().click();
    await visible(manager.page.getByTestId('demand-implementation'));
    await shot(env, manager.page, 'demands-pc-demand-en');
    await manager.page.goto(new URL('/demands/metrics', manager.page.url()).href);
    await visible(manager.page.getByText(t('demands.metrics.stageTitle')));
    await shot(env, manager.page, 'demands-pc-metrics-en');
    const phone = await apiSignIn(env, locale, PHONE, 'lvping', '/m/demands');
    await visible(phone.page.getByText(t('demands.mobile.toApprove')).first());
    await phoneShot(env, phone.page, 'demands-phone-to-approve-en');
    for (const session of [manager, phone]) await session.context.close();
  },
};

export const demandJourneys = [flowJourney, englishJourney];
