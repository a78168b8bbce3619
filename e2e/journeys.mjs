// The journeys run by e2e/run.mjs. Each gets { browser, baseUrl, catalogues, screenshots, problems }
// and throws on failure. Expected texts come from the shared i18n catalogues, so a journey checks
// that the page shows the translation, whatever its wording.
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const PASSWORD = 'Shuyun@2026';
const PC = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const TIMEOUT = 20_000;

/** A catalogue string by dotted path; interpolation with `{{name}}`. */
function text(env, locale, key, values = {}) {
  let node = env.catalogues[locale];
  for (const part of key.split('.')) node = node?.[part];
  if (typeof node !== 'string') throw new Error(`no catalogue text ${locale}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name] ?? ''));
}

/** A small solid-colour PNG, for uploads. */
function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from('1668dc'.repeat(width), 'hex')]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

async function open(env, locale, device) {
  const context = await env.browser.newContext({ ...device, locale, baseURL: env.baseUrl });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => env.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A 401 from /api/auth/me before signing in is expected; the browser logs failed requests.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      env.problems.push(`console: ${message.text()}`);
    }
  });
  return { context, page };
}

async function shot(env, page, name, options = {}) {
  await page.waitForTimeout(400); // let transitions settle
  await page.screenshot({ path: path.join(env.screenshots, `${name}.png`), ...options });
}

async function visible(locator) {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

/**
 * Signs in through the API inside a fresh browser context (the login screens have their own
 * journeys), in the given language, and opens `path`. Dialogs the page opens are dismissed and
 * recorded in `dialogs` (the XSS checks assert there were none).
 */
async function apiSignIn(env, locale, device, username, path) {
  const { context, page } = await open(env, locale, device);
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const response = await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  if (!response.ok()) throw new Error(`sign-in of ${username} failed: ${response.status()}`);
  const me = await response.json();
  if (me.locale !== locale) {
    const changed = await context.request.patch('/api/auth/profile', { data: { locale }, headers: { 'x-csrf-token': me.csrfToken } });
    if (!changed.ok()) throw new Error(`language change failed: ${changed.status()}`);
  }
  await page.goto(path);
  return { context, page, dialogs, csrf: me.csrfToken };
}

/** Signed in over the API on a PC, at `path`, once the side menu is there. */
async function apiPcSignIn(env, locale, username, path = '/') {
  const session = await apiSignIn(env, locale, PC, username, path);
  await visible(session.page.getByTestId('side-menu'));
  return session;
}

/** A JSON API call inside a signed-in context (the cookie and CSRF token of that session). */
async function apiCall(session, method, url, data) {
  const response = await session.context.request.fetch(url, {
    method,
    data,
    headers: method === 'GET' ? {} : { 'x-csrf-token': session.csrf },
  });
  if (!response.ok()) throw new Error(`${method} ${url} → ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? null : response.json();
}

/** Phone screenshots without a toast over them. */
async function phoneShot(env, page, name) {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached', timeout: TIMEOUT });
  await shot(env, page, name);
}

async function fillLogin(page, username, password) {
  await page.locator('input[autocomplete=username]').fill(username);
  await page.locator('input[autocomplete=current-password]').fill(password);
  await page.locator('button[type=submit]').click();
}

/** The server's own message for a failed sign-in, in that language. */
async function serverLoginError(env, locale, username) {
  const response = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale },
    body: JSON.stringify({ username, password: 'not-the-password' }),
  });
  const body = await response.json();
  if (response.status !== 401 || !body.error?.message) throw new Error(`unexpected login answer ${response.status}`);
  return body.error.message;
}

async function pickPcLanguage(env, page, locale) {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: text(env, locale, `shell.languages.${locale}`) }).click();
}

async function pickMobileLanguage(env, page, locale) {
  await page.getByTestId('language-switch').click();
  await page
    .getByText(text(env, locale, `shell.languages.${locale}`), { exact: true })
    .last()
    .click();
}

