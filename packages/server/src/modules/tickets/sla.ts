import type { Priority } from '@shuyun/shared';
import type { Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { notify } from '../../platform/notifications/index.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { addWorkingMs } from '../sla/calendar.js';
import { cachedSlaContext } from '../sla/service.js';
import { type Clock, computeSla, type SlaEvent, type SlaResult } from '../sla/sla.js';
import { loadTicket } from './load.js';

export const SLA_CHECK_JOB = 'tickets.slaCheck';

/** The ticket columns refreshSla reads; callers that have just read the ticket pass them along. */
export const SLA_COLUMNS = ['sla_policy_id', 'sla_warned_at', 'sla_breached_at', 'escalation_level'] as const;
export type SlaColumns = Pick<Selectable<DB['tickets']>, (typeof SLA_COLUMNS)[number]>;

/** The list views' one-word SLA state, from both clocks. */
export function slaStateOf(result: SlaResult, now: Date): 'ok' | 'atRisk' | 'breached' | 'paused' | 'met' | 'none' {
  const clocks = [result.response, result.resolution];
  if (clocks.some((c) => c.status === 'breached' || c.breachedAt)) return 'breached';
  if (result.resolution.status === 'met') return 'met';
  if (clocks.every((c) => c.status === 'stopped')) return 'none';
  if (!clocks.some((c) => c.running)) return 'paused';
  if (clocks.some((c) => c.running && c.warningAt && c.warningAt.getTime() <= now.getTime())) return 'atRisk';
  return 'ok';
}

/**
 * The SLA of a ticket with these events as of `now`: policy and calendar from the SLA module's
 * short-lived cache (loaded through `db` when missing).
 */
async function computeFor(platform: Platform, db: Database | Transaction<DB>, policyId: number | null, events: SlaEvent[], now: Date) {
  const { policy, calendar } = await cachedSlaContext(platform.db, db as Database, policyId);
  return { policy, calendar, result: computeSla({ targets: policy.targets, warnRatio: policy.warnRatio, calendar, events, now }) };
}

async function slaEventsOf(db: Database | Transaction<DB>, ticketId: number): Promise<SlaEvent[]> {
  const rows = await db
    .selectFrom('ticket_sla_events')
    .select(['at', 'kind', 'priority', 'reason'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    kind: r.kind as SlaEvent['kind'],
    ...(r.priority ? { priority: r.priority as Priority } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}

export type TicketSla = Awaited<ReturnType<typeof computeFor>>;

/**
 * A new ticket's SLA, before it is inserted: the due dates and state go into the ticket's own
 * insert (a later update would write the row, and every index on the due dates, a second time).
 * Reads the settings through `db` (the pool: nothing is open yet).
 */
export async function slaForNewTicket(platform: Platform, policyId: number | null, events: SlaEvent[], now: Date) {
  const sla = await computeFor(platform, platform.db, policyId, events, now);
  return { sla, columns: slaColumns(sla, now) };
}

function slaColumns({ policy, result }: TicketSla, now: Date) {
  return {
    sla_policy_id: policy.id,
    response_due_at: dueOf(result.response),
    resolution_due_at: dueOf(result.resolution),
    sla_state: slaStateOf(result, now),
    // Per clock, for the analytics rollup's on-time rates (sla_breached_at says only that some clock broke).
    sla_response_breached: !!result.response.breachedAt,
    sla_resolution_breached: !!result.resolution.breachedAt,
  };
}

/**
 * Recomputes a ticket's SLA from its event history, stores the due dates and state the queues sort
 * on, and schedules a check at the next moment something can happen (a warning, a breach, an
 * escalation). Runs inside the change's transaction.
 */
export async function refreshSla(
  trx: Transaction<DB>,
  platform: Platform,
  ticketId: number,
  now = new Date(),
  known?: SlaColumns,
  knownEvents?: SlaEvent[],
) {
  const ticket = known ?? (await trx.selectFrom('tickets').select(SLA_COLUMNS).where('id', '=', ticketId).executeTakeFirstOrThrow());
  const sla = await computeFor(platform, trx, ticket.sla_policy_id, knownEvents ?? (await slaEventsOf(trx, ticketId)), now);
  await trx.updateTable('tickets').set(slaColumns(sla, now)).where('id', '=', ticketId).execute();
  await scheduleSlaChecks(trx, platform, ticketId, ticket, sla, now);
  return sla;
}

/**
 * Schedules the SLA timer job at the next moment something can happen (a warning, a breach, an
 * escalation), and right away when something is already due.
 */
export async function scheduleSlaChecks(
  trx: Transaction<DB>,
  platform: Platform,
  ticketId: number,
  ticket: SlaColumns,
  { policy, calendar, result }: TicketSla,
  now: Date,
) {
  const moments = [result.response, result.resolution]
    .filter((c) => c.running)
    .flatMap((c) => [c.warningAt, c.dueAt])
    .filter((d): d is Date => !!d && d.getTime() > now.getTime())
    .map((d) => d.getTime());
  const breachedAt = [result.response.breachedAt, result.resolution.breachedAt]
    .filter((d): d is Date => !!d)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (breachedAt && result.resolution.running) {
    for (const level of policy.escalation.levels.slice(ticket.escalation_level)) {
      const at = addWorkingMs(calendar, breachedAt.getTime(), level.afterBreachMinutes * 60_000);
      if (at > now.getTime()) moments.push(at);
    }
  }
  const next = moments.length ? Math.min(...moments) : null;
  if (next) {
    await platform.jobs.enqueue(
      trx,
      SLA_CHECK_JOB,
      { ticketId },
      { startAfter: new Date(next + 1000), singletonKey: `sla:${ticketId}:${next}` },
    );
  }
  // Something may already be due (e.g. a priority raised past its target): check right away.
  // Only what is due and not yet announced: warningAt/dueAt are predictions for every running clock.
  const warningDue = [result.response, result.resolution].some((c) => c.running && c.warningAt && c.warningAt.getTime() <= now.getTime());
  const breached = !!(result.response.breachedAt || result.resolution.breachedAt);
  if ((warningDue && !ticket.sla_warned_at) || (breached && !ticket.sla_breached_at)) {
    await platform.jobs.enqueue(
      trx,
      SLA_CHECK_JOB,
      { ticketId },
      { singletonKey: `sla:${ticketId}:now:${Math.floor(now.getTime() / 1000)}` },
    );
  }
}

function dueOf(clock: Clock): Date | null {
  if (clock.status === 'met' || clock.status === 'stopped') return null;
  return clock.dueAt;
}

/**
 * The SLA timer job: recompute, then announce what newly happened — a warning, a breach, the next
 * escalation level — each once (conditional writes on the ticket make this safe with several
 * instances and retried jobs).
 */
export function slaCheckJob(platform: Platform) {
  return defineJob({
    name: SLA_CHECK_JOB,
    schema: z.object({ ticketId: z.number().int().positive() }),
    retryLimit: 5,
    handler: async ({ ticketId }) => {
      await platform.db.transaction().execute(async (trx) => {
        const now = new Date();
        const ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).forUpdate().executeTakeFirst();
        if (!ticket || ['closed', 'cancelled', 'rejected'].includes(ticket.status)) return;
        const { policy, calendar, result } = await refreshSla(trx, platform, ticketId, now, ticket);
        const record = { type: 'ticket', id: ticket.id, number: ticket.number, title: ticket.title, link: `/tickets/${ticket.id}` };
        const owners = ticket.assignee_id ? [ticket.assignee_id] : ticket.team_id ? await members(trx, ticket.team_id) : [];

        // Each announcement once: the column is set by one conditional write; only its winner tells people.
        const announce = async (
          column: 'sla_warned_at' | 'sla_breached_at',
          at: Date,
          kind: 'slaWarning' | 'slaBreached',
          clock: 'response' | 'resolution',
        ) => {
          if (ticket[column]) return;
          const marked = await trx
            .updateTable('tickets')
            .set({ [column]: at })
            .where('id', '=', ticketId)
            .where(column, 'is', null)
            .executeTakeFirst();
          if (marked.numUpdatedRows === 0n) return;
          await appendTimeline(trx, { type: 'ticket', id: ticketId }, null, { kind, clock });
          await notify(trx, platform, {
            type: `ticket.${kind}`,
            actorId: null,
            recipients: owners,
            record,
            data: { clock: `i18n:tickets.slaClock.${clock}` },
            audience: 'public',
            teamId: ticket.team_id,
          });
        };
        const clockOf = (c: Clock) => (c === result.response ? 'response' : 'resolution');
        const warned = [result.response, result.resolution].find(
          (c) => c.running && c.warningAt && c.warningAt.getTime() <= now.getTime() && !c.breachedAt,
        );
        if (warned) await announce('sla_warned_at', now, 'slaWarning', clockOf(warned));
        const breached = [result.response, result.resolution].find((c) => c.breachedAt);
        if (breached?.breachedAt) await announce('sla_breached_at', breached.breachedAt, 'slaBreached', clockOf(breached));
        const breachedAt = breached?.breachedAt;
        if (!breachedAt || !result.resolution.running) return;
        // Escalate level by level: each level once, when its time after the breach has come.
        let level = ticket.escalation_level;
        for (const step of policy.escalation.levels.slice(level)) {
          if (addWorkingMs(calendar, breachedAt.getTime(), step.afterBreachMinutes * 60_000) > now.getTime()) break;
          level++;
          const moved = await trx
            .updateTable('tickets')
            .set({ escalation_level: level })
            .where('id', '=', ticketId)
            .where('escalation_level', '=', level - 1)
            .executeTakeFirst();
          if (moved.numUpdatedRows === 0n) break;
          const recipients = step.notify === 'team_lead' ? await lead(trx, ticket.team_id) : await itManagers(trx);
          await appendTimeline(trx, { type: 'ticket', id: ticketId }, null, { kind: 'escalated', level });
          await notify(trx, platform, {
            type: 'ticket.escalated',
            actorId: null,
            recipients,
            record,
            data: { level },
            audience: 'public',
            teamId: ticket.team_id,
          });
        }
      });
    },
  });
}

async function members(trx: Transaction<DB>, teamId: number) {
  return (await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((m) => m.user_id);
}
async function lead(trx: Transaction<DB>, teamId: number | null) {
  if (!teamId) return itManagers(trx);
  const team = await trx.selectFrom('teams').select('lead_id').where('id', '=', teamId).executeTakeFirst();
  return team?.lead_id ? [team.lead_id] : itManagers(trx);
}
async function itManagers(trx: Transaction<DB>) {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .where('r.key', '=', 'it_manager')
    .where('u.active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The ticket's SLA explained: both clocks and the steps that led there. */
export async function ticketSlaReport(platform: Platform, actor: Actor, ticketId: number) {
  const ticket = await loadTicket(platform.db, actor, ticketId);
  const { policy, result } = await computeFor(
    platform,
    platform.db,
    ticket.sla_policy_id,
    await slaEventsOf(platform.db, ticket.id),
    new Date(),
  );
  return { policy: { id: policy.id, name: policy.name }, state: slaStateOf(result, new Date()), ...result };
}

export const SLA_RECOMPUTE_JOB = 'tickets.slaRecompute';

/**
 * Recomputes the SLA of every open ticket — after a policy or calendar change, and nightly — in
 * batches of 200, each ticket in its own short transaction so queues stay responsive.
 */
export function slaRecomputeJob(platform: Platform) {
  return defineJob({
    name: SLA_RECOMPUTE_JOB,
    schema: z.object({}),
    handler: async () => {
      let afterId = 0;
      for (;;) {
        const batch = await platform.db
          .selectFrom('tickets')
          .select('id')
          .where('status', 'in', ['pending_approval', 'new', 'in_progress', 'on_hold', 'resolved'])
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(200)
          .execute();
        for (const { id } of batch) await platform.db.transaction().execute((trx) => refreshSla(trx, platform, id));
        if (batch.length < 200) return;
        afterId = batch[batch.length - 1]?.id ?? afterId;
      }
    },
  });
}
