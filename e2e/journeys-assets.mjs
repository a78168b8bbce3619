// Asset journeys: the asset admin registers a laptop on PC and issues it; the holder confirms receipt
// on the phone and transfers it to a colleague, who confirms on the phone; the admin records a repair
// and its completion, takes it back and asks to scrap it; the IT manager approves; a requester who
// does not hold it gets the not-found page. Along the way: the register's filters, the QR label (the
// code holds the tag), the import page and the phone's 我的资产.
import { apiPcSignIn, apiSignIn, PHONE, phoneShot, shot, TIMEOUT, text, visible } from './journeys.mjs';

async function phoneSignIn(env, locale, username, path) {
  return apiSignIn(env, locale, PHONE, username, path);
}

/** Picks an option in the open antd select dropdown. */
async function pickOption(page, label) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
  await option.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.waitForTimeout(200);
  await option.first().click();
}

/** Runs an operation from the asset page's buttons: fills the modal's fields, confirms, waits for the result. */
async function operate(page, env, operation, fill = async () => {}) {
  await page.getByTestId(`op-${operation}`).click();
  const modal = page.locator('.ant-modal:visible');
  await visible(modal);
  await fill(modal);
  await page.getByTestId('operation-ok').click();
  const done = text(env, 'zh-CN', 'assets.detail.done');
  const error = page.locator('.ant-message-error');
  const outcome = await Promise.race([
    page
      .getByText(done)
      .first()
      .waitFor({ timeout: TIMEOUT })
      .then(() => null),
    error
      .first()
      .waitFor({ timeout: TIMEOUT })
      .then(async () => error.first().innerText()),
  ]);
  if (outcome) throw new Error(`${operation} refused: ${outcome}`);
  await modal.waitFor({ state: 'detached', timeout: TIMEOUT }).catch(() => {});
}

async function expectStatus(page, env, status) {
  await visible(
    page
      .getByTestId('asset-page')
      .getByTestId('asset-status')
      .filter({ hasText: text(env, 'zh-CN', `assets.status.${status}`) }),
  );
}

