import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { auditFor, countRows, setLocale, uniq } from './test-helpers.js';

let t: TestContext;
let admin: ApiClient;
let adminId: number;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  const user = await t.createUser({ roles: ['system_admin'] });
  adminId = user.id;
  admin = await t.login(user);
});
afterAll(() => t.close());

const row = (id: number) => t.platform.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function create(body: Record<string, unknown>) {
  const res = await admin.post('/api/departments', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; path: string; version: number; parentId: number | null };
}

describe('creating departments', () => {
  it('creates a tree with materialised paths and audits each creation', async () => {
    const root = await create({ name: '总部', code: `HQ-${uniq()}` });
    expect(root.path).toBe(`/${root.id}/`);
    expect(root.parentId).toBeNull();
    const child = await create({ name: '信息技术部', code: `IT-${uniq()}`, parentId: root.id, managerId: adminId });
    expect(child).toMatchObject({ parentId: root.id, path: `/${root.id}/${child.id}/`, managerId: adminId, version: 1 });
    const grandchild = await create({ name: '运维组', code: `OPS-${uniq()}`, parentId: child.id });
    expect((await row(grandchild.id)).path).toBe(`/${root.id}/${child.id}/${grandchild.id}/`);

    const audit = await auditFor(t, 'department', child.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_id: adminId, object_label: '信息技术部' });
  });

  it('refuses a duplicate code regardless of case (409 naming the field) and writes nothing', async () => {
    const code = `Dup-${uniq()}`;
    await create({ name: 'A', code });
    const before = await countRows(t, 'departments');
    const res = await admin.post('/api/departments', { name: 'B', code: code.toUpperCase() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('duplicate');
    expect(res.json().error.message).toBe('code 已存在');
    expect(await countRows(t, 'departments')).toBe(before);
  });

  it('refuses an unknown parent or manager with 400 naming the field', async () => {
    const before = await countRows(t, 'departments');
    const auditBefore = await countRows(t, 'audit_log');
    const parent = await admin.post('/api/departments', { name: 'X', code: `X-${uniq()}`, parentId: 999999 });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().error).toMatchObject({
      code: 'validation',
      details: [{ path: 'parentId', code: 'notFound', message: '记录不存在或您无权查看' }],
    });
    const manager = await admin.post('/api/departments', { name: 'X', code: `X-${uniq()}`, managerId: 999999 });
    expect(manager.statusCode, manager.body).toBe(400);
    expect(manager.json().error).toMatchObject({
      code: 'validation',
      details: [{ path: 'managerId', code: 'notFound', message: '记录不存在或您无权查看' }],
    });
    expect(await countRows(t, 'departments')).toBe(before);
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('answers unknown fields, wrong types and blank names with 400 details naming each field', async () => {
    const before = await countRows(t, 'departments');
    const unknown = await admin.post('/api/departments', { name: 'X', code: `X-${uniq()}`, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('validation');
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ path: 'colour', message: '不允许的字段 colour' })]);

    const wrong = await admin.post('/api/departments', { name: 42, code: `X-${uniq()}`, parentId: 'abc' });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['name', 'parentId']);

    const blank = await admin.post('/api/departments', { name: '   ', code: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', message: '必填' }),
        expect.objectContaining({ path: 'code', message: '必填' }),
      ]),
    );
    const tooLong = await admin.post('/api/departments', { name: '长'.repeat(81), code: `X-${uniq()}` });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details).toEqual([expect.objectContaining({ path: 'name', message: '最多 80 个字符' })]);
    expect(await countRows(t, 'departments')).toBe(before);
  });
});

