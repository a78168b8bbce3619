import type { TicketFacts, TicketStatus } from '@shuyun/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { scopeFilter } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';

/**
 * Which tickets a person sees: the ones they requested, submitted, are assigned or must approve,
 * and beyond that what their `ticket.read` scope covers — their teams', their department's (and
 * below), or all. Outside it a ticket is simply not found.
 */
export function ticketScope(actor: Actor) {
  const scoped = scopeFilter<'tickets'>(actor, 'ticket.read', {
    users: ['t.requester_id', 't.assignee_id', 't.created_by'],
    department: 't.requester_department_id',
    team: 't.team_id',
  });
  return (eb: ExpressionBuilder<DB, 'tickets'>): Expression<SqlBool> =>
    eb.or([scoped(eb), sql<SqlBool>`${actor.userId} = ANY(t.approver_ids)`]);
}

export function factsOf(row: {
  status: string;
  requester_id: number;
  assignee_id: number | null;
  team_id: number | null;
  approver_ids: number[];
}): TicketFacts {
  return {
    status: row.status as TicketStatus,
    requesterId: row.requester_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    approverIds: row.approver_ids ?? [],
  };
}
