import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { LOW_RATING } from '../tickets/rating.js';
import { backfillSlaOutcomes } from './sla-outcomes.js';

/** The watermark row of the job that keeps the ticket rollup current. */
const TICKET_ROLLUP_WATERMARK = 'tickets';
/** Serialises every writer of the rollup (the job on several instances, a rebuild). */
const ROLLUP_LOCK = 7_301_012;
/**
 * Tickets changed this long before the watermark are looked at again: `updated_at` is the writer's
 * clock at the start of its transaction, so a change can commit after a later watermark was taken.
 * Recomputing a day is idempotent, so the overlap only costs a little repeated work.
 */
const OVERLAP = '5 minutes';

/** The figures of a rollup row, in column order. */
export const ROLLUP_METRICS = [
  'created',
  'transferred',
  'accepted',
  'accept_seconds',
  'response_met',
  'response_breached',
  'resolved',
  'complete_seconds',
  'resolution_met',
  'resolution_breached',
  'reopened',
  'closed',
  'rated',
  'rating_sum',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
  'low_rated',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

/**
 * Each ticket event that a figure counts: the timestamp whose local day it is counted on, an extra
 * condition, and the figures it adds. To add a metric: a column in the table (a migration), a name
 * above, and its expression under the event it belongs to.
 */
const EVENTS: { at: string; where?: string; adds: Partial<Record<RollupMetric, string>> }[] = [
  { at: 'created_at', adds: { created: '1', transferred: '(transfer_count > 0)::int' } },
  {
    at: 'responded_at',
    adds: {
      accepted: '1',
      accept_seconds: 'round(extract(epoch FROM responded_at - created_at))::bigint',
      response_met: '(NOT sla_response_breached)::int',
      response_breached: 'sla_response_breached::int',
    },
  },
  {
    at: 'resolved_at',
    adds: {
      resolved: '1',
      complete_seconds: 'round(extract(epoch FROM resolved_at - created_at))::bigint',
      resolution_met: '(NOT sla_resolution_breached)::int',
      resolution_breached: 'sla_resolution_breached::int',
      reopened: '(reopen_count > 0)::int',
    },
  },
  { at: 'closed_at', where: "status = 'closed'", adds: { closed: '1' } },
  {
    at: 'rated_at',
    where: 'rating IS NOT NULL',
    adds: {
      rated: '1',
      rating_sum: 'rating',
      rating_1: '(rating = 1)::int',
      rating_2: '(rating = 2)::int',
      rating_3: '(rating = 3)::int',
      rating_4: '(rating = 4)::int',
      rating_5: '(rating = 5)::int',
      low_rated: `(rating <= ${LOW_RATING})::int`,
    },
  },
];

/** The time zone whose days the rollup counts in: the default business calendar's. */
export async function rollupTimeZone(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('business_calendars').select('time_zone').where('is_default', '=', true).executeTakeFirst();
  return row?.time_zone ?? 'Asia/Shanghai';
}

function inTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

/** Rewrites the rollup rows of the local days from..to (inclusive), or of every day when no range is given. */
async function rewriteDays(trx: Transaction<DB>, timeZone: string, range: { from: string; to: string } | null) {
  const columns = sql.raw(ROLLUP_METRICS.join(', '));
  const parts: RawBuilder<unknown>[] = EVENTS.map((event) => {
    const at = sql.ref(event.at);
    const figures = sql.raw(ROLLUP_METRICS.map((m) => `${event.adds[m] ?? '0'} AS ${m}`).join(', '));
    const window = range
      ? sql`${at} >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone}) AND ${at} < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`
      : sql`${at} IS NOT NULL`;
    return sql`SELECT (${at} AT TIME ZONE ${timeZone})::date AS day, team_id, assignee_id, priority, ${figures}
      FROM tickets WHERE ${window}${event.where ? sql.raw(` AND ${event.where}`) : sql``}`;
  });
  const sums = sql.raw(ROLLUP_METRICS.map((m) => `sum(${m})`).join(', '));
  if (range) await trx.deleteFrom('ticket_daily_stats').where('day', '>=', range.from).where('day', '<=', range.to).execute();
  else await trx.deleteFrom('ticket_daily_stats').execute();
  await sql`
    INSERT INTO ticket_daily_stats (day, team_id, assignee_id, priority, ${columns})
    SELECT day, team_id, assignee_id, priority, ${sums}
    FROM (${sql.join(parts, sql` UNION ALL `)}) AS e
    GROUP BY day, team_id, assignee_id, priority`.execute(trx);
}

/**
 * Rewrites the tables derived from the daily rollup for the same days: per day and team, and per
 * month, team and engineer for every month the days touch (whole months, from the daily rows).
 */
async function rewriteDerived(trx: Transaction<DB>, range: { from: string; to: string } | null) {
  const sums = sql.raw(ROLLUP_METRICS.map((m) => `sum(${m})`).join(', '));
  const columns = sql.raw(ROLLUP_METRICS.join(', '));
  const days = range ? sql`WHERE day BETWEEN ${range.from}::date AND ${range.to}::date` : sql``;
  const months = range
    ? sql`WHERE day >= date_trunc('month', ${range.from}::date)::date AND day < (date_trunc('month', ${range.to}::date) + interval '1 month')::date`
    : sql``;
  if (range) {
    await trx.deleteFrom('ticket_daily_team_stats').where('day', '>=', range.from).where('day', '<=', range.to).execute();
    await sql`DELETE FROM ticket_monthly_people_stats
      WHERE month BETWEEN date_trunc('month', ${range.from}::date)::date AND date_trunc('month', ${range.to}::date)::date`.execute(trx);
  } else {
    await trx.deleteFrom('ticket_daily_team_stats').execute();
    await trx.deleteFrom('ticket_monthly_people_stats').execute();
  }
  await sql`INSERT INTO ticket_daily_team_stats (day, team_id, ${columns})
    SELECT day, team_id, ${sums} FROM ticket_daily_stats ${days} GROUP BY day, team_id`.execute(trx);
  await sql`INSERT INTO ticket_monthly_people_stats (month, team_id, assignee_id, ${columns})
    SELECT (day - (extract(day FROM day)::int - 1)) AS month, team_id, assignee_id, ${sums}
    FROM ticket_daily_stats ${months} GROUP BY 1, team_id, assignee_id`.execute(trx);
}

/** Consecutive runs of sorted 'YYYY-MM-DD' days, each as one range. */
function runsOf(days: string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs[runs.length - 1];
    const next = last && new Date(`${last.to}T00:00:00Z`).getTime() + 86_400_000 === new Date(`${day}T00:00:00Z`).getTime();
    if (last && next) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/**
 * Recomputes the daily ticket rollup from the tickets table (and the tables derived from it): the
 * days from..to (local dates, inclusive) or, without them, every day (and the watermark moves to now).
 * Whole days are deleted and inserted again in one transaction, so the result is exact and running it
 * twice changes nothing. Used by the demo seed and the bench generator after bulk loads.
 */
export async function rebuildTicketRollup(db: Kysely<DB>, options: { from?: string; to?: string } = {}): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
    const timeZone = await rollupTimeZone(trx);
    const range = options.from || options.to ? { from: options.from ?? '0001-01-01', to: options.to ?? '9999-12-30' } : null;
    await rewriteDays(trx, timeZone, range);
    await rewriteDerived(trx, range);
    // Everything up to now is counted: the job goes on from here.
    if (!range) await moveWatermark(trx);
  });
}