describe('updating and moving departments', () => {
  it('renames with the current version, bumps it and audits before/after', async () => {
    const d = await create({ name: '旧名称', code: `R-${uniq()}` });
    const res = await admin.patch(`/api/departments/${d.id}`, { name: '新名称', version: d.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: d.id, name: '新名称', version: 2 });
    expect(await row(d.id)).toMatchObject({ name: '新名称', version: 2 });
    const audit = await auditFor(t, 'department', d.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]?.before).toMatchObject({ name: '旧名称' });
    expect(audit[1]?.after).toMatchObject({ name: '新名称' });
  });

  it('refuses a stale version with 409 versionConflict and changes nothing', async () => {
    const d = await create({ name: '并发', code: `V-${uniq()}` });
    const first = await admin.patch(`/api/departments/${d.id}`, { name: '第一次', version: 1 });
    expect(first.statusCode).toBe(200);
    const auditBefore = await countRows(t, 'audit_log');
    const stale = await admin.patch(`/api/departments/${d.id}`, { name: '第二次', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({ code: 'versionConflict', message: '该记录已被他人修改，请刷新后再保存' });
    expect(await row(d.id)).toMatchObject({ name: '第一次', version: 2 });
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('moves a department with its whole subtree and leaves siblings alone', async () => {
    const a = await create({ name: 'A', code: `A-${uniq()}` });
    const b = await create({ name: 'B', code: `B-${uniq()}`, parentId: a.id });
    const c = await create({ name: 'C', code: `C-${uniq()}`, parentId: b.id });
    const sibling = await create({ name: 'S', code: `S-${uniq()}`, parentId: a.id });
    const target = await create({ name: 'T', code: `T-${uniq()}` });

    const res = await admin.patch(`/api/departments/${b.id}`, { parentId: target.id, version: b.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: target.id, path: `/${target.id}/${b.id}/` });
    expect(await row(b.id)).toMatchObject({ parent_id: target.id, path: `/${target.id}/${b.id}/` });
    expect(await row(c.id)).toMatchObject({ parent_id: b.id, path: `/${target.id}/${b.id}/${c.id}/` });
    expect((await row(sibling.id)).path).toBe(`/${a.id}/${sibling.id}/`);

    // …and back out to the top level.
    const toRoot = await admin.patch(`/api/departments/${b.id}`, { parentId: null, version: 2 });
    expect(toRoot.statusCode).toBe(200);
    expect((await row(b.id)).path).toBe(`/${b.id}/`);
    expect((await row(c.id)).path).toBe(`/${b.id}/${c.id}/`);
    // The list (what the tree screen draws) agrees with the table.
    const list = (await admin.get('/api/departments')).json().items as { id: number; path: string }[];
    expect(list.find((d) => d.id === c.id)?.path).toBe(`/${b.id}/${c.id}/`);
  });

  it('refuses to move a department under itself or a descendant (400 departmentCycle) and changes nothing', async () => {
    const a = await create({ name: 'A', code: `CA-${uniq()}` });
    const b = await create({ name: 'B', code: `CB-${uniq()}`, parentId: a.id });
    const c = await create({ name: 'C', code: `CC-${uniq()}`, parentId: b.id });
    for (const parentId of [a.id, b.id, c.id]) {
      const res = await admin.patch(`/api/departments/${a.id}`, { parentId, name: '改名', version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: 'departmentCycle', message: '不能把部门移动到它自己或其下级部门之下' });
    }
    expect(await row(a.id)).toMatchObject({ name: 'A', parent_id: null, path: `/${a.id}/`, version: 1 });
    expect((await row(c.id)).path).toBe(`/${a.id}/${b.id}/${c.id}/`);
  });

  it('words the cycle error in the reader’s language', async () => {
    const reader = await t.createUser({ roles: ['system_admin'] });
    await setLocale(t, reader.id, 'en-US');
    const client = await t.login(reader);
    const a = await create({ name: 'A', code: `EA-${uniq()}` });
    const res = await client.patch(`/api/departments/${a.id}`, { parentId: a.id, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('A department cannot move under itself or one of its sub-departments');
  });

  it('refuses a duplicate code on rename (409) and an unknown department (404)', async () => {
    const taken = `Taken-${uniq()}`;
    await create({ name: 'E', code: taken });
    const d = await create({ name: 'D', code: `Free-${uniq()}` });
    const dup = await admin.patch(`/api/departments/${d.id}`, { code: taken.toLowerCase(), version: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'duplicate', message: 'code 已存在' });
    expect(await row(d.id)).toMatchObject({ version: 1 });
    const missing = await admin.patch('/api/departments/999999', { name: 'x', version: 1 });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an unknown manager on update with 400 naming the field', async () => {
    const d = await create({ name: 'M', code: `M-${uniq()}` });
    const res = await admin.patch(`/api/departments/${d.id}`, { managerId: 999999, version: 1 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'managerId' })]);
    expect(await row(d.id)).toMatchObject({ manager_id: null, version: 1 });
  });

  it('requires a version on update', async () => {
    const d = await create({ name: 'N', code: `N-${uniq()}` });
    const res = await admin.patch(`/api/departments/${d.id}`, { name: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'version', message: '必填' })]);
    expect((await row(d.id)).name).toBe('N');
  });
});

describe('concurrent tree changes', () => {
  /** Every department's path is its parent's path plus its own id, and no department is its own ancestor. */
  async function expectTreeConsistent() {
    const rows = await t.platform.db.selectFrom('departments').select(['id', 'parent_id', 'path']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of rows) {
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      expect(r.path, `department ${r.id}`).toBe(`${parent ? parent.path : '/'}${r.id}/`);
    }
  }

  it('two opposite moves at once (A under B, B under A) cannot make a cycle', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await create({ name: 'A', code: `XA-${uniq()}` });
      const b = await create({ name: 'B', code: `XB-${uniq()}` });
      const results = await Promise.all([
        admin.patch(`/api/departments/${a.id}`, { parentId: b.id, version: 1 }),
        admin.patch(`/api/departments/${b.id}`, { parentId: a.id, version: 1 }),
      ]);
      expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([200, 400]);
      expect(results.find((r) => r.statusCode === 400)?.json().error.code).toBe('departmentCycle');
      await expectTreeConsistent();
    }
  });

  it('sub-departments created while their parent moves get the moved path', async () => {
    for (let round = 0; round < 5; round++) {
      const parent = await create({ name: 'P', code: `MP-${uniq()}` });
      const target = await create({ name: 'T', code: `MT-${uniq()}` });
      const results = await Promise.all([
        admin.patch(`/api/departments/${parent.id}`, { parentId: target.id, version: 1 }),
        ...Array.from({ length: 4 }, () => admin.post('/api/departments', { name: 'C', code: `MC-${uniq()}`, parentId: parent.id })),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201, 201, 201, 201]);
      await expectTreeConsistent();
    }
  });
});

