import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { ticketScope } from './access.js';

/**
 * The ticket counts on the home page, one query: what waits for me to work on, my teams' unclaimed
 * pool, approvals I owe, resolutions I should confirm, and open tickets at risk or late in my scope.
 */
export async function ticketTodoCounts(db: Database, actor: Actor) {
  const me = actor.userId;
  const handles = actor.permissions.has('ticket.handle');
  const row = await db
    .selectFrom('tickets as t')
    .where(ticketScope(actor) as never)
    .where('t.status', 'in', ['pending_approval', 'new', 'in_progress', 'on_hold', 'resolved'])
    .select([
      sql<number>`count(*) FILTER (WHERE t.assignee_id = ${me} AND t.status IN ('new', 'in_progress'))`.as('waiting'),
      sql<number>`count(*) FILTER (WHERE t.assignee_id IS NULL AND t.status = 'new' AND t.team_id IN (SELECT team_id FROM team_members WHERE user_id = ${me}))`.as(
        'pool',
      ),
      sql<number>`count(*) FILTER (WHERE t.status = 'pending_approval' AND ${me} = ANY(t.approver_ids))`.as('approvals'),
      sql<number>`count(*) FILTER (WHERE t.status = 'resolved' AND t.requester_id = ${me})`.as('to_confirm'),
      sql<number>`count(*) FILTER (WHERE t.status IN ('new', 'in_progress') AND t.sla_state IN ('breached', 'atRisk'))`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  const items: { key: string; count: number; link: string }[] = [];
  if (handles) {
    items.push({ key: 'ticketsWaiting', count: Number(row.waiting), link: '/tickets?view=waiting' });
    items.push({ key: 'ticketsPool', count: Number(row.pool), link: '/tickets?view=team&status=new' });
    items.push({ key: 'ticketsOverdue', count: Number(row.overdue), link: '/tickets?view=overdue' });
  }
  if (actor.permissions.has('ticket.approve'))
    items.push({ key: 'ticketsApprovals', count: Number(row.approvals), link: '/tickets?view=approvals' });
  // Everyone may submit; the card shows only when a resolution actually waits for them.
  if (Number(row.to_confirm) > 0) {
    items.push({ key: 'ticketsToConfirm', count: Number(row.to_confirm), link: '/tickets?view=requested&status=resolved' });
  }
  return items;
}
