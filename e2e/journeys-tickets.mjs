// Ticket journeys: a requester submits on the phone with a photo, the team pool on PC shows it live,
// engineers claim, transfer, hold (SLA paused), resume and resolve, the requester rates on the phone.
// Then a shorter en-US pass over the catalogue, submit and detail pages on both ends.
import { apiCall, apiPcSignIn, apiSignIn, PHONE, phoneShot, png, shot, TIMEOUT, text, visible } from './journeys.mjs';

async function phoneSignIn(env, locale, username, path = '/m') {
  const signedIn = await apiSignIn(env, locale, PHONE, username, path);
  if (path === '/m') await visible(signedIn.page.getByTestId('tab-bar'));
  return signedIn;
}

/** The ticket page's status, as the data attribute of its status tag. */
async function expectStatus(page, status) {
  await page.locator(`[data-testid=ticket-page] .ticket-header [data-status=${status}]`).first().waitFor({ timeout: TIMEOUT });
}

async function pcAction(page, action) {
  const button = page.locator(`[data-testid=ticket-actions] [data-action=${action}]`);
  if (await button.count()) {
    await button.click();
  } else {
    await page.getByTestId('more-actions').click();
    await page.getByRole('menuitem', { name: new RegExp(action, 'i') }).click();
  }
}

/**
 * Confirms an action's form and waits for its success message; if the app answers with an error
 * instead, fails with that message (a bare timeout would not say what the server refused).
 */
async function confirmAction(page, successText) {
  await page.getByTestId('action-ok').click();
  const error = page.locator('.ant-message-error');
  const success = page
    .getByText(successText)
    .first()
    .waitFor({ timeout: TIMEOUT })
    .then(() => null);
  const failure = error
    .first()
    .waitFor({ timeout: TIMEOUT })
    .then(async () => (await error.first().textContent()) ?? 'error');
  // The loser of the race times out later: that is not a failure of the journey.
  success.catch(() => {});
  failure.catch(() => {});
  const outcome = await Promise.race([success, failure]);
  if (outcome) throw new Error(`the action was refused: ${outcome}`);
}

/** Picks an option in an antd Select found by test id, and checks that it took. */
async function pickOption(page, testId, label) {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await select.click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label });
    await option.first().waitFor({ state: 'visible' });
    await page.waitForTimeout(250); // the dropdown slides in
    await option.first().click();
    if (await select.getByText(label).count()) return;
  }
  throw new Error(`could not pick "${label}" in ${testId}`);
}

/** Phone: pick the printer item, fill its form, add a photo, submit; returns the new ticket's id and number. */
async function submitOnPhone(env, page, locale, title) {
  const t = (key, values) => text(env, locale, key, values);
  await page.getByTestId('tab-bar').getByText(t('ticketsUi.tab'), { exact: true }).click();
  await visible(page.getByTestId('mobile-new-ticket'));
  await page.getByTestId('mobile-new-ticket').click();
  const item = page.getByTestId('mobile-catalog-item').filter({ hasText: locale === 'zh-CN' ? '打印机故障' : 'Printer problem' });
  await visible(item);
  await shot(env, page, `mobile-catalog-${locale}`);
  await item.first().click();
  const form = page.getByTestId('mobile-submit-form');
  await visible(form);
  const field = (label) => form.locator('.adm-form-item').filter({ hasText: label });
  await field(t('ticketsUi.catalog.ticketTitle')).locator('input').fill(title);
  await field(locale === 'zh-CN' ? '打印机位置' : 'Printer location')
    .locator('input')
    .fill(locale === 'zh-CN' ? '3 楼东侧茶水间旁' : '3F east');
  await field(locale === 'zh-CN' ? '故障现象' : 'Symptom')
    .getByText(locale === 'zh-CN' ? '卡纸' : 'Paper jam', { exact: true })
    .click();
  const photo = form.locator('input[type=file]');
  const accept = await photo.getAttribute('accept');
  const capture = await photo.getAttribute('capture');
  if (accept !== 'image/*' || capture === null) throw new Error(`photo input accept=${accept} capture=${capture}`);
  await photo.setInputFiles({ name: `printer-${locale}.png`, mimeType: 'image/png', buffer: png(120, 90) });
  await visible(form.locator('.adm-image-uploader-cell img'));
  await form.locator('.adm-image-uploader-cell-loading').waitFor({ state: 'detached', timeout: TIMEOUT });
  await shot(env, page, `mobile-submit-${locale}`);
  await page.getByTestId('mobile-submit').click();
  await page.waitForURL(/\/m\/tickets\/\d+$/);
  await visible(page.getByTestId('mobile-ticket-page'));
  await visible(page.getByTestId('mobile-attachments').locator('img'));
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const number = ((await page.getByTestId('mobile-ticket-number').textContent()) ?? '').trim();
  return { id, number };
}

