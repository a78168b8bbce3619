import type { Transaction } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import type { DB, TicketTable } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { ticketScope } from './access.js';

/**
 * Every column of `tickets`, by name: the read below is prepared, and a prepared `t.*` would be
 * refused by PostgreSQL once a migration adds a column. A column missing here fails the typecheck
 * (`Unlisted`) and round-trips.test.ts (against the migrated table).
 */
export const TICKET_COLUMNS = [
  't.id',
  't.number',
  't.title',
  't.description',
  't.catalog_item_id',
  't.form_values',
  't.status',
  't.priority',
  't.channel',
  't.requester_id',
  't.requester_department_id',
  't.created_by',
  't.approver_ids',
  't.team_id',
  't.assignee_id',
  't.system_id',
  't.sla_policy_id',
  't.response_due_at',
  't.resolution_due_at',
  't.responded_at',
  't.resolved_at',
  't.closed_at',
  't.sla_state',
  't.sla_warned_at',
  't.sla_breached_at',
  't.escalation_level',
  't.hold_reason',
  't.solution',
  't.resolution_category',
  't.transfer_count',
  't.reopen_count',
  't.work_minutes',
  't.rating',
  't.rating_tags',
  't.rating_comment',
  't.rating_state',
  't.rated_at',
  't.sla_response_breached',
  't.sla_resolution_breached',
  't.merged_into_id',
  't.version',
  't.created_at',
  't.updated_at',
] as const satisfies readonly `t.${keyof TicketTable}`[];

type Unlisted = Exclude<`t.${keyof TicketTable}`, (typeof TICKET_COLUMNS)[number]>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

/** The full row of a ticket the actor may see, or 404 — the same answer whether it exists or not. */
export async function loadTicket(db: Database | Transaction<DB>, actor: Actor, id: number) {
  // Prepared: the scope's shape depends only on the actor's scope kind, its values are parameters.
  const row = await prepared(
    db
      .selectFrom('tickets as t')
      .select(TICKET_COLUMNS)
      .where('t.id', '=', id)
      .where(ticketScope(actor) as never),
  ).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export type LoadedTicket = Awaited<ReturnType<typeof loadTicket>>;
