import { type Expression, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { scopeOf } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';

export type Db = Database | Transaction<DB>;

/**
 * The `demand.read` data scope for rows of `demands as d`:
 *   own        — I requested it, or I am its analyst, its supervisor or a developer of one of its tasks
 *   team       — own, or its requester or analyst is in one of my support teams
 *   department — own, or it was requested from my department or below
 *   all        — everything
 */
export function demandScope(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'demand.read');
  if (!scope) return sql<SqlBool>`false`;
  if (scope === 'all') return sql<SqlBool>`true`;
  const me = actor.userId;
  const conditions = [
    sql<SqlBool>`d.requester_id = ${me}`,
    sql<SqlBool>`d.analyst_id = ${me}`,
    sql<SqlBool>`d.supervisor_id = ${me}`,
    sql<SqlBool>`d.id IN (SELECT k.demand_id FROM demand_tasks k WHERE k.developer_id = ${me})`,
  ];
  if (scope === 'team') {
    const mates = sql`(SELECT m.user_id FROM team_members m WHERE m.team_id IN (SELECT team_id FROM team_members WHERE user_id = ${me}))`;
    conditions.push(sql<SqlBool>`d.requester_id IN ${mates}`, sql<SqlBool>`d.analyst_id IN ${mates}`);
  }
  if (scope === 'department' && actor.departmentId) {
    // A path still at its default '/' would be a prefix of every path: then only the department itself.
    conditions.push(sql<SqlBool>`d.requester_department_id IN (SELECT x.id FROM departments x, departments mine
      WHERE mine.id = ${actor.departmentId} AND (x.id = mine.id OR (mine.path <> '/' AND x.path LIKE mine.path || '%')))`);
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` OR `)})`;
}

/** Demands the caller may read (alias `d`). */
export function demandsInScope(db: Db, actor: Actor) {
  return db.selectFrom('demands as d').where(demandScope(actor));
}

export async function canReadDemand(db: Db, actor: Actor, id: number): Promise<boolean> {
  return !!(await demandsInScope(db, actor).select('d.id').where('d.id', '=', id).executeTakeFirst());
}