const ticketLifecycleJourney = {
  name: 'Ticket: phone submit with photo → live in the PC pool → claim, transfer, hold (SLA paused), resume, resolve → rated on the phone (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const title = `打印机卡纸，无法打印 ${Date.now().toString(36)}`;

    // An engineer of the desktop team waits on the team pool.
    const desk = await apiPcSignIn(env, locale, 'zhoujie');
    await desk.page.getByTestId('side-menu').getByText(t('ticketsUi.nav.tickets'), { exact: true }).click();
    await desk.page.getByRole('tab', { name: t('ticketsUi.views.team') }).click();
    await visible(desk.page.locator('[data-testid=tickets-table] tbody tr.ant-table-row'));

    // The requester submits on the phone with a photo.
    const phone = await phoneSignIn(env, locale, 'zhangmin');
    const { id, number } = await submitOnPhone(env, phone.page, locale, title);
    await visible(phone.page.getByTestId('ticket-progress'));
    await phoneShot(env, phone.page, `mobile-ticket-submitted-${locale}`);

    // She adds a reply with one more photo.
    await phone.page.getByTestId('mobile-comment').locator('textarea:not([aria-hidden])').fill('补充：卡在二号纸盒');
    await phone.page.getByTestId('mobile-comment-photos').click();
    const replyPhotos = phone.page.getByTestId('mobile-photos');
    await replyPhotos.locator('input[type=file]').setInputFiles({ name: '二号纸盒.png', mimeType: 'image/png', buffer: png(90, 60) });
    await visible(replyPhotos.locator('.adm-image-uploader-cell img'));
    await replyPhotos.locator('.adm-image-uploader-cell-loading').waitFor({ state: 'detached', timeout: TIMEOUT });
    await phone.page.getByRole('button', { name: t('ticketsUi.comments.send'), exact: true }).click();
    await visible(phone.page.getByTestId('mobile-timeline').getByText('二号纸盒.png', { exact: false }));
    // The files list refreshes on its own request, after the timeline's: wait for the second photo, then count.
    await visible(phone.page.getByTestId('mobile-attachments').locator('img').nth(1));
    if ((await phone.page.getByTestId('mobile-attachments').locator('img').count()) !== 2)
      throw new Error('the reply photo is not among the ticket’s files');
    await phoneShot(env, phone.page, `mobile-ticket-reply-photo-${locale}`);

    // It appears in the pool without a reload.
    const row = desk.page.locator('[data-testid=tickets-table] tbody tr.ant-table-row').filter({ hasText: title });
    await row.waitFor({ timeout: 15_000 });
    await visible(row.locator('.anticon-mobile'));
    await shot(env, desk.page, `pc-team-pool-live-${locale}`);

    // Claim, then transfer to the infrastructure team with a reason.
    await row.getByTestId('ticket-title').click();
    await visible(desk.page.getByTestId('ticket-page'));
    await visible(desk.page.getByTestId('form-values').getByText('打印机位置'));
    await visible(desk.page.getByTestId('timeline').getByTestId('comment-files').getByText('二号纸盒.png'));
    await pcAction(desk.page, 'claim');
    await expectStatus(desk.page, 'in_progress');
    await pcAction(desk.page, 'transfer');
    const transfer = desk.page.getByTestId('action-form-transfer');
    await visible(transfer);
    await pickOption(desk.page, 'target-team', '基础设施组');
    await transfer.locator('textarea').fill('打印服务器故障，需基础设施组排查');
    await shot(env, desk.page, `pc-ticket-transfer-${locale}`);
    await confirmAction(desk.page, t('ticketsUi.actionDone.transfer'));
    await desk.context.close();

    // An infrastructure engineer claims, puts it on hold, resumes and resolves.
    const infra = await apiPcSignIn(env, locale, 'zhangqiang', `/tickets/${id}`);
    await visible(infra.page.getByTestId('ticket-page'));
    await visible(infra.page.getByTestId('timeline').getByText('打印服务器故障，需基础设施组排查'));
    await pcAction(infra.page, 'claim');
    await expectStatus(infra.page, 'in_progress');
    // A public reply with a file. Switched to an internal note, the file is refused before sending.
    const box = infra.page.getByTestId('comment-box');
    await box.locator('textarea').first().fill('请按附件中的检查清单确认打印机状态');
    await box.locator('input[type=file]').setInputFiles({ name: '检查清单.png', mimeType: 'image/png', buffer: png(40, 40) });
    await visible(box.locator('.ant-upload-list-item').filter({ hasText: '检查清单.png' }));
    await box.locator('.ant-upload-list-item-uploading').waitFor({ state: 'detached', timeout: TIMEOUT });
    await box.getByTestId('comment-visibility').getByText(t('ticketsUi.comments.internal'), { exact: true }).click();
    await visible(box.getByText(t('ticketsUi.comments.internalNoFiles')));
    if (!(await box.getByTestId('comment-send').isDisabled())) throw new Error('an internal note with a file can be sent');
    await box.getByTestId('comment-visibility').getByText(t('ticketsUi.comments.public'), { exact: true }).click();
    await box.getByTestId('comment-send').click();
    await visible(infra.page.getByTestId('timeline').getByTestId('comment-files').getByText('检查清单.png'));
    await shot(env, infra.page, `pc-ticket-reply-file-${locale}`);
    await pcAction(infra.page, 'hold');
    await pickOption(infra.page, 'hold-reason', t('ticketsUi.holdReasons.pending_customer'));
    await infra.page.getByTestId('action-form-hold').locator('textarea').fill('请用户确认打印机型号');
    await infra.page.getByTestId('action-ok').click();
    await expectStatus(infra.page, 'on_hold');
    const sla = infra.page.getByTestId('sla-panel');
    await infra.page.locator('[data-testid=sla-panel][data-state=paused]').waitFor({ timeout: TIMEOUT });
    await visible(sla.getByText(t('tickets.sla.paused')));
    await visible(sla.locator('[data-testid=sla-step][data-kind=paused]'));
    await visible(sla.getByTestId('sla-paused').getByText(t('ticketsUi.holdReasons.pending_customer'), { exact: false }));
    await visible(sla.locator('[data-testid=sla-clock-resolution][data-status=paused]'));
    await shot(env, infra.page, `pc-ticket-on-hold-${locale}`);

    await pcAction(infra.page, 'resume');
    await expectStatus(infra.page, 'in_progress');
    await visible(sla.locator('[data-testid=sla-step][data-kind=resumed]'));
    await pcAction(infra.page, 'resolve');
    const resolve = infra.page.getByTestId('action-form-resolve');
    await resolve.locator('textarea').first().fill('更换打印服务器队列服务并清理卡纸，已打印测试页。');
    await resolve.locator('input.ant-input-number-input').fill('45');
    await infra.page.getByTestId('action-ok').click();
    await expectStatus(infra.page, 'resolved');
    await visible(infra.page.getByTestId('ticket-solution'));
    await shot(env, infra.page, `pc-ticket-resolved-${locale}`);

    // The requester rates on the phone: 5 stars with a tag, which closes the ticket.
    await phone.page.goto(`/m/tickets/${id}`);
    const rating = phone.page.getByTestId('mobile-rating');
    await visible(rating);
    await rating.locator('.adm-rate-star').nth(4).tap();
    await rating.getByText(t('ticketsUi.rating.tagOptions.fast'), { exact: true }).click();
    await rating.locator('textarea').fill('处理很及时，谢谢！');
    await shot(env, phone.page, `mobile-ticket-rate-${locale}`);
    await phone.page.getByTestId('mobile-rating-submit').click();
    await phone.page.locator('[data-testid=mobile-ticket-status][data-status=closed]').waitFor({ timeout: TIMEOUT });
    await visible(phone.page.getByTestId('mobile-rated'));
    await phoneShot(env, phone.page, `mobile-ticket-rated-${locale}`);

    // The PC ticket page updates on its own: closed, five stars, the tag.
    await expectStatus(infra.page, 'closed');
    const rated = infra.page.getByTestId('rating-card');
    await visible(rated.getByText(t('ticketsUi.rating.tagOptions.fast')));
    if ((await rated.locator('.ant-rate-star-full').count()) !== 5) throw new Error('the PC rating does not show five stars');
    await shot(env, infra.page, `pc-ticket-closed-${locale}`);
    console.log(`    ${number}`);
    await infra.context.close();
    await phone.context.close();
  },
};