describe('deleting departments', () => {
  it('deletes an empty department and audits it', async () => {
    const d = await create({ name: '空部门', code: `E-${uniq()}` });
    const res = await admin.delete(`/api/departments/${d.id}`);
    expect(res.statusCode).toBe(200);
    expect(await t.platform.db.selectFrom('departments').select('id').where('id', '=', d.id).executeTakeFirst()).toBeUndefined();
    expect((await auditFor(t, 'department', d.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('refuses to delete a department with sub-departments or people (even inactive ones) with 409', async () => {
    const parent = await create({ name: 'P', code: `P-${uniq()}` });
    await create({ name: 'Child', code: `PC-${uniq()}`, parentId: parent.id });
    const withPeople = await create({ name: 'People', code: `PP-${uniq()}` });
    await t.createUser({ departmentId: withPeople.id, active: false });
    const before = await countRows(t, 'departments');
    for (const id of [parent.id, withPeople.id]) {
      const res = await admin.delete(`/api/departments/${id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'departmentNotEmpty', message: '部门下还有人员或子部门，不能删除' });
    }
    expect(await countRows(t, 'departments')).toBe(before);
  });

  it('answers 404 for a department that does not exist', async () => {
    const res = await admin.delete('/api/departments/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('notFound');
  });
});

describe('who may change departments', () => {
  it('lets a requester read the tree but refuses every write with 403, changing nothing', async () => {
    const d = await create({ name: '受保护', code: `G-${uniq()}` });
    const requester = await t.login(await t.createUser({ roles: ['requester'] }));
    expect((await requester.get('/api/departments')).statusCode).toBe(200);
    const before = await countRows(t, 'departments');
    const writes = [
      await requester.post('/api/departments', { name: 'x', code: `Y-${uniq()}` }),
      await requester.patch(`/api/departments/${d.id}`, { name: '被改', version: 1 }),
      await requester.delete(`/api/departments/${d.id}`),
    ];
    for (const res of writes) expect(res.json().error, res.body).toEqual({ code: 'forbidden', message: '您没有执行此操作的权限' });
    expect(writes.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(await countRows(t, 'departments')).toBe(before);
    expect(await row(d.id)).toMatchObject({ name: '受保护', version: 1 });
  });

  it('answers 401 to a caller with no session', async () => {
    const res = await t.anonymous().get('/api/departments');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
