import { type DataScope, type Permission, PROTECTED_LAST_HOLDER_ROLES, SEPARATED_ROLES } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { unknownReference } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };

// All grant changes serialise on this lock, so two concurrent revocations cannot both pass the
// "last holder" check and leave nobody.
const GRANTS_LOCK = 7_243_002;
const lockGrants = (trx: Transaction<DB>) => sql`SELECT pg_advisory_xact_lock(${GRANTS_LOCK})`.execute(trx);

export async function listRoles(db: Database) {
  const rows = await db
    .selectFrom('roles as r')
    .select([
      'r.id',
      'r.key',
      'r.name',
      'r.builtin',
      'r.scope',
      'r.permissions',
      'r.version',
      (eb) =>
        eb
          .selectFrom('user_roles as ur')
          .innerJoin('users as u', 'u.id', 'ur.user_id')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('ur.role_id', '=', 'r.id')
          .where('u.active', '=', true)
          .as('holder_count'),
    ])
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    builtin: r.builtin,
    scope: r.scope as DataScope,
    permissions: r.permissions as Permission[],
    holderCount: Number(r.holder_count ?? 0),
    version: r.version,
  }));
}

export async function roleHolders(db: Database, roleId: number) {
  const role = await db.selectFrom('roles').select('id').where('id', '=', roleId).executeTakeFirst();
  if (!role) throw notFound();
  return db
    .selectFrom('user_roles as ur')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      'ur.id as grantId',
      'u.id as userId',
      'u.display_name as displayName',
      'u.username',
      'd.name as departmentName',
      'ur.scope',
      'u.active',
    ])
    .where('ur.role_id', '=', roleId)
    .orderBy('u.display_name')
    .execute();
}

// 三权分立 in role bundles: reading (or exporting) the audit log belongs to the auditor role alone,
// granting roles to the security admin role alone, and those two roles cannot lose them.
const EXCLUSIVE: Partial<Record<Permission, string>> = {
  'audit.read': 'auditor',
  'audit.export': 'auditor',
  'role.grant': 'security_admin',
};
const DEFINING: Record<string, Permission[]> = { auditor: ['audit.read'], security_admin: ['role.grant'] };

/** Throws `separationOfDuties` when role `key` with `permissions` would break the separation of duties. */
export function assertSeparatedBundle(key: string, permissions: readonly Permission[]): void {
  const foreign = permissions.some((p) => EXCLUSIVE[p] !== undefined && EXCLUSIVE[p] !== key);
  const missing = (DEFINING[key] ?? []).some((p) => !permissions.includes(p));
  if (foreign || missing) throw new AppError('separationOfDuties');
}

/** Creates a custom role (a bundle of permissions with a default data scope). */
export async function createRole(
  db: Database,
  ctx: Ctx,
  input: { key: string; name: string; scope: DataScope; permissions: Permission[] },
) {
  assertSeparatedBundle(input.key, input.permissions);
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .insertInto('roles')
        .values({ key: input.key, name: input.name, scope: input.scope, permissions: [...new Set(input.permissions)] })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'create', objectType: 'role', objectId: row.id, objectLabel: input.key, after: input });
      return row.id;
    } catch (error) {
      rethrowUnique(error, { roles_key_key: 'key' });
    }
  });
}

/**
 * Edits a role's bundle. Built-in separated roles keep their defining permissions (the auditor
 * keeps audit.read, the security admin role.grant) so 三权分立 cannot be edited away.
 */
export async function updateRole(
  db: Database,
  ctx: Ctx,
  id: number,
  input: { name?: string; scope?: DataScope; permissions?: Permission[]; version: number },
) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const permissions = input.permissions ? [...new Set(input.permissions)] : (before.permissions as Permission[]);
    assertSeparatedBundle(before.key, permissions);
    const result = await trx
      .updateTable('roles')
      .set({ name: input.name, scope: input.scope, permissions, version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    await writeAudit(trx, ctx, {
      action: 'roleUpdated',
      objectType: 'role',
      objectId: id,
      objectLabel: before.key,
      before: { name: before.name, scope: before.scope, permissions: before.permissions },
      after: { name: input.name ?? before.name, scope: input.scope ?? before.scope, permissions },
    });
  });
}

