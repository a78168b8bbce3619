import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify } from '../../platform/notifications/index.js';
import type { RealtimeEvent } from '../../platform/realtime/realtime.js';
import type { TicketChange } from './effects.js';

interface TicketForNotice {
  id: number;
  number: string;
  title: string;
  status: string;
  requester_id: number;
  assignee_id: number | null;
  team_id: number | null;
  approver_ids: number[];
}

/** Members of a team (its pool), or nobody when the ticket has no team. */
async function teamMembers(trx: Transaction<DB>, teamId: number | null): Promise<number[]> {
  if (!teamId) return [];
  return (await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((m) => m.user_id);
}

async function teamLead(trx: Transaction<DB>, teamId: number | null): Promise<number[]> {
  if (!teamId) return [];
  const team = await trx.selectFrom('teams').select('lead_id').where('id', '=', teamId).executeTakeFirst();
  return team?.lead_id ? [team.lead_id] : [];
}

/**
 * Who hears about a ticket change, and as which event. The notification service drops the actor,
 * duplicates and inactive people, and applies everyone's preferences.
 */
export async function notifyTicketChange(
  trx: Transaction<DB>,
  platform: Platform,
  actor: { userId: number; displayName: string } | null,
  ticket: TicketForNotice,
  change: TicketChange,
  /** Gathers the bells' realtime pushes, published by the caller with its own. */
  live: RealtimeEvent[],
) {
  const actorId = actor?.userId ?? null;
  const actorName = actor?.displayName ?? null;
  const record = { type: 'ticket', id: ticket.id, number: ticket.number, title: ticket.title, link: `/tickets/${ticket.id}` };
  const send = (type: string, recipients: number[], data: Record<string, string | number> = {}) =>
    recipients.length
      ? notify(trx, platform, { type, actorId, actorName, recipients, record, data, audience: 'public', teamId: ticket.team_id }, live)
      : null;
  const requester = [ticket.requester_id];
  const assigneeOrPool = async () => (ticket.assignee_id ? [ticket.assignee_id] : teamMembers(trx, ticket.team_id));

  switch (change.kind) {
    case 'created':
      if (ticket.status === 'pending_approval') await send('ticket.approvalRequested', ticket.approver_ids);
      else await send(ticket.assignee_id ? 'ticket.assigned' : 'ticket.created', await assigneeOrPool());
      return;
    case 'commented': {
      const audience = [...requester, ...(ticket.assignee_id ? [ticket.assignee_id] : [])];
      if (change.internal) {
        const recipients = [...(ticket.assignee_id ? [ticket.assignee_id] : []), ...change.mentionedIds];
        if (recipients.length) {
          await notify(
            trx,
            platform,
            {
              type: change.mentionedIds.length ? 'ticket.mentioned' : 'ticket.commented',
              actorId,
              actorName,
              recipients,
              record,
              data: { excerpt: change.excerpt },
              audience: 'internal',
              internalPermission: 'ticket.internal',
              teamId: ticket.team_id,
            },
            live,
          );
        }
        return;
      }
      await send(
        'ticket.commented',
        audience.filter((id) => !change.mentionedIds.includes(id)),
        { excerpt: change.excerpt },
      );
      await send('ticket.mentioned', change.mentionedIds, { excerpt: change.excerpt });
      return;
    }
    case 'rated':
      await send('ticket.rated', ticket.assignee_id ? [ticket.assignee_id] : [], { stars: change.stars });
      if (change.stars <= 2) await send('ticket.followUp', await teamLead(trx, ticket.team_id), { stars: change.stars });
      return;
    case 'updated':
      return;
    case 'action':
      switch (change.action) {
        case 'approve':
          await send('ticket.approved', requester);
          await send('ticket.created', await teamMembers(trx, ticket.team_id));
          return;
        case 'reject':
          await send('ticket.rejected', requester, { reason: change.reason ?? '' });
          return;
        case 'assign':
          await send('ticket.assigned', await assigneeOrPool());
          return;
        case 'transfer':
          await send('ticket.transferred', await assigneeOrPool(), { reason: change.reason ?? '' });
          return;
        case 'claim':
        case 'accept':
          await send('ticket.accepted', requester);
          return;
        case 'resolve':
          await send('ticket.resolved', requester);
          return;
        case 'reopen':
          await send('ticket.reopened', ticket.assignee_id ? [ticket.assignee_id] : await teamLead(trx, ticket.team_id), {
            reason: change.reason ?? '',
          });
          return;
        case 'close':
        case 'merge':
          await send('ticket.closed', requester);
          return;
        default:
          return;
      }
  }
}
