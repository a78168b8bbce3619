import { decide, type TicketAction, type TicketActionBody, type TicketStatus, ticketMachine } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { machineActor } from '../../platform/context.js';
import { AppError, fieldError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { factsOf } from './access.js';
import { afterTicketChange } from './effects.js';
import { type LoadedTicket, loadTicket } from './load.js';

type Ctx = ActionContext & { actor: Actor };
type Changes = Partial<Record<keyof DB['tickets'], unknown>>;

/** SLA events an action adds: what the clocks are computed from. */
const SLA_EVENTS: Partial<Record<TicketAction, string[]>> = {
  approve: ['resumed'],
  claim: ['responded'],
  accept: ['responded'],
  hold: ['paused'],
  resume: ['resumed'],
  resolve: ['resolved'],
  reopen: ['reopened'],
  cancel: ['stopped'],
  reject: ['stopped'],
  close: ['stopped'],
  confirm: ['stopped'],
  merge: ['stopped'],
};

/**
 * Takes one action on a ticket exactly as the shared state machine allows: who may, from which
 * status, with which input. The change is one conditional write on (id, status, version); zero rows
 * means someone else changed the ticket first, reported as a conflict with nothing changed.
 */
export async function performAction(platform: Platform, ctx: Ctx, ticketId: number, action: TicketAction, input: TicketActionBody) {
  const { db } = platform;
  const ticket = await loadTicket(db, ctx.actor, ticketId);
  const me = machineActor(ctx.actor);
  const decision = decide(ticketMachine, factsOf(ticket), action, me, input);
  if (!decision.ok) throw new AppError(decision.code === 'invalidTransition' ? 'invalidTransition' : decision.code);
  if (ticket.version !== input.version) throw versionConflict();

  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const changes: Changes = { status: decision.to, updated_at: now, version: ticket.version + 1 };
    const names = await targetNames(trx, input);
    await applyAction(trx, ctx, ticket, action, input, changes, now);

    const result = await trx
      .updateTable('tickets')
      .set(changes as never)
      .where('id', '=', ticket.id)
      .where('status', '=', ticket.status)
      .where('version', '=', ticket.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();

    const events = SLA_EVENTS[action] ?? [];
    if (action === 'resolve') events.push('paused'); // waiting for the requester's confirmation
    if (events.length) {
      await trx
        .insertInto('ticket_sla_events')
        .values(
          events.map((kind) => ({
            ticket_id: ticket.id,
            at: now,
            kind,
            priority: null,
            reason: kind === 'paused' && action === 'hold' ? (input.holdReason ?? null) : null,
          })),
        )
        .execute();
    }

    const record = { type: 'ticket', id: ticket.id };
    const reason = input.reason?.trim() || undefined;
    if (decision.to !== ticket.status) {
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'stateChanged', from: ticket.status, to: decision.to, reason });
    }
    if (action === 'assign' || action === 'claim') {
      await appendTimeline(trx, record, ctx.actor.userId, {
        kind: 'assigned',
        toUser: action === 'claim' ? ctx.actor.displayName : names.user,
        toTeam: names.team,
      });
    }
    if (action === 'transfer') {
      await appendTimeline(trx, record, ctx.actor.userId, {
        kind: 'transferred',
        toUser: names.user,
        toTeam: names.team,
        reason: reason ?? '',
      });
    }
    if (action === 'resolve' && input.workMinutes) {
      await trx
        .insertInto('ticket_work_logs')
        .values({
          ticket_id: ticket.id,
          user_id: ctx.actor.userId,
          minutes: input.workMinutes,
          note: null,
          worked_on: now.toISOString().slice(0, 10),
        })
        .execute();
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'workLogged', minutes: input.workMinutes });
    }
    await writeAudit(trx, ctx, {
      action: `ticket.${action}`,
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: ticket.number,
      before: { status: ticket.status, assigneeId: ticket.assignee_id, teamId: ticket.team_id },
      after: { ...changesForAudit(changes), reason },
    });
    await afterTicketChange(trx, platform, ctx, ticket.id, { kind: 'action', action, from: ticket.status as TicketStatus, reason });
  });
}