async function expectUsersTable(page) {
  const rows = page.locator('[data-testid=users-table] tbody tr.ant-table-row');
  await visible(rows);
  const count = await rows.count();
  if (count < 5) throw new Error(`users table has ${count} rows`);
  return count;
}

async function pcSignIn(env, locale, username) {
  const { context, page } = await open(env, locale, PC);
  await page.goto('/login');
  await pickPcLanguage(env, page, locale);
  await visible(page.getByText(text(env, locale, 'auth.loginTitle')));
  await fillLogin(page, username, PASSWORD);
  await visible(page.getByTestId('side-menu'));
  return { context, page };
}

function pcLoginJourney(locale) {
  return {
    name: `PC login, home and users list (${locale})`,
    async run(env) {
      const { context, page } = await open(env, locale, PC);
      await page.goto('/admin/users');
      await page.waitForURL(/\/login\?next=/);
      await pickPcLanguage(env, page, locale);
      await visible(page.getByText(text(env, locale, 'auth.loginTitle')));
      await visible(page.getByText(text(env, locale, 'app.tagline')));
      await shot(env, page, `pc-login-${locale}`);

      // A failed sign-in shows the server's localised message.
      const expected = await serverLoginError(env, locale, 'nobody-e2e');
      await fillLogin(page, 'nobody-e2e', 'wrong-password');
      const error = page.getByTestId('login-error');
      await visible(error);
      const shown = ((await error.textContent()) ?? '').trim();
      if (shown !== expected) throw new Error(`login error shows "${shown}", server said "${expected}"`);
      await shot(env, page, `pc-login-error-${locale}`);

      // Signing in returns to the page asked for.
      await fillLogin(page, 'admin', PASSWORD);
      await page.waitForURL(/\/admin\/users/);
      const menu = page.getByTestId('side-menu');
      for (const key of ['nav.home', 'nav.users', 'nav.departments', 'nav.teams', 'nav.systems', 'nav.roles']) {
        await visible(menu.getByText(text(env, locale, key), { exact: true }));
      }
      if ((await menu.getByText(text(env, locale, 'nav.audit'), { exact: true }).count()) > 0) {
        throw new Error('system admin sees the audit log menu entry');
      }
      const rows = await expectUsersTable(page);
      await shot(env, page, `pc-users-${locale}`);

      await menu.getByText(text(env, locale, 'nav.home'), { exact: true }).click();
      await visible(page.getByTestId('greeting'));
      await visible(page.getByText(text(env, locale, 'home.todo')));
      await visible(page.getByText(text(env, locale, 'home.quickLinks')));
      await shot(env, page, `pc-home-${locale}`);
      console.log(`    ${rows} user rows`);
      await context.close();
    },
  };
}

