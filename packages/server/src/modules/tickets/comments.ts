import { FINAL_STATUSES, type TicketStatus } from '@shuyun/shared';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { attachUploads } from './create-ticket.js';
import { afterTicketChange } from './effects.js';
import { loadTicket } from './load.js';

type Ctx = ActionContext & { actor: Actor };

/** `@username` mentions in a comment body (Latin usernames as the demo and most directories use). */
export function mentionedUsernames(body: string): string[] {
  return [
    ...new Set([...body.matchAll(/(?:^|[^\w@.])@([A-Za-z0-9._-]{2,64})/g)].map((m) => (m[1] as string).replace(/\.$/, '').toLowerCase())),
  ];
}

/**
 * Adds a public or internal comment. Internal notes need `ticket.internal` and are never shown to
 * (or sent to) anyone without it; mentioned people are notified only if they may see the comment.
 */
export async function addComment(
  platform: Platform,
  ctx: Ctx,
  ticketId: number,
  input: { body: string; internal: boolean; attachmentIds: number[] },
) {
  const { db } = platform;
  if (input.internal && !ctx.actor.permissions.has('ticket.internal')) throw new AppError('forbidden');
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  if (FINAL_STATUSES.includes(ticket.status as TicketStatus)) throw new AppError('invalidTransition');
  // A ticket's files are shown to everyone who sees the ticket, the requester too: an internal note cannot carry any.
  if (input.internal && input.attachmentIds.length) {
    throw new AppError('validation', {}, [
      { path: 'attachmentIds', code: 'internalNoFiles', message: 'i18n:ticketsUi.comments.internalNoFiles' },
    ]);
  }

  const usernames = mentionedUsernames(input.body);
  const mentioned = usernames.length
    ? await db
        .selectFrom('users as u')
        .select('u.id')
        .where(sql<string>`lower(u.username)`, 'in', usernames)
        .where('u.active', '=', true)
        .where('u.id', '!=', ctx.actor.userId)
        .$if(input.internal, (q) =>
          q.where(
            sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'ticket.internal' = ANY(r.permissions))`,
          ),
        )
        .execute()
    : [];

  await db.transaction().execute(async (trx) => {
    const record = { type: 'ticket', id: ticket.id };
    const files = input.attachmentIds.length ? await attachUploads(trx, ctx.actor.userId, input.attachmentIds, ticket.id) : [];
    await appendTimeline(
      trx,
      record,
      ctx.actor.userId,
      { kind: 'commented', body: input.body, internal: input.internal, ...(files.length ? { files } : {}) },
      { internal: input.internal },
    );
    await trx.updateTable('tickets').set({ updated_at: new Date() }).where('id', '=', ticket.id).execute();
    await writeAudit(trx, ctx, {
      action: 'ticket.comment',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      after: { internal: input.internal, length: input.body.length, attachments: input.attachmentIds.length },
    });
    await afterTicketChange(trx, platform, ctx, ticket.id, {
      kind: 'commented',
      internal: input.internal,
      mentionedIds: mentioned.map((m) => m.id),
      excerpt: input.body.slice(0, 140),
    });
  });
}
