// Journeys for the service desk's administration: catalogue items with their form designer, SLA
// calendars with the due-time preview, assignment rules, the live bell and the phone's 消息,
// group-bot channels and the delivery log. Same contract as journeys.mjs: each gets
// { browser, baseUrl, catalogues, screenshots, problems } and throws on failure.
import path from 'node:path';
import { PASSWORD, PC as PC_SIZE, PHONE as PHONE_SIZE, shot, TIMEOUT, text, visible } from './journeys.mjs';

// A China-based office: the browser's clock is in the calendars' zone.
const PC = { ...PC_SIZE, timezoneId: 'Asia/Shanghai' };
const PHONE = { ...PHONE_SIZE, timezoneId: 'Asia/Shanghai' };

// The pages a journey opened, so that a failure leaves a screenshot of where it stopped.
let openPages = [];

async function open(env, locale, device) {
  const context = await env.browser.newContext({ ...device, locale, baseURL: env.baseUrl });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  openPages.push(page);
  page.on('pageerror', (error) => env.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      env.problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page };
}

/** Waits until earlier toasts have gone, so a screenshot shows only the one that matters. */
async function quiet(page) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: TIMEOUT });
}

async function pcSignIn(env, locale, username, beforeSubmit = async () => {}) {
  const { context, page } = await open(env, locale, PC);
  await page.goto('/login');
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: text(env, locale, `shell.languages.${locale}`) }).click();
  await page.locator('input[autocomplete=username]').fill(username);
  await page.locator('input[autocomplete=current-password]').fill(PASSWORD);
  await beforeSubmit(page);
  await page.locator('button[type=submit]').click();
  await visible(page.getByTestId('side-menu'));
  return { context, page };
}