function pcAdminPagesJourney(locale) {
  return {
    name: `PC admin pages render (${locale})`,
    async run(env) {
      const { context, page } = await open(env, locale, PC);
      await page.goto('/login');
      await pickPcLanguage(env, page, locale);
      await fillLogin(page, 'admin', PASSWORD);
      await visible(page.getByTestId('side-menu'));

      await page.goto('/admin/departments');
      const nodes = page.locator('.ant-tree-list .ant-tree-node-content-wrapper');
      await visible(nodes);
      await nodes.nth(1).click();
      await visible(page.getByText(text(env, locale, 'orgPages.viewUsers')));
      await shot(env, page, `pc-departments-${locale}`);

      await page.goto('/admin/teams');
      await visible(page.locator('tbody tr.ant-table-row'));
      await shot(env, page, `pc-teams-${locale}`);

      await page.goto('/admin/systems');
      await visible(page.locator('tbody tr.ant-table-row'));
      await shot(env, page, `pc-systems-${locale}`);
      await page
        .getByRole('button', { name: text(env, locale, 'common.edit') })
        .first()
        .click();
      await visible(page.locator('.ant-modal'));
      await shot(env, page, `pc-system-edit-${locale}`);
      await page.keyboard.press('Escape');

      await page.goto('/admin/roles');
      await visible(page.locator('tbody tr.ant-table-row'));
      await shot(env, page, `pc-roles-${locale}`);
      await page.getByRole('link', { name: text(env, locale, 'roles.names.engineer') }).click();
      await visible(page.getByText(text(env, locale, 'rolePages.permissionsAndScope')));
      await visible(page.locator('tbody tr.ant-table-row'));
      await shot(env, page, `pc-role-detail-${locale}`);

      await page.goto('/admin/users?q=liwei');
      await visible(page.locator('[data-testid=users-table] tbody tr.ant-table-row'));
      await page.locator('[data-testid=users-table] tbody tr.ant-table-row a').first().click();
      await visible(page.getByText(text(env, locale, 'timeline.title')));
      const upload = `photo-${locale}.png`;
      await page.locator('.attachments input[type=file]').setInputFiles({ name: upload, mimeType: 'image/png', buffer: png(96, 64) });
      await visible(page.getByRole('link', { name: upload }));
      await visible(page.locator('.attachments__item img'));
      await visible(page.getByTestId('timeline').getByText(upload));
      await shot(env, page, `pc-user-detail-${locale}`);

      await page.goto('/admin/import');
      await visible(page.getByText(text(env, locale, 'org.importHint')));
      await shot(env, page, `pc-import-${locale}`);

      await page.goto('/account/profile');
      await visible(page.getByText(text(env, locale, 'account.basicInfo')));
      await shot(env, page, `pc-profile-${locale}`);

      await page.goto('/account/tokens');
      await visible(page.getByText(text(env, locale, 'account.tokensHint')));
      await shot(env, page, `pc-tokens-${locale}`);

      await page.goto('/no-such-page');
      await visible(page.getByText(text(env, locale, 'shell.notFoundTitle')));
      await shot(env, page, `pc-404-${locale}`);

      await page.getByTestId('user-menu').click();
      await visible(page.getByText(text(env, locale, 'auth.logout')));
      await shot(env, page, `pc-user-menu-${locale}`);
      await context.close();
    },
  };
}

function mobileJourney(locale) {
  return {
    name: `Mobile login, home and mine (${locale})`,
    async run(env) {
      const { context, page } = await open(env, locale, PHONE);
      await page.goto('/m');
      await page.waitForURL(/\/m\/login/);
      await pickMobileLanguage(env, page, locale);
      await visible(page.getByText(text(env, locale, 'app.tagline')));
      await shot(env, page, `mobile-login-${locale}`);

      const expected = await serverLoginError(env, locale, 'nobody-e2e');
      await fillLogin(page, 'nobody-e2e', 'wrong-password');
      const error = page.getByTestId('login-error');
      await visible(error);
      const shown = ((await error.textContent()) ?? '').trim();
      if (shown !== expected) throw new Error(`login error shows "${shown}", server said "${expected}"`);

      await fillLogin(page, 'zhangqiang', PASSWORD);
      const tabs = page.getByTestId('tab-bar');
      await visible(tabs.getByText(text(env, locale, 'mobile.tabs.home'), { exact: true }));
      await visible(tabs.getByText(text(env, locale, 'mobile.tabs.mine'), { exact: true }));
      await visible(page.getByText(text(env, locale, 'home.welcome', { name: '张强' })));
      await visible(page.getByText(text(env, locale, 'home.todoItems.myTeams')));
      await shot(env, page, `mobile-home-${locale}`);

      await tabs.getByText(text(env, locale, 'mobile.tabs.mine'), { exact: true }).click();
      await visible(page.getByTestId('mine-name'));
      await visible(page.getByText(text(env, locale, 'mobile.switchToPc')));
      await visible(page.getByText(text(env, locale, 'roles.names.engineer')));
      await shot(env, page, `mobile-mine-${locale}`);

      await page.goto('/m/nowhere');
      await visible(page.getByText(text(env, locale, 'shell.notFoundTitle')));
      await shot(env, page, `mobile-404-${locale}`);
      await context.close();
    },
  };
}

