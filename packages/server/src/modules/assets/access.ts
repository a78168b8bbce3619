import { type Expression, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { scopeOf } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';

export type Db = Database | Transaction<DB>;

/**
 * The `asset.read` data scope for rows of `assets as a`:
 *   own        — I hold it (custodian), or it waits for my receipt / transfer-in
 *   team       — own, or the custodian is a member of one of my teams
 *   department — own, or the asset's department or its custodian's department is mine or below it
 *   all        — everything
 * The waiting part lets a receiver open an asset that is being handed to them.
 */
export function assetScope(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'asset.read');
  if (!scope) return sql<SqlBool>`false`;
  if (scope === 'all') return sql<SqlBool>`true`;
  const me = actor.userId;
  const conditions = [
    sql<SqlBool>`a.custodian_id = ${me}`,
    // IN, not EXISTS: a hashed subplan once, not a probe per asset.
    sql<SqlBool>`a.id IN (SELECT p.asset_id FROM asset_pending_actions p WHERE p.user_id = ${me})`,
  ];
  if (scope === 'team') {
    conditions.push(
      sql<SqlBool>`a.custodian_id IN (SELECT m.user_id FROM team_members m WHERE m.team_id IN (SELECT team_id FROM team_members WHERE user_id = ${me}))`,
    );
  }
  if (scope === 'department' && actor.departmentId) {
    // A path still at its default '/' would be a prefix of every path: then only the department itself.
    const subtree = sql`(SELECT d.id FROM departments d, departments mine
      WHERE mine.id = ${actor.departmentId} AND (d.id = mine.id OR (mine.path <> '/' AND d.path LIKE mine.path || '%')))`;
    conditions.push(sql<SqlBool>`a.department_id IN ${subtree}`);
    conditions.push(sql<SqlBool>`a.custodian_id IN (SELECT u.id FROM users u WHERE u.department_id IN ${subtree})`);
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` OR `)})`;
}

/** Assets the caller may read (alias `a`). */
export function assetsInScope(db: Db, actor: Actor) {
  return db.selectFrom('assets as a').where(assetScope(actor));
}

/** True when the asset exists and is within the caller's scope. */
export async function canReadAsset(db: Db, actor: Actor, id: number): Promise<boolean> {
  const row = await assetsInScope(db, actor).select('a.id').where('a.id', '=', id).executeTakeFirst();
  return !!row;
}
