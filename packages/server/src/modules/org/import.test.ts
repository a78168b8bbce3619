import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { DEPARTMENT_SHEET, USER_SHEET } from './import.js';
import { countRows, multipart, uniq, XLSX_MIME } from './test-helpers.js';

type Cell = ExcelJS.CellValue;
type Rows = Record<string, Cell>[];

let t: TestContext;
let admin: ApiClient;
let existingUser: TestUser;
let existingDeptCode: string;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
  existingUser = await t.createUser();
  const deptId = await t.createDepartment('已有部门');
  existingDeptCode = (await t.platform.db.selectFrom('departments').select('code').where('id', '=', deptId).executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

/** An .xlsx laid out like the template: header row 1, data from row 2. */
async function workbook(departments: Rows, users: Rows, sheets = [DEPARTMENT_SHEET, USER_SHEET]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = wb.addWorksheet(spec.name);
    sheet.addRow(spec.columns.map((c) => c.header));
    for (const row of spec === DEPARTMENT_SHEET ? departments : users) sheet.addRow(spec.columns.map((c) => row[c.key] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (client: ApiClient, file: Buffer, filename?: string, type?: string) =>
  client.request('POST', '/api/org/import', multipart(file, filename, type));
const counts = async () => ({
  departments: await countRows(t, 'departments'),
  users: await countRows(t, 'users'),
  audit: await countRows(t, 'audit_log'),
});
const dept = (code: string) => t.platform.db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const user = (username: string) => t.platform.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

describe('the template', () => {
  it('downloads as an .xlsx with the two sheets and their headers', async () => {
    const res = await admin.get('/api/org/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    for (const spec of [DEPARTMENT_SHEET, USER_SHEET]) {
      const sheet = wb.getWorksheet(spec.name);
      if (!sheet) throw new Error(`the template has no sheet ${spec.name}`);
      const headers = (sheet.getRow(1).values as Cell[]).slice(1);
      expect(headers).toEqual(spec.columns.map((c) => c.header));
    }
  });

  it('is refused (403) to a caller without org.import', async () => {
    const security = await t.login(await t.createUser({ roles: ['security_admin'] }));
    expect((await security.get('/api/org/import/template')).statusCode).toBe(403);
  });
});

describe('importing a good file', () => {
  it('creates departments (parents in any row order) and users (with departments and supervisors), and returns generated credentials', async () => {
    const s = uniq();
    const codes = { hq: `IMP-HQ-${s}`, it: `IMP-IT-${s}`, ops: `IMP-OPS-${s}`, branch: `IMP-BR-${s}` };
    const names = { boss: `boss_${s}`, eng: `eng_${s}`, newbie: `newbie_${s}` };
    const file = await workbook(
      [
        { code: codes.ops, name: '运维组', parentCode: codes.it },
        { code: codes.it, name: '信息部', parentCode: codes.hq.toLowerCase(), managerUsername: names.boss },
        { code: codes.hq, name: '总部' },
        { code: codes.branch, name: '分公司', parentCode: existingDeptCode },
      ],
      [
        {
          username: names.eng,
          displayName: '工程师',
          departmentCode: codes.ops,
          supervisorUsername: names.boss,
          password: 'Given#Pass1',
          phone: 13800000001,
        },
        {
          username: names.boss,
          displayName: '老板',
          employeeNo: `E-${s}`,
          email: { text: `boss_${s}@example.com`, hyperlink: `mailto:boss_${s}@example.com` },
          departmentCode: codes.hq,
          title: '总经理',
        },
        { username: names.newbie, displayName: '新人', departmentCode: codes.branch, supervisorUsername: existingUser.username },
      ],
    );
    const before = await counts();
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ departments: 4, users: 3 });
    expect(body.credentials.map((c: { username: string }) => c.username).sort()).toEqual([names.boss, names.newbie].sort());
    expect(await countRows(t, 'departments')).toBe(before.departments + 4);
    expect(await countRows(t, 'users')).toBe(before.users + 3);

    const hq = await dept(codes.hq);
    const it = await dept(codes.it);
    const ops = await dept(codes.ops);
    const existing = await dept(existingDeptCode);
    expect(hq.path).toBe(`/${hq.id}/`);
    expect(it).toMatchObject({ parent_id: hq.id, path: `/${hq.id}/${it.id}/` });
    expect(ops).toMatchObject({ parent_id: it.id, path: `/${hq.id}/${it.id}/${ops.id}/` });
    expect((await dept(codes.branch)).path).toBe(`${existing.path}${(await dept(codes.branch)).id}/`);

    const boss = await user(names.boss);
    expect(boss).toMatchObject({
      department_id: hq.id,
      employee_no: `E-${s}`,
      email: `boss_${s}@example.com`,
      title: '总经理',
      must_change_password: true,
    });
    expect(it.manager_id).toBe(boss.id);
    expect(await user(names.eng)).toMatchObject({ department_id: ops.id, supervisor_id: boss.id, phone: '13800000001' });
    expect((await user(names.newbie)).supervisor_id).toBe(existingUser.id);

    // The credentials work, and the chosen password too.
    const bossPassword = body.credentials.find((c: { username: string }) => c.username === names.boss).password;
    expect((await (await t.login({ username: names.boss, password: bossPassword })).get('/api/auth/me')).json().mustChangePassword).toBe(
      true,
    );
    await t.login({ username: names.eng, password: 'Given#Pass1' });

    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'import').execute();
    expect(audit).toEqual([{ action: 'import', after: { departments: 4, users: 3 } }]);
  });
});

describe('importing a bad file', () => {
  it('reports every bad row with sheet, row, column and reason, and imports nothing', async () => {
    const s = uniq();
    const file = await workbook(
      [
        { code: `OK-${s}`, name: '好部门' }, // row 2
        { code: `NONAME-${s}`, name: '' }, // row 3: missing name
        { code: `CYC1-${s}`, name: '环一', parentCode: `CYC2-${s}` }, // row 4: cycle
        { code: `CYC2-${s}`, name: '环二', parentCode: `CYC1-${s}` }, // row 5: cycle
        { code: existingDeptCode.toLowerCase(), name: '重复' }, // row 6: code already in the system
        { code: `ORPHAN-${s}`, name: '孤儿', parentCode: 'NO-SUCH-PARENT' }, // row 7: unknown parent
      ],
      [
        { username: `ok_${s}`, displayName: '好人', departmentCode: `OK-${s}` }, // row 2
        { username: `mail_${s}`, displayName: '坏邮箱', email: 'not-an-email' }, // row 3
        { username: `OK_${s}`, displayName: '文件内重名' }, // row 4: duplicate of row 2 (case-insensitive)
        { username: existingUser.username.toUpperCase(), displayName: '库内重名' }, // row 5: already in the system
        { username: `nodept_${s}`, displayName: '无此部门', departmentCode: 'NO-SUCH-DEPT' }, // row 6
        { username: `noname_${s}`, displayName: '' }, // row 7: missing name
        { username: `nosup_${s}`, displayName: '无此主管', supervisorUsername: 'no_such_person' }, // row 8
        { username: `weak_${s}`, displayName: '弱密码', password: 'weak' }, // row 9
        { username: `phone_${s}`, displayName: '坏手机', phone: 'call me' }, // row 10
        { username: `emp1_${s}`, displayName: '工号一', employeeNo: `EMP-${s}` }, // row 11
        { username: `emp2_${s}`, displayName: '工号二', employeeNo: `EMP-${s}` }, // row 12: same employee number
      ],
    );
    const before = await counts();
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('importInvalid');
    const issues = error.details as { sheet: string; row: number; column: string; message: string }[];
    expect(error.message).toBe(`导入文件有 ${issues.length} 处错误，未导入任何数据`);

    const where = (sheet: string, row: number) => issues.filter((i) => i.sheet === sheet && i.row === row);
    const expectIssue = (sheet: string, row: number, column: string, message: string | RegExp) =>
      expect(where(sheet, row), `${sheet} row ${row}`).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ column: expect.stringMatching(new RegExp(`^${column} `)), message: expect.stringMatching(message) }),
        ]),
      );
    const D = DEPARTMENT_SHEET.name;
    const U = USER_SHEET.name;
    expectIssue(D, 3, 'B', /^必填$/);
    expectIssue(D, 4, 'C', /下级部门/);
    expectIssue(D, 5, 'C', /下级部门/);
    expectIssue(D, 6, 'A', /已存在/);
    expectIssue(D, 7, 'C', /不存在/);
    expectIssue(U, 3, 'D', /^邮箱格式不正确$/);
    expectIssue(U, 4, 'A', /已存在/);
    expectIssue(U, 5, 'A', /已存在/);
    expectIssue(U, 6, 'F', /不存在/);
    expectIssue(U, 7, 'B', /^必填$/);
    expectIssue(U, 8, 'G', /不存在/);
    expectIssue(U, 9, 'I', /密码至少/);
    expectIssue(U, 10, 'E', /^手机号格式不正确$/);
    expectIssue(U, 12, 'C', /已存在/);
    // The good rows are not blamed.
    expect(where(D, 2)).toEqual([]);
    expect(where(U, 2)).toEqual([]);
    expect(issues.map((i) => `${i.sheet}:${i.row}`).sort()).toEqual(
      [...[3, 4, 5, 6, 7].map((r) => `${D}:${r}`), ...[3, 4, 5, 6, 7, 8, 9, 10, 12].map((r) => `${U}:${r}`)].sort(),
    );

    expect(await counts()).toEqual(before);
  });

  it('words the report in the reader’s language', async () => {
    const english = await t.createUser({ roles: ['system_admin'] });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', english.id).execute();
    const client = await t.login(english);
    const file = await workbook([{ code: `EN-${uniq()}`, name: '' }], [{ username: `en_${uniq()}`, displayName: 'E', email: 'nope' }]);
    const res = await upload(client, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The file has 2 errors; nothing was imported');
    expect(
      res
        .json()
        .error.details.map((d: { message: string }) => d.message)
        .sort(),
    ).toEqual(['Not a valid e-mail address', 'Required'].sort());
  });

  it('nothing is imported when only the last user row is bad', async () => {
    const s = uniq();
    const good = Array.from({ length: 5 }, (_, i) => ({ username: `batch${i}_${s}`, displayName: `批量${i}` }));
    const file = await workbook(
      [{ code: `BATCH-${s}`, name: '批量部门' }],
      [...good, { username: `last_${s}`, displayName: '最后', email: 'broken@' }],
    );
    const before = await counts();
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ sheet: USER_SHEET.name, row: 7 })]);
    expect(await counts()).toEqual(before);
  });

  it('reports a missing sheet', async () => {
    const file = await workbook([], [{ username: `solo_${uniq()}`, displayName: '只有用户' }], [USER_SHEET]);
    const before = await counts();
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ sheet: DEPARTMENT_SHEET.name })]);
    expect(await counts()).toEqual(before);
  });
});