const auditorJourney = {
  name: 'Auditor reads, expands and verifies the audit log (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const { context, page } = await pcSignIn(env, locale, 'auditor');
    await page
      .getByTestId('side-menu')
      .getByText(text(env, locale, 'nav.audit'), { exact: true })
      .click();
    const rows = page.locator('[data-testid=audit-table] tbody tr.ant-table-row');
    await visible(rows);
    await page.locator('[data-testid=audit-table] .ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)').first().click();
    await visible(page.getByTestId('audit-diff').or(page.getByText(text(env, locale, 'auditPages.noChanges'))));
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await visible(result);
    const shown = (await result.textContent()) ?? '';
    if (!shown.includes(text(env, locale, 'audit.chainOk', { count: '' }).split('（')[0])) {
      throw new Error(`verify shows "${shown}"`);
    }
    await shot(env, page, `pc-audit-${locale}`);
    await context.close();
  },
};

const grantJourney = {
  name: 'Security admin grants and revokes a role (en-US)',
  async run(env) {
    const locale = 'en-US';
    const { context, page } = await pcSignIn(env, locale, 'secadmin');
    await page.goto('/admin/roles');
    await page.getByRole('link', { name: text(env, locale, 'roles.names.knowledge_reviewer') }).click();
    await page.waitForURL(/\/admin\/roles\/\d+/);
    await visible(page.getByText(text(env, locale, 'rolePages.permissionsAndScope')));
    const holders = page.locator('.ant-card').filter({ hasText: text(env, locale, 'roles.holders') });
    await visible(holders.locator('tbody tr.ant-table-row'));
    const before = await holders.locator('tbody tr.ant-table-row').count();
    await holders.getByRole('button', { name: text(env, locale, 'roles.grant') }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('.ant-select').first().click();
    await page.keyboard.type('heyu');
    await page.locator('.ant-select-item-option').filter({ hasText: 'heyu' }).first().click();
    await modal.getByRole('button', { name: text(env, locale, 'roles.grant') }).click();
    await visible(page.getByText(text(env, locale, 'rolePages.granted')));
    await holders.locator('tbody tr.ant-table-row').nth(before).waitFor();
    await shot(env, page, `pc-role-grant-${locale}`);
    const row = holders.locator('tbody tr.ant-table-row').filter({ hasText: 'heyu' });
    await row.getByRole('button', { name: text(env, locale, 'roles.revoke') }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: text(env, locale, 'roles.revoke') })
      .click();
    await visible(page.getByText(text(env, locale, 'rolePages.revoked')));
    await context.close();
  },
};

const newUserJourney = {
  name: 'Admin creates a user, who must change the password first (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: text(env, locale, 'org.newUser') }).click();
    const modal = page.locator('.ant-modal');
    await modal.locator('#username').fill('e2e.newhire');
    await modal.locator('#displayName').fill('新同事');
    await modal.locator('#email').fill('not-an-email');
    await modal.locator('button.ant-btn-primary').click();
    await visible(modal.getByText(text(env, locale, 'validation.invalidEmail')));
    await modal.locator('#email').fill('newhire@shuyun-demo.cn');
    await modal.locator('button.ant-btn-primary').click();
    const secret = page.getByTestId('initial-password');
    await visible(secret);
    const password = ((await secret.locator('code').textContent()) ?? '').trim();
    await shot(env, page, `pc-user-created-${locale}`);
    await context.close();

    const second = await open(env, locale, PC);
    await second.page.goto('/login');
    await fillLogin(second.page, 'e2e.newhire', password);
    await second.page.waitForURL(/\/change-password/);
    await visible(second.page.getByText(text(env, locale, 'account.mustChangeHint')));
    await shot(env, second.page, `pc-forced-password-${locale}`);
    await second.page.locator('#currentPassword').fill(password);
    await second.page.locator('#newPassword').fill('Newhire#2026');
    await second.page.locator('#confirmPassword').fill('Newhire#2026');
    await second.page.locator('button[type=submit]').click();
    await visible(second.page.getByTestId('greeting'));
    await second.context.close();
  },
};

