import type { ReleaseListQuery, ReleaseRisk, ReleaseStatus, ReleaseSummary } from '@shuyun/shared';
import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { containsPattern } from '../../platform/search/index.js';
import { type Db, releasesInScope } from './access.js';

type ReleaseQuery = ReturnType<typeof releasesInScope>;
export type ReleaseFilter = Omit<ReleaseListQuery, 'page' | 'pageSize'>;

/** Midnight of a business day, as SQL (the day's start in the business time zone). */
const dayStart = (day: string, timeZone: string) => sql`(${day}::date::timestamp AT TIME ZONE ${timeZone})`;

/** The list's filters on top of the caller's scope. A window filter keeps releases whose window overlaps the days. */
export function applyReleaseFilters(query: ReleaseQuery, filter: ReleaseFilter, actor: Actor, timeZone: string): ReleaseQuery {
  let q = query;
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.systemId) q = q.where('r.system_id', '=', filter.systemId);
  if (filter.risk) q = q.where('r.risk', '=', filter.risk);
  if (filter.from) q = q.where(sql<SqlBool>`r.window_end > ${dayStart(filter.from, timeZone)}`);
  if (filter.to) q = q.where(sql<SqlBool>`r.window_start < ${dayStart(filter.to, timeZone)} + interval '1 day'`);
  if (filter.todo === 'approve') {
    q = actor.permissions.has('release.approve')
      ? q.where('r.status', '=', 'pending_approval').where('r.requester_id', '<>', actor.userId)
      : q.where(sql<SqlBool>`false`);
  }
  if (filter.todo === 'execute')
    q = q
      .where('r.status', '=', 'approved')
      .where('r.requester_id', '=', actor.userId)
      .where(sql<SqlBool>`r.window_start < ((now() AT TIME ZONE ${timeZone})::date + 1)::timestamp AT TIME ZONE ${timeZone}`);
  if (filter.todo === 'accept') q = q.where('r.status', '=', 'succeeded').where('r.requester_id', '=', actor.userId);
  if (filter.q) {
    const pattern = containsPattern(filter.q.toLowerCase());
    q = q.where(sql<SqlBool>`lower(r.number || ' ' || r.title || ' ' || r.version_label) LIKE ${pattern}`);
  }
  return q;
}

export function applyReleaseSort<Q extends ReleaseQuery>(query: Q, sort: ReleaseFilter['sort']): Q {
  const desc = sort.startsWith('-');
  const column = sort.replace('-', '') === 'number' ? 'r.number' : 'r.window_start';
  return query.orderBy(column, desc ? 'desc' : 'asc').orderBy('r.id', desc ? 'desc' : 'asc') as Q;
}

/** What a list row shows: the release with its system, requester and demand count (joined, no N+1). */
export function withSummaryColumns(query: ReleaseQuery) {
  return query
    .innerJoin('it_systems as s', 's.id', 'r.system_id')
    .innerJoin('users as rq', 'rq.id', 'r.requester_id')
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.system_id',
      's.name as system_name',
      'r.version_label',
      'r.status',
      'r.risk',
      'r.window_start',
      'r.window_end',
      'r.requester_id',
      'rq.display_name as requester_name',
      sql<string>`(SELECT count(*) FROM release_demands rd WHERE rd.release_id = r.id)`.as('demand_count'),
    ]);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

export function toSummary(r: SummaryRow): ReleaseSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    system: { id: r.system_id, name: r.system_name },
    versionLabel: r.version_label,
    status: r.status as ReleaseStatus,
    risk: r.risk as ReleaseRisk,
    windowStart: new Date(r.window_start).toISOString(),
    windowEnd: new Date(r.window_end).toISOString(),
    requester: { id: r.requester_id, name: r.requester_name },
    demandCount: Number(r.demand_count),
  };
}

/** One page of releases: the rows in scope that match, and how many match in all. */
export async function listReleases(db: Db, actor: Actor, query: ReleaseListQuery, timeZone: string) {
  const filtered = applyReleaseFilters(releasesInScope(db, actor), query, actor, timeZone);
  const [rows, count] = await Promise.all([
    applyReleaseSort(withSummaryColumns(filtered), query.sort)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

/** The calendar's releases: every release (but cancelled ones) whose window touches [from, to]. */
export async function releaseCalendar(db: Db, actor: Actor, query: { from: string; to: string; systemId?: number }, timeZone: string) {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days < 0 || days > 62) throw fieldError('to', 'range', 'validation.releaseCalendarRange');
  const rows = await applyReleaseSort(
    withSummaryColumns(
      applyReleaseFilters(releasesInScope(db, actor), { ...query, sort: 'window' }, actor, timeZone).where('r.status', '<>', 'cancelled'),
    ),
    'window',
  )
    .limit(1000)
    .execute();
  return { items: rows.map(toSummary) };
}

/**
 * Demands a release of this system may include: implementing, and in no other open release (the
 * release being edited keeps its own).
 */
export async function demandOptions(db: Db, systemId: number, releaseId?: number) {
  const rows = await db
    .selectFrom('demands as d')
    .innerJoin('users as u', 'u.id', 'd.requester_id')
    .select(['d.id', 'd.number', 'd.title', 'd.status', 'd.requester_id', 'u.display_name as requester_name'])
    .where('d.system_id', '=', systemId)
    .where((eb) =>
      eb.or([
        eb('d.status', '=', 'implementing').and(
          sql<SqlBool>`NOT EXISTS (SELECT 1 FROM release_demands rd JOIN releases o ON o.id = rd.release_id
            WHERE rd.demand_id = d.id AND o.status IN ('draft', 'pending_approval', 'approved', 'rejected')
            AND o.id <> ${releaseId ?? 0})`,
        ),
        sql<SqlBool>`d.id IN (SELECT rd.demand_id FROM release_demands rd WHERE rd.release_id = ${releaseId ?? 0})`,
      ]),
    )
    .orderBy('d.number')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      status: r.status,
      requester: { id: r.requester_id, name: r.requester_name },
    })),
  };
}

/** Approved releases of the same system whose windows overlap [start, end) — a warning, never a refusal. */
export async function overlappingReleases(db: Db, systemId: number, start: Date | string, end: Date | string, exceptId?: number) {
  const rows = await db
    .selectFrom('releases as o')
    .select(['o.id', 'o.number', 'o.title', 'o.window_start', 'o.window_end'])
    .where('o.system_id', '=', systemId)
    .where('o.status', '=', 'approved')
    .where('o.id', '<>', exceptId ?? 0)
    .where('o.window_start', '<', new Date(end))
    .where('o.window_end', '>', new Date(start))
    .orderBy('o.window_start')
    .limit(20)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    windowStart: new Date(r.window_start).toISOString(),
    windowEnd: new Date(r.window_end).toISOString(),
  }));
}
