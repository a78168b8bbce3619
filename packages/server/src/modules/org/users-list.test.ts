import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { countRows, uniq } from './test-helpers.js';

let t: TestContext;
let admin: ApiClient;

// Listing, searching and who sees which users (scope); creating and editing are in users.test.ts.

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
});
afterAll(() => t.close());

const userRow = (id: number) => t.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function createViaApi(body: Record<string, unknown>) {
  const res = await admin.post('/api/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { user: { id: number; version: number; username: string }; initialPassword: string | null };
}

describe('listing and searching users', () => {
  let dept: number;
  let sub: number;
  let other: number;
  const tag = uniq();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    dept = await t.createDepartment(`列表部门${tag}`);
    sub = await t.createDepartment(`列表子部门${tag}`, dept);
    other = await t.createDepartment(`其他部门${tag}`);
    const make = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await createViaApi({ password: 'Strong#Pass1', ...body })).user.id;
    };
    await make('liu', { username: `liu_${tag}`, displayName: `刘备${tag}`, employeeNo: `LB-${tag}`, departmentId: dept });
    await make('guan', { username: `guan_${tag}`, displayName: `关羽${tag}`, employeeNo: `GY-${tag}`, departmentId: sub });
    await make('zhang', { username: `zhang_${tag}`, displayName: `张飞${tag}`, employeeNo: `ZF-${tag}`, departmentId: sub });
    await make('cao', { username: `cao_${tag}`, displayName: `曹操${tag}`, employeeNo: `CC-${tag}`, departmentId: other });
    await t.platform.db
      .updateTable('users')
      .set({ active: false })
      .where('id', '=', ids.zhang as number)
      .execute();
    const engineer = await t.platform.db.selectFrom('roles').select('id').where('key', '=', 'engineer').executeTakeFirstOrThrow();
    await t.platform.db
      .insertInto('user_roles')
      .values({ user_id: ids.guan as number, role_id: engineer.id })
      .execute();
  });

  const list = async (query: string) => {
    const res = await admin.get(`/api/users?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: number }[]; total: number; page: number; pageSize: number };
  };
  const idsOf = (page: { items: { id: number }[] }) => page.items.map((u) => u.id);

  it('searches by display name, username (any case) and employee number', async () => {
    expect(idsOf(await list(`q=${encodeURIComponent(`关羽${tag}`)}`))).toEqual([ids.guan]);
    expect(idsOf(await list(`q=${`GUAN_${tag}`}`))).toEqual([ids.guan]);
    expect(idsOf(await list(`q=lb-${tag}`))).toEqual([ids.liu]);
    expect((await list(`q=${tag}`)).total).toBe(4);
    expect((await list('q=nobody-has-this-name')).total).toBe(0);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect((await list(`q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await list(`q=${encodeURIComponent(`liu${tag}`.replace('u', '_'))}`)).total).toBe(0);
  });

  it('filters by department including its sub-departments', async () => {
    expect(idsOf(await list(`departmentId=${dept}`)).sort()).toEqual([ids.liu, ids.guan, ids.zhang].sort());
    expect(idsOf(await list(`departmentId=${sub}`)).sort()).toEqual([ids.guan, ids.zhang].sort());
    expect(idsOf(await list(`departmentId=${other}`))).toEqual([ids.cao]);
  });

  it('filters by support team', async () => {
    const team = await t.createTeam(`列表组${tag}`, [ids.liu as number, ids.cao as number]);
    expect(idsOf(await list(`teamId=${team}`)).sort()).toEqual([ids.liu, ids.cao].sort());
    expect(idsOf(await list(`teamId=${team}&departmentId=${dept}`))).toEqual([ids.liu]);
  });

  it('offers any signed-in user a picker of active colleagues with no contact details', async () => {
    const requester = await t.login(await t.createUser({ roles: ['requester'] }));
    const res = await requester.get(`/api/users/options?q=${tag}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((u) => u.id).sort()).toEqual([ids.liu, ids.guan, ids.cao].sort()); // not the inactive 张飞
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['departmentName', 'displayName', 'id', 'username']);
    expect((await requester.get('/api/users/options?colour=red')).statusCode).toBe(400);
  });

  it('filters by role and by active state', async () => {
    expect(idsOf(await list(`departmentId=${dept}&role=engineer`))).toEqual([ids.guan]);
    expect(idsOf(await list(`departmentId=${dept}&active=false`))).toEqual([ids.zhang]);
    expect(idsOf(await list(`departmentId=${dept}&active=true`)).sort()).toEqual([ids.liu, ids.guan].sort());
    await t.platform.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 600_000) })
      .where('id', '=', ids.liu as number)
      .execute();
    expect(idsOf(await list(`departmentId=${dept}&locked=true`))).toEqual([ids.liu]);
    expect(idsOf(await list(`departmentId=${dept}&locked=false`)).sort()).toEqual([ids.guan, ids.zhang].sort());
    await t.platform.db
      .updateTable('users')
      .set({ locked_until: null })
      .where('id', '=', ids.liu as number)
      .execute();
    const roles = (await admin.get(`/api/users/${ids.guan}`)).json().roles;
    expect(roles).toEqual([expect.objectContaining({ key: 'engineer', scope: 'team' })]);
  });

  it('pages with a total that counts every match', async () => {
    const first = await list(`q=${tag}&pageSize=3&page=1`);
    const second = await list(`q=${tag}&pageSize=3&page=2`);
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(second).toMatchObject({ total: 4, page: 2 });
    expect(second.items).toHaveLength(1);
    expect(new Set([...idsOf(first), ...idsOf(second)]).size).toBe(4);
    expect((await list(`q=${tag}&pageSize=3&page=9`)).items).toEqual([]);
  });

  it('refuses bad paging and unknown filters with 400', async () => {
    for (const query of ['pageSize=500', 'page=0', 'active=maybe', 'departmentId=abc', 'colour=red']) {
      const res = await admin.get(`/api/users?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
  });
});

