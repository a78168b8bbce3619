import { type AvailabilityReport, type AvailabilityRow, FAULT_CAUSES, FAULT_SEVERITIES, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';

/**
 * 可用性分析. Downtime of a system is the length of the union of its outage faults' intervals
 * [started, recovered or now) — overlapping faults count once (range_agg merges them) — clipped to
 * the period, which itself ends at "now" when it reaches into the future. Availability = 1 − downtime
 * / period. Fault counts, MTTA (detected → responded), MTTR (started → recovered) and MTBF (uptime ÷
 * faults) are over the faults detected in the period (the list's filter, so figures drill down).
 * Cancelled faults count nowhere. Availability describes a system, not a person: it reads every fault.
 */

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The period [from, to] of business-local days as instants, `to` clipped at now. */
function periodOf(from: string, to: string, timeZone: string) {
  if (to < from) throw fieldError('to', 'beforeFrom', 'validation.invalidValue');
  return {
    start: sql<Date>`((${from}::date)::timestamp AT TIME ZONE ${timeZone})`,
    end: sql<Date>`least(now(), ((${to}::date + 1)::timestamp AT TIME ZONE ${timeZone}))`,
  };
}

/** Per system: downtime minutes in [start, end) and the period's minutes. Exact union of intervals. */
async function downtimeBySystem(db: Database, start: ReturnType<typeof sql<Date>>, end: ReturnType<typeof sql<Date>>) {
  const { rows } = await sql<{ system_id: number; downtime: number; period: number }>`
    WITH period AS (SELECT tstzrange(${start}, greatest(${start}, ${end})) AS p),
    spans AS (
      SELECT fs.system_id, tstzrange(f.started_at, coalesce(f.recovered_at, now())) * (SELECT p FROM period) AS r
      FROM faults f JOIN fault_systems fs ON fs.fault_id = f.id
      WHERE f.impact_kind = 'outage' AND f.status <> 'cancelled'
        AND f.started_at < upper((SELECT p FROM period)) AND coalesce(f.recovered_at, now()) > lower((SELECT p FROM period))
    ),
    merged AS (SELECT system_id, range_agg(r) AS m FROM spans WHERE NOT isempty(r) GROUP BY system_id)
    SELECT m.system_id,
      (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) FROM unnest(m.m) AS x)::float8 / 60 AS downtime,
      (SELECT extract(epoch FROM upper(p) - lower(p)) FROM period)::float8 / 60 AS period
    FROM merged m
    UNION ALL
    SELECT NULL, 0, (SELECT extract(epoch FROM coalesce(upper(p) - lower(p), interval '0')) FROM period)::float8 / 60
  `.execute(db);
  const period = rows.find((r) => r.system_id === null)?.period ?? 0;
  return { period, downtime: new Map(rows.filter((r) => r.system_id !== null).map((r) => [Number(r.system_id), r.downtime])) };
}

/** The report for one period: every active system (and any inactive one with faults in it). */
export async function availabilityReport(db: Database, query: { from: string; to: string }, timeZone: string): Promise<AvailabilityReport> {
  const { start, end } = periodOf(query.from, query.to, timeZone);
  const { period, downtime } = await downtimeBySystem(db, start, end);
  const inPeriod = sql<boolean>`f.status <> 'cancelled' AND f.detected_at >= ${start} AND f.detected_at < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
  const { rows: counts } = await sql<{
    system_id: number;
    severity: string;
    cause: string;
    outage: boolean;
    n: string;
    tta_sum: number | null;
    tta_n: string;
    ttr_sum: number | null;
    ttr_n: string;
  }>`
    SELECT fs.system_id, f.severity, coalesce(f.cause_category, 'unknown') AS cause, f.impact_kind = 'outage' AS outage, count(*) AS n,
      sum(extract(epoch FROM f.responded_at - f.detected_at))::float8 / 60 AS tta_sum, count(f.responded_at) AS tta_n,
      sum(extract(epoch FROM f.recovered_at - f.started_at))::float8 / 60 AS ttr_sum, count(f.recovered_at) AS ttr_n
    FROM faults f JOIN fault_systems fs ON fs.fault_id = f.id
    WHERE ${inPeriod}
    GROUP BY 1, 2, 3, 4
  `.execute(db);
  const { rows: totals } = await sql<{ severity: string; cause: string; n: string }>`
    SELECT f.severity, coalesce(f.cause_category, 'unknown') AS cause, count(*) AS n FROM faults f WHERE ${inPeriod} GROUP BY 1, 2
  `.execute(db);
  const systems = await db
    .selectFrom('it_systems')
    .select(['id', 'name', 'code', 'criticality', 'availability_target', 'active'])
    .orderBy('name')
    .execute();
  const rows: AvailabilityRow[] = [];
  for (const s of systems) {
    const mine = counts.filter((c) => Number(c.system_id) === s.id);
    if (!s.active && !mine.length && !downtime.has(s.id)) continue;
    const bySeverity: Record<string, number> = Object.fromEntries(FAULT_SEVERITIES.map((k) => [k, 0]));
    const byCause: Record<string, number> = {};
    let faults = 0;
    let outages = 0;
    let tta = 0;
    let ttaN = 0;
    let ttr = 0;
    let ttrN = 0;
    for (const c of mine) {
      const n = Number(c.n);
      faults += n;
      if (c.outage) outages += n;
      bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + n;
      byCause[c.cause] = (byCause[c.cause] ?? 0) + n;
      tta += c.tta_sum ?? 0;
      ttaN += Number(c.tta_n);
      ttr += c.ttr_sum ?? 0;
      ttrN += Number(c.ttr_n);
    }
    const down = Math.min(downtime.get(s.id) ?? 0, period);
    const availability = period > 0 ? (1 - down / period) * 100 : 100;
    const target = Number(s.availability_target);
    rows.push({
      system: { id: s.id, name: s.name, code: s.code, criticality: s.criticality },
      target,
      periodMinutes: round(period, 2),
      downtimeMinutes: round(down, 2),
      availability: round(availability, 4),
      met: availability >= target,
      faults,
      outages,
      bySeverity,
      byCause,
      mtta: ttaN ? round(tta / ttaN, 1) : null,
      mttr: ttrN ? round(ttr / ttrN, 1) : null,
      mtbf: faults ? round((period - down) / faults, 1) : null,
    });
  }
  const bySeverity: Record<string, number> = Object.fromEntries(FAULT_SEVERITIES.map((k) => [k, 0]));
  const byCause: Record<string, number> = {};
  for (const t of totals) {
    bySeverity[t.severity] = (bySeverity[t.severity] ?? 0) + Number(t.n);
    byCause[t.cause] = (byCause[t.cause] ?? 0) + Number(t.n);
  }
  return { from: query.from, to: query.to, rows, bySeverity, byCause };
}

/** Month by month for one system: downtime, availability against its target, faults detected. */
export async function availabilityTrend(db: Database, query: { systemId: number; months: number }, timeZone: string) {
  const system = await db
    .selectFrom('it_systems')
    .select(['id', 'name', 'availability_target'])
    .where('id', '=', query.systemId)
    .executeTakeFirst();
  if (!system) throw notFound();
  const { rows } = await sql<{ month: string; period: number; downtime: number; faults: string }>`
    WITH months AS (
      SELECT to_char(m, 'YYYY-MM') AS month,
        tstzrange(m AT TIME ZONE ${timeZone}, least(now(), (m + interval '1 month') AT TIME ZONE ${timeZone})) AS p
      FROM generate_series(date_trunc('month', now() AT TIME ZONE ${timeZone}) - make_interval(months => ${query.months - 1}),
        date_trunc('month', now() AT TIME ZONE ${timeZone}), interval '1 month') AS m
    ),
    spans AS (
      SELECT tstzrange(f.started_at, coalesce(f.recovered_at, now())) AS r
      FROM faults f JOIN fault_systems fs ON fs.fault_id = f.id
      WHERE fs.system_id = ${query.systemId} AND f.impact_kind = 'outage' AND f.status <> 'cancelled'
        AND coalesce(f.recovered_at, now()) > (SELECT min(lower(p)) FROM months)
    )
    SELECT mo.month,
      extract(epoch FROM upper(mo.p) - lower(mo.p))::float8 / 60 AS period,
      coalesce((SELECT sum(extract(epoch FROM upper(x) - lower(x)))
        FROM unnest((SELECT range_agg(s.r * mo.p) FROM spans s WHERE s.r && mo.p)) AS x), 0)::float8 / 60 AS downtime,
      (SELECT count(*) FROM faults f JOIN fault_systems fs ON fs.fault_id = f.id
        WHERE fs.system_id = ${query.systemId} AND f.status <> 'cancelled' AND f.detected_at <@ mo.p) AS faults
    FROM months mo ORDER BY mo.month
  `.execute(db);
  const target = Number(system.availability_target);
  return {
    system: { id: system.id, name: system.name },
    target,
    months: rows.map((r) => {
      const availability = r.period > 0 ? (1 - r.downtime / r.period) * 100 : 100;
      return {
        month: r.month,
        downtimeMinutes: round(r.downtime, 2),
        availability: round(availability, 4),
        met: availability >= target,
        faults: Number(r.faults),
      };
    }),
  };
}

const COLUMNS = [
  'system',
  'target',
  'availability',
  'met',
  'downtime',
  'faults',
  'outages',
  'mtta',
  'mttr',
  'mtbf',
  'P1',
  'P2',
  'P3',
  'P4',
] as const;

/** The report as .xlsx in the reader's language, causes as columns too; audited. */
export async function exportAvailability(
  db: Database,
  ctx: ActionContext & { actor: Actor },
  query: { from: string; to: string },
  timeZone: string,
  reply: FastifyReply,
) {
  const report = await availabilityReport(db, query, timeZone);
  const t = (key: string) => translate(ctx.actor.locale, key);
  await auditAlone(db, ctx, { action: 'export', objectType: 'fault', after: { availability: query } });
  const headers: Record<string, string> = {
    system: t('faults.availability.system'),
    target: `${t('faults.availability.target')} %`,
    availability: `${t('faults.availability.availability')} %`,
    met: t('faults.availability.met'),
    downtime: t('faults.availability.downtime'),
    faults: t('faults.availability.faults'),
    outages: t('faults.availability.outages'),
    mtta: t('faults.availability.mtta'),
    mttr: t('faults.availability.mttr'),
    mtbf: t('faults.availability.mtbf'),
  };
  const columns = [
    ...COLUMNS.map((key) => ({ key, header: headers[key] ?? t(`faults.severity.${key}`), width: key === 'system' ? 24 : 14 })),
    ...FAULT_CAUSES.map((c) => ({ key: `cause_${c}`, header: t(`faults.cause.${c}`), width: 10 })),
  ];
  async function* rows() {
    for (const r of report.rows) {
      yield {
        system: r.system.name,
        target: r.target,
        availability: r.availability,
        met: r.met ? t('faults.availability.met') : t('faults.availability.missed'),
        downtime: r.downtimeMinutes,
        faults: r.faults,
        outages: r.outages,
        mtta: r.mtta ?? '',
        mttr: r.mttr ?? '',
        mtbf: r.mtbf === null ? '' : round(r.mtbf / 60, 1),
        ...Object.fromEntries(FAULT_SEVERITIES.map((s) => [s, r.bySeverity[s] ?? 0])),
        ...Object.fromEntries(FAULT_CAUSES.map((c) => [`cause_${c}`, r.byCause[c] ?? 0])),
      };
    }
  }
  const name = `${t('faults.availability.exportName')} ${query.from}~${query.to}`;
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(streamWorkbook({ name: t('faults.availability.exportName'), columns }, rows()));
}
