import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { countRows, uniq } from './test-helpers.js';

// Every class of bad input against every write route of the org module: refused, nothing written.

let t: TestContext;
let adminUser: TestUser;
let admin: ApiClient;
let orgWrites: { method: string; url: string }[];

const ORG_PREFIXES = ['/api/departments', '/api/users', '/api/teams', '/api/systems', '/api/roles', '/api/grants', '/api/org/'];
const TABLES = ['departments', 'users', 'teams', 'team_members', 'it_systems', 'roles', 'user_roles', 'audit_log', 'activity'];
const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(t, table)])));

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000', BODY_LIMIT_KB: '16' });
  // Someone holding every org permission, so that only the bad input can be the reason for a refusal.
  adminUser = await t.createUser({ roles: ['system_admin'] });
  admin = await t.login(adminUser);
  orgWrites = t.app.routeTable
    .filter((r) => r.method !== 'GET' && ORG_PREFIXES.some((p) => r.url.startsWith(p)))
    .map((r) => ({ method: r.method, url: r.url.replace(':id', String(adminUser.id)) }));
});
afterAll(() => t.close());

describe('session and CSRF checks on every org write', () => {
  it('covers the org module’s write routes', () => {
    expect(orgWrites.length).toBeGreaterThanOrEqual(15);
    expect(orgWrites.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/departments', 'POST /api/org/import', 'DELETE /api/grants/' + adminUser.id]),
    );
  });

  it('a missing or forged CSRF token → 403 csrf, nothing written', async () => {
    const before = await snapshot();
    for (const { method, url } of orgWrites) {
      const missing = await admin.request(method, url, { body: { name: 'x', code: `C-${uniq()}`, version: 1 }, csrf: false });
      expect(missing.statusCode, `${method} ${url}`).toBe(403);
      expect(missing.json().error).toEqual({ code: 'csrf', message: '安全校验失败，请刷新页面后重试' });
      const forged = await admin.request(method, url, {
        body: { name: 'x', code: `C-${uniq()}`, version: 1 },
        csrf: false,
        headers: { 'x-csrf-token': 'A'.repeat(43) },
      });
      expect(forged.statusCode, `${method} ${url}`).toBe(403);
      expect(forged.json().error.code).toBe('csrf');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an expired session → 401 sessionExpired, nothing written', async () => {
    const client = await t.login(adminUser);
    await t.platform.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', adminUser.id)
      .execute();
    const before = await snapshot();
    const res = await client.post('/api/departments', { name: '过期', code: `EXP-${uniq()}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'sessionExpired', message: '会话已过期，请重新登录' });
    for (const { method, url } of orgWrites) {
      expect((await client.request(method, url, { body: {} })).statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
    admin = await t.login(adminUser); // the expiry removed every session of this user
  });
});

describe('malformed and oversize bodies on org writes', () => {
  it('malformed JSON → 400 badJson on every JSON write route, nothing written', async () => {
    // Account and role routes belong to the security admin (the system admin is refused before the body is read).
    const security = await t.login(await t.createUser({ roles: ['security_admin'] }));
    const before = await snapshot();
    for (const { method, url } of orgWrites.filter((r) => r.method !== 'DELETE' && !r.url.startsWith('/api/org/import'))) {
      const send = (client: ApiClient) =>
        client.request(method, url, { payload: '{"name": ', headers: { 'content-type': 'application/json' } });
      let res = await send(admin);
      if (res.statusCode === 403) res = await send(security);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().error.code, `${method} ${url}`).toBe('badJson');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an oversize body → 413, nothing written', async () => {
    const before = await snapshot();
    const res = await admin.post('/api/users', { username: `big_${uniq()}`, displayName: 'x', title: 'x'.repeat(20_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payloadTooLarge');
    expect(await snapshot()).toEqual(before);
  });
});

describe('injection in org text fields', () => {
  const sql = "Robert'); DROP TABLE users; --";
  const script = '<script>alert(document.cookie)</script>';

  it('stores SQL and script verbatim in user, team and system fields, returned as JSON data', async () => {
    const user = await admin.post('/api/users', { username: `inj_${uniq()}`, displayName: sql, title: script, password: 'Strong#Pass1' });
    expect(user.statusCode, user.body).toBe(201);
    expect(user.json().user).toMatchObject({ displayName: sql, title: script });
    const team = await admin.post('/api/teams', { name: script, code: `T-${uniq()}`, description: sql });
    expect(team.json()).toMatchObject({ name: script, description: sql });
    const system = await admin.post('/api/systems', { name: sql, code: `S-${uniq()}`, businessDomain: script });
    expect(system.json()).toMatchObject({ name: sql, businessDomain: script });
    const list = await admin.get('/api/teams');
    expect(list.headers['content-type']).toContain('application/json');
    expect(await countRows(t, 'users')).toBeGreaterThan(1);
  });

  it('matches an injection attempt in the user search literally', async () => {
    const all = (await admin.get('/api/users?pageSize=200')).json().total as number;
    const res = await admin.get(`/api/users?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
    const exact = await admin.get(`/api/users?q=${encodeURIComponent("Robert');")}`);
    expect(exact.json().total).toBe(1);
    expect(all).toBeGreaterThan(1);
  });

  it('rejects ids that are not positive integers with 400 before any SQL runs', async () => {
    for (const id of ['abc', '-1', '1.5', '0', '99999999999999999999', '1;DROP TABLE users']) {
      const res = await admin.get(`/api/users/${encodeURIComponent(id)}`);
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });
});
