import type { AnalyticsGranularity } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
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

type Row = Record<string, unknown> & { cur: boolean; bucket: string | null; team_id: number | null; assignee_id: number | null; g: number };

/**
 * Adds up the rollup for the previous and the current period in one pass over the rollup's rows:
 * totals per period, and for the current period per time bucket, per team and per assignee
 * (GROUPING SETS, so the rows are read once however many breakdowns there are).
 */
export async function sumRollup(
  db: Database,
  range: { previousFrom: string; from: string; to: string; granularity: AnalyticsGranularity },
  filter: RollupFilter,
): Promise<RangeSums> {
  const sums = sql.raw(ROLLUP_METRICS.map((m) => `sum(${m})::bigint AS ${m}`).join(', '));
  const teams = filter.teamIds ? sql`AND team_id = ANY(${filter.teamIds}::bigint[])` : sql``;
  const person = filter.assigneeId ? sql`AND assignee_id = ${filter.assigneeId}` : sql``;
  const { rows } = await sql<Row>`
    SELECT cur, bucket, team_id, assignee_id, GROUPING(bucket, team_id, assignee_id) AS g, ${sums}
    FROM (
      SELECT day >= ${range.from}::date AS cur, date_trunc(${range.granularity}, day)::date::text AS bucket, s.*
      FROM ticket_daily_stats s
      WHERE day BETWEEN ${range.previousFrom}::date AND ${range.to}::date ${teams} ${person}
    ) AS r
    GROUP BY GROUPING SETS ((cur), (cur, bucket), (cur, team_id), (cur, assignee_id))`.execute(db);

  const result: RangeSums = { current: emptySums(), previous: emptySums(), buckets: new Map(), teams: new Map(), assignees: new Map() };
  for (const row of rows) {
    const values = emptySums();
    for (const m of ROLLUP_METRICS) values[m] = Number(row[m] ?? 0);
    if (row.g === 7) {
      if (row.cur) result.current = values;
      else result.previous = values;
      continue;
    }
    if (!row.cur) continue; // breakdowns of the previous period are not shown
    if (row.g === 3 && row.bucket) result.buckets.set(row.bucket, values);
    else if (row.g === 5) result.teams.set(row.team_id, values);
    else if (row.g === 6) result.assignees.set(row.assignee_id, values);
  }
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
