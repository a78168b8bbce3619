import { DepartmentBody, type FieldIssue, type Locale, translate, UserBody } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { columnLetter, readWorkbook, workbookBuffer } from '../../platform/excel/excel.js';
import { createDepartment } from './departments.js';
import { createUser } from './users.js';

type Ctx = ActionContext & { actor: Actor };

// Headers are bilingual so one template serves both languages; the key is what the importer reads.
export const DEPARTMENT_SHEET = {
  name: '部门 Departments',
  columns: [
    { key: 'code', header: '部门编码 Code*' },
    { key: 'name', header: '部门名称 Name*' },
    { key: 'parentCode', header: '上级部门编码 Parent code' },
    { key: 'managerUsername', header: '负责人用户名 Head username' },
  ],
};
export const USER_SHEET = {
  name: '用户 Users',
  columns: [
    { key: 'username', header: '用户名 Username*' },
    { key: 'displayName', header: '姓名 Name*' },
    { key: 'employeeNo', header: '工号 Employee no.' },
    { key: 'email', header: '邮箱 E-mail' },
    { key: 'phone', header: '手机 Mobile' },
    { key: 'departmentCode', header: '部门编码 Department code' },
    { key: 'supervisorUsername', header: '直属主管用户名 Supervisor username' },
    { key: 'title', header: '职务 Job title' },
    { key: 'password', header: '初始密码 Initial password' },
  ],
};

export function importTemplate(): Promise<Buffer> {
  return workbookBuffer([
    {
      ...DEPARTMENT_SHEET,
      rows: [
        // Sample rows that do not clash with existing data: edit or replace them.
        { code: 'SAMPLE-BRANCH', name: '示例分公司' },
        { code: 'SAMPLE-BRANCH-IT', name: '示例分公司信息部', parentCode: 'SAMPLE-BRANCH' },
      ],
    },
    {
      ...USER_SHEET,
      rows: [
        {
          username: 'sample.zhangsan',
          displayName: '张三（示例）',
          employeeNo: 'SAMPLE-0001',
          email: 'sample.zhangsan@example.com',
          phone: '13800000000',
          departmentCode: 'SAMPLE-BRANCH-IT',
          title: '工程师',
        },
      ],
    },
  ]);
}

interface ParsedRow<T> {
  row: number;
  data: T;
}

/**
 * Imports departments and users from the template. Everything is checked first — every bad cell is
 * reported with sheet, row, column and reason — and nothing is written unless every row is good.
 */
