import type { SpareMovementKind } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { notifyLowStock } from './notify.js';

export type Ctx = ActionContext & { actor: Actor };
export type SparePlatform = Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>;

export interface LockedItem {
  id: number;
  code: string;
  name: string;
  unit: string;
  min_stock: number;
  low_alerted: boolean;
  active: boolean;
}

/**
 * Locks the items a movement touches, in id order (two movements never deadlock), for the rest of the
 * transaction: movements of one item queue here, so the low-stock check after them sees the exact
 * total. An unknown or inactive item is a 400 on `path`.
 */
export async function lockItems(trx: Transaction<DB>, ids: number[], path: (id: number) => string): Promise<Map<number, LockedItem>> {
  const unique = [...new Set(ids)];
  const rows = await trx
    .selectFrom('spare_items')
    .select(['id', 'code', 'name', 'unit', 'min_stock', 'low_alerted', 'active'])
    .where('id', 'in', unique)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of unique) {
    const row = byId.get(id);
    if (!row) throw fieldError(path(id), 'notFound', 'spares.errors.unknownItem');
    if (!row.active) throw fieldError(path(id), 'inactive', 'spares.errors.inactiveItem', { name: row.name });
  }
  return byId;
}

/** An active warehouse, or a 400 on `path`. */
export async function activeWarehouse(trx: Transaction<DB>, id: number, path: string) {
  const row = await trx.selectFrom('spare_warehouses').select(['id', 'code', 'name', 'active']).where('id', '=', id).executeTakeFirst();
  if (!row) throw fieldError(path, 'notFound', 'spares.errors.unknownWarehouse');
  if (!row.active) throw fieldError(path, 'inactive', 'spares.errors.inactiveWarehouse', { name: row.name });
  return row;
}

/**
 * Takes `quantity` out of a warehouse with one conditional write; the balance comes from the same
 * write, so it is exact under concurrency. Not enough stock → 409 insufficientStock naming what is there.
 */
export async function takeStock(
  trx: Transaction<DB>,
  item: LockedItem,
  warehouse: { id: number; name: string },
  quantity: number,
): Promise<number> {
  const row = await trx
    .updateTable('spare_stock')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity), updated_at: new Date() }))
    .where('item_id', '=', item.id)
    .where('warehouse_id', '=', warehouse.id)
    .where('quantity', '>=', quantity)
    .returning('quantity')
    .executeTakeFirst();
  if (row) return row.quantity;
  const available = await trx
    .selectFrom('spare_stock')
    .select('quantity')
    .where('item_id', '=', item.id)
    .where('warehouse_id', '=', warehouse.id)
    .executeTakeFirst();
  throw new AppError(
    'insufficientStock',
    { item: item.name, warehouse: warehouse.name, available: available?.quantity ?? 0, unit: item.unit, requested: quantity },
    { available: available?.quantity ?? 0, requested: quantity },
  );
}

/** Puts `quantity` into a warehouse (creating its stock row); returns the balance after. */
export async function putStock(trx: Transaction<DB>, itemId: number, warehouseId: number, quantity: number): Promise<number> {
  const row = await trx
    .insertInto('spare_stock')
    .values({ item_id: itemId, warehouse_id: warehouseId, quantity })
    .onConflict((oc) =>
      oc
        .columns(['item_id', 'warehouse_id'])
        .doUpdateSet((eb) => ({ quantity: eb('spare_stock.quantity', '+', quantity), updated_at: new Date() })),
    )
    .returning('quantity')
    .executeTakeFirstOrThrow();
  return row.quantity;
}

/** A movement document with its readable number (BJ…). */
export async function newDocument(
  trx: Transaction<DB>,
  platform: SparePlatform,
  actor: Actor,
  kind: 'inbound' | 'issue' | 'return' | 'transfer' | 'adjust',
  extra: { supplier?: string | null; note?: string | null } = {},
) {
  const number = await nextRecordNumber(trx, 'spare', platform.config.TIMEZONE);
  const row = await trx
    .insertInto('spare_documents')
    .values({ number, kind, supplier: extra.supplier || null, note: extra.note || null, actor_id: actor.userId })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return row;
}

export interface MovementInput {
  kind: SpareMovementKind;
  itemId: number;
  warehouseId: number;
  quantity: number;
  balanceAfter: number;
  unitPrice?: number | null;
  ticketId?: number | null;
  assetId?: number | null;
  recipientId?: number | null;
  issueId?: number | null;
  note?: string | null;
}

/** Writes ledger rows for a document; returns their ids in order. */
export async function writeMovements(trx: Transaction<DB>, documentId: number, actor: Actor, rows: MovementInput[]): Promise<number[]> {
  const inserted = await trx
    .insertInto('spare_movements')
    .values(
      rows.map((m) => ({
        document_id: documentId,
        kind: m.kind,
        item_id: m.itemId,
        warehouse_id: m.warehouseId,
        quantity: m.quantity,
        balance_after: m.balanceAfter,
        unit_price: m.unitPrice ?? null,
        ticket_id: m.ticketId ?? null,
        asset_id: m.assetId ?? null,
        recipient_id: m.recipientId ?? null,
        issue_id: m.issueId ?? null,
        actor_id: actor.userId,
        note: m.note || null,
      })),
    )
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/**
 * Re-evaluates each locked item's total against its minimum and keeps its low-stock flag in step; an
 * item that has just crossed below its minimum notifies the spare managers, once per crossing.
 */
export async function settleLowStock(
  trx: Transaction<DB>,
  platform: SparePlatform,
  actor: Actor,
  items: Iterable<LockedItem>,
): Promise<void> {
  const list = [...items];
  if (!list.length) return;
  const totals = await trx
    .selectFrom('spare_stock')
    .select(['item_id', (eb) => eb.fn.sum<string>('quantity').as('total')])
    .where(
      'item_id',
      'in',
      list.map((i) => i.id),
    )
    .groupBy('item_id')
    .execute();
  const totalOf = new Map(totals.map((r) => [r.item_id, Number(r.total)]));
  for (const item of list) {
    const total = totalOf.get(item.id) ?? 0;
    const low = total < item.min_stock;
    if (low === item.low_alerted) continue;
    await trx.updateTable('spare_items').set({ low_alerted: low }).where('id', '=', item.id).execute();
    item.low_alerted = low;
    if (low) {
      await notifyLowStock(trx, platform, actor.userId, {
        id: item.id,
        code: item.code,
        name: item.name,
        unit: item.unit,
        minStock: item.min_stock,
        total,
      });
    }
  }
}
