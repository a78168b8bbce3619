import {
  INCIDENT_CATEGORIES,
  INCIDENT_OPEN_STATUSES,
  INCIDENT_PRIORITIES,
  type IncidentListQuery,
  type IncidentSummary,
} from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { incidentScope, incidentsInScope } from './access.js';

type Filter = Omit<IncidentListQuery, 'page' | 'pageSize'>;
const OPEN = INCIDENT_OPEN_STATUSES;

/** The incidents in the caller's scope matching a list filter (views, filters, keyword), not yet joined to names. */
export function filteredIncidents(db: Database, actor: Actor, f: Filter, timeZone: string) {
  let q = incidentsInScope(db, actor);
  if (f.view === 'mine') q = q.where('i.assignee_id', '=', actor.userId).where('i.status', 'in', [...OPEN]);
  if (f.view === 'teamUnassigned') {
    q = q
      .where('i.assignee_id', 'is', null)
      .where('i.status', 'in', [...OPEN])
      .where('i.team_id', 'in', actor.teamIds.length ? actor.teamIds : [0]);
  }
  if (f.status === 'open') q = q.where('i.status', 'in', [...OPEN]);
  else if (f.status) q = q.where('i.status', '=', f.status);
  if (f.priority) q = q.where('i.priority', '=', f.priority);
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.source) q = q.where('i.source', '=', f.source);
  if (f.systemId) q = q.where('i.system_id', '=', f.systemId);
  if (f.teamId) q = q.where('i.team_id', '=', f.teamId);
  if (f.occurredFrom) q = q.where(sql<boolean>`i.occurred_at >= (${f.occurredFrom}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (f.occurredTo) q = q.where(sql<boolean>`i.occurred_at < ((${f.occurredTo}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql<string>`lower(i.title)`, 'like', like), eb('i.number', '=', f.q?.toUpperCase() ?? '')]));
  }
  return q;
}

const SORT_COLUMNS = {
  occurredAt: 'i.occurred_at',
  priority: 'i.priority',
  number: 'i.number',
  status: 'i.status',
  updatedAt: 'i.updated_at',
} as const;

/** Joins names onto filtered incidents: what a list row shows. */
export function withNames(q: ReturnType<typeof filteredIncidents>) {
  return q
    .leftJoin('it_systems as s', 's.id', 'i.system_id')
    .leftJoin('teams as tm', 'tm.id', 'i.team_id')
    .leftJoin('users as a', 'a.id', 'i.assignee_id')
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.status',
      'i.priority',
      'i.category',
      'i.source',
      'i.system_id',
      's.name as system_name',
      'i.team_id',
      'tm.name as team_name',
      'i.assignee_id',
      'a.display_name as assignee_name',
      'i.occurred_at',
      'i.responded_at',
      'i.resolved_at',
      'i.alert_count',
      'i.review_required',
    ]);
}
export type IncidentRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSummary(r: IncidentRow): IncidentSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    priority: r.priority,
    category: r.category,
    source: r.source,
    system: r.system_id ? { id: r.system_id, name: r.system_name ?? '' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
    occurredAt: new Date(r.occurred_at).toISOString(),
    respondedAt: iso(r.responded_at),
    resolvedAt: iso(r.resolved_at),
    alertCount: r.alert_count,
    reviewRequired: r.review_required,
  };
}

