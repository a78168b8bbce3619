import { DEMAND_STATUSES } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Db } from './access.js';

const STAGES = {
  submitToAccept: sql`avg(extract(epoch FROM d.accepted_at - d.created_at)) FILTER (WHERE d.accepted_at IS NOT NULL)`,
  acceptToEvaluate: sql`avg(extract(epoch FROM d.evaluated_at - d.accepted_at)) FILTER (WHERE d.evaluated_at IS NOT NULL AND d.accepted_at IS NOT NULL)`,
  evaluateToApprove: sql`avg(extract(epoch FROM d.approved_at - d.evaluated_at)) FILTER (WHERE d.approved_at IS NOT NULL AND d.evaluated_at IS NOT NULL)`,
  approveToRelease: sql`avg(extract(epoch FROM d.released_at - d.approved_at)) FILTER (WHERE d.released_at IS NOT NULL AND d.approved_at IS NOT NULL)`,
  releaseToDeliver: sql`avg(extract(epoch FROM d.delivered_at - d.released_at)) FILTER (WHERE d.delivered_at IS NOT NULL AND d.released_at IS NOT NULL)`,
} as const;
type Stage = keyof typeof STAGES;

const days = (seconds: string | number | null) => (seconds === null ? null : Math.round((Number(seconds) / 86_400) * 10) / 10);

/**
 * 需求效率 over the demands submitted in [from, to] (business days): per system and in total (one
 * GROUPING SETS pass over the created-at index) — counts by status, average days per stage, on-time
 * delivery (delivered on or before the planned date, among delivered demands that had one) and the
 * average delivery rating. Every figure is a set of demands the list can show with the same filters.
 */
export async function demandMetrics(db: Db, range: { from: string; to: string }, timeZone: string) {
  const inRange = sql`d.created_at >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone})
    AND d.created_at < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
  const [statusRows, rows] = await Promise.all([
    sql<{ system_id: number | null; status: string; n: string }>`
      SELECT d.system_id, d.status, count(*) AS n FROM demands d WHERE ${inRange}
      GROUP BY GROUPING SETS ((d.system_id, d.status), (d.status))`.execute(db),
    sql<
      Record<Stage, string | null> & {
        system_id: number | null;
        system_name: string | null;
        total: string;
        delivered: string;
        planned_delivered: string;
        on_time: string;
        rated: string;
        average_rating: string | null;
      }
    >`
      SELECT d.system_id, min(s.name) AS system_name, count(*) AS total,
        ${sql.join(
          Object.entries(STAGES).map(([name, expression]) => sql`${expression} AS ${sql.ref(name)}`),
          sql`, `,
        )},
        count(*) FILTER (WHERE d.delivered_at IS NOT NULL) AS delivered,
        count(*) FILTER (WHERE d.delivered_at IS NOT NULL AND d.planned_date IS NOT NULL) AS planned_delivered,
        count(*) FILTER (WHERE d.delivered_at IS NOT NULL AND (d.delivered_at AT TIME ZONE ${timeZone})::date <= d.planned_date) AS on_time,
        count(d.rating) AS rated,
        avg(d.rating) AS average_rating
      FROM demands d JOIN it_systems s ON s.id = d.system_id
      WHERE ${inRange}
      GROUP BY GROUPING SETS ((d.system_id), ())
      ORDER BY count(*) DESC`.execute(db),
  ]);
  const statusOf = new Map<string, Record<string, number>>();
  for (const r of statusRows.rows) {
    const key = String(r.system_id ?? 'total');
    const counts = statusOf.get(key) ?? Object.fromEntries(DEMAND_STATUSES.map((s) => [s, 0]));
    counts[r.status] = Number(r.n);
    statusOf.set(key, counts);
  }
  const empty = Object.fromEntries(DEMAND_STATUSES.map((s) => [s, 0]));
  const toRow = (r: (typeof rows.rows)[number] | undefined) => {
    const key = String(r?.system_id ?? 'total');
    const planned = Number(r?.planned_delivered ?? 0);
    const onTime = Number(r?.on_time ?? 0);
    return {
      system: r?.system_id ? { id: r.system_id, name: r.system_name ?? '' } : null,
      total: Number(r?.total ?? 0),
      byStatus: statusOf.get(key) ?? { ...empty },
      stageDays: Object.fromEntries(Object.keys(STAGES).map((name) => [name, days(r?.[name as Stage] ?? null)])) as Record<
        Stage,
        number | null
      >,
      delivered: Number(r?.delivered ?? 0),
      onTime,
      onTimeRate: planned ? Math.round((onTime / planned) * 1000) / 1000 : null,
      rated: Number(r?.rated ?? 0),
      averageRating: r?.average_rating ? Math.round(Number(r.average_rating) * 100) / 100 : null,
    };
  };
  return {
    from: range.from,
    to: range.to,
    total: toRow(rows.rows.find((r) => r.system_id === null)),
    systems: rows.rows.filter((r) => r.system_id !== null).map(toRow),
  };
}
