import { randomInt } from 'node:crypto';
import type { DataScope, Permission, User } from '@shuyun/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { scopeFilter } from '../../platform/access/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { assertPasswordPolicy, hashPassword } from '../../platform/auth/password.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { fieldError, rethrowWriteError } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { users_username_key: 'username', users_employee_no_key: 'employeeNo' };
const REFERENCES = { users_department_id_fkey: 'departmentId', users_supervisor_id_fkey: 'supervisorId' };

export interface UserFilter {
  q?: string;
  departmentId?: number;
  teamId?: number;
  active?: 'true' | 'false';
  locked?: 'true' | 'false';
  role?: string;
  page: number;
  pageSize: number;
}

// The permission decides the scope: reading uses org.user.read's, editing org.user.manage's, account
// actions account.manage's — a user outside it is simply not found.
function baseQuery(db: Kysely<DB>, actor: Actor, permission: Permission = 'org.user.read') {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('users as s', 's.id', 'u.supervisor_id')
    .where(scopeFilter<'users'>(actor, permission, { users: ['u.id'], department: 'u.department_id' }) as never);
}

/** True when user `id` exists within the actor's scope for `permission`. */
export async function isInScope(db: Kysely<DB>, actor: Actor, permission: Permission, id: number): Promise<boolean> {
  return !!(await baseQuery(db, actor, permission).select('u.id').where('u.id', '=', id).executeTakeFirst());
}

/** 404 unless user `id` is within the actor's scope for `permission`. */
export async function assertInScope(db: Kysely<DB>, actor: Actor, permission: Permission, id: number): Promise<void> {
  if (!(await isInScope(db, actor, permission, id))) throw notFound();
}

/** After a write: the user must still be within the actor's scope, else the write is refused (and rolled back). */
async function assertStillInScope(trx: Transaction<DB>, actor: Actor, permission: Permission, id: number): Promise<void> {
  const row = await baseQuery(trx, actor, permission).select('u.id').where('u.id', '=', id).executeTakeFirst();
  if (!row) throw forbidden();
}

const COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.employee_no',
  'u.email',
  'u.phone',
  'u.department_id',
  'd.name as department_name',
  'u.supervisor_id',
  's.display_name as supervisor_name',
  'u.title',
  'u.locale',
  'u.active',
  'u.locked_until',
  'u.last_login_at',
  'u.version',
] as const;

/** Users in the caller's scope, searched and paged, with their role grants (one query for all of them). */
export async function listUsers(db: Database, actor: Actor, filter: UserFilter) {
  let query = baseQuery(db, actor);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.display_name', 'ilike', like),
        eb('u.username', 'ilike', like),
        eb('u.employee_no', 'ilike', like),
        eb('u.email', 'ilike', like),
      ]),
    );
  }
  if (filter.departmentId) {
    query = query.where(
      sql<boolean>`u.department_id IN (SELECT id FROM departments WHERE path LIKE (SELECT path FROM departments WHERE id = ${filter.departmentId}) || '%')`,
    );
  }
  if (filter.teamId) query = query.where(sql<boolean>`u.id IN (SELECT user_id FROM team_members WHERE team_id = ${filter.teamId})`);
  if (filter.active) query = query.where('u.active', '=', filter.active === 'true');
  if (filter.locked === 'true') query = query.where('u.locked_until', '>', new Date());
  if (filter.locked === 'false')
    query = query.where((eb) => eb.or([eb('u.locked_until', 'is', null), eb('u.locked_until', '<=', new Date())]));
  if (filter.role) {
    query = query.where(
      sql<boolean>`u.id IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.key = ${filter.role})`,
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(COLUMNS)
    .orderBy('u.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { items: await withRoles(db, rows), total: Number(total), page: filter.page, pageSize: filter.pageSize };
}

type Row = Record<string, unknown>;

async function withRoles(db: Database, rows: Row[]): Promise<User[]> {
  const ids = rows.map((r) => r.id as number);
  const grants = ids.length
    ? await db
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .select(['ur.id', 'ur.user_id', 'r.key', 'r.scope', 'ur.scope as grant_scope'])
        .where('ur.user_id', 'in', ids)
        .orderBy('r.id')
        .execute()
    : [];
  const iso = (d: unknown) => (d ? new Date(d as Date).toISOString() : null);
  return rows.map((r) => ({
    id: r.id as number,
    username: r.username as string,
    displayName: r.display_name as string,
    employeeNo: r.employee_no as string | null,
    email: r.email as string | null,
    phone: r.phone as string | null,
    departmentId: r.department_id as number | null,
    departmentName: r.department_name as string | null,
    supervisorId: r.supervisor_id as number | null,
    supervisorName: r.supervisor_name as string | null,
    title: r.title as string | null,
    locale: r.locale as User['locale'],
    active: r.active as boolean,
    lockedUntil: r.locked_until && new Date(r.locked_until as Date).getTime() > Date.now() ? iso(r.locked_until) : null,
    lastLoginAt: iso(r.last_login_at),
    roles: grants
      .filter((g) => g.user_id === r.id)
      .map((g) => ({ grantId: g.id, key: g.key, scope: (g.grant_scope ?? g.scope) as DataScope })),
    version: r.version as number,
  }));
}

/** One user in the caller's scope, or 404. */
export async function getUser(db: Database, actor: Actor, id: number): Promise<User> {
  const row = await baseQuery(db, actor).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [user] = await withRoles(db, [row]);
  return user as User;
}

/** Minimal records for user pickers (any signed-in user may pick colleagues by name). */
export async function userOptions(db: Database, q: string | undefined) {
  let query = db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name as displayName', 'u.username', 'd.name as departmentName'])
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .limit(20);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like), eb('u.employee_no', 'ilike', like)]),
    );
  }
  return query.execute();
}

