import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';

let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await setupTestApp({ BODY_LIMIT_KB: '16' });
  admin = await t.createUser({ roles: ['system_admin'] });
});
afterAll(() => t.close());

const countDepartments = () => t.countRows('departments');

describe('bad input changes nothing and gets a clear, localised error', () => {
  it('malformed JSON → 400 badJson', async () => {
    const api = await t.login(admin);
    const before = await countDepartments();
    const res = await api.request('POST', '/api/departments', {
      payload: '{"name": "x", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'badJson', message: '请求内容不是有效的 JSON' });
    expect(await countDepartments()).toBe(before);
  });

  it('a day before 1900 (year 0000 has no date in PostgreSQL) → 400 naming the field, in every module that takes days', async () => {
    const manager = await t.login(await t.createUser({ roles: ['it_manager'] }));
    for (const path of [
      '/api/incidents?occurredFrom=0000-01-01',
      '/api/demands?createdFrom=0000-12-31',
      '/api/faults/availability?from=0000-01-01&to=2026-01-01',
      '/api/releases?from=1899-12-31',
      '/api/analytics/tickets/efficiency?from=0000-01-01&to=2026-01-01',
    ]) {
      const res = await manager.get(path);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details[0].message, path).toBe('取值无效');
    }
  });

  it('wrong types and missing fields → 400 validation naming each field', async () => {
    const api = await t.login(admin);
    const res = await api.post('/api/departments', { name: 42 });
    expect(res.statusCode).toBe(400);
    const { code, details } = res.json().error;
    expect(code).toBe('validation');
    expect(details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'name']);
    // The signed-in user's language wins over the browser's; switch it to English.
    await api.patch('/api/auth/profile', { locale: 'en-US' });
    const en = await api.post('/api/departments', { name: '', code: 'X1' });
    await api.patch('/api/auth/profile', { locale: 'zh-CN' });
    expect(en.json().error.message).toBe('Some input is invalid; please check and try again');
    expect(en.json().error.details[0]).toMatchObject({ path: 'name', message: 'Required' });
  });

  it('unknown fields → 400, so a client cannot smuggle columns such as a role or a version', async () => {
    const api = await t.login(admin);
    const before = await countDepartments();
    const res = await api.post('/api/departments', { name: '测试部', code: 'T-X', id: 999, path: '/' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toContain('id');
    expect(await countDepartments()).toBe(before);
    const roleSmuggle = await api.post('/api/users', { username: 'smuggler', displayName: 'S', roles: ['security_admin'] });
    expect(roleSmuggle.statusCode).toBe(400);
  });

  it('oversize bodies → 413', async () => {
    const api = await t.login(admin);
    const res = await api.post('/api/departments', { name: 'x'.repeat(20_000), code: 'BIG' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payloadTooLarge');
  });

  it('overlong strings → 400 with the limit in the message', async () => {
    const api = await t.login(admin);
    const res = await api.post('/api/departments', { name: '部'.repeat(81), code: 'LONG' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'name', message: '最多 80 个字符' });
  });

  it('non-numeric ids and out-of-range paging → 400', async () => {
    const api = await t.login(admin);
    expect((await api.get('/api/users/abc')).statusCode).toBe(400);
    expect((await api.get('/api/users?pageSize=100000')).statusCode).toBe(400);
    expect((await api.get('/api/users/99999999999999999999')).statusCode).toBe(400);
  });

  it('control characters in text → 400', async () => {
    const api = await t.login(admin);
    const res = await api.post('/api/departments', { name: 'bad\u0000name', code: 'CTRL' });
    expect(res.statusCode).toBe(400);
  });

  it('SQL injection in text and search is stored and matched literally', async () => {
    const api = await t.login(admin);
    const name = "x'); DROP TABLE users; --";
    const created = await api.post('/api/departments', { name, code: 'SQLI' });
    expect(created.statusCode).toBe(201);
    expect(created.json().name).toBe(name);
    expect(await t.platform.db.selectFrom('users').select('id').limit(1).execute()).toHaveLength(1);
    const search = await api.get(`/api/users?q=${encodeURIComponent("%' OR '1'='1")}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
    const wildcard = await api.get(`/api/users?q=${encodeURIComponent('%')}`);
    expect(wildcard.json().total).toBe(0); // % is a literal character, not "everything"
  });

  it('script in text is returned as inert JSON data, never as HTML', async () => {
    const api = await t.login(admin);
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await api.post('/api/departments', { name, code: 'XSS' });
    expect(created.statusCode).toBe(201);
    const list = await api.get('/api/departments');
    expect(list.headers['content-type']).toContain('application/json');
    expect(list.json().items.find((d: { code: string }) => d.code === 'XSS').name).toBe(name);
  });

  it('a write without a session → 401, nothing written', async () => {
    const before = await countDepartments();
    const res = await t.anonymous().post('/api/departments', { name: 'anon', code: 'ANON' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(await countDepartments()).toBe(before);
  });

  it('a garbage bearer token → 401, a garbage session cookie → 401', async () => {
    const bearer = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer sy_not-a-real-token' } });
    expect(bearer.statusCode).toBe(401);
    const cookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'shuyun_sid=garbage' } });
    expect(cookie.statusCode).toBe(401);
  });

  it('never leaks internals in a 500', async () => {
    const api = await t.login(admin);
    // A department id beyond bigint range would be a database error if it reached SQL; the schema stops it first.
    const res = await api.patch('/api/departments/9223372036854775808', { version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/stack|at \w+ \(|pg_|SELECT/i);
  });
});