const ticketEnglishJourney = {
  name: 'Ticket: catalogue, submit and detail on PC and phone (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);

    const pc = await apiPcSignIn(env, locale, 'zhangmin');
    await pc.page.getByTestId('side-menu').getByText(t('ticketsUi.nav.catalog'), { exact: true }).click();
    await visible(pc.page.getByTestId('catalog-category'));
    await shot(env, pc.page, `pc-catalog-${locale}`);
    await pc.page.getByTestId('catalog-search').locator('input').fill('printer');
    const card = pc.page.getByTestId('catalog-item').filter({ hasText: 'Printer problem' });
    await visible(card);
    await card.first().click();
    const form = pc.page.getByTestId('submit-form');
    await visible(form);
    await form.locator('#title').fill('Printer on 3F prints blank pages');
    await form.locator('[data-field=location] input').fill('3F east, by the pantry');
    await form.locator('[data-field=symptom] .ant-select').click();
    await pc.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Poor quality' }).click();
    await form
      .locator('[data-field=photos] input[type=file]')
      .setInputFiles({ name: 'blank-page.png', mimeType: 'image/png', buffer: png(80, 60) });
    await visible(form.locator('[data-field=photos] .ant-upload-list-item-done'));
    await pc.page.evaluate(() => window.scrollTo(0, 0));
    await shot(env, pc.page, `pc-submit-${locale}`);
    await form.getByRole('button', { name: t('ticketsUi.catalog.submit') }).click();
    await pc.page.waitForURL(/\/tickets\/\d+$/);
    await expectStatus(pc.page, 'new');
    await visible(pc.page.getByTestId('sla-panel').locator('[data-testid=sla-step]'));
    await visible(pc.page.locator('.attachments__item img'));
    await shot(env, pc.page, `pc-ticket-detail-${locale}`);

    // The same ticket on the phone, and the list it sits in.
    const id = new URL(pc.page.url()).pathname.split('/').pop();
    await pc.context.close();
    const phone = await phoneSignIn(env, locale, 'zhangmin', `/m/tickets/${id}`);
    await visible(phone.page.getByTestId('mobile-ticket-title').getByText('Printer on 3F prints blank pages'));
    await visible(phone.page.getByTestId('mobile-attachments').locator('img'));
    await visible(phone.page.getByTestId('mobile-timeline'));
    await phoneShot(env, phone.page, `mobile-ticket-detail-${locale}`);
    await phone.page.goto('/m/tickets');
    await visible(phone.page.getByTestId('mobile-ticket').first());
    await shot(env, phone.page, `mobile-tickets-${locale}`);
    await phone.page.getByTestId('mobile-new-ticket').click();
    await phone.page.getByTestId('mobile-catalog-item').filter({ hasText: 'Printer problem' }).first().click();
    await visible(phone.page.getByTestId('mobile-submit-form').getByText('Printer location'));
    await shot(env, phone.page, `mobile-submit-${locale}`);
    await phone.context.close();
  },
};

