import { type FaultListQuery, type FaultSummary, OPEN_FAULT_STATUSES } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import { containsPattern } from '../../platform/search/index.js';
import { type Db, faultsInScope } from './access.js';

export type FaultFilter = Omit<FaultListQuery, 'page' | 'pageSize'>;
type Q = ReturnType<typeof faultsInScope>;

/** The list filters on `faults as f` (times are business-local days). */
export function applyFaultFilters(q: Q, actor: Actor, filter: FaultFilter, timeZone: string): Q {
  let out = q;
  if (filter.view === 'mine') out = out.where('f.assignee_id', '=', actor.userId);
  if (filter.view === 'overdue') {
    out = out.where('f.status', '=', 'new').where('f.responded_at', 'is', null).where('f.response_due_at', '<', new Date());
  }
  if (filter.status) out = out.where('f.status', '=', filter.status);
  if (filter.open) out = out.where('f.status', 'in', [...OPEN_FAULT_STATUSES]);
  if (filter.severity) out = out.where('f.severity', '=', filter.severity);
  if (filter.cause) out = out.where('f.cause_category', '=', filter.cause);
  if (filter.teamId) out = out.where('f.team_id', '=', filter.teamId);
  if (filter.systemId) {
    const systemId = filter.systemId;
    out = out.where('f.id', 'in', (eb) => eb.selectFrom('fault_systems').select('fault_id').where('system_id', '=', systemId));
  }
  if (filter.detectedFrom)
    out = out.where(sql<boolean>`f.detected_at >= (${filter.detectedFrom}::date)::timestamp AT TIME ZONE ${timeZone}`);
  if (filter.detectedTo)
    out = out.where(sql<boolean>`f.detected_at < (${filter.detectedTo}::date + 1)::timestamp AT TIME ZONE ${timeZone}`);
  if (filter.q) out = out.where(sql<boolean>`lower(f.number || ' ' || f.title) LIKE ${containsPattern(filter.q.toLowerCase())}`);
  return out;
}

export function applyFaultSort(q: Q, sort: FaultFilter['sort']): Q {
  switch (sort) {
    case 'detected':
      return q.orderBy('f.detected_at', 'asc').orderBy('f.id', 'asc');
    case '-severity':
      return q.orderBy('f.severity', 'asc').orderBy('f.detected_at', 'desc').orderBy('f.id', 'desc');
    case 'severity':
      return q.orderBy('f.severity', 'desc').orderBy('f.detected_at', 'desc').orderBy('f.id', 'desc');
    case 'responseDue':
      return q.orderBy(sql`f.response_due_at`, sql`asc nulls last`).orderBy('f.id', 'asc');
    case '-number':
      return q.orderBy('f.number', 'desc');
    default:
      return q.orderBy('f.detected_at', 'desc').orderBy('f.id', 'desc');
  }
}

/** Names and systems for a page of fault rows (alias f), one statement. */
export function withSummaryColumns(q: Q) {
  return q
    .leftJoin('teams as tm', 'tm.id', 'f.team_id')
    .leftJoin('users as au', 'au.id', 'f.assignee_id')
    .select([
      'f.id',
      'f.number',
      'f.title',
      'f.severity',
      'f.status',
      'f.impact_kind',
      'f.cause_category',
      'f.started_at',
      'f.detected_at',
      'f.response_due_at',
      'f.responded_at',
      'f.recovered_at',
      'f.known_error',
      'f.team_id',
      'tm.name as team_name',
      'f.assignee_id',
      'au.display_name as assignee_name',
      sql<{ id: number; name: string }[]>`(SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name), '[]')
        FROM fault_systems fs JOIN it_systems s ON s.id = fs.system_id WHERE fs.fault_id = f.id)`.as('systems'),
    ]);
}

export type SummaryRow = {
  id: number;
  number: string;
  title: string;
  severity: string;
  status: string;
  impact_kind: string;
  cause_category: string | null;
  started_at: Date;
  detected_at: Date;
  response_due_at: Date | null;
  responded_at: Date | null;
  recovered_at: Date | null;
  known_error: boolean;
  team_id: number | null;
  team_name: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  systems: { id: number; name: string }[];
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Late when it was (or still is) not responded by its due time. */
export function isResponseOverdue(
  r: { response_due_at: Date | null; responded_at: Date | null; status: string },
  now = new Date(),
): boolean {
  if (!r.response_due_at || r.status === 'cancelled') return false;
  return (r.responded_at ? new Date(r.responded_at) : now) > new Date(r.response_due_at);
}

export function toSummary(r: SummaryRow): FaultSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity as FaultSummary['severity'],
    status: r.status as FaultSummary['status'],
    impactKind: r.impact_kind as FaultSummary['impactKind'],
    systems: r.systems,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
    causeCategory: r.cause_category as FaultSummary['causeCategory'],
    startedAt: iso(r.started_at) as string,
    detectedAt: iso(r.detected_at) as string,
    responseDueAt: iso(r.response_due_at),
    respondedAt: iso(r.responded_at),
    recoveredAt: iso(r.recovered_at),
    responseOverdue: isResponseOverdue(r),
    knownError: r.known_error,
  };
}

/** One page of faults in scope: the page is cut on `faults` alone, then only its rows are joined to names. */
export async function listFaults(db: Db, actor: Actor, query: FaultListQuery, timeZone: string) {
  const base = applyFaultFilters(faultsInScope(db, actor), actor, query, timeZone);
  const pageIds = applyFaultSort(base, query.sort)
    .select('f.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, count] = await Promise.all([
    withSummaryColumns(applyFaultSort(db.selectFrom('faults as f').where('f.id', 'in', pageIds), query.sort)).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: (rows as SummaryRow[]).map(toSummary), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}