const importJourney = {
  name: 'Org import: template download, bad rows listed, good file imported (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await page.goto('/admin/import');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: text(env, locale, 'org.importTemplate') }).click();
    const download = await downloading;
    const template = path.join(env.screenshots, '..', '.tmp', 'template.xlsx');
    await download.saveAs(template);

    // The template filled in with new codes (its sample rows may clash with the demo data)…
    const { default: ExcelJS } = await import('exceljs');
    const fill = async (name, extraUser) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(template);
      const [departments, users] = workbook.worksheets;
      departments.getRow(2).values = ['E2E', 'E2E 测试部'];
      departments.getRow(3).values = ['E2E-IT', 'E2E 信息组', 'E2E'];
      users.getRow(2).values = ['e2e.import', '导入用户', 'E9001', 'e2e.import@example.com', '13800000001', 'E2E-IT'];
      if (extraUser) users.addRow(extraUser);
      const file = path.join(env.screenshots, '..', '.tmp', name);
      await workbook.xlsx.writeFile(file);
      return file;
    };
    const good = await fill('good.xlsx');
    // …and a copy with a bad row: no name, an invalid e-mail, an unknown department.
    const bad = await fill('bad.xlsx', ['e2e.badrow', '', '', 'not-an-email', '', 'NO-SUCH-DEPT']);

    const input = page.locator('input[type=file]');
    await input.setInputFiles(bad);
    const errors = page.locator('[data-testid=import-errors] tbody tr.ant-table-row');
    await visible(errors);
    if ((await errors.count()) < 2) throw new Error(`expected several import errors, got ${await errors.count()}`);
    await shot(env, page, `pc-import-errors-${locale}`);

    await input.setInputFiles(good);
    await visible(page.getByTestId('import-done'));
    await visible(page.getByText('e2e.import'));
    await shot(env, page, `pc-import-done-${locale}`);
    await context.close();
  },
};

/** Signs in over the API (a second session of the same user) and returns a fetch bound to it. */
async function apiSession(env, username) {
  const response = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`API sign-in failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await response.json();
  return (url, init = {}) =>
    fetch(`${env.baseUrl}${url}`, {
      ...init,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
}

const sessionJourney = {
  name: 'A lost session sends the user to sign in and back to the same page (en-US)',
  async run(env) {
    const locale = 'en-US';
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await page.goto('/admin/teams?from=e2e');
    await visible(page.locator('tbody tr.ant-table-row'));
    await context.clearCookies();
    await page
      .getByTestId('side-menu')
      .getByText(text(env, locale, 'nav.users'), { exact: true })
      .click();
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers/);
    await fillLogin(page, 'admin', PASSWORD);
    await page.waitForURL(/\/admin\/users$/);
    await expectUsersTable(page);
    await context.close();
  },
};

const conflictJourney = {
  name: 'Saving a record someone else changed shows the conflict and reloads it (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const { context, page } = await pcSignIn(env, locale, 'admin');
    await page.goto('/admin/systems');
    const row = page.locator('tbody tr.ant-table-row').filter({ hasText: 'CRM' });
    await visible(row);
    await row.getByRole('button', { name: text(env, locale, 'common.edit') }).click();
    const modal = page.locator('.ant-modal');
    await visible(modal.locator('#businessDomain'));

    // Meanwhile another session edits the same system.
    const other = await apiSession(env, 'admin');
    const { items } = await (await other('/api/systems')).json();
    const crm = items.find((system) => system.code === 'CRM');
    const changed = await other(`/api/systems/${crm.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ businessDomain: '客户经营', version: crm.version }),
    });
    if (!changed.ok) throw new Error(`concurrent edit failed: ${changed.status}`);

    await modal.locator('#businessDomain').fill('营销');
    await modal.locator('button.ant-btn-primary').click();
    await visible(page.getByText(text(env, locale, 'errors.versionConflict')));
    await shot(env, page, `pc-version-conflict-${locale}`);
    await visible(row.getByText('客户经营'));
    // The reloaded version lets the user save deliberately over the other change.
    await modal.locator('button.ant-btn-primary').click();
    await visible(page.getByText(text(env, locale, 'common.saved')));
    await visible(row.getByText('营销'));
    await context.close();
  },
};

