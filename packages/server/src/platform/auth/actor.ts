import { type DataScope, isPermission, type Locale, type Permission, SCOPE_RANK } from '@shuyun/shared';
import { sql } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import type { Actor } from '../context.js';

interface Grant {
  key: string;
  permissions: string[];
  role_scope: string;
  grant_scope: string | null;
}

/** Loads an active user with the widest scope they hold for each permission across all their grants. */
export async function loadActor(db: Database, userId: number, via: Actor['via']): Promise<Actor | null> {
  // One statement: this runs for every signed-in request.
  const user = await prepared(
    db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.department_id',
        'u.locale',
        'u.active',
        sql<Grant[]>`coalesce((
        SELECT json_agg(json_build_object('key', r.key, 'permissions', r.permissions, 'role_scope', r.scope, 'grant_scope', ur.scope) ORDER BY r.id)
        FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id), '[]')`.as('grants'),
        sql<number[]>`coalesce((SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_members m WHERE m.user_id = u.id), '{}')`.as(
          'team_ids',
        ),
      ])
      .where('u.id', '=', userId),
  ).executeTakeFirst();
  if (!user?.active) return null;
  const { grants } = user;
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
    teamIds: user.team_ids,
    via,
  };
}