/** A second session over the API, returning a fetch bound to it. */
async function apiSession(env, username) {
  const response = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`API sign-in of ${username} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = await response.json();
  const call = async (url, init = {}) => {
    const answer = await fetch(`${env.baseUrl}${url}`, {
      ...init,
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    if (!answer.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  return { me, call };
}

// antd spaces out two-character Chinese button labels (保 存), so dialogs' buttons are found by role in the footer.
const okButton = (modal) => modal.locator('.ant-modal-footer .ant-btn-primary');
const cancelButton = (modal) => modal.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)');

/**
 * Adds a field of `typeLabel` to the form designer as field number `index`. The add-field menu
 * sometimes swallowed a click made while it was still opening (seen once in CI), so the menu is
 * opened again until the field exists — never twice for one field, since the field is checked first.
 */
async function addField(page, typeLabel, index) {
  const label = page.locator(`[id="form_${index}_label_zh-CN"]`);
  for (let attempt = 0; attempt < 3 && !(await label.count()); attempt++) {
    await page.getByTestId('add-field').click();
    const entry = page.getByRole('menuitem', { name: typeLabel });
    await entry.waitFor();
    await entry.click();
    await label.waitFor({ timeout: 5_000 }).catch(() => {});
  }
  await label.waitFor();
}

const menuEntry = (env, page, locale, key) => page.getByTestId('side-menu').getByText(text(env, locale, key), { exact: true });

const catalogueJourney = {
  name: 'Admin designs a service item with a two-field form, sees the preview and saves it (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const { context, page } = await pcSignIn(env, locale, 'admin');
    for (const key of ['deskAdmin.nav.catalog', 'deskAdmin.nav.sla', 'deskAdmin.nav.channels', 'deskAdmin.nav.deliveries']) {
      await visible(menuEntry(env, page, locale, key));
    }
    await menuEntry(env, page, locale, 'deskAdmin.nav.catalog').click();
    await visible(page.locator('[data-testid=catalog-items] tbody tr.ant-table-row'));
    await shot(env, page, `pc-catalog-admin-${locale}`);

    await page.getByTestId('new-catalog-item').click();
    await page.waitForURL(/\/admin\/catalog\/items\/new/);
    await page.locator('#code').fill('ACC-ONBOARD'); // taken: the server says so under the field
    await page.locator('[id="name_zh-CN"]').fill('电脑包申领');
    await page.locator('[id="name_en-US"]').fill('Laptop bag request');
    await page.locator('[id="description_zh-CN"]').fill('为外出办公的同事配发电脑包，**3 个工作日内**送达。');

    // Field 1: a required single-line text.
    await addField(page, t('catalog.fieldTypes.text'), 0);
    await page.locator('[id="form_0_label_zh-CN"]').fill('收货地址');
    await page.locator('[id="form_0_label_en-US"]').fill('Delivery address');
    await page.locator('#form_0_required').click();
    // Field 2: a single choice with two options.
    await addField(page, t('catalog.fieldTypes.select'), 1);
    await page.locator('[id="form_1_label_zh-CN"]').fill('颜色');
    await page.locator('[id="form_1_label_en-US"]').fill('Colour');
    await page.locator('[id="form_1_options_0_label_zh-CN"]').fill('黑色');
    await page.getByRole('button', { name: t('deskAdmin.designer.addOption') }).click();
    await page.locator('[id="form_1_options_1_label_zh-CN"]').fill('灰色');

    const preview = page.getByTestId('form-preview');
    await visible(preview.getByText('电脑包申领'));
    await visible(preview.locator('label[title="收货地址"].ant-form-item-required'));
    await visible(preview.locator('label[title="颜色"]'));
    await visible(preview.locator('strong').getByText('3 个工作日内'));
    await preview.getByRole('button', { name: t('deskAdmin.designer.tryValidate') }).click();
    await visible(preview.getByText(t('catalog.formValue.required', { label: '收货地址' })));
    await page.getByText(t('deskAdmin.designer.title'), { exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -80)); // below the sticky header
    await shot(env, page, `pc-catalog-designer-${locale}`);
    // The requester's view in English.
    await preview.getByText('English', { exact: true }).click();
    await visible(preview.locator('label[title="Delivery address"]'));
    await visible(preview.getByText('Laptop bag request'));
    await preview.getByText('简体中文', { exact: true }).click();

    // The taken code comes back from the server under its field; nothing is created.
    await page.getByTestId('save-item').click();
    await visible(
      page
        .locator('.ant-form-item')
        .filter({ has: page.locator('#code') })
        .locator('.ant-form-item-explain-error'),
    );
    await page.locator('#code').fill('E2E-LAPTOP-BAG');
    await page.getByTestId('save-item').click();
    await page.waitForURL(/\/admin\/catalog\/items\/\d+$/);
    await visible(page.getByText(t('common.saved')));
    // The saved item's editor (its code under the title) has replaced the new-item form.
    await visible(page.locator('.page-header__subtitle').getByText('E2E-LAPTOP-BAG'));

    const { call } = await apiSession(env, 'admin');
    const { items } = await call('/api/catalog/admin');
    const saved = items.find((item) => item.code === 'E2E-LAPTOP-BAG');
    if (!saved) throw new Error('the new item is not in the catalogue');
    const shape = saved.form.map((f) => `${f.type}:${f.label['zh-CN']}:${f.required}:${(f.options ?? []).length}`).join(' ');
    if (shape !== 'text:收货地址:true:0 select:颜色:false:2') throw new Error(`saved form is ${shape}`);
    if (items.filter((item) => item.code === 'ACC-ONBOARD').length !== 1) throw new Error('the refused save changed the catalogue');

    // Someone else renames the item meanwhile: saving says so, keeps the admin's edits, and offers the latest version.
    await call(`/api/catalog/admin/items/${saved.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: saved.version, name: { 'zh-CN': '笔记本电脑包申领', 'en-US': 'Laptop bag request' } }),
    });
    await page.locator('[id="name_en-US"]').fill('Laptop bag (black or grey)');
    await page.getByTestId('save-item').click();
    await visible(page.getByText(t('errors.versionConflict')));
    await visible(page.getByText(t('deskAdmin.common.staleTitle')));
    await shot(env, page, `pc-catalog-conflict-${locale}`);
    await page.getByRole('button', { name: t('deskAdmin.common.loadLatest') }).click();
    if ((await page.locator('[id="name_zh-CN"]').inputValue()) !== '笔记本电脑包申领') throw new Error('the latest version was not loaded');

    await page.getByRole('link', { name: t('deskAdmin.nav.catalog') }).click();
    await visible(page.locator('[data-testid=catalog-items]').getByText('笔记本电脑包申领'));
    await context.close();
  },
};

