import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { loadTicket } from './load.js';
import { ticketsInScope } from './queries.js';

type Ctx = ActionContext & { actor: Actor };

/** Links two tickets both ways (one row, read in both directions). Both must be visible to the caller. */
export async function linkTickets(platform: Platform, ctx: Ctx, ticketId: number, targetId: number) {
  const { db } = platform;
  if (ticketId === targetId) throw fieldError('targetId', 'self', 'validation.invalidValue');
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  const target = await loadTicket(db, ctx.actor, targetId);
  await db.transaction().execute(async (trx) => {
    const [from, to] = ticket.id < target.id ? [ticket, target] : [target, ticket];
    const inserted = await trx
      .insertInto('record_links')
      .values({ from_type: 'ticket', from_id: from.id, to_type: 'ticket', to_id: to.id, created_by: ctx.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('duplicate', { field: target.number });
    await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'ticket',
      targetNumber: target.number,
    });
    await appendTimeline(trx, { type: 'ticket', id: target.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'ticket',
      targetNumber: ticket.number,
    });
    await writeAudit(trx, ctx, {
      action: 'link',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      after: { target: target.number },
    });
  });
}

export async function unlinkTickets(platform: Platform, ctx: Ctx, ticketId: number, targetId: number) {
  const { db } = platform;
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  const target = await loadTicket(db, ctx.actor, targetId);
  await db.transaction().execute(async (trx) => {
    const [from, to] = ticket.id < target.id ? [ticket, target] : [target, ticket];
    const removed = await trx
      .deleteFrom('record_links')
      .where('from_type', '=', 'ticket')
      .where('from_id', '=', from.id)
      .where('to_type', '=', 'ticket')
      .where('to_id', '=', to.id)
      .executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw notFound();
    await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, {
      kind: 'unlinked',
      targetType: 'ticket',
      targetNumber: target.number,
    });
    await appendTimeline(trx, { type: 'ticket', id: target.id }, ctx.actor.userId, {
      kind: 'unlinked',
      targetType: 'ticket',
      targetNumber: ticket.number,
    });
    await writeAudit(trx, ctx, {
      action: 'unlink',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      before: { target: target.number },
    });
  });
}

/** Linked tickets the caller may see (links to tickets outside their scope are not shown). */
export async function listLinks(platform: Platform, actor: Actor, ticketId: number) {
  const { db } = platform;
  const ticket = await loadTicket(db, actor, ticketId);
  const links = await db
    .selectFrom('record_links')
    .select(['from_id', 'to_id'])
    .where('from_type', '=', 'ticket')
    .where('to_type', '=', 'ticket')
    .where((eb) => eb.or([eb('from_id', '=', ticket.id), eb('to_id', '=', ticket.id)]))
    .execute();
  const ids = links.map((l) => (l.from_id === ticket.id ? l.to_id : l.from_id));
  if (!ids.length) return [];
  return ticketsInScope(db, actor).select(['t.id', 't.number', 't.title', 't.status']).where('t.id', 'in', ids).orderBy('t.id').execute();
}
