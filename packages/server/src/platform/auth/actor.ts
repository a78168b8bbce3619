import { type DataScope, isPermission, type Locale, type Permission, SCOPE_RANK } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../context.js';

/** Loads an active user with the widest scope they hold for each permission across all their grants. */
export async function loadActor(db: Database, userId: number, via: Actor['via']): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'department_id', 'locale', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active) return null;
  const grants = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['r.key', 'r.permissions', 'r.scope as role_scope', 'ur.scope as grant_scope'])
    .where('ur.user_id', '=', userId)
    .execute();
  const permissions = new Map<Permission, DataScope>();
  for (const grant of grants) {
    const scope = (grant.grant_scope ?? grant.role_scope) as DataScope;
    for (const p of grant.permissions) {
      if (!isPermission(p)) continue;
      const held = permissions.get(p);
      if (!held || SCOPE_RANK[scope] > SCOPE_RANK[held]) permissions.set(p, scope);
    }
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    departmentId: user.department_id,
    locale: user.locale as Locale,
    permissions,
    roleKeys: grants.map((g) => g.key),
    via,
  };
}
