import { RELEASE_STATUSES, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { releasesInScope } from './access.js';
import { applyReleaseFilters, applyReleaseSort, type ReleaseFilter, type SummaryRow, withSummaryColumns } from './queries.js';
import type { Ctx } from './request.js';

export const EXPORT_COLUMNS = [
  'number',
  'title',
  'system',
  'versionLabel',
  'status',
  'risk',
  'windowStart',
  'windowEnd',
  'requester',
  'demandCount',
] as const;

/** Streams the filtered releases to an .xlsx in the reader's language (cursor in, rows out, flat memory); audited. */
export async function exportReleases(platform: Platform, ctx: Ctx, filter: ReleaseFilter, reply: FastifyReply) {
  const { db, config } = platform;
  const tz = config.TIMEZONE;
  const t = (key: string) => translate(ctx.actor.locale, key);
  const query = applyReleaseSort(
    withSummaryColumns(applyReleaseFilters(releasesInScope(db, ctx.actor), filter, ctx.actor, tz)),
    filter.sort,
  );
  await auditAlone(db, ctx, { action: 'export', objectType: 'release', after: filter });
  const statusNames = new Map(RELEASE_STATUSES.map((s) => [s, t(`releases.status.${s}`)] as const));
  const riskNames = new Map(['high', 'medium', 'low'].map((s) => [s, t(`releases.risk.${s}`)]));

  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<SummaryRow> }).stream(1000)) {
      yield {
        number: r.number,
        title: r.title,
        system: r.system_name,
        versionLabel: r.version_label,
        status: statusNames.get(r.status as (typeof RELEASE_STATUSES)[number]) ?? r.status,
        risk: riskNames.get(r.risk) ?? r.risk,
        windowStart: localMinute(r.window_start, tz),
        windowEnd: localMinute(r.window_end, tz),
        requester: r.requester_name,
        demandCount: Number(r.demand_count),
      };
    }
  }
  const name = t('releases.exportName');
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      { name, columns: EXPORT_COLUMNS.map((key) => ({ key, header: t(`releases.fields.${key}`), width: key === 'title' ? 36 : 18 })) },
      rows(),
    ),
  );
}
