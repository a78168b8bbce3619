import { type Expression, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { scopeOf } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

export type Db = Database | Transaction<DB>;

/**
 * The `fault.read` data scope for rows of `faults as f`:
 *   own        — I reported it or it is assigned to me
 *   team       — own, or its team is one of mine, or its reporter/assignee is a teammate
 *   department — own, or its reporter is in my department or below it
 *   all        — everything
 */
export function faultScope(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'fault.read');
  if (!scope) return sql<SqlBool>`false`;
  if (scope === 'all') return sql<SqlBool>`true`;
  const me = actor.userId;
  const conditions = [sql<SqlBool>`f.reporter_id = ${me}`, sql<SqlBool>`f.assignee_id = ${me}`];
  if (scope === 'team') {
    const myTeams = sql`(SELECT team_id FROM team_members WHERE user_id = ${me})`;
    conditions.push(sql<SqlBool>`f.team_id IN ${myTeams}`);
    conditions.push(sql<SqlBool>`f.reporter_id IN (SELECT user_id FROM team_members WHERE team_id IN ${myTeams})`);
    conditions.push(sql<SqlBool>`f.assignee_id IN (SELECT user_id FROM team_members WHERE team_id IN ${myTeams})`);
  }
  if (scope === 'department' && actor.departmentId) {
    // A path still at its default '/' would be a prefix of every path: then only the department itself.
    conditions.push(sql<SqlBool>`f.reporter_id IN (SELECT u.id FROM users u WHERE u.department_id IN (SELECT d.id FROM departments d, departments mine
      WHERE mine.id = ${actor.departmentId} AND (d.id = mine.id OR (mine.path <> '/' AND d.path LIKE mine.path || '%'))))`);
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` OR `)})`;
}

/** Faults the caller may read (alias `f`). */
export function faultsInScope(db: Db, actor: Actor) {
  return db.selectFrom('faults as f').where(faultScope(actor));
}

export async function canReadFault(db: Db, actor: Actor, id: number): Promise<boolean> {
  return !!(await faultsInScope(db, actor).select('f.id').where('f.id', '=', id).executeTakeFirst());
}

/** The fault row as the caller may read it, else 404. */
export async function loadFault(db: Db, actor: Actor, id: number) {
  const row = await faultsInScope(db, actor).selectAll('f').where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
export type FaultRow = Awaited<ReturnType<typeof loadFault>>;