describe('who sees which users', () => {
  let deptA: number;
  let deptA1: number;
  let deptB: number;
  let inA: number;
  let inA1: number;
  let inB: number;
  let supervisor: ApiClient;
  let supervisorId: number;

  beforeAll(async () => {
    deptA = await t.createDepartment('范围A');
    deptA1 = await t.createDepartment('范围A1', deptA);
    deptB = await t.createDepartment('范围B');
    inA = (await t.createUser({ departmentId: deptA })).id;
    inA1 = (await t.createUser({ departmentId: deptA1 })).id;
    inB = (await t.createUser({ departmentId: deptB })).id;
    const sup = await t.createUser({ roles: ['supervisor'], departmentId: deptA });
    supervisorId = sup.id;
    supervisor = await t.login(sup);
  });

  it('a requester holds no org.user.read: 403 on the list and on a record', async () => {
    const requester = await t.login(await t.createUser({ roles: ['requester'] }));
    for (const url of ['/api/users', `/api/users/${inA}`]) {
      const res = await requester.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('a department-scoped supervisor lists only their department and below', async () => {
    const res = await supervisor.get('/api/users?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; departmentId: number | null }[];
    expect(items.map((u) => u.id).sort()).toEqual([inA, inA1, supervisorId].sort());
    expect(res.json().total).toBe(3);
    // Filters cannot widen the scope.
    expect((await supervisor.get(`/api/users?departmentId=${deptB}`)).json().total).toBe(0);
    const bUsername = (await userRow(inB)).username;
    expect((await supervisor.get(`/api/users?q=${bUsername}`)).json().total).toBe(0);
  });

  it('answers 404 for a user outside the scope, exactly as for one that does not exist', async () => {
    expect((await supervisor.get(`/api/users/${inA1}`)).statusCode).toBe(200);
    const outside = await supervisor.get(`/api/users/${inB}`);
    const missing = await supervisor.get('/api/users/99999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
    expect((await supervisor.get(`/api/timeline/user/${inB}`)).statusCode).toBe(404);
  });

  it('a team-scoped engineer sees their teammates and nobody else', async () => {
    const engineer = await t.createUser({ roles: ['engineer'], departmentId: deptB });
    const mate = await t.createUser({ departmentId: deptA });
    await t.createTeam(`范围组${uniq()}`, [engineer.id, mate.id]);
    const client = await t.login(engineer);
    const res = await client.get('/api/users?pageSize=200');
    expect(
      res
        .json()
        .items.map((u: { id: number }) => u.id)
        .sort(),
    ).toEqual([engineer.id, mate.id].sort());
    expect((await client.get(`/api/users/${inB}`)).statusCode).toBe(404);
  });

  it('a department-scoped admin cannot edit a user outside the scope (404) and nothing changes', async () => {
    const scopedAdmin = await t.login(await t.createUser({ roles: ['system_admin'], scope: 'department', departmentId: deptA }));
    const outside = await scopedAdmin.patch(`/api/users/${inB}`, { displayName: '越权修改', version: 1 });
    expect(outside.statusCode).toBe(404);
    expect(await userRow(inB)).toMatchObject({ version: 1 });
    expect((await userRow(inB)).display_name).not.toBe('越权修改');
    const inside = await scopedAdmin.patch(`/api/users/${inA1}`, { title: '组长', version: 1 });
    expect(inside.statusCode).toBe(200);
    expect((await userRow(inA1)).title).toBe('组长');
  });

  it('a department-scoped admin cannot create or move a user out of their scope (403), and nothing is written', async () => {
    const scopedAdmin = await t.login(await t.createUser({ roles: ['system_admin'], scope: 'department', departmentId: deptA }));
    const before = await countRows(t, 'users');
    const created = await scopedAdmin.post('/api/users', { username: `out_${uniq()}`, displayName: '外部门', departmentId: deptB });
    expect(created.statusCode, created.body).toBe(403);
    expect(created.json().error.code).toBe('forbidden');
    expect(await countRows(t, 'users')).toBe(before);

    const ok = await scopedAdmin.post('/api/users', { username: `in_${uniq()}`, displayName: '本部门', departmentId: deptA1 });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().user.id as number;
    const moved = await scopedAdmin.patch(`/api/users/${id}`, { departmentId: deptB, version: 1 });
    expect(moved.statusCode, moved.body).toBe(403);
    expect(await userRow(id)).toMatchObject({ department_id: deptA1, version: 1 });
  });

  it('edits need org.user.manage in scope, not just org.user.read', async () => {
    // A supervisor (read: department) who may manage only their own profile.
    const role = await t.platform.db
      .insertInto('roles')
      .values({ key: `self_editor_${uniq()}`, name: '自助编辑', scope: 'own', permissions: ['org.user.manage'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await t.createUser({ roles: ['supervisor'], departmentId: deptA });
    await t.platform.db.insertInto('user_roles').values({ user_id: user.id, role_id: role.id }).execute();
    const client = await t.login(user);
    expect((await client.get(`/api/users/${inA}`)).statusCode).toBe(200);
    const versionBefore = (await userRow(inA)).version;
    const colleague = await client.patch(`/api/users/${inA}`, { title: '被改了', version: versionBefore });
    expect(colleague.statusCode).toBe(404);
    expect((await userRow(inA)).version).toBe(versionBefore);
    const self = await client.patch(`/api/users/${user.id}`, { title: '主管', version: 1 });
    expect(self.statusCode).toBe(200);
  });
});