const calendarJourney = {
  name: 'Admin marks a 2026 day as a holiday and the preview due time moves a day (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    // 2 December 2026 starts as an ordinary Wednesday (a rerun on the same data finds it as it was).
    const { call } = await apiSession(env, 'admin');
    const calendar = (await call('/api/sla/calendars')).items.find((c) => c.name === '标准工作日历');
    const days = await call(`/api/sla/calendars/${calendar.id}/days?year=2026`);
    if (days.items.some((d) => d.day === '2026-12-02')) {
      await call(`/api/sla/calendars/${calendar.id}/days?year=2026`, {
        method: 'PUT',
        body: JSON.stringify({ version: days.version, items: days.items.filter((d) => d.day !== '2026-12-02') }),
      });
    }

    const { context, page } = await pcSignIn(env, locale, 'admin');
    await menuEntry(env, page, locale, 'deskAdmin.nav.sla').click();
    await visible(page.locator('[data-testid=sla-policies] tbody tr.ant-table-row'));
    await shot(env, page, `pc-sla-policies-${locale}`);
    await page
      .locator('[data-testid=sla-policies] tbody tr.ant-table-row')
      .first()
      .getByRole('button', { name: t('common.edit') })
      .click();
    await visible(page.getByTestId('sla-targets'));
    await visible(page.getByTestId('escalation-level'));
    await shot(env, page, `pc-sla-policy-edit-${locale}`);
    await cancelButton(page.locator('.ant-modal')).click();

    await page.getByRole('tab', { name: t('sla.calendars') }).click();
    await page.getByRole('link', { name: '标准工作日历' }).click();
    await page.waitForURL(/\/admin\/sla\/calendars\/\d+/);
    await page.goto(`${new URL(page.url()).pathname}?year=2026`);
    await visible(page.getByTestId('year-grid'));

    // Tuesday 1 December 2026, 09:00 + 8 working hours: 7.5 h that day, 30 min the next.
    const start = page.getByTestId('due-preview').locator('.ant-picker input');
    await start.click();
    await start.fill('2026-12-01 09:00');
    await start.press('Enter');
    const due = page.getByTestId('preview-due');
    await visible(due.getByText(/2026-12-02 .* 09:30/));

    await page.locator('[data-day="2026-12-02"]').click();
    // The policy dialog closed above stays in the DOM hidden; only the open dialog has the role.
    const modal = page.getByRole('dialog');
    await modal.getByRole('radio', { name: t('sla.dayKinds.holiday') }).check();
    await modal.getByTestId('day-name').fill('公司年会');
    await okButton(modal).click();
    await visible(page.locator('[data-day="2026-12-02"].year-grid__day--holiday'));
    await visible(due.getByText(/2026-12-03 .* 09:30/));
    await visible(page.locator('[data-day="2026-12-02"][aria-label*="公司年会"]'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(env, page, `pc-sla-calendar-${locale}`);
    await page.locator('[data-day="2026-12-02"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(env, page, `pc-sla-calendar-december-${locale}`);
    await context.close();
  },
};

const rulesJourney = {
  name: 'Service desk creates an auto-assignment rule (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const { context, page } = await pcSignIn(env, locale, 'wangfang');
    await menuEntry(env, page, locale, 'deskAdmin.nav.rules').click();
    const rows = page.locator('[data-testid=rules-table] tbody tr.ant-table-row');
    await visible(rows);
    const before = await rows.count();

    await page.getByTestId('new-rule').click();
    const modal = page.locator('.ant-modal');
    await modal.locator('#name').fill('E2E 打印耗材');
    await modal.locator('#keywords').fill('硒鼓');
    await modal.locator('#keywords').press('Enter');
    await modal.locator('#keywords').fill('墨盒');
    await modal.locator('#keywords').press('Enter');
    // No team yet: refused in the form.
    await okButton(modal).click();
    await visible(modal.locator('.ant-form-item-explain-error').getByText(t('deskAdmin.rules.pickTeam')));
    await modal.locator('#teamId').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '桌面支持组' }).click();
    await modal.getByText(t('deskAdmin.rules.strategies.least_loaded')).click();
    await shot(env, page, `pc-rule-edit-${locale}`);
    await okButton(modal).click();
    await visible(page.getByText(t('common.saved')));
    await rows.nth(before).waitFor();
    const added = rows.filter({ hasText: 'E2E 打印耗材' });
    await visible(added.getByText('硒鼓、墨盒'));
    await visible(added.getByText('桌面支持组'));
    await visible(added.getByText(t('deskAdmin.rules.strategies.least_loaded')));
    // Moved up one place: it is checked before the rule that was above it.
    const above = (
      (await rows
        .nth(before - 1)
        .locator('td')
        .nth(1)
        .textContent()) ?? ''
    ).trim();
    await added.getByRole('button', { name: t('deskAdmin.common.moveUp') }).click();
    await rows
      .nth(before - 1)
      .filter({ hasText: 'E2E 打印耗材' })
      .waitFor({ timeout: TIMEOUT });
    await rows.nth(before).filter({ hasText: above }).waitFor({ timeout: TIMEOUT });
    await shot(env, page, `pc-assignment-rules-${locale}`);
    await context.close();
  },
};