describe('uploads that are not the template', () => {
  it('a text file gets a clear 400 saying the file is not a usable .xlsx, and nothing is written', async () => {
    const before = await counts();
    const res = await upload(admin, Buffer.from('username,displayName\nzhang,张三\n'), 'users.csv', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('importInvalid');
    expect(res.json().error.details).toEqual([expect.objectContaining({ message: '不允许上传此类型的文件' })]);
    expect(await counts()).toEqual(before);
  });

  it('a JSON body instead of a file is 415, and a multipart body without a file part is 400', async () => {
    const json = await admin.post('/api/org/import', { users: [] });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupportedMediaType');
    const boundary = `----shuyun${uniq()}`;
    const noFile = await admin.request('POST', '/api/org/import', {
      payload: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode).toBe(400);
  });

  it('a caller without org.import gets 403 and nothing is written', async () => {
    const file = await workbook([{ code: `DENY-${uniq()}`, name: '拒绝' }], []);
    const before = await counts();
    for (const roles of [['requester'], ['security_admin']] as const) {
      const client = await t.login(await t.createUser({ roles: [...roles] }));
      const res = await upload(client, file);
      expect(res.statusCode, roles[0]).toBe(403);
    }
    expect((await counts()).departments).toBe(before.departments);
    expect((await counts()).users).toBe(before.users + 2); // the two callers made above
  });

  it('an upload over the size limit → 413, nothing written', async () => {
    const small = await setupTestApp({ UPLOAD_MAX_MB: '1' });
    try {
      const client = await small.login(await small.createUser({ roles: ['system_admin'] }));
      const departments = await countRows(small, 'departments');
      const res = await client.request('POST', '/api/org/import', multipart(Buffer.alloc(1_200_000, 1)));
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toEqual({ code: 'fileTooLarge', message: '文件超过大小上限 1 MB' });
      expect(await countRows(small, 'departments')).toBe(departments);
    } finally {
      await small.close();
    }
  });

  it('the template as downloaded imports as-is', async () => {
    const template = (await admin.get('/api/org/import/template')).rawPayload;
    const res = await upload(admin, template);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ departments: 2, users: 1 });
    expect((await dept('SAMPLE-BRANCH-IT')).parent_id).toBe((await dept('SAMPLE-BRANCH')).id);
  });
});
