import { translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { assetsInScope } from './access.js';
import {
  type AssetFilter,
  applyAssetFilters,
  applyAssetSort,
  dayOf,
  type SummaryRow,
  searchPending,
  withSummaryColumns,
} from './queries.js';

export const EXPORT_COLUMNS = [
  'tag',
  'name',
  'category',
  'status',
  'model',
  'serialNo',
  'vendor',
  'purchaseDate',
  'purchasePrice',
  'warrantyEnd',
  'location',
  'department',
  'custodian',
] as const;

/**
 * Streams the filtered register (any size) to an .xlsx in the reader's language: rows come through a
 * cursor and are written as they come, so memory stays flat. The export itself is audited.
 */
export async function exportAssets(platform: Platform, ctx: ActionContext & { actor: Actor }, filter: AssetFilter, reply: FastifyReply) {
  const { db, config } = platform;
  const t = (key: string) => translate(ctx.actor.locale, key);
  const query = applyAssetSort(
    withSummaryColumns(applyAssetFilters(assetsInScope(db, ctx.actor), filter, config.TIMEZONE, await searchPending(db, filter))).select(
      'a.vendor',
    ),
    filter.sort,
  );
  await auditAlone(db, ctx, { action: 'export', objectType: 'asset', after: filter });
  const statusNames = new Map(['in_stock', 'in_use', 'in_repair', 'scrapped', 'disposed', 'lost'].map((s) => [s, t(`assets.status.${s}`)]));

  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<SummaryRow & { vendor: string | null }> }).stream(1000)) {
      yield {
        tag: r.tag,
        name: r.name,
        category: r.category_name,
        status: statusNames.get(r.status) ?? r.status,
        model: r.model ?? '',
        serialNo: r.serial_no ?? '',
        vendor: r.vendor ?? '',
        purchaseDate: dayOf(r.purchase_date) ?? '',
        purchasePrice: r.purchase_price === null ? '' : Number(r.purchase_price),
        warrantyEnd: dayOf(r.warranty_end) ?? '',
        location: r.location_name ?? '',
        department: r.department_name ?? '',
        custodian: r.custodian_name ?? '',
      };
    }
  }
  const name = t('assets.exportName');
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      { name, columns: EXPORT_COLUMNS.map((key) => ({ key, header: t(`assets.fields.${key}`), width: key === 'name' ? 30 : 16 })) },
      rows(),
    ),
  );
}