const bellJourney = {
  name: 'The bell counts up live when a requester replies, opens the ticket, and 消息 lists it on the phone (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    // A ticket in progress assigned to 王芳, and the person who asked for it.
    const desk = await apiSession(env, 'wangfang');
    const list = await desk.call(`/api/tickets?view=all&status=in_progress&assigneeId=${desk.me.id}&pageSize=20`);
    const ticket = list.items.find((item) => item.requester && item.requester.id !== desk.me.id);
    if (!ticket) throw new Error('no ticket in progress for wangfang in the demo data');
    const requesterName = (await desk.call(`/api/users/${ticket.requester.id}`)).username;

    // Signed in, with the event stream open (its response headers arrive when the server has
    // subscribed the page) and the unread count loaded; only then does the requester reply.
    let ready;
    const { context, page } = await pcSignIn(env, locale, 'wangfang', async (signingIn) => {
      ready = Promise.all([
        signingIn.waitForResponse((response) => new URL(response.url()).pathname === '/api/events'),
        signingIn.waitForResponse((response) => new URL(response.url()).pathname === '/api/notifications/unread-count'),
      ]);
    });
    await ready;
    const bell = page.getByTestId('notification-bell');
    await visible(bell);
    await page.waitForTimeout(500);
    const before = Number(await bell.getAttribute('data-count'));

    const requester = await apiSession(env, requesterName);
    await requester.call(`/api/tickets/${ticket.id}/comments`, {
      method: 'POST',
      body: JSON.stringify({ body: 'E2E：请问什么时候能处理好？' }),
    });
    // No reload: the server's SSE event bumps the count.
    await page.locator(`[data-testid=notification-bell][data-count="${before + 1}"]`).waitFor();
    await bell.click();
    const panel = page.getByTestId('notification-panel');
    const item = panel.getByTestId('notification-item').filter({ hasText: ticket.number }).first();
    await visible(item);
    await visible(item.getByText('E2E：请问什么时候能处理好？'));
    await shot(env, page, `pc-bell-${locale}`);
    await item.click();
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await page.locator(`[data-testid=notification-bell][data-count="${before}"]`).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: t('notifications.preferences') }).click();
    const prefs = page.getByTestId('notification-preferences');
    await visible(prefs.getByText(t('deskAdmin.eventTypes.ticket.commented')));
    await prefs.getByRole('switch', { name: `${t('deskAdmin.eventTypes.ticket.rated')} · ${t('notifications.channels.email')}` }).click();
    await page.getByTestId('save-preferences').click();
    await visible(page.getByText(t('common.saved')));
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(env, page, `pc-notification-preferences-${locale}`);
    await context.close();

    // Another reply while 王芳 is away from the PC: the phone shows it unread.
    await requester.call(`/api/tickets/${ticket.id}/comments`, {
      method: 'POST',
      body: JSON.stringify({ body: 'E2E：补充一下，是 3 楼的打印机。' }),
    });

    // The phone: 我的 → 消息.
    const phone = await open(env, locale, PHONE);
    await phone.page.goto('/m/login');
    await phone.page.locator('input[autocomplete=username]').fill('wangfang');
    await phone.page.locator('input[autocomplete=current-password]').fill(PASSWORD);
    await phone.page.locator('button[type=submit]').click();
    const tabs = phone.page.getByTestId('tab-bar');
    await tabs.getByText(t('mobile.tabs.mine'), { exact: true }).click();
    const entry = phone.page.getByTestId('mine-notifications');
    await visible(entry.getByText(t('deskAdmin.notifications.messages')));
    await visible(entry.locator('.adm-badge'));
    await shot(env, phone.page, `mobile-mine-messages-${locale}`);
    await entry.click();
    await phone.page.waitForURL(/\/m\/mine\/notifications$/);
    await visible(phone.page.getByTestId('m-notification-item').filter({ hasText: '3 楼的打印机' }));
    await shot(env, phone.page, `mobile-notifications-${locale}`);
    await phone.context.close();
  },
};

