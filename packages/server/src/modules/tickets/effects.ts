import type { TicketAction, TicketStatus } from '@shuyun/shared';
import type { Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import type { Platform } from '../../platform/http/types.js';
import type { RealtimeEvent } from '../../platform/realtime/realtime.js';
import type { SlaEvent } from '../sla/sla.js';
import { notifyTicketChange } from './notify.js';
import { refreshSla, SLA_COLUMNS, scheduleSlaChecks, type TicketSla } from './sla.js';

export type TicketChange =
  | { kind: 'created' }
  | { kind: 'action'; action: TicketAction; from: TicketStatus; reason?: string }
  | { kind: 'commented'; internal: boolean; mentionedIds: number[]; excerpt: string }
  | { kind: 'updated'; fields: string[] }
  | { kind: 'rated'; stars: number };

/**
 * What the effects of a change read of the ticket; a caller that has just written it passes it along
 * (and, when it has stored the SLA with its own write, the SLA it stored: then only the timers are set).
 */
export const CHANGED_TICKET_COLUMNS = [
  'id',
  'number',
  'title',
  'status',
  'requester_id',
  'assignee_id',
  'team_id',
  'approver_ids',
  'priority',
  ...SLA_COLUMNS,
] as const;
export type ChangedTicket = Pick<Selectable<DB['tickets']>, (typeof CHANGED_TICKET_COLUMNS)[number]>;

/**
 * Everything a ticket change sets off, inside the change's own transaction: the SLA clocks are
 * recomputed and their timers rescheduled, people are notified (outbox), and open browsers are told
 * to refresh (NOTIFY, delivered on commit). Browsers get only the id and refetch through their scope.
 */
export async function afterTicketChange(
  trx: Transaction<DB>,
  platform: Platform,
  ctx: ActionContext & { actor: Actor | null },
  ticketId: number,
  change: TicketChange,
  known?: { ticket: ChangedTicket; slaEvents: SlaEvent[]; sla?: TicketSla },
) {
  const ticket =
    known?.ticket ?? (await trx.selectFrom('tickets').select(CHANGED_TICKET_COLUMNS).where('id', '=', ticketId).executeTakeFirstOrThrow());
  if (known?.sla) await scheduleSlaChecks(trx, platform, ticketId, ticket, known.sla, new Date());
  else if (change.kind !== 'commented' && change.kind !== 'rated') {
    await refreshSla(trx, platform, ticketId, new Date(), ticket, known?.slaEvents);
  }
  const live: RealtimeEvent[] = [];
  await notifyTicketChange(trx, platform, ctx.actor, ticket, change, live);
  const people = [ticket.requester_id, ticket.assignee_id, ...ticket.approver_ids].filter((id): id is number => !!id);
  // The bells' pushes and the change itself in one statement.
  await platform.realtime.publish(trx, ...live, {
    type: 'ticket.changed',
    recordType: 'ticket',
    recordId: ticketId,
    permission: 'ticket.handle',
    userIds: [...new Set(people)],
  });
}
