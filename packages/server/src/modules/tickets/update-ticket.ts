import type { Priority } from '@shuyun/shared';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { machineActor } from '../../platform/context.js';
import { AppError, fieldError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { afterTicketChange } from './effects.js';
import { loadTicket } from './load.js';

type Ctx = ActionContext & { actor: Actor };

/**
 * Edits an open ticket's title, description, priority or IT system (its handlers and dispatchers).
 * A priority change switches the SLA targets from now on; time already used carries over.
 */
export async function updateTicket(
  platform: Platform,
  ctx: Ctx,
  ticketId: number,
  input: { version: number; title?: string; description?: string; priority?: Priority; systemId?: number | null },
) {
  const { db } = platform;
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  const me = machineActor(ctx.actor);
  const handles =
    ticket.assignee_id === ctx.actor.userId ||
    ctx.actor.permissions.has('ticket.dispatch') ||
    (ticket.team_id !== null && me.teamIds.has(ticket.team_id));
  if (!handles) throw new AppError('forbidden');
  if (['closed', 'cancelled', 'rejected'].includes(ticket.status)) throw new AppError('invalidTransition');
  if (ticket.version !== input.version) throw versionConflict();

  const set: Record<string, unknown> = {};
  if (input.title !== undefined && input.title !== ticket.title) set.title = input.title;
  if (input.description !== undefined && input.description !== ticket.description) set.description = input.description;
  if (input.priority !== undefined && input.priority !== ticket.priority) set.priority = input.priority;
  if (input.systemId !== undefined && input.systemId !== ticket.system_id) set.system_id = input.systemId;
  const fields = Object.keys(set);
  if (!fields.length) return;

  await db.transaction().execute(async (trx) => {
    if (input.systemId) {
      const system = await trx.selectFrom('it_systems').select('id').where('id', '=', input.systemId).executeTakeFirst();
      if (!system) throw fieldError('systemId', 'notFound', 'validation.ticketSystemUnknown');
    }
    const now = new Date();
    const result = await trx
      .updateTable('tickets')
      .set({ ...set, updated_at: now, version: ticket.version + 1 })
      .where('id', '=', ticket.id)
      .where('version', '=', ticket.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    const record = { type: 'ticket', id: ticket.id };
    if (set.priority) {
      await trx
        .insertInto('ticket_sla_events')
        .values({ ticket_id: ticket.id, at: now, kind: 'priorityChanged', priority: input.priority as string })
        .execute();
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'priorityChanged', from: ticket.priority, to: input.priority as string });
    }
    const others = fields.filter((f) => f !== 'priority').map((f) => (f === 'system_id' ? 'systemId' : f));
    if (others.length) await appendTimeline(trx, record, ctx.actor.userId, { kind: 'updated', fields: others });
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      before: Object.fromEntries(fields.map((f) => [f, ticket[f as keyof typeof ticket]])),
      after: set,
    });
    await afterTicketChange(trx, platform, ctx, ticket.id, { kind: 'updated', fields });
  });
}
