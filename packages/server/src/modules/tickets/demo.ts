import type { Priority } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { addWorkingMs, nextWorkingMoment } from '../sla/calendar.js';
import { loadSlaContext } from '../sla/service.js';
import { computeSla, type SlaEvent } from '../sla/sla.js';
import { DEMO_COMMENTS, DEMO_TITLES } from './demo-titles.js';
import { slaStateOf } from './sla.js';

/** A small deterministic PRNG (mulberry32): the same seed gives the same demo year. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const weighted = <T>(entries: readonly [T, number][]): T => {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r <= 0) return value;
    }
    return entries[entries.length - 1]?.[0] as T;
  };
  return { next, pick, weighted };
}

const MINUTE = 60_000;

interface Row {
  ticket: DB['tickets'] extends infer T ? Record<keyof T, unknown> : never;
  events: SlaEvent[];
  timeline: { at: Date; actor: number | null; kind: string; payload: Record<string, unknown>; internal?: boolean }[];
}

/**
 * A year of realistic tickets for the demo company (default 3,000): across items, teams, priorities
 * and every status, with acceptance and resolution times in working hours, transfers, holds,
 * reopenings, ratings (and "not rated"), SLA history computed by the real engine — so some are
 * breached — and timelines. Deterministic for a given seed and `now`.
 */