const ticketListsJourney = {
  name: 'Ticket lists: a dispatcher filters, picks columns, selects for bulk and exports on PC; an engineer’s to-do on the phone (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const desk = await apiPcSignIn(env, locale, 'wangfang', '/tickets?view=all&status=in_progress&sort=due');
    const rows = desk.page.locator('[data-testid=tickets-table] tbody tr.ant-table-row');
    await visible(rows);
    if ((await rows.count()) < 5) throw new Error(`the dispatcher sees ${await rows.count()} rows`);
    await visible(desk.page.getByRole('tab', { name: t('ticketsUi.views.all'), selected: true }));
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await visible(desk.page.getByText(t('ticketsUi.list.selected', { count: 2 })));
    await desk.page.evaluate(() => window.scrollTo(0, 0));
    await desk.page.getByTestId('column-chooser').click();
    const chooser = desk.page.locator('.ant-popover:visible');
    await visible(chooser);
    // check(), not click(): it waits for the popover to settle and leaves the box ticked whatever it was.
    await chooser.getByRole('checkbox', { name: t('tickets.columns.transfers'), exact: true }).check();
    await visible(desk.page.locator('[data-testid=tickets-table] thead').getByText(t('tickets.columns.transfers')));
    await shot(env, desk.page, `pc-tickets-dispatcher-${locale}`);
    await desk.page.keyboard.press('Escape');
    const downloading = desk.page.waitForEvent('download');
    await desk.page.getByTestId('ticket-export').click();
    const download = await downloading;
    if (!download.suggestedFilename().endsWith('.xlsx')) throw new Error(`export saved as ${download.suggestedFilename()}`);

    const phone = await phoneSignIn(env, locale, 'zhangqiang');
    await phone.page.getByTestId('tab-bar').getByText(t('ticketsUi.tab'), { exact: true }).click();
    await visible(phone.page.getByTestId('mobile-ticket-tabs').getByText(t('ticketsUi.mobile.todo')));
    await visible(phone.page.getByTestId('mobile-ticket').first());
    await shot(env, phone.page, `mobile-todo-${locale}`);

    // On the phone he hands one of his tickets to 周杰 of the desktop team, with a reason: it leaves his sight.
    const handed = (await apiCall(phone, 'GET', '/api/tickets?view=mine&status=in_progress&pageSize=1')).items[0];
    if (!handed) throw new Error('zhangqiang has no ticket in progress');
    await phone.page.goto(`/m/tickets/${handed.id}`);
    await phone.page.getByTestId('mobile-actions').locator('[data-action=transfer]').click();
    const sheet = phone.page.getByTestId('mobile-sheet-transfer');
    await visible(sheet);
    await sheet.locator('button[type=submit]').click();
    await visible(sheet.getByText(t('ticketsUi.mobile.transferTeamRequired')));
    await sheet.getByTestId('mobile-transfer-team').getByText('桌面支持组', { exact: true }).click();
    await sheet.getByTestId('mobile-transfer-person').getByText('周杰', { exact: true }).click();
    await sheet.locator('textarea').fill('属于桌面终端问题，转桌面支持组处理');
    await phoneShot(env, phone.page, `mobile-ticket-transfer-${locale}`);
    await sheet.locator('button[type=submit]').click();
    await phone.page.waitForURL(/\/m\/tickets$/, { timeout: TIMEOUT });
    const after = await apiCall(desk, 'GET', `/api/tickets/${handed.id}`);
    if (after.team?.name !== '桌面支持组' || after.assignee?.displayName !== '周杰') {
      throw new Error(`after the phone transfer: ${after.team?.name} / ${after.assignee?.displayName}`);
    }
    const timeline = await apiCall(desk, 'GET', `/api/timeline/ticket/${handed.id}`);
    if (!JSON.stringify(timeline).includes('属于桌面终端问题，转桌面支持组处理'))
      throw new Error('the transfer reason is not on the timeline');
    await phone.context.close();
    await desk.context.close();
  },
};

export const ticketJourneys = [ticketLifecycleJourney, ticketEnglishJourney, ticketListsJourney];