export interface UserInput {
  username: string;
  displayName: string;
  employeeNo?: string | null;
  email?: string | null;
  phone?: string | null;
  departmentId?: number | null;
  supervisorId?: number | null;
  title?: string | null;
  locale?: string;
  password?: string;
}

/** A readable random password of all 4 classes, at least 12 characters and at least the policy's minimum. */
export function generatePassword(minLength = 12): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)] as string);
  while (chars.length < Math.max(12, minLength)) chars.push(all[randomInt(all.length)] as string);
  // Fisher–Yates, so the guaranteed class characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/**
 * Creates a user; without a password one is generated, returned once, and must be changed at first
 * sign-in. `ctx.actor` is null for the create-admin command, which is not limited by any scope.
 */
export async function createUser(trx: Transaction<DB>, config: Config, ctx: ActionContext, input: UserInput) {
  const initialPassword = input.password ?? generatePassword(config.PASSWORD_MIN_LENGTH);
  assertPasswordPolicy(initialPassword, { minLength: config.PASSWORD_MIN_LENGTH, minClasses: config.PASSWORD_MIN_CLASSES });
  const { password: _omit, ...profile } = input;
  try {
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        employee_no: input.employeeNo ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        department_id: input.departmentId ?? null,
        supervisor_id: input.supervisorId ?? null,
        title: input.title ?? null,
        locale: input.locale ?? 'zh-CN',
        password_hash: await hashPassword(initialPassword),
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A department-scoped admin may only create people they could then manage.
    if (ctx.actor) await assertStillInScope(trx, ctx.actor, 'org.user.manage', row.id);
    await appendTimeline(trx, { type: 'user', id: row.id }, ctx.actor?.userId ?? null, { kind: 'created' });
    await writeAudit(trx, ctx, { action: 'create', objectType: 'user', objectId: row.id, objectLabel: input.username, after: profile });
    return { id: row.id, initialPassword: input.password ? null : initialPassword };
  } catch (error) {
    rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
  }
}

const FIELD_COLUMNS: Record<string, keyof DB['users']> = {
  displayName: 'display_name',
  employeeNo: 'employee_no',
  email: 'email',
  phone: 'phone',
  departmentId: 'department_id',
  supervisorId: 'supervisor_id',
  title: 'title',
  locale: 'locale',
};

/** Edits a user's profile with an optimistic version check; the timeline names the changed fields. */
export async function updateUser(
  db: Database,
  ctx: Ctx,
  id: number,
  input: Partial<Omit<UserInput, 'username' | 'password'>> & { version: number },
) {
  await assertInScope(db, ctx.actor, 'org.user.manage', id);
  if (input.supervisorId === id) throw fieldError(ctx.actor, 'supervisorId', 'self', 'validation.invalidValue');
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const set: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
      const value = (input as Record<string, unknown>)[field];
      if (value === undefined || value === before[column]) continue;
      set[column] = value;
      fields.push(field);
    }
    try {
      const result = await trx
        .updateTable('users')
        .set({ ...set, version: input.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
      // Moving someone out of the editor's scope would be a change they could not see or undo.
      await assertStillInScope(trx, ctx.actor, 'org.user.manage', id);
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
    if (fields.length) {
      await appendTimeline(trx, { type: 'user', id }, ctx.actor.userId, { kind: 'updated', fields });
      await writeAudit(trx, ctx, {
        action: 'update',
        objectType: 'user',
        objectId: id,
        objectLabel: before.username,
        before: Object.fromEntries(Object.keys(set).map((c) => [c, before[c as keyof typeof before]])),
        after: set,
      });
    }
  });
  return getUser(db, ctx.actor, id);
}
