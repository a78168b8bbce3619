import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { localDate } from '../sla/service.js';
import { ROLLUP_METRICS, type RollupMetric } from './rollup.js';

let serial = 0;

/** One ticket written straight into the table with exactly the timestamps a test needs. */
export async function insertTicket(
  db: Database,
  input: {
    requesterId: number;
    teamId: number | null;
    assigneeId?: number | null;
    priority?: 'P1' | 'P2' | 'P3' | 'P4';
    status?: string;
    created: string;
    responded?: string;
    resolved?: string;
    closed?: string;
    rated?: string;
    rating?: number;
    transfers?: number;
    reopens?: number;
    responseBreached?: boolean;
    resolutionBreached?: boolean;
  },
): Promise<number> {
  serial++;
  const { id } = await db
    .insertInto('tickets')
    .values({
      number: `AT${Date.now()}-${serial}`,
      title: `分析测试 ${serial}`,
      status: input.status ?? 'new',
      priority: input.priority ?? 'P3',
      channel: 'pc',
      requester_id: input.requesterId,
      created_by: input.requesterId,
      team_id: input.teamId,
      assignee_id: input.assigneeId ?? null,
      created_at: input.created,
      updated_at: new Date(),
      responded_at: input.responded ?? null,
      resolved_at: input.resolved ?? null,
      closed_at: input.closed ?? null,
      rated_at: input.rated ?? null,
      rating: input.rating ?? null,
      rating_state: input.rating ? 'rated' : 'pending',
      transfer_count: input.transfers ?? 0,
      reopen_count: input.reopens ?? 0,
      sla_response_breached: input.responseBreached ?? false,
      sla_resolution_breached: input.resolutionBreached ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

type Figures = Partial<Record<RollupMetric, number>>;

/**
 * The rollup computed the slow, obvious way: every ticket read into memory and each event counted
 * on its local day — to compare the SQL rollup with. Keys are `day|team|assignee|priority`.
 */
export async function directRollup(db: Database, timeZone = 'Asia/Shanghai'): Promise<Record<string, Figures>> {
  const tickets = await db.selectFrom('tickets').selectAll().execute();
  const out: Record<string, Figures> = {};
  const add = (at: Date, t: (typeof tickets)[number], figures: Figures) => {
    const key = [localDate(timeZone, new Date(at)), t.team_id, t.assignee_id, t.priority].join('|');
    const entry = out[key] ?? {};
    for (const [m, v] of Object.entries(figures)) entry[m as RollupMetric] = (entry[m as RollupMetric] ?? 0) + v;
    out[key] = entry;
  };
  const seconds = (a: Date, b: Date) => Math.round((new Date(a).getTime() - new Date(b).getTime()) / 1000);
  for (const t of tickets) {
    add(t.created_at, t, { created: 1, transferred: t.transfer_count > 0 ? 1 : 0 });
    if (t.responded_at) {
      add(t.responded_at, t, {
        accepted: 1,
        accept_seconds: seconds(t.responded_at, t.created_at),
        response_met: t.sla_response_breached ? 0 : 1,
        response_breached: t.sla_response_breached ? 1 : 0,
      });
    }
    if (t.resolved_at) {
      add(t.resolved_at, t, {
        resolved: 1,
        complete_seconds: seconds(t.resolved_at, t.created_at),
        resolution_met: t.sla_resolution_breached ? 0 : 1,
        resolution_breached: t.sla_resolution_breached ? 1 : 0,
        reopened: t.reopen_count > 0 ? 1 : 0,
      });
    }
    if (t.closed_at && t.status === 'closed') add(t.closed_at, t, { closed: 1 });
    if (t.rated_at && t.rating !== null) {
      const stars = t.rating;
      add(t.rated_at, t, {
        rated: 1,
        rating_sum: stars,
        [`rating_${stars}`]: 1,
        low_rated: stars <= 2 ? 1 : 0,
      });
    }
  }
  return normalise(out);
}

/** The stored rollup in the same shape. */
export async function storedRollup(db: Database): Promise<Record<string, Figures>> {
  const rows = await db.selectFrom('ticket_daily_stats').select(sql<string>`day::text`.as('day_text')).selectAll().execute();
  const out: Record<string, Figures> = {};
  for (const row of rows) {
    const key = [row.day_text, row.team_id, row.assignee_id, row.priority].join('|');
    const figures: Figures = {};
    for (const m of ROLLUP_METRICS) figures[m] = Number(row[m]);
    out[key] = figures;
  }
  return normalise(out);
}

/** Drops zero figures (and entries left empty) so that both shapes compare equal. */
function normalise(rollup: Record<string, Figures>): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const [key, figures] of Object.entries(rollup)) {
    const kept = Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== 0));
    if (Object.keys(kept).length) out[key] = kept;
  }
  return out;
}

/** Rows of the derived tables (per day and team; per month, team and engineer) that differ from the daily rollup's sums. */
export async function derivedMismatches(db: Database): Promise<number> {
  const sums = sql.raw(ROLLUP_METRICS.map((m) => `sum(${m})::bigint`).join(', '));
  const columns = sql.raw(ROLLUP_METRICS.map((m) => `${m}::bigint`).join(', '));
  const teamDay = sql`SELECT day, team_id, ${sums} FROM ticket_daily_stats GROUP BY day, team_id`;
  const storedTeamDay = sql`SELECT day, team_id, ${columns} FROM ticket_daily_team_stats`;
  const peopleMonth = sql`SELECT date_trunc('month', day)::date, team_id, assignee_id, ${sums} FROM ticket_daily_stats GROUP BY 1, team_id, assignee_id`;
  const storedPeopleMonth = sql`SELECT month, team_id, assignee_id, ${columns} FROM ticket_monthly_people_stats`;
  let total = 0;
  for (const [a, b] of [
    [teamDay, storedTeamDay],
    [storedTeamDay, teamDay],
    [peopleMonth, storedPeopleMonth],
    [storedPeopleMonth, peopleMonth],
  ]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${a} EXCEPT ${b}) AS diff`.execute(db);
    total += rows[0]?.n ?? 1;
  }
  return total;
}
