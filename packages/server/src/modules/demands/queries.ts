import type { DemandKind, DemandListQuery, DemandStatus } from '@shuyun/shared';
import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import { containsPattern } from '../../platform/search/index.js';
import { type Db, demandsInScope } from './access.js';

type DemandQuery = ReturnType<typeof demandsInScope>;
export type DemandFilter = Omit<DemandListQuery, 'page' | 'pageSize'>;

const OPEN = sql`('submitted', 'accepted', 'pending_approval', 'implementing', 'released')`;

/** Not yet delivered and past its planned date (or, before evaluation, its expected date). */
export function overdueExpression(timeZone: string) {
  return sql<boolean>`(d.status IN ${OPEN} AND coalesce(d.planned_date, d.expected_date) < (now() AT TIME ZONE ${timeZone})::date)`;
}

/** A view (mine, to accept, to approve, implementing, all) and the filters, on top of the caller's scope. */
export function applyDemandFilters(query: DemandQuery, actor: Actor, filter: DemandFilter, timeZone: string): DemandQuery {
  let q = query;
  const me = actor.userId;
  if (filter.view === 'mine') q = q.where('d.requester_id', '=', me);
  if (filter.view === 'toAccept') q = q.where('d.analyst_id', '=', me).where('d.status', 'in', ['submitted', 'accepted']);
  if (filter.view === 'toApprove') q = q.where('d.supervisor_id', '=', me).where('d.status', '=', 'pending_approval');
  if (filter.view === 'implementing') q = q.where('d.status', '=', 'implementing');
  if (filter.status) q = q.where('d.status', '=', filter.status);
  if (filter.systemId) q = q.where('d.system_id', '=', filter.systemId);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  if (filter.analystId) q = q.where('d.analyst_id', '=', filter.analystId);
  if (filter.departmentId)
    q = q.where(sql<SqlBool>`d.requester_department_id IN (SELECT x.id FROM departments x, departments n
      WHERE n.id = ${filter.departmentId} AND (x.id = n.id OR (n.path <> '/' AND x.path LIKE n.path || '%')))`);
  if (filter.createdFrom) q = q.where(sql<SqlBool>`d.created_at >= (${filter.createdFrom}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (filter.createdTo) q = q.where(sql<SqlBool>`d.created_at < ((${filter.createdTo}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  if (filter.overdue === 'true') q = q.where(overdueExpression(timeZone) as never);
  if (filter.overdue === 'false') q = q.where(sql<SqlBool>`NOT ${overdueExpression(timeZone)}`);
  if (filter.q) {
    // The trigram index serves LIKE on the same expression.
    const pattern = containsPattern(filter.q.toLowerCase());
    q = q.where(sql<SqlBool>`lower(d.number || ' ' || d.title) LIKE ${pattern}`);
  }
  return q;
}

const SORTS = { createdAt: 'd.created_at', expectedDate: 'd.expected_date', plannedDate: 'd.planned_date', number: 'd.number' } as const;

export function applyDemandSort<Q extends DemandQuery>(query: Q, sort: DemandFilter['sort']): Q {
  const desc = sort.startsWith('-');
  const column = SORTS[(desc ? sort.slice(1) : sort) as keyof typeof SORTS];
  const direction = sql.raw(desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST');
  return query.orderBy(sql`${sql.ref(column)} ${direction}`).orderBy('d.id', desc ? 'desc' : 'asc') as Q;
}

/** What a list row shows: the demand with the names it refers to (joined, no N+1). */
export function withSummaryColumns(query: DemandQuery, timeZone: string) {
  return query
    .innerJoin('it_systems as s', 's.id', 'd.system_id')
    .innerJoin('users as rq', 'rq.id', 'd.requester_id')
    .leftJoin('departments as dp', 'dp.id', 'd.requester_department_id')
    .leftJoin('users as an', 'an.id', 'd.analyst_id')
    .leftJoin('users as sv', 'sv.id', 'd.supervisor_id')
    .select([
      'd.id',
      'd.number',
      'd.title',
      'd.kind',
      'd.status',
      'd.system_id',
      's.name as system_name',
      'd.requester_id',
      'rq.display_name as requester_name',
      'd.requester_department_id',
      'dp.name as department_name',
      'd.analyst_id',
      'an.display_name as analyst_name',
      'd.supervisor_id',
      'sv.display_name as supervisor_name',
      sql<string | null>`to_char(d.expected_date, 'YYYY-MM-DD')`.as('expected_day'),
      sql<string | null>`to_char(d.planned_date, 'YYYY-MM-DD')`.as('planned_day'),
      'd.progress',
      overdueExpression(timeZone).as('overdue'),
      'd.rating',
      'd.created_at',
      'd.version',
    ]);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

const ref = (id: number | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);

export function toSummary(r: SummaryRow) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    kind: r.kind as DemandKind,
    status: r.status as DemandStatus,
    system: { id: r.system_id, name: r.system_name },
    requester: { id: r.requester_id, name: r.requester_name },
    department: ref(r.requester_department_id, r.department_name),
    analyst: ref(r.analyst_id, r.analyst_name),
    supervisor: ref(r.supervisor_id, r.supervisor_name),
    expectedDate: r.expected_day,
    plannedDate: r.planned_day,
    progress: r.progress,
    overdue: !!r.overdue,
    rating: r.rating,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

/** One page of demands: the rows in scope that match, and how many match in all. */
export async function listDemands(db: Db, actor: Actor, query: DemandListQuery, timeZone: string) {
  const filtered = applyDemandFilters(demandsInScope(db, actor), actor, query, timeZone);
  // Sort and cut the page on the demands alone, then join the names for those rows only.
  const page = applyDemandSort(filtered.selectAll('d'), query.sort)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, count] = await Promise.all([
    applyDemandSort(withSummaryColumns(db.selectFrom(page.as('d')) as unknown as DemandQuery, timeZone), query.sort).execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}
