import type { DataScope, Permission } from '@shuyun/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../context.js';

/** The widest scope the actor holds for a permission, or null when they do not hold it. */
export function scopeOf(actor: Actor, permission: Permission): DataScope | null {
  return actor.permissions.get(permission) ?? null;
}

/** Columns (already qualified, e.g. `t.requester_id`) through which a row belongs to a person, department or team. */
export interface ScopeColumns {
  /** Rows "owned" by these user columns (requester, assignee, custodian…). */
  users?: string[];
  department?: string;
  team?: string;
}

/**
 * The one scope filter every list and lookup uses: rows outside the caller's scope simply do not
 * match, so they are neither listed nor found (404).
 *   own        — a user column is the caller
 *   team       — own, or the row's team is one of the caller's teams, or a user column is a teammate
 *   department — own, or the row's department is the caller's department or below it
 *   all        — everything
 */
export function scopeFilter<TB extends keyof DB>(actor: Actor, permission: Permission, columns: ScopeColumns) {
  const scope = scopeOf(actor, permission);
  return (eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    if (!scope) return sql<SqlBool>`false`;
    if (scope === 'all') return sql<SqlBool>`true`;
    const me = actor.userId;
    const conditions: Expression<SqlBool>[] = (columns.users ?? []).map((c) => sql<SqlBool>`${sql.ref(c)} = ${me}`);
    if (scope === 'team') {
      const myTeams = sql`(SELECT team_id FROM team_members WHERE user_id = ${me})`;
      if (columns.team) conditions.push(sql<SqlBool>`${sql.ref(columns.team)} IN ${myTeams}`);
      for (const c of columns.users ?? []) {
        conditions.push(sql<SqlBool>`${sql.ref(c)} IN (SELECT user_id FROM team_members WHERE team_id IN ${myTeams})`);
      }
    }
    if (scope === 'department' && columns.department && actor.departmentId) {
      conditions.push(
        // A path still at its default '/' would be a prefix of every path: then only the department itself.
        sql<SqlBool>`${sql.ref(columns.department)} IN (SELECT d.id FROM departments d, departments mine
          WHERE mine.id = ${actor.departmentId} AND (d.id = mine.id OR (mine.path <> '/' AND d.path LIKE mine.path || '%')))`,
      );
    }
    return conditions.length ? eb.or(conditions) : sql<SqlBool>`false`;
  };
}