export async function importOrg(db: Database, config: Config, ctx: Ctx, buffer: Buffer, locale: Locale) {
  const t = (key: string, values?: Record<string, unknown>) => translate(locale, key, values);
  let sheets: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    sheets = await readWorkbook(buffer);
  } catch {
    throw new AppError('importInvalid', { count: 1 }, [{ row: 0, column: '', code: 'file', message: t('errors.fileType') }]);
  }
  const issues: (FieldIssue & { sheet: string })[] = [];
  const issue = (sheet: typeof DEPARTMENT_SHEET, row: number, key: string, message: string) => {
    const index = sheet.columns.findIndex((c) => c.key === key) + 1;
    issues.push({
      sheet: sheet.name,
      row,
      column: `${columnLetter(index)} (${sheet.columns[index - 1]?.header ?? key})`,
      code: 'invalid',
      message,
    });
  };
  const read = (sheet: typeof DEPARTMENT_SHEET) => {
    const rows = sheets.get(sheet.name);
    if (!rows) {
      issues.push({ sheet: sheet.name, row: 1, column: '', code: 'missingSheet', message: t('validation.required') });
      return [];
    }
    return rows.map(({ row, cells }) => ({
      row,
      values: Object.fromEntries(sheet.columns.map((c) => [c.key, cells[c.header] ?? ''])) as Record<string, string>,
    }));
  };
  const zodMessage = (code: string, issueData: { minimum?: unknown; maximum?: unknown; message?: string; format?: string }) => {
    // Cells are text or empty, so a type error means the cell was empty.
    if (code === 'too_small' || code === 'invalid_type') return t('validation.required');
    if (code === 'too_big') return t('validation.tooLong', { max: issueData.maximum });
    if (issueData.format === 'email') return t('validation.invalidEmail');
    if (issueData.message === 'invalidPhone') return t('validation.invalidPhone');
    return t('validation.invalidValue');
  };

  const existingDepartments = new Map(
    (
      await db
        .selectFrom('departments')
        .select(['id', sql<string>`lower(code)`.as('code')])
        .execute()
    ).map((d) => [d.code, d.id]),
  );
  const existingUsers = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', sql<string>`lower(username)`.as('username'), 'employee_no'])
        .execute()
    ).map((u) => [u.username, u]),
  );
  const existingEmployeeNos = new Set([...existingUsers.values()].map((u) => u.employee_no).filter(Boolean));

  // Departments
  const departments: ParsedRow<{ code: string; name: string; parentCode: string; managerUsername: string }>[] = [];
  const fileCodes = new Set<string>();
  for (const { row, values } of read(DEPARTMENT_SHEET)) {
    const parsed = DepartmentBody.pick({ name: true, code: true }).safeParse({ name: values.name, code: values.code });
    if (!parsed.success) {
      for (const i of parsed.error.issues) issue(DEPARTMENT_SHEET, row, String(i.path[0]), zodMessage(i.code, i as never));
      continue;
    }
    const code = parsed.data.code.toLowerCase();
    if (existingDepartments.has(code) || fileCodes.has(code)) {
      issue(DEPARTMENT_SHEET, row, 'code', t('errors.duplicate', { field: parsed.data.code }));
      continue;
    }
    fileCodes.add(code);
    departments.push({ row, data: { ...parsed.data, parentCode: values.parentCode ?? '', managerUsername: values.managerUsername ?? '' } });
  }

  // Users
  const users: ParsedRow<Record<string, string | undefined> & { username: string; displayName: string }>[] = [];
  const fileUsernames = new Set<string>();
  const fileEmployeeNos = new Set<string>();
  for (const { row, values } of read(USER_SHEET)) {
    const candidate = Object.fromEntries(
      ['username', 'displayName', 'employeeNo', 'email', 'phone', 'title', 'password'].map((k) => [k, values[k] || undefined]),
    );
    const parsed = UserBody.omit({ departmentId: true, supervisorId: true, locale: true }).safeParse(candidate);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issue(USER_SHEET, row, String(i.path[0]), zodMessage(i.code, i as never));
      continue;
    }
    const username = parsed.data.username.toLowerCase();
    if (existingUsers.has(username) || fileUsernames.has(username)) {
      issue(USER_SHEET, row, 'username', t('errors.duplicate', { field: parsed.data.username }));
      continue;
    }
    const employeeNo = parsed.data.employeeNo ?? undefined;
    if (employeeNo && (existingEmployeeNos.has(employeeNo) || fileEmployeeNos.has(employeeNo))) {
      issue(USER_SHEET, row, 'employeeNo', t('errors.duplicate', { field: employeeNo }));
      continue;
    }
    if (employeeNo) fileEmployeeNos.add(employeeNo);
    if (parsed.data.password) {
      const p = parsed.data.password;
      const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
      if (p.length < config.PASSWORD_MIN_LENGTH || classes < config.PASSWORD_MIN_CLASSES) {
        issue(
          USER_SHEET,
          row,
          'password',
          t('errors.passwordPolicy', { minLength: config.PASSWORD_MIN_LENGTH, classes: config.PASSWORD_MIN_CLASSES }),
        );
        continue;
      }
    }
    fileUsernames.add(username);
    users.push({
      row,
      data: {
        username: parsed.data.username,
        displayName: parsed.data.displayName,
        employeeNo,
        email: parsed.data.email ?? undefined,
        phone: parsed.data.phone ?? undefined,
        title: parsed.data.title ?? undefined,
        password: parsed.data.password,
        departmentCode: values.departmentCode ?? '',
        supervisorUsername: values.supervisorUsername ?? '',
      },
    });
  }

  // References: a department or user named in the file or already in the system.
  const knownDepartment = (code: string) => existingDepartments.has(code.toLowerCase()) || fileCodes.has(code.toLowerCase());
  const knownUser = (name: string) => existingUsers.has(name.toLowerCase()) || fileUsernames.has(name.toLowerCase());
  for (const d of departments) {
    if (d.data.parentCode && !knownDepartment(d.data.parentCode)) issue(DEPARTMENT_SHEET, d.row, 'parentCode', t('errors.notFound'));
    if (d.data.managerUsername && !knownUser(d.data.managerUsername))
      issue(DEPARTMENT_SHEET, d.row, 'managerUsername', t('errors.notFound'));
  }
  for (const u of users) {
    if (u.data.departmentCode && !knownDepartment(u.data.departmentCode)) issue(USER_SHEET, u.row, 'departmentCode', t('errors.notFound'));
    if (u.data.supervisorUsername && !knownUser(u.data.supervisorUsername))
      issue(USER_SHEET, u.row, 'supervisorUsername', t('errors.notFound'));
  }
  const ordered = orderByParent(departments, (code) => existingDepartments.has(code.toLowerCase()));
  for (const d of inCycle(departments)) issue(DEPARTMENT_SHEET, d.row, 'parentCode', t('errors.departmentCycle'));
  if (issues.length) throw new AppError('importInvalid', { count: issues.length }, issues);

  const credentials: { username: string; password: string }[] = [];
  await db.transaction().execute(async (trx) => {
    const deptIds = new Map(existingDepartments);
    for (const d of ordered ?? []) {
      const parentId = d.data.parentCode ? deptIds.get(d.data.parentCode.toLowerCase()) : null;
      deptIds.set(d.data.code.toLowerCase(), await createDepartment(trx, ctx, { name: d.data.name, code: d.data.code, parentId }));
    }
    const userIds = new Map([...existingUsers].map(([k, v]) => [k, v.id]));
    for (const u of users) {
      const { id, initialPassword } = await createUser(trx, config, ctx, {
        username: u.data.username,
        displayName: u.data.displayName,
        employeeNo: u.data.employeeNo,
        email: u.data.email,
        phone: u.data.phone,
        title: u.data.title,
        password: u.data.password,
        departmentId: u.data.departmentCode ? deptIds.get(u.data.departmentCode.toLowerCase()) : null,
      });
      userIds.set(u.data.username.toLowerCase(), id);
      if (initialPassword) credentials.push({ username: u.data.username, password: initialPassword });
    }
    // Second pass: references to people, now that everyone exists.
    for (const u of users) {
      if (!u.data.supervisorUsername) continue;
      await trx
        .updateTable('users')
        .set({ supervisor_id: userIds.get(u.data.supervisorUsername.toLowerCase()) })
        .where('id', '=', userIds.get(u.data.username.toLowerCase()) as number)
        .execute();
    }
    for (const d of departments) {
      if (!d.data.managerUsername) continue;
      await trx
        .updateTable('departments')
        .set({ manager_id: userIds.get(d.data.managerUsername.toLowerCase()) })
        .where('id', '=', deptIds.get(d.data.code.toLowerCase()) as number)
        .execute();
    }
    await writeAudit(trx, ctx, { action: 'import', objectType: 'user', after: { departments: departments.length, users: users.length } });
  });
  return { departments: departments.length, users: users.length, credentials };
}

/** Parents before children; null when the file's parent references form a cycle. */
function orderByParent<T extends { data: { code: string; parentCode: string } }>(
  rows: T[],
  existing: (code: string) => boolean,
): T[] | null {
  const done = new Set<string>();
  const out: T[] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((r) => r.data.parentCode && !existing(r.data.parentCode) && !done.has(r.data.parentCode.toLowerCase()));
    const ready = pending.filter((r) => !next.includes(r));
    if (!ready.length) return null;
    for (const r of ready) {
      out.push(r);
      done.add(r.data.code.toLowerCase());
    }
    pending = next;
  }
  return out;
}

/** The rows whose parent chain within the file leads back to themselves (each is reported). */
function inCycle<T extends { data: { code: string; parentCode: string } }>(rows: T[]): T[] {
  const byCode = new Map(rows.map((r) => [r.data.code.toLowerCase(), r]));
  return rows.filter((start) => {
    const seen = new Set<T>();
    let current: T | undefined = start;
    while (current && !seen.has(current)) {
      seen.add(current);
      current = current.data.parentCode ? byCode.get(current.data.parentCode.toLowerCase()) : undefined;
    }
    return current === start;
  });
}
