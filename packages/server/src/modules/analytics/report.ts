import type { AnalyticsQuery, AnalyticsSpan, EfficiencyReport, SatisfactionReport } from '@shuyun/shared';
import { ANALYTICS_MAX_DAYS } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { scopeOf } from '../../platform/access/scope.js';
import type { Actor } from '../../platform/context.js';
import { fieldError, forbidden } from '../../platform/errors.js';
import { addDays, localToInstant, weekday } from '../sla/service.js';
import { efficiencyOf, emptySums, type Sums, satisfactionOf } from './figures.js';
import { nextMonth, type RollupFilter, sumRollup, teamNames, userNames } from './queries.js';
import { rollupTimeZone } from './rollup.js';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Which rollup rows the reader may see. Scope all: every team (or the one asked for). Scope team or
 * department: only the reader's own support teams — asking for another team is refused (403), since
 * a team's figures are not the reader's business. Scope own: only the reader's own work.
 */
export async function readerFilter(db: Database, actor: Actor, teamId: number | undefined): Promise<RollupFilter> {
  if (teamId) {
    const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw fieldError('teamId', 'notFound', 'analytics.errors.unknownTeam');
  }
  const scope = scopeOf(actor, 'analytics.view');
  if (scope === 'all') return { teamIds: teamId ? [teamId] : null, assigneeId: null };
  if (scope === 'own') return { teamIds: teamId ? [teamId] : null, assigneeId: actor.userId };
  if (teamId && !actor.teamIds.includes(teamId)) throw forbidden();
  return { teamIds: teamId ? [teamId] : actor.teamIds, assigneeId: null };
}

/** Checks the range (order, length) and works out the previous period of equal length. */
export function periodOf(query: AnalyticsQuery) {
  if (query.from > query.to) throw fieldError('to', 'beforeFrom', 'analytics.errors.rangeOrder');
  const days = daysBetween(query.from, query.to) + 1;
  if (days > ANALYTICS_MAX_DAYS) throw fieldError('from', 'tooLong', 'analytics.errors.rangeTooLong', { max: ANALYTICS_MAX_DAYS });
  return { days, previousFrom: addDays(query.from, -days), previousTo: addDays(query.from, -1) };
}

/** Local midnight of a date as an ISO instant with the zone's offset, e.g. 2025-03-03T00:00:00+08:00. */
function midnight(timeZone: string, date: string): string {
  const offset = Math.round((Date.parse(`${date}T00:00:00Z`) - localToInstant(timeZone, date, 0)) / 60_000);
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${date}T00:00:00${offset < 0 ? '-' : '+'}${hhmm}`;
}

function span(timeZone: string, from: string, to: string): AnalyticsSpan {
  return { from, to, startsAt: midnight(timeZone, from), endsAt: midnight(timeZone, addDays(to, 1)) };
}

/** The buckets of from..to: each day, each ISO week (from Monday) or each month, cut to the range. */
export function bucketsOf(query: AnalyticsQuery): { key: string; from: string; to: string }[] {
  const buckets: { key: string; from: string; to: string }[] = [];
  let day = query.from;
  while (day <= query.to) {
    let key = day;
    let next = addDays(day, 1);
    if (query.granularity === 'week') {
      key = addDays(day, -((weekday(day) + 6) % 7));
      next = addDays(key, 7);
    } else if (query.granularity === 'month') {
      key = `${day.slice(0, 7)}-01`;
      next = nextMonth(day);
    }
    const to = addDays(next, -1) < query.to ? addDays(next, -1) : query.to;
    buckets.push({ key, from: day, to });
    day = next;
  }
  return buckets;
}

/** Everything both dashboards show, as sums, with the spans and names they are labelled with. */
async function loadReport<F>(db: Database, actor: Actor, query: AnalyticsQuery, figuresOf: (s: Sums) => F) {
  const period = periodOf(query);
  const filter = await readerFilter(db, actor, query.teamId);
  const timeZone = await rollupTimeZone(db);
  const sums = await sumRollup(
    db,
    { previousFrom: period.previousFrom, from: query.from, to: query.to, granularity: query.granularity },
    filter,
  );
  const teamIds = [...sums.teams.keys()].filter((id): id is number => id !== null);
  const userIds = [...sums.assignees.keys()].filter((id): id is number => id !== null);
  const [teams, users] = await Promise.all([teamNames(db, teamIds), userNames(db, userIds)]);
  const empty = figuresOf(emptySums());
  return {
    range: { ...span(timeZone, query.from, query.to), granularity: query.granularity, timeZone },
    previous: span(timeZone, period.previousFrom, period.previousTo),
    current: figuresOf(sums.current),
    previousFigures: figuresOf(sums.previous),
    series: bucketsOf(query).map((b) => {
      const s = sums.buckets.get(b.key);
      return { span: span(timeZone, b.from, b.to), figures: s ? figuresOf(s) : empty };
    }),
    byTeam: [...sums.teams.entries()].map(([id, s]) => ({
      team: id === null ? null : { id, name: teams.get(id) ?? String(id) },
      figures: figuresOf(s),
    })),
    byAssignee: [...sums.assignees.entries()].map(([id, s]) => ({
      assignee: id === null ? null : { id, displayName: users.get(id) ?? String(id) },
      figures: figuresOf(s),
    })),
  };
}

const byName = (a: string | undefined, b: string | undefined) => (a ?? '\uffff').localeCompare(b ?? '\uffff', 'zh-CN');

/** The efficiency dashboard 工作效率 for the reader's scope. */
export async function efficiencyReport(db: Database, actor: Actor, query: AnalyticsQuery): Promise<EfficiencyReport> {
  const report = await loadReport(db, actor, query, efficiencyOf);
  report.byTeam.sort((a, b) => b.figures.created - a.figures.created || byName(a.team?.name, b.team?.name));
  report.byAssignee.sort((a, b) => b.figures.resolved - a.figures.resolved || byName(a.assignee?.displayName, b.assignee?.displayName));
  return report;
}

/** The satisfaction dashboard 客户满意度 for the reader's scope. */
export async function satisfactionReport(db: Database, actor: Actor, query: AnalyticsQuery): Promise<SatisfactionReport> {
  const report = await loadReport(db, actor, query, satisfactionOf);
  // Only who was rated: a satisfaction table of zeros says nothing.
  report.byTeam = report.byTeam.filter((r) => r.figures.rated > 0);
  report.byAssignee = report.byAssignee.filter((r) => r.figures.rated > 0);
  report.byTeam.sort((a, b) => b.figures.rated - a.figures.rated || byName(a.team?.name, b.team?.name));
  report.byAssignee.sort((a, b) => b.figures.rated - a.figures.rated || byName(a.assignee?.displayName, b.assignee?.displayName));
  return report;
}
