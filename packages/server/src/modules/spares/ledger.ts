import { type SpareLedgerQuery, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { auditAlone } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { ticketsInScope } from '../tickets/queries.js';
import { checkTicket } from './issue.js';
import { type MovementRow, movementsQuery, presentMovement } from './queries.js';
import type { Ctx } from './stock.js';

type LedgerFilter = Omit<SpareLedgerQuery, 'page' | 'pageSize'>;

function filtered(db: Database, filter: LedgerFilter, timeZone: string) {
  let q = movementsQuery(db);
  if (filter.itemId) q = q.where('m.item_id', '=', filter.itemId);
  if (filter.warehouseId) q = q.where('m.warehouse_id', '=', filter.warehouseId);
  if (filter.kind) q = q.where('m.kind', '=', filter.kind);
  // Days are business-local days.
  if (filter.from) q = q.where(sql<boolean>`m.at >= (${filter.from}::date::timestamp AT TIME ZONE ${timeZone})`);
  if (filter.to) q = q.where(sql<boolean>`m.at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  return q;
}

/**
 * The ledger 台账, newest first: every movement with the balance it left in its warehouse. A ticket
 * the reader may not open shows as its number only: its title stays with those who can see it.
 */
export async function listLedger(db: Database, actor: Actor, query: SpareLedgerQuery, timeZone: string) {
  const base = filtered(db, query, timeZone);
  const { n } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('m.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ticketIds = [...new Set(rows.flatMap((r) => (r.ticket_id ? [r.ticket_id] : [])))];
  const visible = new Set(
    ticketIds.length ? (await ticketsInScope(db, actor).select('t.id').where('t.id', 'in', ticketIds).execute()).map((x) => x.id) : [],
  );
  const items = rows.map((r) => presentMovement(r.ticket_id && !visible.has(r.ticket_id) ? { ...r, ticket_title: null } : r));
  return { items, total: Number(n), page: query.page, pageSize: query.pageSize };
}

/** The parts issued to (and returned from) a ticket the caller may see; 404 otherwise. */
export async function ticketMovements(db: Database, actor: Actor, ticketId: number) {
  await checkTicket(db, actor, ticketId, false);
  const rows = await movementsQuery(db).where('m.ticket_id', '=', ticketId).orderBy('m.id').execute();
  return { items: rows.map(presentMovement) };
}

/** Streams the filtered ledger to an .xlsx in the reader's language; the export is audited. */
export async function exportLedger(platform: Platform, ctx: Ctx, filter: LedgerFilter, reply: FastifyReply) {
  const { db, config } = platform;
  const t = (key: string) => translate(ctx.actor.locale, key);
  await auditAlone(db, ctx, { action: 'export', objectType: 'spareDocument', after: filter });
  const query = filtered(db, filter, config.TIMEZONE).orderBy('m.id');
  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<MovementRow> }).stream(1000)) {
      yield {
        number: r.number,
        at: localMinute(r.at, config.TIMEZONE),
        kind: t(`spares.kinds.${r.kind}`),
        code: r.item_code,
        item: r.item_name,
        warehouse: r.warehouse_name,
        quantity: r.quantity,
        balance: r.balance_after,
        unit: r.unit,
        unitPrice: r.unit_price ?? '',
        target: r.ticket_number ?? r.asset_tag ?? r.recipient_name ?? r.supplier ?? '',
        actor: r.actor_name ?? '',
        note: r.note ?? '',
      };
    }
  }
  const columns = [
    'number',
    'at',
    'kind',
    'code',
    'item',
    'warehouse',
    'quantity',
    'balance',
    'unit',
    'unitPrice',
    'target',
    'actor',
    'note',
  ];
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t('spares.exportName')}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      {
        name: t('spares.exportName'),
        columns: columns.map((key) => ({ key, header: t(`spares.columns.${key}`), width: key === 'item' ? 30 : 14 })),
      },
      rows(),
    ),
  );
}
