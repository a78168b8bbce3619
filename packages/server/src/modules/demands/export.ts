import { translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { demandsInScope } from './access.js';
import { applyDemandFilters, applyDemandSort, type DemandFilter, type SummaryRow, withSummaryColumns } from './queries.js';

const COLUMNS = [
  'number',
  'title',
  'system',
  'kind',
  'status',
  'requester',
  'department',
  'analyst',
  'supervisor',
  'expectedDate',
  'plannedDate',
  'progress',
  'rating',
  'createdAt',
] as const;

/** Streams the filtered demands (any number) to an .xlsx in the reader's language; the export is audited. */
export async function exportDemands(platform: Platform, ctx: ActionContext & { actor: Actor }, filter: DemandFilter, reply: FastifyReply) {
  const { db, config } = platform;
  const tz = config.TIMEZONE;
  const t = (key: string) => translate(ctx.actor.locale, key);
  const query = applyDemandSort(
    withSummaryColumns(applyDemandFilters(demandsInScope(db, ctx.actor), ctx.actor, filter, tz), tz),
    filter.sort,
  );
  await auditAlone(db, ctx, { action: 'export', objectType: 'demand', after: filter });
  const overdue = t('demands.list.overdue');
  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<SummaryRow> }).stream(1000)) {
      yield {
        number: r.number,
        title: r.title,
        system: r.system_name,
        kind: t(`demands.kinds.${r.kind}`),
        status: t(`demands.status.${r.status}`) + (r.overdue ? `（${overdue}）` : ''),
        requester: r.requester_name,
        department: r.department_name ?? '',
        analyst: r.analyst_name ?? '',
        supervisor: r.supervisor_name ?? '',
        expectedDate: r.expected_day ?? '',
        plannedDate: r.planned_day ?? '',
        progress: r.progress,
        rating: r.rating ?? '',
        createdAt: localMinute(r.created_at, tz),
      };
    }
  }
  const name = t('demands.exportName');
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      { name, columns: COLUMNS.map((key) => ({ key, header: t(`demands.fields.${key}`), width: key === 'title' ? 36 : 14 })) },
      rows(),
    ),
  );
}
