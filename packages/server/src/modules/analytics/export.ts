import { type AnalyticsExportQuery, type EfficiencyFigures, type SatisfactionFigures, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { efficiencyReport, satisfactionReport } from './report.js';

const round = (value: number | null, digits: number) => (value === null ? '' : Number(value.toFixed(digits)));
const percent = (value: number | null) => round(value === null ? null : value * 100, 1);

const EFFICIENCY_COLUMNS = [
  'created',
  'accepted',
  'resolved',
  'avgAcceptMinutes',
  'avgCompleteHours',
  'transferRate',
  'reopenRate',
  'responseOnTimeRate',
  'resolutionOnTimeRate',
] as const;
const SATISFACTION_COLUMNS = [
  'rated',
  'avgRating',
  'satisfactionRate',
  'lowRated',
  'stars5',
  'stars4',
  'stars3',
  'stars2',
  'stars1',
] as const;

function efficiencyCells(f: EfficiencyFigures): Record<(typeof EFFICIENCY_COLUMNS)[number], unknown> {
  return {
    created: f.created,
    accepted: f.accepted,
    resolved: f.resolved,
    avgAcceptMinutes: round(f.avgAcceptSeconds === null ? null : f.avgAcceptSeconds / 60, 1),
    avgCompleteHours: round(f.avgCompleteSeconds === null ? null : f.avgCompleteSeconds / 3600, 1),
    transferRate: percent(f.transferRate),
    reopenRate: percent(f.reopenRate),
    responseOnTimeRate: percent(f.responseOnTimeRate),
    resolutionOnTimeRate: percent(f.resolutionOnTimeRate),
  };
}

function satisfactionCells(f: SatisfactionFigures): Record<(typeof SATISFACTION_COLUMNS)[number], unknown> {
  const [s1, s2, s3, s4, s5] = f.distribution;
  return {
    rated: f.rated,
    avgRating: round(f.avgRating, 2),
    satisfactionRate: percent(f.satisfactionRate),
    lowRated: f.lowRated,
    stars5: s5,
    stars4: s4,
    stars3: s3,
    stars2: s2,
    stars1: s1,
  };
}

/**
 * The dashboard's breakdown — one row per team, then one per engineer — as an .xlsx in the reader's
 * language, with the same figures the page shows. The export is audited like every other export.
 */
export async function exportAnalytics(
  platform: Platform,
  ctx: ActionContext & { actor: Actor },
  query: AnalyticsExportQuery,
  reply: FastifyReply,
) {
  const { db } = platform;
  const t = (key: string) => translate(ctx.actor.locale, key);
  const { kind, ...filter } = query;
  const rows: Record<string, unknown>[] = [];
  const label = (dimension: 'team' | 'assignee', name: string | undefined) => ({
    dimension: t(`analytics.export.${dimension}`),
    name: name ?? t(dimension === 'team' ? 'analytics.noTeam' : 'analytics.unassigned'),
  });
  let columns: readonly string[];
  if (kind === 'efficiency') {
    const report = await efficiencyReport(db, ctx.actor, filter);
    columns = EFFICIENCY_COLUMNS;
    for (const r of report.byTeam) rows.push({ ...label('team', r.team?.name), ...efficiencyCells(r.figures) });
    for (const r of report.byAssignee) rows.push({ ...label('assignee', r.assignee?.displayName), ...efficiencyCells(r.figures) });
  } else {
    const report = await satisfactionReport(db, ctx.actor, filter);
    columns = SATISFACTION_COLUMNS;
    for (const r of report.byTeam) rows.push({ ...label('team', r.team?.name), ...satisfactionCells(r.figures) });
    for (const r of report.byAssignee) rows.push({ ...label('assignee', r.assignee?.displayName), ...satisfactionCells(r.figures) });
  }
  await auditAlone(db, ctx, { action: 'export', objectType: 'analytics', objectLabel: kind, after: query });
  const name = `${t(`analytics.tabs.${kind}`)} ${filter.from}~${filter.to}`;
  async function* stream() {
    yield* rows;
  }
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      {
        name: t(`analytics.tabs.${kind}`),
        columns: ['dimension', 'name', ...columns].map((key) => ({
          key,
          header: t(`analytics.export.columns.${key}`),
          width: key === 'name' ? 24 : 14,
        })),
      },
      stream(),
    ),
  );
}