const lifecycleJourney = {
  name: 'Assets: admin registers and issues a laptop (PC) → holder confirms on the phone and transfers to a colleague who confirms → repair → scrap approved by the IT manager → a requester gets not-found; QR label holds the tag (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = Date.now().toString(36).toUpperCase();
    const name = `联想 ThinkPad X1 ${stamp}`;

    // The register, populated by the demo, with its filters.
    const admin = await apiPcSignIn(env, locale, 'linna', '/assets');
    const page = admin.page;
    await visible(page.getByTestId('asset-row-link'));
    await shot(env, page, 'assets-pc-register');
    await page.getByTestId('asset-filter-status').click();
    await pickOption(page, t('assets.status.in_repair'));
    await visible(page.locator('.ant-table-row').first().getByText(t('assets.status.in_repair')));
    await shot(env, page, 'assets-pc-register-in-repair');

    // Inbound: the form, then the asset page with its new tag, in stock.
    await page.getByTestId('asset-new').click();
    await visible(page.getByTestId('asset-new-page'));
    await page.getByTestId('asset-save').click();
    await visible(page.getByText(t('common.required')).first());
    await page.getByTestId('asset-field-category').click();
    await pickOption(page, '笔记本电脑');
    await page.getByTestId('asset-field-name').fill(name);
    await page.getByTestId('asset-field-serial').fill(`PF-${stamp}`);
    await page.getByTestId('asset-field-price').fill('9999');
    await page.getByTestId('asset-field-location').click();
    await pickOption(page, 'IT 库房');
    await shot(env, page, 'assets-pc-new');
    await page.getByTestId('asset-save').click();
    await visible(page.getByTestId('asset-page'));
    const tag = (await page.getByTestId('asset-tag').innerText()).trim();
    if (!/^ZC-\d{6}$/.test(tag)) throw new Error(`unexpected tag ${tag}`);
    const assetUrl = new URL(page.url()).pathname;
    await expectStatus(page, env, 'in_stock');
    await visible(page.getByTestId('timeline').getByText(t('timeline.assetRegistered', { actor: '林娜', tag })));

    // Issue to 钱慧: in use, waiting for her receipt.
    await operate(page, env, 'issue', async (modal) => {
      await modal.locator('.ant-select').first().click();
      await page.keyboard.type('钱慧');
      await pickOption(page, '钱慧');
    });
    await expectStatus(page, env, 'in_use');
    await visible(page.getByTestId('asset-pending'));
    await shot(env, page, 'assets-pc-issued');

    // The holder confirms receipt on the phone (from 我的资产), then transfers it to 冯怡.
    const holder = await phoneSignIn(env, locale, 'qianhui', '/m/assets');
    await visible(holder.page.getByTestId('waiting-asset').filter({ hasText: name }));
    await phoneShot(env, holder.page, 'assets-phone-mine-waiting');
    await holder.page.getByTestId('waiting-asset').filter({ hasText: name }).click();
    await holder.page.getByTestId('m-receive').click();
    await visible(holder.page.getByTestId('m-transfer'));
    await phoneShot(env, holder.page, 'assets-phone-received');
    await holder.page.getByTestId('m-transfer').click();
    await holder.page.getByTestId('m-user-search').locator('input').fill('冯怡');
    await holder.page.getByTestId('m-user-option').filter({ hasText: '冯怡' }).first().click();
    await holder.page.locator('.adm-dialog-button').last().click();
    await visible(holder.page.getByText(t('assets.mobile.submitted')));

    // The colleague confirms transfer-in on the phone: she is now the holder.
    const colleague = await phoneSignIn(env, locale, 'fengyi', '/m/assets');
    await visible(colleague.page.getByTestId('waiting-asset').filter({ hasText: name }));
    await colleague.page.getByTestId('waiting-asset').filter({ hasText: name }).click();
    await visible(colleague.page.getByTestId('m-accept'));
    await phoneShot(env, colleague.page, 'assets-phone-transfer-in');
    await colleague.page.getByTestId('m-accept').click();
    await visible(colleague.page.getByTestId('asset-mobile-custodian').filter({ hasText: '冯怡' }));
    await colleague.page.goto('/m/assets');
    await visible(colleague.page.getByTestId('holding-asset').filter({ hasText: name }));
    await phoneShot(env, colleague.page, 'assets-phone-mine-holding');

    // Back on PC: repair and its completion, then the asset comes back and is put up for scrapping.
    await page.goto(assetUrl);
    await visible(page.getByTestId('asset-custodian').filter({ hasText: '冯怡' }));
    await operate(page, env, 'repair', async (modal) => {
      await modal.locator('#vendor').fill('联想授权服务站');
      await modal.locator('#fault').fill('键盘进水');
    });
    await expectStatus(page, env, 'in_repair');
    await operate(page, env, 'completeRepair', async (modal) => {
      await modal.locator('#result').fill('更换键盘后正常');
      await modal.locator('#cost').fill('480');
    });
    await expectStatus(page, env, 'in_use');
    await operate(page, env, 'return', async (modal) => {
      await modal.locator('.ant-select').first().click();
      await pickOption(page, 'IT 库房');
    });
    await expectStatus(page, env, 'in_stock');
    // Asking to scrap without a reason is refused by the form.
    await page.getByTestId('op-scrap').click();
    await page.getByTestId('operation-ok').click();
    await visible(page.locator('.ant-modal:visible').getByText(t('common.required')));
    await page.locator('.ant-modal:visible #reason').fill('进水后主板老化，维修不经济');
    await page.getByTestId('operation-ok').click();
    await visible(page.getByTestId('asset-pending'));
    await shot(env, page, 'assets-pc-scrap-requested');

    // The IT manager approves from the scrap approvals list.
    const manager = await apiPcSignIn(env, locale, 'liwei', '/assets/scrap-approvals');
    await visible(manager.page.getByTestId('scrap-row-link').filter({ hasText: tag }));
    await shot(env, manager.page, 'assets-pc-scrap-approvals');
    await manager.page.getByTestId('scrap-row-link').filter({ hasText: tag }).click();
    await operate(manager.page, env, 'approveScrap');
    await expectStatus(manager.page, env, 'scrapped');
    const history = manager.page.getByTestId('timeline');
    const entries = [
      ['assetIssued', { actor: '林娜', toUser: '钱慧' }],
      ['assetReceived', { actor: '钱慧' }],
      ['assetTransferRequested', { actor: '钱慧', fromUser: '钱慧', toUser: '冯怡' }],
      ['assetTransferred', { actor: '冯怡', fromUser: '钱慧', toUser: '冯怡' }],
      ['assetRepairStarted', { actor: '林娜', fault: '键盘进水', vendor: '联想授权服务站' }],
      ['assetRepairCompleted', { actor: '林娜', result: '更换键盘后正常' }],
      ['assetScrapApproved', { actor: '李伟' }],
    ];
    for (const [kind, values] of entries) await visible(history.getByText(t(`timeline.${kind}`, values), { exact: true }));
    await shot(env, manager.page, 'assets-pc-scrapped-history', { fullPage: true });

    // The QR label: one label whose data and caption are the tag.
    await page.goto(`/assets/labels?ids=${assetUrl.split('/').pop()}`);
    const label = page.getByTestId('asset-label');
    await visible(label);
    if ((await label.getAttribute('data-tag')) !== tag) throw new Error('the label does not carry the tag');
    await visible(label.getByText(tag, { exact: true }));
    await shot(env, page, 'assets-pc-label');

    // A requester who does not hold it: the not-found page, not the asset.
    const requester = await apiPcSignIn(env, locale, 'zhangmin', assetUrl);
    await visible(requester.page.getByText(t('shell.notFoundTitle')));
    if (await requester.page.getByTestId('asset-page').count()) throw new Error('the requester saw the asset');
    await shot(env, requester.page, 'assets-pc-requester-not-found');

    // Import: the template as downloaded (one sample row) goes in; the same file again is refused by row.
    await page.goto('/assets/import');
    await visible(page.getByTestId('asset-import-template'));
    const template = await admin.context.request.get('/api/assets/import/template');
    if (!template.ok()) throw new Error(`template: ${template.status()}`);
    const file = {
      name: 'assets.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await template.body(),
    };
    await page.getByTestId('asset-import-page').locator('input[type=file]').setInputFiles(file);
    await visible(page.getByTestId('asset-import-done'));
    await page.getByTestId('asset-import-page').locator('input[type=file]').setInputFiles(file);
    await visible(page.getByTestId('asset-import-errors'));
    await visible(page.locator('.ant-table-row').filter({ hasText: t('assets.import.serialTaken', { value: 'SAMPLE-SN-0001' }) }));
    await shot(env, page, 'assets-pc-import');
    await page.goto('/assets/settings');
    await visible(page.getByText('笔记本电脑').first());
    await shot(env, page, 'assets-pc-settings');

    for (const session of [admin, holder, colleague, manager, requester]) await session.context.close();
  },
};

