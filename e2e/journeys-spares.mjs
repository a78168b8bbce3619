// Spare parts 备件: the asset admin books a two-line inbound receipt on the PC; an engineer issues a
// part to a ticket from the ticket page's 备件 card and sees the balance drop in the item's ledger;
// issuing more than is in stock is refused with the server's message; and an issue that takes an item
// below its minimum lights the asset admin's bell. Then a short en-US pass over the item list.
import { apiCall, apiPcSignIn, shot, TIMEOUT, text, visible } from './journeys.mjs';

/** Picks an option of an antd Select by typing `search` and clicking the option containing `label`. */
async function choose(page, select, search, label) {
  await select.click();
  if (search) await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first();
  await option.waitFor({ state: 'visible', timeout: TIMEOUT });
  await option.click();
}

/** A ticket in progress, assigned to zhoujie (desktop team), submitted by zhangmin. */
async function ticketForZhoujie(env, stamp) {
  const requester = await apiPcSignIn(env, 'zh-CN', 'zhangmin', '/');
  const desk = await apiPcSignIn(env, 'zh-CN', 'wangfang', '/');
  const engineer = await apiPcSignIn(env, 'zh-CN', 'zhoujie', '/');
  const zhoujie = await apiCall(engineer, 'GET', '/api/auth/me');
  const teams = await apiCall(desk, 'GET', '/api/teams');
  const team = (teams.items ?? teams).find((candidate) => candidate.members.some((member) => member.id === zhoujie.id));
  let ticket = await apiCall(requester, 'POST', '/api/tickets', {
    title: `门店收银台 ${stamp} 鼠标失灵`,
    description: '收银台的无线鼠标点击没有反应，换了电池也不行。',
    catalogItemId: null,
    formValues: {},
    channel: 'pc',
    attachmentIds: [],
  });
  ticket = await apiCall(desk, 'POST', `/api/tickets/${ticket.id}/actions/assign`, {
    version: ticket.version,
    teamId: team.id,
    assigneeId: zhoujie.id,
  });
  ticket = await apiCall(engineer, 'POST', `/api/tickets/${ticket.id}/actions/accept`, { version: ticket.version });
  await requester.context.close();
  await desk.context.close();
  await engineer.context.close();
  return ticket;
}