export async function seedTicketDemo(trx: Transaction<DB>, options: { count?: number; seed?: number; now?: Date; timeZone?: string } = {}) {
  const count = options.count ?? 3000;
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const r = rng(options.seed ?? 20261122);
  const { policy, calendar } = await loadSlaContext(trx as never, null);

  // The demo seed owns every table; reading the catalogue's rows here is a seeding shortcut.
  const items = await trx
    .selectFrom('catalog_items')
    .select(['id', 'name', 'default_team_id', 'default_priority', 'approval_required'])
    .where('active', '=', true)
    .execute();
  const teams = await trx.selectFrom('teams').select(['id', 'lead_id']).execute();
  const memberships = await trx.selectFrom('team_members').select(['team_id', 'user_id']).execute();
  const members = (teamId: number) => memberships.filter((m) => m.team_id === teamId).map((m) => m.user_id);
  const requesters = await trx.selectFrom('users').select(['id', 'department_id', 'supervisor_id']).where('active', '=', true).execute();
  const desk = teams.find((t) => members(t.id).length >= 2)?.id ?? teams[0]?.id ?? null;
  if (!items.length || !teams.length || !requesters.length) return { tickets: 0 };

  const rows: Row[] = [];
  // Engineers given one piece of work that is still open: whatever the hour or weekday the demo is
  // seeded at, each engineer with recent tickets has something in progress on their to-do list.
  const stillWorking = new Set<number>();
  for (let i = 0; i < count; i++) {
    // Spread over the past year, more recently more (the desk grew), in working hours of working days.
    let created = now;
    let daysBack = Math.floor(365 * r.next());
    // A desk that grew over the year: older days are a little quieter.
    while (r.next() > 0.7 + 0.3 * (1 - daysBack / 365)) daysBack = Math.floor(365 * r.next());
    for (let back = daysBack; created >= now; back++) {
      const day = nextWorkingMoment(calendar, new Date(now.getTime() - back * 86_400_000 - 12 * 3600_000));
      created = new Date(addWorkingMs(calendar, day.getTime(), r.next() * 7 * 3600_000));
    }
    const item = r.pick(items);
    const title = r.pick(DEMO_TITLES[item.name] ?? [`${item.name}`]);
    const requester = r.pick(requesters);
    const priority: Priority = r.weighted<Priority>([
      ['P1', 2],
      ['P2', 10],
      ['P3', 70],
      ['P4', 18],
    ]);
    const teamId = item.default_team_id ?? desk;
    const pool = teamId ? members(teamId) : [];
    const assignee = pool.length ? r.pick(pool) : null;
    const ageMinutes = (now.getTime() - created.getTime()) / MINUTE;

    const events: SlaEvent[] = [{ at: created, kind: 'started', priority }];
    const timeline: Row['timeline'] = [{ at: created, actor: requester.id, kind: 'created', payload: {} }];
    const ticket: Row['ticket'] = {
      title,
      description: title,
      catalog_item_id: item.id,
      form_values: '{}',
      priority,
      channel: r.weighted([
        ['pc', 55],
        ['mobile', 30],
        ['email', 10],
        ['agent', 5],
      ]),
      requester_id: requester.id,
      requester_department_id: requester.department_id,
      created_by: requester.id,
      team_id: teamId,
      assignee_id: null,
      created_at: created,
      updated_at: created,
    } as Row['ticket'];

    // How far this ticket got: old ones are finished, the last days' are still moving.
    const fast = r.next() < 0.9;
    const responseMinutes = fast ? 5 + r.next() * 40 : 60 + r.next() * 600;
    const responded = new Date(addWorkingMs(calendar, created.getTime(), responseMinutes * MINUTE));
    const resolveMinutes = (r.next() < 0.88 ? 30 + r.next() * 400 : 600 + r.next() * 2400) * (priority === 'P1' ? 0.3 : 1);
    let status = 'new';
    let cursor = responded;
    if (r.next() < 0.02 && ageMinutes > 60) {
      status = 'cancelled';
      const at = new Date(created.getTime() + 15 * MINUTE);
      Object.assign(ticket, { closed_at: at, updated_at: at });
      events.push({ at, kind: 'stopped' });
      timeline.push({ at, actor: requester.id, kind: 'stateChanged', payload: { from: 'new', to: 'cancelled' } });
    } else if (responded < now && assignee) {
      status = 'in_progress';
      ticket.assignee_id = assignee;
      ticket.responded_at = responded;
      events.push({ at: responded, kind: 'responded' });
      timeline.push({ at: responded, actor: assignee, kind: 'stateChanged', payload: { from: 'new', to: 'in_progress' } });
      if (r.next() < 0.1 && teams.length > 1) {
        const other = r.pick(teams.filter((t) => t.id !== teamId));
        const otherMembers = members(other.id);
        if (otherMembers.length) {
          const to = r.pick(otherMembers);
          ticket.team_id = other.id;
          ticket.assignee_id = to;
          ticket.transfer_count = 1;
          cursor = new Date(cursor.getTime() + 30 * MINUTE);
          timeline.push({
            at: cursor,
            actor: assignee,
            kind: 'transferred',
            payload: { reason: '需要其他服务组处理', toTeam: String(other.id) },
          });
        }
      }
      if (r.next() < 0.35) {
        const c = new Date(cursor.getTime() + 10 * MINUTE);
        timeline.push({
          at: c,
          actor: ticket.assignee_id as number,
          kind: 'commented',
          payload: { body: r.pick(DEMO_COMMENTS.public), internal: false },
        });
      }
      if (r.next() < 0.15) {
        const c = new Date(cursor.getTime() + 20 * MINUTE);
        timeline.push({
          at: c,
          actor: ticket.assignee_id as number,
          kind: 'commented',
          payload: { body: r.pick(DEMO_COMMENTS.internal), internal: true },
          internal: true,
        });
      }
      if (r.next() < 0.06) {
        const held = new Date(cursor.getTime() + 40 * MINUTE);
        const back = new Date(held.getTime() + (60 + r.next() * 1440) * MINUTE);
        if (back < now) {
          events.push({ at: held, kind: 'paused' }, { at: back, kind: 'resumed' });
          timeline.push({
            at: held,
            actor: ticket.assignee_id as number,
            kind: 'stateChanged',
            payload: { from: 'in_progress', to: 'on_hold', reason: '等待用户反馈' },
          });
          timeline.push({
            at: back,
            actor: ticket.assignee_id as number,
            kind: 'stateChanged',
            payload: { from: 'on_hold', to: 'in_progress' },
          });
          cursor = back;
        } else {
          status = 'on_hold';
          ticket.hold_reason = 'pending_customer';
          events.push({ at: held, kind: 'paused' });
          timeline.push({
            at: held,
            actor: ticket.assignee_id as number,
            kind: 'stateChanged',
            payload: { from: 'in_progress', to: 'on_hold', reason: '等待用户反馈' },
          });
        }
      }
      const resolved = new Date(addWorkingMs(calendar, cursor.getTime(), resolveMinutes * MINUTE));
      const current = ticket.assignee_id as number;
      const keptOpen = status === 'in_progress' && ageMinutes < 14 * 24 * 60 && !stillWorking.has(current);
      if (keptOpen) stillWorking.add(current);
      if (status === 'in_progress' && resolved < now && !keptOpen) {
        status = 'resolved';
        const work = Math.round(15 + r.next() * 120);
        Object.assign(ticket, {
          resolved_at: resolved,
          solution: r.pick(DEMO_COMMENTS.solutions),
          work_minutes: work,
          updated_at: resolved,
        });
        events.push({ at: resolved, kind: 'resolved' }, { at: resolved, kind: 'paused' });
        timeline.push({
          at: resolved,
          actor: ticket.assignee_id as number,
          kind: 'stateChanged',
          payload: { from: 'in_progress', to: 'resolved' },
        });
        const confirmed = new Date(resolved.getTime() + (30 + r.next() * 2880) * MINUTE);
        const autoClosed = new Date(resolved.getTime() + 7 * 86_400_000);
        if (confirmed < now && r.next() < 0.72) {
          const stars = r.weighted([
            [5, 55],
            [4, 25],
            [3, 10],
            [2, 6],
            [1, 4],
          ]);
          status = 'closed';
          Object.assign(ticket, {
            closed_at: confirmed,
            rating: stars,
            rating_state: 'rated',
            rated_at: confirmed,
            rating_comment: r.next() < 0.4 ? r.pick(DEMO_COMMENTS.ratingComments) : null,
            updated_at: confirmed,
          });
          events.push({ at: confirmed, kind: 'stopped' });
          timeline.push({ at: confirmed, actor: requester.id, kind: 'stateChanged', payload: { from: 'resolved', to: 'closed' } });
          timeline.push({ at: confirmed, actor: requester.id, kind: 'rated', payload: { stars } });
        } else if (autoClosed < now) {
          status = 'closed';
          Object.assign(ticket, { closed_at: autoClosed, rating_state: 'notRated', updated_at: autoClosed });
          events.push({ at: autoClosed, kind: 'stopped' });
          timeline.push({ at: autoClosed, actor: null, kind: 'autoClosed', payload: { days: 7 } });
        }
      }
    }
    ticket.status = status;
    const result = computeSla({ targets: policy.targets, warnRatio: policy.warnRatio, calendar, events, now });
    Object.assign(ticket, {
      sla_policy_id: policy.id,
      sla_state: slaStateOf(result, now),
      response_due_at: result.response.status === 'met' || result.response.status === 'stopped' ? null : result.response.dueAt,
      resolution_due_at: result.resolution.status === 'met' || result.resolution.status === 'stopped' ? null : result.resolution.dueAt,
      sla_breached_at: result.response.breachedAt ?? result.resolution.breachedAt ?? null,
    });
    rows.push({ ticket, events, timeline });
  }

  rows.sort((a, b) => (a.ticket.created_at as Date).getTime() - (b.ticket.created_at as Date).getTime());
  const perDay = new Map<string, number>();
  for (const row of rows) {
    const day = businessDay(row.ticket.created_at as Date, timeZone);
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    row.ticket.number = `GD${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
  }

  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const inserted = await trx
      .insertInto('tickets')
      .values(batch.map((b) => b.ticket) as never)
      .returning('id')
      .execute();
    const slaRows = batch.flatMap((b, i) =>
      b.events.map((e) => ({ ticket_id: inserted[i]?.id as number, at: e.at, kind: e.kind, priority: e.priority ?? null })),
    );
    if (slaRows.length) await trx.insertInto('ticket_sla_events').values(slaRows).execute();
    const activity = batch.flatMap((b, i) =>
      b.timeline.map((e) => {
        const { kind, ...payload } = { kind: e.kind, ...e.payload };
        return {
          record_type: 'ticket',
          record_id: inserted[i]?.id as number,
          at: e.at,
          actor_id: e.actor,
          kind,
          payload: JSON.stringify(payload),
          internal: e.internal ?? false,
        };
      }),
    );
    for (let a = 0; a < activity.length; a += 2000)
      await trx
        .insertInto('activity')
        .values(activity.slice(a, a + 2000))
        .execute();
  }
  // Numbers made today continue after the demo's.
  for (const [day, last] of perDay) {
    const prefix = 'GD';
    await trx
      .insertInto('number_sequences')
      .values({ prefix, day, last })
      .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`greatest(number_sequences.last, excluded.last)` }))
      .execute();
  }
  return { tickets: rows.length };
}