const englishJourney = {
  name: 'Assets en-US: register, an asset page with its history, scrap approvals, and the phone’s My assets with a transfer to confirm',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const admin = await apiPcSignIn(env, locale, 'linna', '/assets');
    await visible(admin.page.getByText(t('assets.register')).first());
    await visible(admin.page.getByTestId('asset-row-link'));
    await shot(env, admin.page, 'assets-pc-register-en');
    await admin.page.getByTestId('asset-row-link').first().click();
    await visible(admin.page.getByTestId('asset-page'));
    await visible(admin.page.getByText(t('assets.detail.history')));
    await shot(env, admin.page, 'assets-pc-asset-en');

    const manager = await apiPcSignIn(env, locale, 'liwei', '/assets/scrap-approvals');
    await visible(manager.page.getByTestId('scrap-row-link'));
    await shot(env, manager.page, 'assets-pc-scrap-approvals-en');

    // zhangmin's demo state: a laptop she holds and a monitor a colleague is handing her.
    const phone = await apiSignIn(env, locale, PHONE, 'zhangmin', '/m/assets');
    await visible(phone.page.getByText(t('assets.mobile.waiting')));
    await visible(phone.page.getByTestId('waiting-asset').getByText(t('assets.pendingTag.transfer')));
    await visible(phone.page.getByTestId('holding-asset'));
    await phoneShot(env, phone.page, 'assets-phone-mine-en');
    await phone.page.getByTestId('waiting-asset').first().click();
    await visible(phone.page.getByTestId('m-accept').getByText(t('assets.mobile.confirmTransfer')));
    await phoneShot(env, phone.page, 'assets-phone-asset-en');

    for (const session of [admin, manager, phone]) await session.context.close();
  },
};

export const assetJourneys = [lifecycleJourney, englishJourney];