async function moveWatermark(trx: Kysely<DB>) {
  await trx
    .insertInto('analytics_watermarks')
    .values({ name: TICKET_ROLLUP_WATERMARK, at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('name').doUpdateSet({ at: sql<Date>`now()` }))
    .execute();
}

/**
 * The job's step: finds the local days touched by tickets changed since the watermark — each
 * changed ticket's created, accepted, resolved, closed and rated days, plus every day it was ever
 * resolved (a reopen clears resolved_at, and that day's count must drop) — recomputes exactly those
 * days and moves the watermark, all in one transaction. Another instance already doing it makes
 * this call return at once (null).
 */
export async function refreshTicketRollup(db: Kysely<DB>): Promise<string[] | null> {
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS ok`.execute(trx);
    if (!rows[0]?.ok) return null;
    const timeZone = await rollupTimeZone(trx);
    const mark = await trx.selectFrom('analytics_watermarks').select('at').where('name', '=', TICKET_ROLLUP_WATERMARK).executeTakeFirst();
    // The first run after migration 0012 (an existing database): the SLA flags of the tickets
    // already there, then every day, as the days touched since -infinity.
    if (!mark) await backfillSlaOutcomes(trx);
    const since = mark ? sql`${mark.at}::timestamptz - ${OVERLAP}::interval` : sql`'-infinity'::timestamptz`;
    const touched = await sql<{ day: string }>`
      WITH changed AS (SELECT id, created_at, responded_at, resolved_at, closed_at, rated_at FROM tickets WHERE updated_at > ${since})
      SELECT DISTINCT (at AT TIME ZONE ${timeZone})::date::text AS day FROM (
        SELECT unnest(ARRAY[created_at, responded_at, resolved_at, closed_at, rated_at]) AS at FROM changed
        UNION ALL
        SELECT e.at FROM ticket_sla_events e WHERE e.ticket_id IN (SELECT id FROM changed) AND e.kind = 'resolved'
      ) AS x WHERE at IS NOT NULL`.execute(trx);
    const days = touched.rows.map((r) => r.day).sort();
    for (const run of runsOf(days)) {
      await rewriteDays(trx, timeZone, run);
      await rewriteDerived(trx, run);
    }
    await moveWatermark(trx);
    return days;
  });
}