/** Fills in the columns an action changes, checking what the state machine cannot (targets exist, may handle…). */
async function applyAction(
  trx: Transaction<DB>,
  ctx: Ctx,
  ticket: LoadedTicket,
  action: TicketAction,
  input: TicketActionBody,
  changes: Changes,
  now: Date,
) {
  switch (action) {
    case 'claim': {
      changes.assignee_id = ctx.actor.userId;
      if (!ticket.team_id) {
        const team = await trx
          .selectFrom('team_members')
          .select('team_id')
          .where('user_id', '=', ctx.actor.userId)
          .orderBy('team_id')
          .executeTakeFirst();
        changes.team_id = team?.team_id ?? null;
      }
      if (!ticket.responded_at) changes.responded_at = now;
      break;
    }
    case 'accept':
      if (!ticket.responded_at) changes.responded_at = now;
      break;
    case 'assign':
    case 'transfer': {
      const target = await resolveTarget(trx, ticket, input);
      changes.team_id = target.teamId;
      changes.assignee_id = target.assigneeId;
      if (action === 'transfer') changes.transfer_count = ticket.transfer_count + 1;
      break;
    }
    case 'hold':
      changes.hold_reason = input.holdReason;
      break;
    case 'resume':
      changes.hold_reason = null;
      break;
    case 'resolve':
      changes.solution = input.solution?.trim();
      changes.resolution_category = input.resolutionCategory ?? null;
      changes.resolved_at = now;
      changes.hold_reason = null;
      if (input.workMinutes) changes.work_minutes = ticket.work_minutes + input.workMinutes;
      break;
    case 'reopen':
      changes.reopen_count = ticket.reopen_count + 1;
      changes.resolved_at = null;
      changes.rating_state = 'pending';
      break;
    case 'confirm':
    case 'close':
    case 'cancel':
    case 'reject':
      changes.closed_at = now;
      break;
    case 'merge': {
      const targetId = input.targetId as number;
      if (targetId === ticket.id) throw fieldError('targetId', 'self', 'validation.ticketMergeSelf');
      const target = await loadTicket(trx, ctx.actor, targetId);
      if (['closed', 'cancelled', 'rejected'].includes(target.status)) throw new AppError('invalidTransition');
      changes.merged_into_id = target.id;
      changes.closed_at = now;
      await trx
        .insertInto('record_links')
        .values({ from_type: 'ticket', from_id: ticket.id, to_type: 'ticket', to_id: target.id, created_by: ctx.actor.userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await appendTimeline(trx, { type: 'ticket', id: target.id }, ctx.actor.userId, { kind: 'mergedFrom', fromNumber: ticket.number });
      await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, { kind: 'merged', intoNumber: target.number });
      break;
    }
    case 'approve':
      break;
  }
}

/**
 * Where an assignment or transfer goes. A person must be active and able to handle tickets; with a
 * team too, they must belong to it; a person alone takes the ticket into their team (the current one
 * if they are in it).
 */
async function resolveTarget(trx: Transaction<DB>, ticket: LoadedTicket, input: TicketActionBody) {
  let teamId = input.teamId ?? null;
  const assigneeId = input.assigneeId ?? null;
  if (teamId) {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).where('active', '=', true).executeTakeFirst();
    if (!team) throw fieldError('teamId', 'notFound', 'validation.ticketTeamUnknown');
  }
  if (assigneeId) {
    const person = await trx
      .selectFrom('users as u')
      .select('u.id')
      .where('u.id', '=', assigneeId)
      .where('u.active', '=', true)
      .where(
        sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'ticket.handle' = ANY(r.permissions))`,
      )
      .executeTakeFirst();
    if (!person) throw fieldError('assigneeId', 'cannotHandle', 'validation.ticketAssigneeCannotHandle');
    const teams = (await trx.selectFrom('team_members').select('team_id').where('user_id', '=', assigneeId).execute()).map(
      (t) => t.team_id,
    );
    if (teamId && !teams.includes(teamId)) throw fieldError('assigneeId', 'notInTeam', 'validation.ticketAssigneeNotInTeam');
    if (!teamId) teamId = ticket.team_id && teams.includes(ticket.team_id) ? ticket.team_id : (teams[0] ?? ticket.team_id);
  }
  return { teamId, assigneeId };
}

async function targetNames(trx: Transaction<DB>, input: TicketActionBody) {
  const user = input.assigneeId
    ? (await trx.selectFrom('users').select('display_name').where('id', '=', input.assigneeId).executeTakeFirst())?.display_name
    : undefined;
  const team = input.teamId
    ? (await trx.selectFrom('teams').select('name').where('id', '=', input.teamId).executeTakeFirst())?.name
    : undefined;
  return { user, team };
}

function changesForAudit(changes: Changes) {
  const { updated_at: _u, version: _v, ...rest } = changes;
  return rest;
}