const sparesJourney = {
  name: 'Spare parts: asset admin books a two-line inbound receipt → engineer issues a part from the ticket page and the ledger balance drops → over-issue refused with the message → low stock reaches the bell (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const stamp = `BJ${Date.now().toString(36).slice(-5).toUpperCase()}`;

    // The asset admin (林娜) sees the 备件 menu and the item list.
    const admin = await apiPcSignIn(env, locale, 'linna', '/spares/items');
    await visible(admin.page.getByTestId('side-menu').getByText(t('spares.title'), { exact: true }));
    await visible(admin.page.getByTestId('spare-item-row'));
    await shot(env, admin.page, `pc-spares-items-${locale}`);
    const mouse = (await apiCall(admin, 'GET', '/api/spares/items?q=BJ-MS-002')).items[0];
    const hq = mouse.stock.find((s) => s.warehouse.name === '总部 IT 备件库');
    const before = hq?.quantity ?? 0;

    // A two-line receipt into the HQ warehouse.
    await admin.page.getByTestId('spares-receive').click();
    await admin.page.waitForURL(/\/spares\/receipt$/);
    const receipt = admin.page.getByTestId('spare-receipt-page');
    await choose(admin.page, receipt.getByTestId('receipt-warehouse'), '', '总部 IT 备件库');
    await receipt.getByTestId('receipt-supplier').fill(`京东企业购 ${stamp}`);
    const lines = receipt.getByTestId('receipt-line');
    await choose(admin.page, lines.nth(0).getByTestId('spare-item-select'), 'BJ-MS-002', '无线鼠标');
    await lines.nth(0).getByTestId('receipt-quantity').fill('5');
    await lines.nth(0).getByTestId('receipt-price').fill('59');
    await receipt.getByTestId('receipt-add-line').click();
    await choose(admin.page, lines.nth(1).getByTestId('spare-item-select'), 'BJ-PRT-002', '硒鼓 HP 12A');
    await lines.nth(1).getByTestId('receipt-quantity').fill('3');
    await shot(env, admin.page, `pc-spares-receipt-${locale}`);
    await receipt.getByTestId('receipt-submit').click();
    await admin.page.waitForURL(/\/spares\/ledger$/);
    const ledger = admin.page.getByTestId('spare-ledger');
    await visible(
      ledger
        .locator('tr')
        .filter({ hasText: `京东企业购 ${stamp}` })
        .filter({ hasText: '无线鼠标' }),
    );
    await visible(
      ledger
        .locator('tr')
        .filter({ hasText: `京东企业购 ${stamp}` })
        .filter({ hasText: '硒鼓 HP 12A' }),
    );
    await shot(env, admin.page, `pc-spares-ledger-${locale}`);
    const received = (await apiCall(admin, 'GET', `/api/spares/items/${mouse.id}`)).stock.find(
      (s) => s.warehouse.id === hq.warehouse.id,
    ).quantity;
    if (received !== before + 5) throw new Error(`stock after the receipt: ${before} → ${received}`);

    // An engineer issues one from the ticket page's 备件 card.
    const ticket = await ticketForZhoujie(env, stamp);
    const engineer = await apiPcSignIn(env, locale, 'zhoujie', `/tickets/${ticket.id}`);
    const card = engineer.page.getByTestId('ticket-spares-card');
    await visible(card.getByText(t('spares.ticketCard.empty')));
    await card.getByTestId('ticket-spares-issue').click();
    const form = engineer.page.getByTestId('spare-issue-form');
    await visible(form);
    await choose(engineer.page, form.getByTestId('spare-item-select'), 'BJ-MS-002', '无线鼠标');
    await choose(engineer.page, form.getByTestId('spare-warehouse-select'), '', '总部 IT 备件库');
    await form.getByTestId('spare-quantity').fill('1');
    await shot(env, engineer.page, `pc-spares-issue-dialog-${locale}`);
    await engineer.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached', timeout: TIMEOUT });
    await visible(card.getByTestId('ticket-spare-row').filter({ hasText: '无线鼠标' }));
    await visible(engineer.page.getByTestId('timeline').getByText('领用备件 无线鼠标 × 1 个', { exact: false }));
    await card.scrollIntoViewIfNeeded();
    await shot(env, engineer.page, `pc-ticket-spares-card-${locale}`);

    // Asking for more than there is: refused with the server's words, nothing issued.
    await card.getByTestId('ticket-spares-issue').click();
    await visible(form);
    await choose(engineer.page, form.getByTestId('spare-item-select'), 'BJ-MS-002', '无线鼠标');
    await choose(engineer.page, form.getByTestId('spare-warehouse-select'), '', '总部 IT 备件库');
    await form.getByTestId('spare-quantity').fill('9999');
    await engineer.page.locator('.ant-modal-footer .ant-btn-primary').click();
    const refusal = t('errors.insufficientStock', {
      warehouse: '总部 IT 备件库',
      item: '无线鼠标',
      available: before + 4,
      unit: '个',
      requested: 9999,
    });
    await visible(engineer.page.locator('.ant-message').getByText(refusal));
    await shot(env, engineer.page, `pc-spares-insufficient-${locale}`);
    await engineer.page.locator('.ant-modal-footer .ant-btn-default').click();
    if ((await card.getByTestId('ticket-spare-row').count()) !== 1) throw new Error('the refused issue left a row');

    // The item's ledger: the newest row is the issue, −1, balance one lower than after the receipt.
    await card.getByTestId('ticket-spare-row').getByRole('link', { name: '无线鼠标' }).click();
    await engineer.page.waitForURL(new RegExp(`/spares/items/${mouse.id}$`));
    const itemLedger = engineer.page.getByTestId('spare-ledger');
    const newest = itemLedger.locator('tbody tr.ant-table-row').first();
    await visible(newest.getByText(ticket.number));
    const balance = (await newest.getByTestId('ledger-balance').textContent()).trim();
    if (balance !== `${before + 4} 个`) throw new Error(`ledger balance ${balance}, expected ${before + 4} 个`);
    if ((await newest.getByTestId('ledger-quantity').textContent()).trim() !== '-1') throw new Error('the ledger row is not −1');
    await shot(env, engineer.page, `pc-spares-item-${locale}`);

    // An item one issue away from its minimum: the engineer's issue crosses it, the admin's bell counts up live.
    const item = await apiCall(admin, 'POST', '/api/spares/items', {
      code: `BJ-E2E-${stamp}`,
      name: `工业扫码枪 ${stamp}`,
      unit: '把',
      category: '外设',
      minStock: 2,
    });
    await apiCall(admin, 'POST', '/api/spares/receipts', { warehouseId: hq.warehouse.id, lines: [{ itemId: item.id, quantity: 2 }] });
    await admin.page.goto('/spares/low-stock');
    const bell = admin.page.getByTestId('notification-bell');
    await visible(bell);
    await admin.page.waitForTimeout(800);
    const unread = Number(await bell.getAttribute('data-count'));
    await apiCall(engineer, 'POST', '/api/spares/issues', {
      itemId: item.id,
      warehouseId: hq.warehouse.id,
      quantity: 1,
      target: { type: 'ticket', ticketId: ticket.id },
    });
    await admin.page.locator(`[data-testid=notification-bell][data-count="${unread + 1}"]`).waitFor({ timeout: TIMEOUT });
    await bell.click();
    const note = admin.page
      .getByTestId('notification-panel')
      .getByTestId('notification-item')
      .filter({ hasText: `工业扫码枪 ${stamp}` });
    await visible(note);
    await shot(env, admin.page, `pc-spares-bell-${locale}`);
    await admin.page.keyboard.press('Escape');
    await admin.page.reload();
    await visible(admin.page.getByTestId('spares-low-stock').getByText(`工业扫码枪 ${stamp}`));
    await shot(env, admin.page, `pc-spares-low-stock-${locale}`);
    await admin.page.goto('/spares/warehouses');
    await visible(admin.page.getByTestId('spare-warehouses-page').getByText('门店备件周转库'));
    await shot(env, admin.page, `pc-spares-warehouses-${locale}`);
    await admin.context.close();
    await engineer.context.close();
  },
};

const sparesEnglishJourney = {
  name: 'Spare parts in English: the item list and an item page (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const admin = await apiPcSignIn(env, locale, 'linna', '/spares/items');
    await visible(admin.page.getByRole('heading', { name: t('spares.nav.items') }));
    await visible(admin.page.getByTestId('spare-item-row'));
    await shot(env, admin.page, `pc-spares-items-${locale}`);
    await admin.page.getByTestId('spare-item-row').first().getByRole('link').click();
    await visible(admin.page.getByTestId('spare-item-page').getByText(t('spares.itemPage.ledger')));
    await shot(env, admin.page, `pc-spares-item-${locale}`);
    await admin.context.close();
  },
};

export const sparesJourneys = [sparesJourney, sparesEnglishJourney];
