import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { auditFor, countRows, setLocale, timelineKinds, uniq } from './test-helpers.js';

let t: TestContext;
let security: ApiClient;
let securityId: number;
let sysAdmin: ApiClient;
let sysAdminUser: TestUser;
let auditorUser: TestUser;

const roleId = async (ctx: TestContext, key: string) =>
  (await ctx.platform.db.selectFrom('roles').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
const grantsOf = (ctx: TestContext, userId: number) =>
  ctx.platform.db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['ur.id', 'r.key', 'ur.scope', 'ur.granted_by'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.key')
    .execute();
const roleRow = (id: number) => t.platform.db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  const sec = await t.createUser({ roles: ['security_admin'] });
  securityId = sec.id;
  security = await t.login(sec);
  sysAdminUser = await t.createUser({ roles: ['system_admin'] });
  sysAdmin = await t.login(sysAdminUser);
  auditorUser = await t.createUser({ roles: ['auditor'] });
});
afterAll(() => t.close());

describe('granting and revoking roles', () => {
  it('the security admin grants a role: recorded with who granted it, audited, on the timeline, and shown on the user', async () => {
    const user = await t.createUser({ roles: [] });
    const res = await security.post('/api/grants', { userId: user.id, roleId: await roleId(t, 'engineer') });
    expect(res.statusCode, res.body).toBe(200);
    expect(await grantsOf(t, user.id)).toEqual([expect.objectContaining({ key: 'engineer', scope: null, granted_by: securityId })]);
    const audit = (await auditFor(t, 'user', user.id)).filter((a) => a.action === 'roleGranted');
    expect(audit).toEqual([expect.objectContaining({ actor_id: securityId, after: { role: 'engineer', scope: null } })]);
    expect(await timelineKinds(security, user.id)).toEqual(['roleGranted']);
    expect((await security.get(`/api/users/${user.id}`)).json().roles).toEqual([
      expect.objectContaining({ key: 'engineer', scope: 'team' }),
    ]);

    const grantId = (await grantsOf(t, user.id))[0]?.id;
    const revoke = await security.delete(`/api/grants/${grantId}`);
    expect(revoke.statusCode).toBe(200);
    expect(await grantsOf(t, user.id)).toEqual([]);
    expect((await auditFor(t, 'user', user.id)).map((a) => a.action)).toEqual(['roleGranted', 'roleRevoked']);
    expect(await timelineKinds(security, user.id)).toEqual(['roleGranted', 'roleRevoked']);
  });

  it('a system admin may neither grant nor revoke (403) and nothing changes', async () => {
    const user = await t.createUser({ roles: ['requester'] });
    const auditBefore = await countRows(t, 'audit_log');
    const grant = await sysAdmin.post('/api/grants', { userId: user.id, roleId: await roleId(t, 'it_manager') });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.code).toBe('forbidden');
    // …not even to themselves.
    const self = await sysAdmin.post('/api/grants', { userId: sysAdminUser.id, roleId: await roleId(t, 'it_manager') });
    expect(self.statusCode).toBe(403);
    const grantId = (await grantsOf(t, user.id))[0]?.id;
    expect((await sysAdmin.delete(`/api/grants/${grantId}`)).statusCode).toBe(403);
    expect((await grantsOf(t, user.id)).map((g) => g.key)).toEqual(['requester']);
    expect((await grantsOf(t, sysAdminUser.id)).map((g) => g.key)).toEqual(['system_admin']);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('refuses to give one person two of system admin / security admin / auditor (409) and writes nothing', async () => {
    const grantsBefore = await countRows(t, 'user_roles');
    const cases: [TestUser | { id: number }, string][] = [
      [sysAdminUser, 'auditor'],
      [sysAdminUser, 'security_admin'],
      [{ id: securityId }, 'system_admin'],
      [auditorUser, 'security_admin'],
    ];
    for (const [user, key] of cases) {
      const res = await security.post('/api/grants', { userId: user.id, roleId: await roleId(t, key) });
      expect(res.statusCode, key).toBe(409);
      expect(res.json().error).toEqual({
        code: 'separationOfDuties',
        message: '系统管理员、安全管理员、审计员须由不同人员担任（三权分立）',
      });
    }
    expect(await countRows(t, 'user_roles')).toBe(grantsBefore);
  });

  it('refuses a grant the user already holds (409), and unknown users or roles (400 naming the field)', async () => {
    const user = await t.createUser({ roles: ['engineer'] });
    const grantsBefore = await countRows(t, 'user_roles');
    const dup = await security.post('/api/grants', { userId: user.id, roleId: await roleId(t, 'engineer') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
    const noUser = await security.post('/api/grants', { userId: 99999999, roleId: await roleId(t, 'engineer') });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().error.details).toEqual([expect.objectContaining({ path: 'userId' })]);
    const noRole = await security.post('/api/grants', { userId: user.id, roleId: 99999999 });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.details).toEqual([expect.objectContaining({ path: 'roleId' })]);
    const badScope = await security.post('/api/grants', { userId: user.id, roleId: await roleId(t, 'analyst'), scope: 'galaxy' });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().error.details).toEqual([expect.objectContaining({ path: 'scope' })]);
    expect(await countRows(t, 'user_roles')).toBe(grantsBefore);
  });
});

