import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';

// Found by the bad-input fuzz (npm run test:reliability): text PostgreSQL cannot store and broken
// multipart bodies answered 500. They are the client's mistake: 400, nothing written.

let t: TestContext;
let admin: TestUser;
let api: ApiClient;
beforeAll(async () => {
  t = await setupTestApp();
  admin = await t.createUser({ roles: ['system_admin', 'engineer'] });
  api = await t.login(admin);
});
afterAll(() => t.close());

const count = (table: 'saved_views' | 'audit_log') => t.countRows(table);

describe('input PostgreSQL cannot store → 400 naming the field, nothing written', () => {
  it('a NUL character in a JSON string', async () => {
    const before = await count('saved_views');
    const res = await api.post('/api/ticket-views', { name: 'a\u0000b', filters: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', details: [{ path: 'name', message: '取值无效' }] });
    expect(await count('saved_views')).toBe(before);
  });

  it('a NUL character in the query string', async () => {
    const res = await api.get('/api/users/options?q=a%00b');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('q');
  });

  it('a lone surrogate in a JSON string (would break the audit entry’s jsonb)', async () => {
    const before = await count('audit_log');
    const res = await api.request('PATCH', `/api/users/${admin.id}`, {
      payload: '{"version":1,"displayName":"a\\ud800b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('displayName');
    expect(await count('audit_log')).toBe(before);
    // A well-formed pair (an emoji, an astral character) is fine.
    const ok = await api.post('/api/ticket-views', { name: '𠮷 👍', filters: {} });
    expect(ok.statusCode).not.toBe(400);
  });

  it('a path segment the router cannot decode, or one that is too long → our localised 400', async () => {
    for (const url of ['/api/users/%ED%A0%80', `/api/users/${'9'.repeat(250)}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en-US' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'validation', message: 'Some input is invalid; please check and try again' } });
    }
  });

  it('a malformed multipart body → 400, not 500', async () => {
    const res = await api.request('POST', '/api/files', {
      payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
      headers: { 'content-type': 'multipart/form-data; boundary=y' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation');
  });
});
