import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { loadTicket } from './load.js';

type Ctx = ActionContext & { actor: Actor };

/** Logs work hours on a ticket the caller handles (assignee, or any handler who can see it). */
export async function logWork(
  platform: Platform,
  ctx: Ctx,
  ticketId: number,
  input: { minutes: number; note?: string | null; workedOn?: string },
) {
  const { db, config } = platform;
  if (!ctx.actor.permissions.has('ticket.handle')) throw new AppError('forbidden');
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.TIMEZONE }).format(new Date());
  const workedOn = input.workedOn ?? today;
  if (workedOn > today) throw fieldError('workedOn', 'future', 'validation.ticketWorkedOnFuture');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ticket_work_logs')
      .values({ ticket_id: ticket.id, user_id: ctx.actor.userId, minutes: input.minutes, note: input.note ?? null, worked_on: workedOn })
      .execute();
    await trx
      .updateTable('tickets')
      .set((eb) => ({ work_minutes: eb('work_minutes', '+', input.minutes), updated_at: new Date() }))
      .where('id', '=', ticket.id)
      .execute();
    await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, {
      kind: 'workLogged',
      minutes: input.minutes,
      note: input.note ?? undefined,
    });
    await writeAudit(trx, ctx, {
      action: 'ticket.workLog',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      after: { minutes: input.minutes, workedOn },
    });
  });
}

export async function listWorkLogs(platform: Platform, actor: Actor, ticketId: number) {
  const ticket = await loadTicket(platform.db, actor, ticketId);
  const rows = await platform.db
    .selectFrom('ticket_work_logs as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.id', 'w.minutes', 'w.note', 'w.worked_on', 'w.created_at', 'u.id as user_id', 'u.display_name'])
    .where('w.ticket_id', '=', ticket.id)
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    minutes: r.minutes,
    note: r.note,
    workedOn: typeof r.worked_on === 'string' ? r.worked_on : new Date(r.worked_on).toISOString().slice(0, 10),
    user: { id: r.user_id, displayName: r.display_name },
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
