import { translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../../platform/audit/audit.js';
import { streamWorkbook } from '../../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../../platform/http/types.js';
import { localMinute } from '../../../platform/i18n.js';
import { loadStocktake } from './access.js';
import type { Ctx } from './create.js';
import { linesQuery } from './read.js';

const COLUMNS = [
  'tag',
  'asset',
  'result',
  'expectedLocation',
  'scannedLocation',
  'expectedDepartment',
  'custodian',
  'custodianConfirmed',
  'scannedBy',
  'scannedAt',
  'note',
  'appliedAt',
];

/** Streams a stocktake's lines (optionally one result) to an .xlsx in the reader's language; audited. */
export async function exportStocktake(platform: Platform, ctx: Ctx, id: number, filter: { result?: string }, reply: FastifyReply) {
  const { db, config } = platform;
  const st = await loadStocktake(db, ctx.actor, id);
  const t = (key: string, values?: Record<string, unknown>) => translate(ctx.actor.locale, key, values);
  await auditAlone(db, ctx, { action: 'export', objectType: 'stocktake', objectId: id, objectLabel: st.number, after: filter });
  const when = (d: Date | null) => (d ? localMinute(d, config.TIMEZONE) : '');
  const query = linesQuery(db, id, filter).orderBy('l.id');
  async function* rows() {
    for await (const r of query.stream(1000)) {
      yield {
        tag: r.tag,
        asset: r.asset_name ?? '',
        result: t(`stocktake.result.${r.result}`),
        expectedLocation: r.expected_location_name ?? '',
        scannedLocation: r.scanned_location_name ?? '',
        expectedDepartment: r.expected_department_name ?? '',
        custodian: r.expected_custodian_name ?? '',
        custodianConfirmed: r.custodian_confirmed === null ? '' : t(r.custodian_confirmed ? 'common.yes' : 'common.no'),
        scannedBy: r.scanned_by_name ?? '',
        scannedAt: when(r.scanned_at),
        note: r.note ?? '',
        appliedAt: when(r.applied_at),
      };
    }
  }
  const name = `${t('stocktake.exportName')}-${st.number}`;
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      {
        name: t('stocktake.exportName'),
        columns: COLUMNS.map((key) => ({ key, header: t(`stocktake.columns.${key}`), width: key === 'asset' ? 30 : 16 })),
      },
      rows(),
    ),
  );
}
