// The operations scenarios' requests: an IT manager going through the incident, fault, demand and
// release lists (filters, keyword, views, a few pages deep), and the module reports over a period —
// availability per system, incident figures, demand stage times, a month of the release calendar.
import type { Rng } from './prng.js';

export interface OperationsLookups {
  systems: number[];
  teams: number[];
}

const WORDS = ['ERP', '邮箱', '网络', 'POS', '数据库', '报表', '登录', '采购'];

/** One list request of the mix. */
export function operationsListPath(r: Rng, l: OperationsLookups): string {
  const p = new URLSearchParams({ pageSize: '50' });
  const list = r.pick(['incidents', 'faults', 'demands', 'releases'] as const);
  const kind = r.int(6);
  if (kind === 0) p.set('systemId', String(r.pick(l.systems)));
  if (kind === 1) p.set('q', r.pick(WORDS));
  if (kind === 2 && list === 'incidents') p.set('status', 'open');
  if (kind === 2 && list === 'faults') p.set('severity', r.pick(['P1', 'P2'] as const));
  if (kind === 2 && list === 'demands') p.set('status', r.pick(['implementing', 'pending_approval', 'closed'] as const));
  if (kind === 2 && list === 'releases') p.set('status', r.pick(['accepted', 'approved', 'failed'] as const));
  if (kind === 3 && list === 'incidents') p.set('teamId', String(r.pick(l.teams)));
  if (kind === 3 && list === 'demands') p.set('overdue', 'true');
  if (r.next() < 0.2) p.set('page', String(2 + r.int(4)));
  return `/api/${list}?${p}`;
}

/** The four reports over [from, to]; the release calendar is the month ending on `to` (its page shows one month). */
export function operationsReportPaths(from: string, to: string): string[] {
  const monthStart = `${to.slice(0, 8)}01`;
  return [
    `/api/faults/availability?from=${from}&to=${to}`,
    `/api/incidents/stats?from=${from}&to=${to}`,
    `/api/demands/metrics?from=${from}&to=${to}`,
    `/api/releases/calendar?from=${monthStart}&to=${to}`,
  ];
}
