import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { auditFor, countRows, timelineKinds } from './test-helpers.js';

// Account actions (account.manage, held by the security admin): deactivate, reactivate, unlock, reset password.

let t: TestContext;
let security: ApiClient;
let securityId: number;
let sysAdmin: ApiClient;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  const sec = await t.createUser({ roles: ['security_admin'] });
  securityId = sec.id;
  security = await t.login(sec);
  // A second security admin, so that deactivating people here never hits the last-holder rule by accident.
  await t.createUser({ roles: ['security_admin'] });
  sysAdmin = await t.login(await t.createUser({ roles: ['system_admin'] }));
});
afterAll(() => t.close());

const userRow = (id: number) => t.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const sessionCount = async (id: number) =>
  Number(
    (
      await t.platform.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const tryLogin = (user: { username: string }, password: string) =>
  t.anonymous().post('/api/auth/login', { username: user.username, password });

describe('deactivating and reactivating', () => {
  let target: TestUser;
  let targetClient: ApiClient;

  beforeAll(async () => {
    target = await t.createUser({ roles: ['engineer'] });
    targetClient = await t.login(target);
  });

  it('deactivation signs the user out everywhere (401), refuses their sign-in, and is audited and on the timeline', async () => {
    expect((await targetClient.get('/api/auth/me')).statusCode).toBe(200);
    const token = (await targetClient.post('/api/auth/tokens', { name: '集成' })).json().token as string;
    expect(await sessionCount(target.id)).toBe(1);

    const res = await security.post(`/api/users/${target.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, active: false, version: 2 });
    expect(await userRow(target.id)).toMatchObject({ active: false });
    expect(await sessionCount(target.id)).toBe(0);

    const me = await targetClient.get('/api/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('unauthenticated');
    const viaToken = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().error.code).toBe('accountInactive');
    const login = await tryLogin(target, target.password);
    expect(login.statusCode).toBe(403);
    expect(login.json().error).toEqual({ code: 'accountInactive', message: '账号已停用，请联系管理员' });

    const audit = (await auditFor(t, 'user', target.id)).filter((a) => a.action === 'deactivate');
    expect(audit).toEqual([expect.objectContaining({ actor_id: securityId, before: { active: true }, after: { active: false } })]);
    expect(await timelineKinds(security, target.id)).toContain('deactivated');
  });

  it('deactivating an inactive user changes nothing more', async () => {
    const auditBefore = await countRows(t, 'audit_log');
    const res = await security.post(`/api/users/${target.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect((await userRow(target.id)).version).toBe(2);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('reactivation lets the user sign in again, and is audited and on the timeline', async () => {
    const res = await security.post(`/api/users/${target.id}/reactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: true, version: 3 });
    const again = await t.login(target);
    expect((await again.get('/api/auth/me')).statusCode).toBe(200);
    expect((await auditFor(t, 'user', target.id)).map((a) => a.action)).toContain('reactivate');
    const kinds = await timelineKinds(security, target.id);
    expect(kinds.slice(-2)).toEqual(['deactivated', 'reactivated']);
  });
});

describe('unlocking', () => {
  it('clears a lockout so the user can sign in at once, and is audited and on the timeline', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 4; i++) expect((await tryLogin(user, 'Wrong#Pass1')).statusCode).toBe(401);
    const locked = await tryLogin(user, 'Wrong#Pass1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('accountLocked');
    expect((await tryLogin(user, user.password)).statusCode).toBe(423);
    expect((await security.get(`/api/users/${user.id}`)).json().lockedUntil).toEqual(expect.any(String));

    const res = await security.post(`/api/users/${user.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect(await userRow(user.id)).toMatchObject({ locked_until: null, failed_logins: 0 });
    expect((await tryLogin(user, user.password)).statusCode).toBe(200);

    expect((await auditFor(t, 'user', user.id)).filter((a) => a.action === 'unlock')).toEqual([
      expect.objectContaining({ actor_id: securityId }),
    ]);
    expect(await timelineKinds(security, user.id)).toContain('unlocked');
  });
});

describe('resetting a password', () => {
  it('replaces the password: the old one fails, the new one works and must be changed; the user is signed out', async () => {
    const user = await t.createUser();
    const client = await t.login(user);
    const res = await security.post(`/api/users/${user.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const password = res.json().password as string;
    expect(password).not.toBe(user.password);
    expect(password.length).toBeGreaterThanOrEqual(12);

    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const old = await tryLogin(user, user.password);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('invalidCredentials');
    const fresh = await t.login({ username: user.username, password });
    expect((await fresh.get('/api/auth/me')).json().mustChangePassword).toBe(true);

    const audit = (await auditFor(t, 'user', user.id)).filter((a) => a.action === 'passwordReset');
    expect(audit).toEqual([expect.objectContaining({ actor_id: securityId })]);
    expect(JSON.stringify(await auditFor(t, 'user', user.id))).not.toContain(password);
    expect(await timelineKinds(security, user.id)).toEqual(['passwordReset']);
  });
});

describe('who may manage accounts', () => {
  it('a system admin gets 403 on every account action and nothing changes', async () => {
    const user = await t.createUser();
    const client = await t.login(user);
    const before = await userRow(user.id);
    const auditBefore = await countRows(t, 'audit_log');
    for (const action of ['deactivate', 'reactivate', 'unlock', 'reset-password']) {
      const res = await sysAdmin.post(`/api/users/${user.id}/${action}`);
      expect(res.statusCode, action).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await userRow(user.id)).toEqual(before);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('a department-scoped security admin gets 404 for people outside the department, and nothing changes', async () => {
    const mine = await t.createDepartment('安全本部门');
    const theirs = await t.createDepartment('安全外部门');
    const scoped = await t.login(await t.createUser({ roles: ['security_admin'], scope: 'department', departmentId: mine }));
    const outsider = await t.createUser({ departmentId: theirs });
    const insider = await t.createUser({ departmentId: mine });
    for (const action of ['deactivate', 'unlock', 'reset-password']) {
      const res = await scoped.post(`/api/users/${outsider.id}/${action}`);
      expect(res.statusCode, action).toBe(404);
    }
    expect(await userRow(outsider.id)).toMatchObject({ active: true, version: 1 });
    expect((await tryLogin(outsider, outsider.password)).statusCode).toBe(200);
    expect((await scoped.post(`/api/users/${insider.id}/deactivate`)).statusCode).toBe(200);
  });

  it('an unknown user is 404', async () => {
    expect((await security.post('/api/users/99999999/deactivate')).statusCode).toBe(404);
    expect((await security.post('/api/users/99999999/reset-password')).statusCode).toBe(404);
  });
});
