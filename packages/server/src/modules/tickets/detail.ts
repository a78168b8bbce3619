import {
  allowedActions,
  FINAL_STATUSES,
  type HoldReason,
  type TicketDetail,
  type TicketListQuery,
  type TicketStatus,
  ticketMachine,
} from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { factsOf, machineActor } from './access.js';
import { catalogItemNames } from './catalog-port.js';
import { applyListFilters, applySort, SUMMARY_COLUMNS, type SummaryRow, ticketsInScope, toSummary } from './queries.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** One ticket as its reader may see it, with the actions they may take now. */
export async function getTicketDetail(db: Database, actor: Actor, id: number): Promise<TicketDetail> {
  const row = await ticketsInScope(db, actor)
    .leftJoin('tickets as merged', 'merged.id', 't.merged_into_id')
    .select([
      ...SUMMARY_COLUMNS,
      't.description',
      't.form_values',
      't.hold_reason',
      't.solution',
      't.resolution_category',
      't.responded_at',
      't.resolved_at',
      't.closed_at',
      't.reopen_count',
      't.rating_tags',
      't.rating_comment',
      't.rating_state',
      't.merged_into_id',
      'merged.number as merged_number',
      't.work_minutes',
      't.approver_ids',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const names = await catalogItemNames(db, row.catalog_item_id ? [row.catalog_item_id] : [], actor.locale);
  const me = await machineActor(db, actor);
  const status = row.status as TicketStatus;
  return {
    ...toSummary(row as SummaryRow, names),
    description: row.description,
    formValues: row.form_values ?? {},
    holdReason: row.hold_reason as HoldReason | null,
    solution: row.solution,
    resolutionCategory: row.resolution_category,
    respondedAt: iso(row.responded_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    reopenCount: row.reopen_count,
    ratingTags: row.rating_tags,
    ratingComment: row.rating_comment,
    ratingState: row.rating_state as TicketDetail['ratingState'],
    mergedInto: row.merged_into_id && row.merged_number ? { id: row.merged_into_id, number: row.merged_number } : null,
    workMinutes: row.work_minutes,
    allowedActions: allowedActions(ticketMachine, factsOf(row as never), me),
    canComment: !FINAL_STATUSES.includes(status),
    canSeeInternal: actor.permissions.has('ticket.internal'),
    canRate:
      row.requester_id === actor.userId && ['resolved', 'closed'].includes(status) && row.rating_state === 'pending' && !row.merged_into_id,
  };
}

/** A page of the caller's tickets for a view, filtered and sorted, with the total. */
export async function listTickets(db: Database, actor: Actor, filter: TicketListQuery) {
  const myTeams = (await db.selectFrom('team_members').select('team_id').where('user_id', '=', actor.userId).execute()).map(
    (t) => t.team_id,
  );
  const base = applyListFilters(ticketsInScope(db, actor), actor, filter, myTeams);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await applySort(base.select(SUMMARY_COLUMNS) as never, filter.sort)
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const names = await catalogItemNames(
    db,
    [...new Set((rows as SummaryRow[]).map((r) => r.catalog_item_id).filter((x): x is number => !!x))],
    actor.locale,
  );
  return {
    items: (rows as SummaryRow[]).map((r) => toSummary(r, names)),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