const accountJourney = {
  name: 'Security admin deactivates, reactivates and resets a user; the timeline shows it (en-US)',
  async run(env) {
    const locale = 'en-US';
    const { context, page } = await pcSignIn(env, locale, 'secadmin');
    await page.goto('/admin/users?q=kongyi');
    await page.locator('[data-testid=users-table] tbody tr.ant-table-row a').first().click();
    await visible(page.getByText(text(env, locale, 'timeline.title')));
    const more = page.getByRole('button', { name: text(env, locale, 'common.more') });
    const act = async (label, done) => {
      await more.click();
      await page.getByRole('menuitem', { name: label }).click();
      const confirm = page.locator('.ant-modal-confirm');
      if (await confirm.count()) await confirm.locator('.ant-btn-primary').click();
      await visible(page.getByText(done));
    };
    await act(text(env, locale, 'org.deactivate'), text(env, locale, 'orgPages.deactivated'));
    await visible(page.getByText(text(env, locale, 'common.inactive'), { exact: true }));
    await act(text(env, locale, 'org.reactivate'), text(env, locale, 'orgPages.reactivated'));
    await act(text(env, locale, 'org.resetPassword'), text(env, locale, 'orgPages.resetDone'));
    await shot(env, page, `pc-password-reset-${locale}`);
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const timeline = page.getByTestId('timeline');
    await visible(timeline.getByText(text(env, locale, 'timeline.deactivated', { actor: '安全管理员' })));
    await visible(timeline.getByText(text(env, locale, 'timeline.passwordReset', { actor: '安全管理员' })));
    await shot(env, page, `pc-user-timeline-${locale}`);
    await context.close();
  },
};

const requesterJourney = {
  name: 'A requester sees only what they may use; admin pages answer "no access" (zh-CN)',
  async run(env) {
    const locale = 'zh-CN';
    const { context, page } = await pcSignIn(env, locale, 'qianhui');
    const menu = page.getByTestId('side-menu');
    await visible(menu.getByText(text(env, locale, 'nav.home'), { exact: true }));
    for (const key of ['nav.users', 'nav.roles', 'nav.audit', 'nav.import']) {
      if ((await menu.getByText(text(env, locale, key), { exact: true }).count()) > 0) throw new Error(`requester sees ${key}`);
    }
    // Their to-dos are their own (a resolution to confirm, a delivered demand to rate) or none — never an admin's.
    await visible(page.getByText(text(env, locale, 'home.todo'), { exact: true }));
    await page.waitForLoadState('networkidle');
    const cards = await page.locator('[data-testid^="todo-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    const foreign = cards.filter((id) => !['todo-ticketsToConfirm', 'todo-demandsToRate'].includes(id));
    if (foreign.length) throw new Error(`requester sees to-dos that are not theirs: ${foreign.join(', ')}`);
    if (!cards.length) await visible(page.getByText(text(env, locale, 'home.todoEmpty')));
    await shot(env, page, `pc-home-requester-${locale}`);
    await page.goto('/admin/roles');
    await visible(page.getByText(text(env, locale, 'shell.forbiddenTitle')));
    await shot(env, page, `pc-403-${locale}`);
    await context.close();
  },
};

export const journeys = [
  pcLoginJourney('zh-CN'),
  pcLoginJourney('en-US'),
  pcAdminPagesJourney('zh-CN'),
  pcAdminPagesJourney('en-US'),
  mobileJourney('zh-CN'),
  mobileJourney('en-US'),
  auditorJourney,
  grantJourney,
  newUserJourney,
  importJourney,
  sessionJourney,
  conflictJourney,
  accountJourney,
  requesterJourney,
];

// Shared with the module journey files (journeys-*.mjs).
export { apiCall, apiPcSignIn, apiSignIn, open, PASSWORD, PC, PHONE, phoneShot, png, shot, TIMEOUT, text, visible };
