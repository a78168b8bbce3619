import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { auditFor, countRows, setLocale, timelineKinds, uniq } from './test-helpers.js';
import { createUser } from './users.js';

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

const userRow = (id: number) => t.platform.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function createViaApi(body: Record<string, unknown>) {
  const res = await admin.post('/api/users', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { user: { id: number; version: number; username: string }; initialPassword: string | null };
}

describe('creating users', () => {
  it('without a password: generates one that meets the policy, returns it once and forces a change', async () => {
    const username = `gen_${uniq()}`;
    const { user, initialPassword } = await createViaApi({
      username,
      displayName: '王五',
      employeeNo: `E-${uniq()}`,
      email: 'Wang.Wu@Example.com',
    });
    expect(initialPassword).toEqual(expect.any(String));
    const password = initialPassword as string;
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect([/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length).toBeGreaterThanOrEqual(3);
    expect(user).toMatchObject({ username, displayName: '王五', email: 'wang.wu@example.com', active: true, version: 1 });

    const stored = await userRow(user.id);
    expect(stored.must_change_password).toBe(true);
    expect(stored.password_hash).not.toContain(password);
    // Returned once: reading the user back never shows it.
    expect((await admin.get(`/api/users/${user.id}`)).body).not.toContain(password);

    const me = await (await t.login({ username, password })).get('/api/auth/me');
    expect(me.json()).toMatchObject({ username, mustChangePassword: true });

    const audit = await auditFor(t, 'user', user.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'auth.login']);
    expect(audit[0]).toMatchObject({ actor_id: adminId, object_label: username });
    expect(JSON.stringify(audit[0]?.after)).not.toContain(password);
    expect(await timelineKinds(admin, user.id)).toEqual(['created']);
  });

  it('with a password: uses it, returns no password and still forces a change', async () => {
    const username = `pw_${uniq()}`;
    const { user, initialPassword } = await createViaApi({ username, displayName: '赵六', password: 'Chosen#Pass9' });
    expect(initialPassword).toBeNull();
    expect((await userRow(user.id)).must_change_password).toBe(true);
    const audit = await auditFor(t, 'user', user.id);
    expect(JSON.stringify(audit)).not.toContain('Chosen#Pass9');
    const me = await (await t.login({ username, password: 'Chosen#Pass9' })).get('/api/auth/me');
    expect(me.json().mustChangePassword).toBe(true);
  });

  it('refuses a weak password with 400 passwordPolicy in the reader’s language and writes nothing', async () => {
    const before = await countRows(t, 'users');
    const auditBefore = await countRows(t, 'audit_log');
    const zh = await admin.post('/api/users', { username: `weak_${uniq()}`, displayName: '弱', password: 'abcdefgh' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toEqual({
      code: 'passwordPolicy',
      message: '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
    });

    const english = await t.createUser({ roles: ['system_admin'] });
    await setLocale(t, english.id, 'en-US');
    const en = await (await t.login(english)).post('/api/users', { username: `weak_${uniq()}`, displayName: 'Weak', password: 'Short1!' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toEqual({
      code: 'passwordPolicy',
      message: 'Passwords need at least 8 characters from at least 3 of: upper case, lower case, digits, symbols',
    });
    expect(await countRows(t, 'users')).toBe(before + 1); // only the English-speaking admin made above
    expect(await countRows(t, 'audit_log')).toBe(auditBefore + 1); // …and that admin's sign-in
  });

  it('refuses a duplicate username regardless of case, and a duplicate employee number, with 409 naming the field', async () => {
    const employeeNo = `EMP-${uniq()}`;
    const name = `Dup_${uniq()}`;
    await createViaApi({ username: name, displayName: '甲', employeeNo });
    const before = await countRows(t, 'users');
    const username = await admin.post('/api/users', { username: name.toLowerCase(), displayName: '乙' });
    expect(username.statusCode).toBe(409);
    expect(username.json().error).toEqual({
      code: 'duplicate',
      message: 'username 已存在',
      details: [{ path: 'username', code: 'duplicate', message: 'username 已存在' }],
    });
    const employee = await admin.post('/api/users', { username: `other_${uniq()}`, displayName: '丙', employeeNo });
    expect(employee.statusCode).toBe(409);
    expect(employee.json().error).toEqual({
      code: 'duplicate',
      message: 'employeeNo 已存在',
      details: [{ path: 'employeeNo', code: 'duplicate', message: 'employeeNo 已存在' }],
    });
    expect(await countRows(t, 'users')).toBe(before);
  });

  // [what, body change, field, the reason a person should read]
  const badBodies: [string, Record<string, unknown>, string, string][] = [
    ['an unknown field', { nickname: 'x' }, 'nickname', '不允许的字段 nickname'],
    ['a bad e-mail', { email: 'not-an-email' }, 'email', '邮箱格式不正确'],
    ['a bad phone', { phone: '12ab' }, 'phone', '手机号格式不正确'],
    ['a number for a name', { displayName: 42 }, 'displayName', '类型不正确'],
    ['a department id that is not a number', { departmentId: 'abc' }, 'departmentId', '类型不正确'],
    ['a username with spaces', { username: 'has space' }, 'username', '取值无效'],
    ['an unsupported locale', { locale: 'fr-FR' }, 'locale', '取值无效'],
    ['a missing display name', { displayName: undefined }, 'displayName', '必填'],
    ['an over-long employee number', { employeeNo: '9'.repeat(33) }, 'employeeNo', '最多 32 个字符'],
  ];
  const post = (patch: Record<string, unknown>) => admin.post('/api/users', { username: `bad_${uniq()}`, displayName: '坏输入', ...patch });
  for (const [what, patch, path] of badBodies) {
    it(`answers ${what} with 400 validation naming the field, writing nothing`, async () => {
      const before = await countRows(t, 'users');
      const res = await post(patch);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
      expect(res.json().error.message).toBe('输入有误，请检查后重试');
      expect(res.json().error.details).toEqual([expect.objectContaining({ path, message: expect.stringMatching(/\S/) })]);
      expect(await countRows(t, 'users')).toBe(before);
    });
  }

  it('words each field problem precisely in the reader’s language', async () => {
    const reasons: Record<string, string> = {};
    for (const [what, patch] of badBodies) reasons[what] = (await post(patch)).json().error.details[0].message;
    expect(reasons).toEqual(Object.fromEntries(badBodies.map(([what, , , message]) => [what, message])));
  });

  it('refuses an unknown department or supervisor with 400 naming the field', async () => {
    const before = await countRows(t, 'users');
    const dept = await admin.post('/api/users', { username: `nodept_${uniq()}`, displayName: '无部门', departmentId: 999999 });
    expect(dept.statusCode).toBe(400);
    expect(dept.json().error.details).toEqual([{ path: 'departmentId', code: 'notFound', message: '记录不存在或您无权查看' }]);
    const sup = await admin.post('/api/users', { username: `nosup_${uniq()}`, displayName: '无主管', supervisorId: 999999 });
    expect(sup.statusCode).toBe(400);
    expect(sup.json().error.details).toEqual([{ path: 'supervisorId', code: 'notFound', message: '记录不存在或您无权查看' }]);
    expect(await countRows(t, 'users')).toBe(before);
  });
});

describe('editing users', () => {
  it('updates with the current version, and records who changed which fields in the audit log and timeline', async () => {
    const dept = await t.createDepartment('编辑部');
    const { user } = await createViaApi({ username: `edit_${uniq()}`, displayName: '编辑前', phone: '13800000001' });
    const res = await admin.patch(`/api/users/${user.id}`, {
      displayName: '编辑后',
      phone: '+86 139-0000-0002',
      departmentId: dept,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '编辑后',
      phone: '+86 139-0000-0002',
      departmentId: dept,
      departmentName: '编辑部',
      version: 2,
    });
    expect(await userRow(user.id)).toMatchObject({ display_name: '编辑后', department_id: dept, version: 2 });

    const audit = await auditFor(t, 'user', user.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({
      actor_id: adminId,
      before: { display_name: '编辑前', phone: '13800000001', department_id: null },
      after: { display_name: '编辑后', phone: '+86 139-0000-0002', department_id: dept },
    });
    const timeline = (await admin.get(`/api/timeline/user/${user.id}`)).json().items;
    expect(timeline.map((e: { event: { kind: string } }) => e.event.kind)).toEqual(['created', 'updated']);
    expect(timeline[1]).toMatchObject({ actorId: adminId, event: { kind: 'updated', fields: ['displayName', 'phone', 'departmentId'] } });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { user } = await createViaApi({ username: `stale_${uniq()}`, displayName: '原名' });
    expect((await admin.patch(`/api/users/${user.id}`, { displayName: '第一', version: 1 })).statusCode).toBe(200);
    const auditBefore = await countRows(t, 'audit_log');
    const stale = await admin.patch(`/api/users/${user.id}`, { displayName: '第二', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect(await userRow(user.id)).toMatchObject({ display_name: '第一', version: 2 });
    expect(await countRows(t, 'audit_log')).toBe(auditBefore);
  });

  it('refuses an unknown department, self-supervision, a taken employee number and a username change', async () => {
    const taken = `TK-${uniq()}`;
    await createViaApi({ username: `taken_${uniq()}`, displayName: '占号', employeeNo: taken });
    const { user } = await createViaApi({ username: `fix_${uniq()}`, displayName: '不变' });
    const cases: [Record<string, unknown>, number, string, string | null][] = [
      [{ departmentId: 999999 }, 400, 'validation', 'departmentId'],
      [{ supervisorId: user.id }, 400, 'validation', 'supervisorId'],
      [{ employeeNo: taken }, 409, 'duplicate', null],
      [{ username: 'renamed' }, 400, 'validation', 'username'],
      [{ email: 'bad@' }, 400, 'validation', 'email'],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await admin.patch(`/api/users/${user.id}`, { ...body, displayName: '被改', version: 1 });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (path) expect(res.json().error.details).toEqual([expect.objectContaining({ path, message: expect.stringMatching(/\S/) })]);
    }
    expect(await userRow(user.id)).toMatchObject({
      display_name: '不变',
      version: 1,
      department_id: null,
      supervisor_id: null,
      employee_no: null,
    });
  });

  it('lets exactly one of 10 concurrent edits with the same version win; the row shows the winner', async () => {
    const { user } = await createViaApi({ username: `race_${uniq()}`, displayName: '起点' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => admin.patch(`/api/users/${user.id}`, { displayName: `并发${i}`, version: 1 })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const stored = await userRow(user.id);
    expect(stored).toMatchObject({ display_name: winner.displayName, version: 2 });
    expect((await auditFor(t, 'user', user.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('creating a user without a signed-in actor (the create-admin command)', () => {
  it('creates the user with a system timeline entry and audit row', async () => {
    const username = `cli_${uniq()}`;
    const { id, initialPassword } = await t.platform.db
      .transaction()
      .execute((trx) =>
        createUser(trx, t.config, { actor: null, ip: null, userAgent: 'shuyun create-admin' }, { username, displayName: '命令行管理员' }),
      );
    expect(initialPassword).toEqual(expect.any(String));
    expect(await userRow(id)).toMatchObject({ username, must_change_password: true });
    const activity = await t.platform.db
      .selectFrom('activity')
      .select(['kind', 'actor_id'])
      .where('record_type', '=', 'user')
      .where('record_id', '=', id)
      .execute();
    expect(activity).toEqual([{ kind: 'created', actor_id: null }]);
    expect(await auditFor(t, 'user', id)).toEqual([expect.objectContaining({ action: 'create', actor_id: null })]);
  });
});

describe('a longer configured password policy', () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await setupTestApp({ PASSWORD_MIN_LENGTH: '16', PASSWORD_MIN_CLASSES: '4' });
  });
  afterAll(() => strict.close());

  it('generates initial and reset passwords that satisfy it', async () => {
    const sysAdmin = await strict.login(await strict.createUser({ roles: ['system_admin'] }));
    const secAdmin = await strict.login(await strict.createUser({ roles: ['security_admin'] }));
    const created = await sysAdmin.post('/api/users', { username: `long_${uniq()}`, displayName: '长密码' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().initialPassword.length).toBeGreaterThanOrEqual(16);
    const reset = await secAdmin.post(`/api/users/${created.json().user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().password.length).toBeGreaterThanOrEqual(16);
    const weak = await sysAdmin.post('/api/users', { username: `short_${uniq()}`, displayName: '短', password: 'Abcdefgh1!' });
    expect(weak.json().error.message).toBe('密码至少 16 位，且包含大写字母、小写字母、数字、符号中的至少 4 类');
  });
});