/** One page of incidents: the page is cut on `incidents` alone, then joined to names. */
export async function listIncidents(db: Database, actor: Actor, query: IncidentListQuery, timeZone: string) {
  const base = filteredIncidents(db, actor, query, timeZone);
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const column = SORT_COLUMNS[query.sort];
  const ids = await base
    .select('i.id')
    .orderBy(column, query.order)
    .orderBy('i.id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const rows = ids.length
    ? await withNames(
        db.selectFrom('incidents as i').where(
          'i.id',
          'in',
          ids.map((r) => r.id),
        ) as ReturnType<typeof filteredIncidents>,
      ).execute()
    : [];
  const order = new Map(ids.map((r, index) => [r.id, index]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { items: rows.map(toSummary), total: Number(n), page: query.page, pageSize: query.pageSize };
}

/** Incidents registered from a ticket (the ticket page's card), within the caller's scope. */
export async function incidentsOfTicket(db: Database, actor: Actor, ticketId: number) {
  const rows = await withNames(incidentsInScope(db, actor).where('i.ticket_id', '=', ticketId))
    .orderBy('i.id')
    .execute();
  return { items: rows.map(toSummary) };
}

/**
 * Figures over a range of occurred days, within scope: counts by priority and category, MTTA
 * (occurred → first response) and MTTR (occurred → resolved) averages in minutes by priority. Cancelled
 * incidents are left out; every figure is a set of incidents the list can show with the same range.
 */
export async function incidentStats(db: Database, actor: Actor, range: { from: string; to: string }, timeZone: string) {
  const base = filteredIncidents(
    db,
    actor,
    { view: 'all', occurredFrom: range.from, occurredTo: range.to, sort: 'occurredAt', order: 'desc' },
    timeZone,
  ).where('i.status', '!=', 'cancelled');
  const minutes = (column: 'i.responded_at' | 'i.resolved_at') =>
    sql<number | null>`avg(extract(epoch from (${sql.ref(column)} - i.occurred_at)) / 60) FILTER (WHERE ${sql.ref(column)} IS NOT NULL)`;
  const [byPriority, byCategory, overall] = await Promise.all([
    base
      .select([
        'i.priority',
        (eb) => eb.fn.countAll<string>().as('n'),
        minutes('i.responded_at').as('mtta'),
        minutes('i.resolved_at').as('mttr'),
      ])
      .groupBy('i.priority')
      .execute(),
    base
      .select(['i.category', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('i.category')
      .execute(),
    base
      .select([(eb) => eb.fn.countAll<string>().as('n'), minutes('i.responded_at').as('mtta'), minutes('i.resolved_at').as('mttr')])
      .executeTakeFirstOrThrow(),
  ]);
  const round = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
  return {
    total: Number(overall.n),
    byPriority: INCIDENT_PRIORITIES.map((priority) => {
      const r = byPriority.find((x) => x.priority === priority);
      return { priority, count: Number(r?.n ?? 0), mttaMinutes: round(r?.mtta ?? null), mttrMinutes: round(r?.mttr ?? null) };
    }),
    byCategory: INCIDENT_CATEGORIES.map((category) => ({
      category,
      count: Number(byCategory.find((x) => x.category === category)?.n ?? 0),
    })),
    mttaMinutes: round(overall.mtta),
    mttrMinutes: round(overall.mttr),
  };
}

/** Home to-dos: my open incidents, my teams' unassigned ones, and review action items I owe. */
export async function incidentTodoCounts(db: Database, actor: Actor) {
  if (!actor.permissions.has('incident.read')) return [];
  const me = actor.userId;
  const teams = actor.teamIds.length ? actor.teamIds : [0];
  const row = await db
    .selectFrom('incidents as i')
    .select([
      sql<string>`count(*) FILTER (WHERE i.assignee_id = ${me})`.as('mine'),
      sql<string>`count(*) FILTER (WHERE i.assignee_id IS NULL AND i.team_id = ANY(${teams}::bigint[]))`.as('unassigned'),
    ])
    .where('i.status', 'in', [...OPEN])
    .where(incidentScope(actor) as never)
    .executeTakeFirstOrThrow();
  const owed = await db
    .selectFrom('incident_review_actions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_id', '=', me)
    .where('done', '=', false)
    .executeTakeFirstOrThrow();
  const items: { key: string; count: number; link: string }[] = [];
  if (actor.permissions.has('incident.handle')) {
    items.push({ key: 'incidentsMine', count: Number(row.mine), link: '/incidents?view=mine' });
    if (actor.teamIds.length)
      items.push({ key: 'incidentsUnassigned', count: Number(row.unassigned), link: '/incidents?view=teamUnassigned' });
  }
  if (Number(owed.n) > 0) items.push({ key: 'incidentReviewActions', count: Number(owed.n), link: '/incidents/review-actions' });
  return items;
}

/** The review action items I owe (open), with their incidents, soonest due first. */
export async function myReviewActions(db: Database, actor: Actor, timeZone: string) {
  const rows = await db
    .selectFrom('incident_review_actions as a')
    .innerJoin('incidents as i', 'i.id', 'a.incident_id')
    .select([
      'a.id',
      'a.title',
      sql<string>`to_char(a.due_date, 'YYYY-MM-DD')`.as('due'),
      sql<boolean>`a.due_date < (now() AT TIME ZONE ${timeZone})::date`.as('overdue'),
      'i.id as incident_id',
      'i.number',
      'i.title as incident_title',
    ])
    .where('a.owner_id', '=', actor.userId)
    .where('a.done', '=', false)
    .orderBy('a.due_date')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      dueDate: r.due,
      overdue: r.overdue,
      incident: { id: r.incident_id, number: r.number, title: r.incident_title },
    })),
  };
}