describe('custom roles and their effect', () => {
  it('a granted custom role takes effect on the grantee’s next request, and stops when revoked', async () => {
    const created = await security.post('/api/roles', {
      key: `user_reader_${uniq()}`,
      name: '用户查看',
      scope: 'all',
      permissions: ['org.user.read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ builtin: false, scope: 'all', permissions: ['org.user.read'], holderCount: 0, version: 1 });
    expect((await auditFor(t, 'role', role.id)).map((a) => a.action)).toEqual(['create']);

    const grantee = await t.createUser({ roles: ['requester'] });
    const client = await t.login(grantee);
    expect((await client.get('/api/users')).statusCode).toBe(403);
    expect((await security.post('/api/grants', { userId: grantee.id, roleId: role.id })).statusCode).toBe(200);
    const list = await client.get('/api/users?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(await countRows(t, 'users'));

    const grantId = (await grantsOf(t, grantee.id)).find((g) => g.key === role.key)?.id;
    expect((await security.delete(`/api/grants/${grantId}`)).statusCode).toBe(200);
    expect((await client.get('/api/users')).statusCode).toBe(403);
  });

  it('honours a scope override on the grant', async () => {
    const role = (
      await security.post('/api/roles', { key: `all_reader_${uniq()}`, name: '全员查看', scope: 'all', permissions: ['org.user.read'] })
    ).json();
    const dept = await t.createDepartment('覆盖范围部');
    const colleague = await t.createUser({ departmentId: dept });
    const grantee = await t.createUser({ roles: [], departmentId: dept });
    const client = await t.login(grantee);

    expect((await security.post('/api/grants', { userId: grantee.id, roleId: role.id, scope: 'own' })).statusCode).toBe(200);
    expect(await grantsOf(t, grantee.id)).toEqual([expect.objectContaining({ key: role.key, scope: 'own' })]);
    const own = (await client.get('/api/users?pageSize=200')).json();
    expect(own.items.map((u: { id: number }) => u.id)).toEqual([grantee.id]);
    expect((await client.get(`/api/users/${colleague.id}`)).statusCode).toBe(404);
    expect((await security.get(`/api/users/${grantee.id}`)).json().roles).toEqual([
      expect.objectContaining({ key: role.key, scope: 'own' }),
    ]);

    // Re-granted with department scope: the colleague appears.
    const grantId = (await grantsOf(t, grantee.id))[0]?.id;
    await security.delete(`/api/grants/${grantId}`);
    await security.post('/api/grants', { userId: grantee.id, roleId: role.id, scope: 'department' });
    const department = (await client.get('/api/users?pageSize=200')).json();
    expect(department.items.map((u: { id: number }) => u.id).sort()).toEqual([grantee.id, colleague.id].sort());
  });

  it('refuses a custom role with an unknown permission (400) and writes nothing', async () => {
    const before = await countRows(t, 'roles');
    const res = await security.post('/api/roles', {
      key: `bad_${uniq()}`,
      name: '坏角色',
      scope: 'all',
      permissions: ['org.user.read', 'root.everything'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'permissions.1' })]);
    const badKey = await security.post('/api/roles', { key: 'Has Spaces', name: '坏标识', scope: 'all', permissions: [] });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.details).toEqual([expect.objectContaining({ path: 'key' })]);
    const dupKey = await security.post('/api/roles', { key: 'engineer', name: '重复', scope: 'all', permissions: [] });
    expect(dupKey.statusCode).toBe(409);
    expect(dupKey.json().error.code).toBe('duplicate');
    expect(await countRows(t, 'roles')).toBe(before);
  });

  it('refuses a custom role that would read the audit log or grant roles (409) and writes nothing', async () => {
    const before = await countRows(t, 'roles');
    for (const permission of ['audit.read', 'audit.export', 'role.grant']) {
      const res = await security.post('/api/roles', {
        key: `sneaky_${uniq()}`,
        name: '越权',
        scope: 'all',
        permissions: ['org.user.read', permission],
      });
      expect(res.statusCode, permission).toBe(409);
      expect(res.json().error.code).toBe('separationOfDuties');
    }
    expect(await countRows(t, 'roles')).toBe(before);
  });

  it('only the security admin edits roles; a system admin may read them', async () => {
    expect((await sysAdmin.get('/api/roles')).statusCode).toBe(200);
    const engineer = await roleId(t, 'engineer');
    const res = await sysAdmin.patch(`/api/roles/${engineer}`, { permissions: ['org.user.read', 'org.user.manage'], version: 1 });
    expect(res.statusCode).toBe(403);
    expect((await roleRow(engineer)).permissions).not.toContain('org.user.manage');
  });
});

describe('editing roles', () => {
  it('refuses an edit that gives audit.read (or role.grant) to another role, or takes it from its own, and changes nothing', async () => {
    const cases: [string, (p: string[]) => string[]][] = [
      ['engineer', (p) => [...p, 'audit.read']],
      ['system_admin', (p) => [...p, 'audit.read']],
      ['it_manager', (p) => [...p, 'audit.export']],
      ['system_admin', (p) => [...p, 'role.grant']],
      ['auditor', (p) => p.filter((x) => x !== 'audit.read')],
      ['security_admin', (p) => p.filter((x) => x !== 'role.grant')],
    ];
    for (const [key, change] of cases) {
      const id = await roleId(t, key);
      const before = await roleRow(id);
      const res = await security.patch(`/api/roles/${id}`, { permissions: change(before.permissions), version: before.version });
      expect(res.statusCode, key).toBe(409);
      expect(res.json().error.code).toBe('separationOfDuties');
      expect(await roleRow(id)).toEqual(before);
    }
  });

  it('applies an edit to every holder on their next request, audited with before and after', async () => {
    const role = (
      await security.post('/api/roles', { key: `editable_${uniq()}`, name: '可编辑', scope: 'all', permissions: ['org.user.read'] })
    ).json();
    const holder = await t.createUser({ roles: [] });
    await security.post('/api/grants', { userId: holder.id, roleId: role.id });
    const client = await t.login(holder);
    expect((await client.get('/api/users')).statusCode).toBe(200);

    const res = await security.patch(`/api/roles/${role.id}`, { permissions: ['org.team.read'], name: '只看服务组', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '只看服务组', permissions: ['org.team.read'], version: 2, holderCount: 1 });
    expect((await client.get('/api/users')).statusCode).toBe(403);
    expect((await client.get('/api/teams')).statusCode).toBe(200);
    const audit = (await auditFor(t, 'role', role.id)).find((a) => a.action === 'roleUpdated');
    expect(audit).toMatchObject({ before: { permissions: ['org.user.read'] }, after: { permissions: ['org.team.read'] } });
  });

  it('refuses a stale version (409) and changes nothing', async () => {
    const role = (await security.post('/api/roles', { key: `stale_${uniq()}`, name: '旧', scope: 'all', permissions: [] })).json();
    expect((await security.patch(`/api/roles/${role.id}`, { name: '新', version: 1 })).statusCode).toBe(200);
    const stale = await security.patch(`/api/roles/${role.id}`, { name: '更新', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect(await roleRow(role.id)).toMatchObject({ name: '新', version: 2 });
  });

  it('lists a role’s holders', async () => {
    const res = await security.get(`/api/roles/${await roleId(t, 'auditor')}/holders`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ userId: auditorUser.id, active: true })]);
    expect((await security.get('/api/roles/99999999/holders')).statusCode).toBe(404);
  });
});

describe('the last security admin and the last auditor', () => {
  // A company of its own, so the number of holders is exactly what each test sets up.
  let c: TestContext;
  let sec: TestUser;
  let secClient: ApiClient;
  let auditor: TestUser;

  beforeAll(async () => {
    c = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
    sec = await c.createUser({ roles: ['security_admin'] });
    secClient = await c.login(sec);
    auditor = await c.createUser({ roles: ['auditor'] });
  });
  afterAll(() => c.close());

  const grantId = async (userId: number, key: string) => (await grantsOf(c, userId)).find((g) => g.key === key)?.id as number;
  const auditors = async () =>
    (
      await c.platform.db
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .innerJoin('users as u', 'u.id', 'ur.user_id')
        .select('u.id')
        .where('r.key', '=', 'auditor')
        .where('u.active', '=', true)
        .execute()
    ).map((r) => r.id);

  it('cannot revoke the last security admin or the last auditor (409 naming the role) — in Chinese and English', async () => {
    const secGrant = await grantId(sec.id, 'security_admin');
    const audGrant = await grantId(auditor.id, 'auditor');
    const zhSec = await secClient.delete(`/api/grants/${secGrant}`);
    expect(zhSec.statusCode).toBe(409);
    expect(zhSec.json().error).toEqual({ code: 'lastHolder', message: '不能移除最后一位「安全管理员」' });
    const zhAud = await secClient.delete(`/api/grants/${audGrant}`);
    expect(zhAud.json().error).toEqual({ code: 'lastHolder', message: '不能移除最后一位「审计员」' });

    await setLocale(c, sec.id, 'en-US');
    try {
      expect((await secClient.delete(`/api/grants/${audGrant}`)).json().error.message).toBe(
        'The last holder of "Auditor" cannot be removed',
      );
      expect((await secClient.delete(`/api/grants/${secGrant}`)).json().error.message).toBe(
        'The last holder of "Security admin" cannot be removed',
      );
    } finally {
      await setLocale(c, sec.id, 'zh-CN');
    }
    expect((await grantsOf(c, sec.id)).map((g) => g.key)).toEqual(['security_admin']);
    expect((await grantsOf(c, auditor.id)).map((g) => g.key)).toEqual(['auditor']);
  });

  it('cannot deactivate the last security admin (even themselves) or the last auditor', async () => {
    for (const user of [auditor, sec]) {
      const res = await secClient.post(`/api/users/${user.id}/deactivate`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('lastHolder');
      const row = await c.platform.db.selectFrom('users').select(['active', 'version']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ active: true, version: 1 });
    }
    expect((await secClient.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('an inactive holder does not count: with the other auditor deactivated, the remaining one stays', async () => {
    const dormant = await c.createUser({ roles: ['auditor'], active: false });
    const res = await secClient.delete(`/api/grants/${await grantId(auditor.id, 'auditor')}`);
    expect(res.statusCode).toBe(409);
    expect(await auditors()).toEqual([auditor.id]);
    // The dormant auditor keeps the grant; it just does not count as a holder.
    expect((await grantsOf(c, dormant.id)).map((g) => g.key)).toEqual(['auditor']);
  });

  it('two concurrent revocations of the two remaining auditors leave one auditor', async () => {
    const second = await c.createUser({ roles: ['auditor'] });
    expect((await auditors()).sort()).toEqual([auditor.id, second.id].sort());
    const results = await Promise.all([
      secClient.delete(`/api/grants/${await grantId(auditor.id, 'auditor')}`),
      secClient.delete(`/api/grants/${await grantId(second.id, 'auditor')}`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditors()).toHaveLength(1);
  });

  it('revoking every auditor at once (6 in parallel) leaves exactly one', async () => {
    for (let i = 0; i < 5; i++) await c.createUser({ roles: ['auditor'] });
    const holders = await auditors();
    expect(holders).toHaveLength(6);
    const grantIds = await Promise.all(holders.map((id) => grantId(id, 'auditor')));
    const results = await Promise.all(grantIds.map((id) => secClient.delete(`/api/grants/${id}`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 409]);
    expect(await auditors()).toHaveLength(1);
  });

  it('a concurrent deactivation and revocation of the two remaining auditors leave one auditor', async () => {
    const [remaining] = await auditors();
    const other = await c.createUser({ roles: ['auditor'] });
    const results = await Promise.all([
      secClient.post(`/api/users/${remaining}/deactivate`),
      secClient.delete(`/api/grants/${await grantId(other.id, 'auditor')}`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await auditors()).toHaveLength(1);
  });
});