/** Grants a role; refuses to give one person two of the separated roles (三权分立). */
export async function grantRole(db: Database, ctx: Ctx, input: { userId: number; roleId: number; scope?: DataScope | null }) {
  await db.transaction().execute(async (trx) => {
    await lockGrants(trx);
    const role = await trx.selectFrom('roles').select(['id', 'key']).where('id', '=', input.roleId).executeTakeFirst();
    if (!role) throw unknownReference(ctx.actor, 'roleId');
    const user = await trx.selectFrom('users').select(['id', 'username']).where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw unknownReference(ctx.actor, 'userId');
    if (SEPARATED_ROLES.includes(role.key as never)) {
      const clash = await trx
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .select('r.key')
        .where('ur.user_id', '=', input.userId)
        .where(
          'r.key',
          'in',
          SEPARATED_ROLES.filter((k) => k !== role.key),
        )
        .executeTakeFirst();
      if (clash) throw new AppError('separationOfDuties');
    }
    try {
      await trx
        .insertInto('user_roles')
        .values({ user_id: input.userId, role_id: input.roleId, scope: input.scope ?? null, granted_by: ctx.actor.userId })
        .execute();
    } catch (error) {
      rethrowUnique(error, { user_roles_user_id_role_id_key: 'role' });
    }
    const scope = input.scope ?? 'default';
    await appendTimeline(trx, { type: 'user', id: input.userId }, ctx.actor.userId, { kind: 'roleGranted', role: role.key, scope });
    await writeAudit(trx, ctx, {
      action: 'roleGranted',
      objectType: 'user',
      objectId: input.userId,
      objectLabel: user.username,
      after: { role: role.key, scope: input.scope ?? null },
    });
  });
}

export async function revokeGrant(db: Database, ctx: Ctx, grantId: number) {
  await db.transaction().execute(async (trx) => {
    await lockGrants(trx);
    const grant = await trx
      .selectFrom('user_roles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .innerJoin('users as u', 'u.id', 'ur.user_id')
      .select(['ur.id', 'ur.user_id', 'r.key', 'r.id as role_id', 'u.username', 'ur.scope'])
      .where('ur.id', '=', grantId)
      .executeTakeFirst();
    if (!grant) throw notFound();
    await assertNotLastHolder(trx, grant.key, grant.user_id);
    await trx.deleteFrom('user_roles').where('id', '=', grantId).execute();
    await appendTimeline(trx, { type: 'user', id: grant.user_id }, ctx.actor.userId, { kind: 'roleRevoked', role: grant.key });
    await writeAudit(trx, ctx, {
      action: 'roleRevoked',
      objectType: 'user',
      objectId: grant.user_id,
      objectLabel: grant.username,
      before: { role: grant.key, scope: grant.scope },
    });
  });
}

/** Throws `lastHolder` when `userId` is the only active holder of a protected role `roleKey`. */
async function assertNotLastHolder(trx: Transaction<DB>, roleKey: string, userId: number) {
  if (!PROTECTED_LAST_HOLDER_ROLES.includes(roleKey as never)) return;
  const others = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .where('r.key', '=', roleKey)
    .where('u.active', '=', true)
    .where('u.id', '!=', userId)
    .limit(1)
    .executeTakeFirst();
  if (!others) throw new AppError('lastHolder', { role: `i18n:roles.names.${roleKey}` });
}

/** Used before deactivating a user: they must not be the last active holder of any protected role. */
export async function assertNotLastHolderOfAny(trx: Transaction<DB>, userId: number) {
  await lockGrants(trx);
  const held = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.key')
    .where('ur.user_id', '=', userId)
    .execute();
  for (const { key } of held) await assertNotLastHolder(trx, key, userId);
}
