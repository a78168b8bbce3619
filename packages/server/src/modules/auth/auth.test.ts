import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, TEST_PASSWORD, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

const login = (username: string, password: string, lang = 'zh-CN') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': lang } });

describe('password sign-in', () => {
  it('returns the user, an httpOnly SameSite session cookie and a CSRF token', async () => {
    const user = await t.createUser({ roles: ['requester'] });
    const res = await login(user.username.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'shuyun_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json()).toMatchObject({ id: user.id, username: user.username, permissions: expect.arrayContaining(['file.upload']) });
    expect(res.json().csrfToken).toMatch(/^[\w-]{30,}$/);
    const stored = await t.platform.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id_hash).not.toBe(cookie?.value); // only the hash is stored
  });

  it('refuses a wrong password and an unknown user with the same localised message, and audits both', async () => {
    const user = await t.createUser();
    const wrong = await login(user.username, 'Wrong@Pass1');
    const unknown = await login('nobody-here', 'Wrong@Pass1', 'en-US');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'invalidCredentials', message: '用户名或密码错误' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('Wrong username or password');
    const failures = await t.platform.db
      .selectFrom('audit_log')
      .select(['actor_name', 'object_id'])
      .where('action', '=', 'auth.loginFailed')
      .execute();
    expect(failures.map((f) => f.actor_name)).toEqual(expect.arrayContaining([user.username, 'nobody-here']));
  });

  it('locks the account after 5 failures for 30 minutes, even for the right password, and unlocks after', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'Wrong@Pass1')).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong@Pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('accountLocked');
    const right = await login(user.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    const row = await t.platform.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    await t.platform.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute();
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts concurrent failures without losing any', async () => {
    const user = await t.createUser();
    await Promise.all(Array.from({ length: 5 }, () => login(user.username, 'Wrong@Pass1')));
    const row = await t.platform.db.selectFrom('users').select(['locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('refuses a deactivated account', async () => {
    const user = await t.createUser({ active: false });
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('accountInactive');
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      const last = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
      expect(last.json().error.code).toBe('rateLimited');
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('expires after the idle timeout and says so', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    await t.platform.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', user.id)
      .execute();
    const res = await api.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('sessionExpired');
    expect(await t.platform.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()).toHaveLength(0);
  });

  it('keeps an active session alive past the idle timeout when it is used', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    await t.platform.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 29 * 60_000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    const row = await t.platform.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(row.last_seen_at).getTime()).toBeLessThan(5000);
  });

  it('signs out', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    expect((await api.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await api.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('rejects cookie-authenticated writes without the CSRF token, or with a forged one, changing nothing', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    const missing = await api.request('POST', '/api/auth/tokens', { body: { name: 'x' }, csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf');
    const forged = await api.request('POST', '/api/auth/tokens', {
      body: { name: 'x' },
      csrf: false,
      headers: { 'x-csrf-token': 'forged-token-value-forged-token-value' },
    });
    expect(forged.statusCode).toBe(403);
    expect(await t.platform.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0);
    expect((await api.post('/api/auth/tokens', { name: 'ok' })).statusCode).toBe(201);
  });

  it('refuses form posts (no JSON) so a cross-site form cannot sign anyone in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: 'username=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('personal API tokens', () => {
  it('are shown once, stored hashed, act with the owner’s permissions without CSRF, and stop working when revoked', async () => {
    const user = await t.createUser({ roles: ['requester'] });
    const api = await t.login(user);
    const created = await api.post('/api/auth/tokens', { name: '集成脚本' });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^sy_/);
    expect(token.startsWith(prefix)).toBe(true);
    const row = await t.platform.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token.slice(3));
    expect((await api.get('/api/auth/tokens')).json().items[0]).not.toHaveProperty('token');

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
    const write = await t.app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: bearer, payload: { locale: 'en-US' } });
    expect(write.statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('You do not have permission to do this'); // the owner's language now

    expect((await api.delete(`/api/auth/tokens/${id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('stop working after their expiry date and for a deactivated owner', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    const { token, id } = (
      await api.post('/api/auth/tokens', { name: 'short', expiresAt: new Date(Date.now() + 60_000).toISOString() })
    ).json();
    const call = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await call()).statusCode).toBe(200);
    await t.platform.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await call()).statusCode).toBe(401);
    await t.platform.db.updateTable('api_tokens').set({ expires_at: null }).where('id', '=', id).execute();
    await t.platform.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    expect((await call()).statusCode).toBe(403);
  });

  it('cannot be revoked by someone else', async () => {
    const owner = await t.createUser();
    const other = await t.createUser();
    const { id } = (await (await t.login(owner)).post('/api/auth/tokens', { name: 'mine' })).json();
    const res = await (await t.login(other)).delete(`/api/auth/tokens/${id}`);
    expect(res.statusCode).toBe(404);
    const row = await t.platform.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });
});

describe('password change', () => {
  it('needs the current password, follows the policy, and signs out the other sessions', async () => {
    const user = await t.createUser();
    const here = await t.login(user);
    const elsewhere = await t.login(user);
    const wrong = await here.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'New@Pass22' });
    expect(wrong.json().error.code).toBe('wrongPassword');
    const weak = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'alllowercase' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({
      code: 'passwordPolicy',
      message: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
    });
    const same = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().error.code).toBe('passwordReuse');
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200); // unchanged so far

    const ok = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New@Pass22' });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.username, 'New@Pass22')).statusCode).toBe(200);
  });

  it('uses a configurable policy', async () => {
    const strict = await setupTestApp({ PASSWORD_MIN_LENGTH: '12', PASSWORD_MIN_CLASSES: '4' });
    try {
      const user = await strict.createUser();
      const api = await strict.login(user);
      const res = await api.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefgh1234' });
      expect(res.json().error.message).toBe('密码至少 12 位，且包含大写字母、小写字母、数字、符号中的至少 4 类');
      expect((await api.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefgh123!' })).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('profile', () => {
  it('switches the language of every server message for that user', async () => {
    const user = await t.createUser();
    const api = await t.login(user);
    const res = await api.patch('/api/auth/profile', { locale: 'en-US' });
    expect(res.json().locale).toBe('en-US');
    const denied = await api.get('/api/users');
    expect(denied.json().error.message).toBe('You do not have permission to do this');
  });
});