const channelsJourney = {
  name: 'Admin adds a DingTalk bot; its test fails on a closed port and the delivery log sends it again (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const t = (key, values) => text(env, locale, key, values);
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await menuEntry(env, page, locale, 'deskAdmin.nav.channels').click();
    await page.getByTestId('new-channel').first().click();
    const modal = page.locator('.ant-modal');
    await modal.getByText(t('notifications.channels.dingtalk'), { exact: true }).click();
    await modal.locator('#name').fill('E2E 值班群');
    await modal.locator('#webhookUrl').fill('http://127.0.0.1:9/robot/send?access_token=e2e0123456789abcdef');
    await modal.locator('#secret').fill('SECe2e0123456789abcdef');
    await modal.getByRole('button', { name: t('deskAdmin.channels.selectAll') }).click();
    await shot(env, page, `pc-channel-edit-${locale}`);
    await okButton(modal).click();
    await visible(page.getByText(t('common.saved')));
    const row = page.locator('[data-testid=channels-table] tbody tr.ant-table-row').filter({ hasText: 'E2E 值班群' });
    await visible(row);
    await visible(row.getByText('SEC…ef'));
    await quiet(page);
    await row.getByRole('button', { name: t('notifications.admin.sendTest') }).click();
    await visible(page.getByText(t('notifications.admin.testFailed', { error: '' }).replace(/[:：]\s*$/, '')));
    await shot(env, page, `pc-channels-${locale}`);

    await row.getByRole('button', { name: t('notifications.admin.deliveries') }).click();
    await page.waitForURL(/\/admin\/notification-deliveries\?channelId=\d+/);
    const failed = page
      .locator('[data-testid=deliveries-table] tbody tr.ant-table-row')
      .filter({ hasText: t('notifications.statuses.failed') });
    await visible(failed);
    await quiet(page);
    await failed
      .first()
      .getByRole('button', { name: t('notifications.admin.retry') })
      .click();
    await visible(page.getByText(t('notifications.admin.retried')));
    await shot(env, page, `pc-deliveries-${locale}`);
    await context.close();
  },
};

const englishJourney = {
  name: 'Catalogue designer, SLA calendar and assignment rules in English (en-US)',
  async run(env) {
    const locale = 'en-US';
    const t = (key, values) => text(env, locale, key, values);
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await page.goto('/admin/catalog');
    await page.locator('[data-testid=catalog-items] tbody tr.ant-table-row a').first().click();
    await visible(page.getByText(t('deskAdmin.designer.title')));
    await page.getByTestId('designer-field').first().locator('button[aria-expanded]').click();
    await visible(page.getByText(t('deskAdmin.designer.labelEn')));
    await visible(page.getByTestId('form-preview').getByText(t('deskAdmin.designer.previewHint')));
    await shot(env, page, `pc-catalog-item-${locale}`);
    await page.getByText(t('deskAdmin.designer.title'), { exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -80));
    await shot(env, page, `pc-catalog-designer-${locale}`);

    await page.goto('/admin/sla?tab=calendars');
    await visible(page.locator('[data-testid=sla-calendars] tbody tr.ant-table-row'));
    await page.locator('[data-testid=sla-calendars] tbody tr.ant-table-row a').first().click();
    await visible(page.getByText(t('deskAdmin.sla.previewTitle')));
    await visible(page.getByText(t('sla.dayKinds.workday'), { exact: true }));
    await shot(env, page, `pc-sla-calendar-${locale}`);
    await context.close();

    const desk = await pcSignIn(env, locale, 'wangfang');
    await desk.page.goto('/admin/assignment-rules');
    await visible(desk.page.locator('[data-testid=rules-table] tbody tr.ant-table-row'));
    await visible(desk.page.getByText(t('deskAdmin.rules.howItWorks')));
    await shot(env, desk.page, `pc-assignment-rules-${locale}`);
    await desk.context.close();
  },
};

/** Runs a journey; when it fails, the pages still open are saved as failed-<n>-<i>.png before the error goes on. */
function withFailureShots(journey, n) {
  return {
    name: journey.name,
    async run(env) {
      openPages = [];
      try {
        await journey.run(env);
      } catch (error) {
        for (const [i, page] of openPages.entries()) {
          if (!page.isClosed()) await page.screenshot({ path: path.join(env.screenshots, `failed-desk-${n}-${i}.png`) }).catch(() => {});
        }
        throw error;
      }
    },
  };
}

export const adminDeskJourneys = [catalogueJourney, calendarJourney, rulesJourney, bellJourney, channelsJourney, englishJourney].map(
  withFailureShots,
);
