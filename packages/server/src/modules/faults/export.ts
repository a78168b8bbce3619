import { translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { faultsInScope } from './access.js';
import { applyFaultFilters, applyFaultSort, type FaultFilter, isResponseOverdue, type SummaryRow, withSummaryColumns } from './queries.js';

const COLUMNS = [
  'number',
  'title',
  'severity',
  'status',
  'systems',
  'impactKind',
  'team',
  'assignee',
  'startedAt',
  'detectedAt',
  'responseDueAt',
  'respondedAt',
  'recoveredAt',
  'causeCategory',
  'rootCause',
] as const;

/** Streams the filtered list to an .xlsx in the reader's language, times in the business time zone; audited. */
export async function exportFaults(platform: Platform, ctx: ActionContext & { actor: Actor }, filter: FaultFilter, reply: FastifyReply) {
  const { db, config } = platform;
  const tz = config.TIMEZONE;
  const t = (key: string) => translate(ctx.actor.locale, key);
  const query = withSummaryColumns(
    applyFaultSort(applyFaultFilters(faultsInScope(db, ctx.actor), ctx.actor, filter, tz), filter.sort),
  ).select('f.root_cause');
  await auditAlone(db, ctx, { action: 'export', objectType: 'fault', after: filter });
  const at = (d: Date | null) => (d ? localMinute(d, tz) : '');
  const sep = ctx.actor.locale === 'zh-CN' ? '、' : ', ';
  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<SummaryRow & { root_cause: string | null }> }).stream(
      1000,
    )) {
      yield {
        number: r.number,
        title: r.title,
        severity: t(`faults.severity.${r.severity}`),
        status: t(`faults.status.${r.status}`) + (isResponseOverdue(r) ? ` (${t('faults.overdue')})` : ''),
        systems: r.systems.map((s) => s.name).join(sep),
        impactKind: t(`faults.impactKind.${r.impact_kind}`),
        team: r.team_name ?? '',
        assignee: r.assignee_name ?? '',
        startedAt: at(r.started_at),
        detectedAt: at(r.detected_at),
        responseDueAt: at(r.response_due_at),
        respondedAt: at(r.responded_at),
        recoveredAt: at(r.recovered_at),
        causeCategory: r.cause_category ? t(`faults.cause.${r.cause_category}`) : '',
        rootCause: r.root_cause ?? '',
      };
    }
  }
  const name = t('faults.exportName');
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      { name, columns: COLUMNS.map((key) => ({ key, header: t(`faults.fields.${key}`), width: key === 'title' ? 36 : 16 })) },
      rows(),
    ),
  );
}
