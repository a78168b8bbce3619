import type { AnalyticsGranularity } from '@shuyun/shared';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { addDays } from '../sla/service.js';
import { emptySums, type Sums } from './figures.js';
import { ROLLUP_METRICS } from './rollup.js';

/** Which rollup rows a reader may add up: null teamIds = every team; assigneeId narrows to one person. */
export interface RollupFilter {
  teamIds: number[] | null;
  assigneeId: number | null;
}

export interface RangeSums {
  current: Sums;
  previous: Sums;
  buckets: Map<string, Sums>;
  teams: Map<number | null, Sums>;
  assignees: Map<number | null, Sums>;
}

type Row = Record<string, unknown>;

const BUCKET: Record<AnalyticsGranularity, RawBuilder<unknown>> = {
  day: sql`day`,
  week: sql`day - (extract(isodow FROM day)::int - 1)`,
  month: sql`day - (extract(day FROM day)::int - 1)`,
};

function sumsOf(row: Row): Sums {
  const values = emptySums();
  for (const m of ROLLUP_METRICS) values[m] = Number(row[m] ?? 0);
  return values;
}

const sumColumns = () => sql.raw(ROLLUP_METRICS.map((m) => `sum(${m})::bigint AS ${m}`).join(', '));
const metricColumns = () => sql.raw(ROLLUP_METRICS.join(', '));

function where(filter: RollupFilter) {
  const teams = filter.teamIds ? sql`AND team_id = ANY(${filter.teamIds}::bigint[])` : sql``;
  const person = filter.assigneeId ? sql`AND assignee_id = ${filter.assigneeId}` : sql``;
  return sql`${teams} ${person}`;
}

/** The first day of the month after `date`'s month. */
export function nextMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * Adds up the rollup for the previous and the current period: totals per period, and for the current
 * period per time bucket, per team and per engineer. Totals, buckets and teams come from the per-day
 * per-team table in one pass (GROUPING SETS); engineers from the per-month table for the whole months
 * of the range plus the daily rollup for the days at its ragged ends — so a year reads a few
 * thousand rows, not the daily rollup's hundreds of thousands.
 */
export async function sumRollup(
  db: Database,
  range: { previousFrom: string; from: string; to: string; granularity: AnalyticsGranularity },
  filter: RollupFilter,
): Promise<RangeSums> {
  // One person's rows are few: read them from the daily rollup, which has the person.
  const daily = filter.assigneeId ? sql`ticket_daily_stats` : sql`ticket_daily_team_stats`;
  const { rows } = await sql<Row & { cur: boolean; bucket: string | null; team_id: number | null; g: number }>`
    SELECT cur, bucket::text AS bucket, team_id, GROUPING(bucket, team_id) AS g, ${sumColumns()}
    FROM (
      SELECT day >= ${range.from}::date AS cur, ${BUCKET[range.granularity]} AS bucket, team_id, ${metricColumns()}
      FROM ${daily}
      WHERE day BETWEEN ${range.previousFrom}::date AND ${range.to}::date ${where(filter)}
    ) AS r
    GROUP BY GROUPING SETS ((cur), (cur, bucket), (cur, team_id))`.execute(db);

  const result: RangeSums = { current: emptySums(), previous: emptySums(), buckets: new Map(), teams: new Map(), assignees: new Map() };
  for (const row of rows) {
    if (row.g === 3) {
      if (row.cur) result.current = sumsOf(row);
      else result.previous = sumsOf(row);
      continue;
    }
    if (!row.cur) continue; // breakdowns of the previous period are not shown
    if (row.g === 1 && row.bucket) result.buckets.set(row.bucket, sumsOf(row));
    else if (row.g === 2) result.teams.set(row.team_id, sumsOf(row));
  }

  // Whole months inside from..to come from the monthly table; the days before and after them from the daily rollup.
  const fullFrom = range.from.endsWith('-01') ? range.from : nextMonth(range.from);
  const fullTo = nextMonth(range.to) === addDays(range.to, 1) ? nextMonth(range.to) : `${range.to.slice(0, 7)}-01`;
  const months = fullFrom < fullTo;
  const edges = months
    ? sql`(day >= ${range.from}::date AND day < ${fullFrom}::date) OR (day >= ${fullTo}::date AND day <= ${range.to}::date)`
    : sql`day BETWEEN ${range.from}::date AND ${range.to}::date`;
  const monthly = months
    ? sql`SELECT assignee_id, ${metricColumns()} FROM ticket_monthly_people_stats
          WHERE month >= ${fullFrom}::date AND month < ${fullTo}::date ${where(filter)} UNION ALL`
    : sql``;
  const people = await sql<Row & { assignee_id: number | null }>`
    SELECT assignee_id, ${sumColumns()} FROM (
      ${monthly}
      SELECT assignee_id, ${metricColumns()} FROM ticket_daily_stats WHERE (${edges}) ${where(filter)}
    ) AS p
    GROUP BY assignee_id`.execute(db);
  for (const row of people.rows) result.assignees.set(row.assignee_id, sumsOf(row));
  return result;
}

export async function teamNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
