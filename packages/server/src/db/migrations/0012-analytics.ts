import { type Kysely, sql } from 'kysely';

/**
 * Ticket analytics: a daily rollup (local day × team × assignee × priority) that the efficiency and
 * satisfaction dashboards read instead of the tickets table, two coarser tables derived from it, and
 * the watermark of the job that keeps them current. Tickets get one flag per SLA clock (the stored
 * sla_breached_at says only that some clock broke), and indexes on the event timestamps so that
 * recomputing one day reads only that day's tickets.
 *
 * Only the schema: the rollup job's first run finds no watermark and fills it all (the SLA flags of
 * existing tickets, then every day), so this migration never runs module code that will change
 * after it has shipped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tickets
      ADD COLUMN sla_response_breached boolean NOT NULL DEFAULT false,
      ADD COLUMN sla_resolution_breached boolean NOT NULL DEFAULT false;
    CREATE INDEX tickets_responded_idx ON tickets (responded_at) WHERE responded_at IS NOT NULL;
    CREATE INDEX tickets_resolved_idx ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;
    CREATE INDEX tickets_closed_idx ON tickets (closed_at) WHERE closed_at IS NOT NULL;
    CREATE INDEX tickets_rated_idx ON tickets (rated_at) WHERE rated_at IS NOT NULL;
    CREATE INDEX tickets_updated_idx ON tickets (updated_at);

    CREATE TABLE ticket_daily_stats (
      day date NOT NULL,
      team_id bigint,
      assignee_id bigint,
      priority text NOT NULL,
      created int NOT NULL DEFAULT 0,
      transferred int NOT NULL DEFAULT 0,
      accepted int NOT NULL DEFAULT 0,
      accept_seconds bigint NOT NULL DEFAULT 0,
      response_met int NOT NULL DEFAULT 0,
      response_breached int NOT NULL DEFAULT 0,
      resolved int NOT NULL DEFAULT 0,
      complete_seconds bigint NOT NULL DEFAULT 0,
      resolution_met int NOT NULL DEFAULT 0,
      resolution_breached int NOT NULL DEFAULT 0,
      reopened int NOT NULL DEFAULT 0,
      closed int NOT NULL DEFAULT 0,
      rated int NOT NULL DEFAULT 0,
      rating_sum int NOT NULL DEFAULT 0,
      rating_1 int NOT NULL DEFAULT 0,
      rating_2 int NOT NULL DEFAULT 0,
      rating_3 int NOT NULL DEFAULT 0,
      rating_4 int NOT NULL DEFAULT 0,
      rating_5 int NOT NULL DEFAULT 0,
      low_rated int NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX ticket_daily_stats_key ON ticket_daily_stats (day, team_id, assignee_id, priority) NULLS NOT DISTINCT;
    CREATE INDEX ticket_daily_stats_team_idx ON ticket_daily_stats (team_id, day);

    -- Derived from ticket_daily_stats in the same transaction, for the dashboards' reads: per day and
    -- team (totals, trends, teams: ~15 rows a day) and per month, team and engineer (the engineers'
    -- table over whole months; the days at a range's ragged ends come from ticket_daily_stats).
    CREATE TABLE ticket_daily_team_stats (LIKE ticket_daily_stats INCLUDING DEFAULTS);
    ALTER TABLE ticket_daily_team_stats DROP COLUMN assignee_id, DROP COLUMN priority;
    CREATE UNIQUE INDEX ticket_daily_team_stats_key ON ticket_daily_team_stats (day, team_id) NULLS NOT DISTINCT;
    CREATE TABLE ticket_monthly_people_stats (LIKE ticket_daily_stats INCLUDING DEFAULTS);
    ALTER TABLE ticket_monthly_people_stats RENAME COLUMN day TO month;
    ALTER TABLE ticket_monthly_people_stats DROP COLUMN priority;
    CREATE UNIQUE INDEX ticket_monthly_people_stats_key ON ticket_monthly_people_stats (month, team_id, assignee_id) NULLS NOT DISTINCT;

    CREATE TABLE analytics_watermarks (
      name text PRIMARY KEY,
      at timestamptz NOT NULL
    );
  `.execute(db);
}
