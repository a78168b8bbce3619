import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { afterTicketChange } from './effects.js';
import { loadTicket } from './load.js';

type Ctx = ActionContext & { actor: Actor };

/** At or below this, the team lead gets a follow-up to call the requester. */
export const LOW_RATING = 2;

/**
 * The requester rates a resolved or closed ticket once: 1–5 stars, tags, a comment. Rating a resolved
 * ticket also confirms it (closes it). A low rating opens a follow-up for the team lead.
 */
export async function rateTicket(
  platform: Platform,
  ctx: Ctx,
  ticketId: number,
  input: { stars: number; tags: string[]; comment?: string | null },
) {
  const { db } = platform;
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  if (ticket.requester_id !== ctx.actor.userId) throw new AppError('forbidden');
  if (!['resolved', 'closed'].includes(ticket.status) || ticket.rating_state !== 'pending' || ticket.merged_into_id) {
    throw new AppError('invalidTransition');
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const closing = ticket.status === 'resolved';
    const result = await trx
      .updateTable('tickets')
      .set({
        rating: input.stars,
        rating_tags: [...new Set(input.tags)],
        rating_comment: input.comment?.trim() || null,
        rating_state: 'rated',
        rated_at: now,
        ...(closing ? { status: 'closed', closed_at: now } : {}),
        updated_at: now,
        version: ticket.version + 1,
      })
      .where('id', '=', ticket.id)
      .where('version', '=', ticket.version)
      .where('rating_state', '=', 'pending')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    const record = { type: 'ticket', id: ticket.id };
    if (closing) {
      await trx.insertInto('ticket_sla_events').values({ ticket_id: ticket.id, at: now, kind: 'stopped', priority: null }).execute();
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'stateChanged', from: 'resolved', to: 'closed' });
    }
    await appendTimeline(trx, record, ctx.actor.userId, { kind: 'rated', stars: input.stars, comment: input.comment ?? undefined });
    if (input.stars <= LOW_RATING) {
      const lead = ticket.team_id
        ? await trx.selectFrom('teams').select('lead_id').where('id', '=', ticket.team_id).executeTakeFirst()
        : undefined;
      await trx
        .insertInto('ticket_followups')
        .values({ ticket_id: ticket.id, owner_id: lead?.lead_id ?? null })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'ticket.rate',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      after: { stars: input.stars, tags: input.tags },
    });
    await afterTicketChange(trx, platform, ctx, ticket.id, { kind: 'rated', stars: input.stars });
  });
  return loadTicket(db, ctx.actor, ticketId);
}
