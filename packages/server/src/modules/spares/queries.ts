import type { SpareMovement, SpareMovementKind } from '@shuyun/shared';
import type { Database } from '../../db/database.js';

/** Ledger rows with everything a reader sees (item, warehouse, document number, target, people). */
export function movementsQuery(db: Database) {
  return db
    .selectFrom('spare_movements as m')
    .innerJoin('spare_documents as d', 'd.id', 'm.document_id')
    .innerJoin('spare_items as i', 'i.id', 'm.item_id')
    .innerJoin('spare_warehouses as w', 'w.id', 'm.warehouse_id')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .leftJoin('assets as a', 'a.id', 'm.asset_id')
    .leftJoin('users as r', 'r.id', 'm.recipient_id')
    .leftJoin('users as u', 'u.id', 'm.actor_id')
    .select([
      'm.id',
      'd.number',
      'd.supplier',
      'm.kind',
      'm.at',
      'm.item_id',
      'i.code as item_code',
      'i.name as item_name',
      'i.unit',
      'm.warehouse_id',
      'w.code as warehouse_code',
      'w.name as warehouse_name',
      'm.quantity',
      'm.balance_after',
      'm.unit_price',
      'm.ticket_id',
      't.number as ticket_number',
      't.title as ticket_title',
      'm.asset_id',
      'a.tag as asset_tag',
      'a.name as asset_name',
      'm.recipient_id',
      'r.display_name as recipient_name',
      'm.actor_id',
      'u.display_name as actor_name',
      'm.note',
      'm.returned',
    ]);
}

export type MovementRow = Awaited<ReturnType<ReturnType<typeof movementsQuery>['execute']>>[number];

export function presentMovement(r: MovementRow): SpareMovement {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as SpareMovementKind,
    at: new Date(r.at).toISOString(),
    item: { id: r.item_id, code: r.item_code, name: r.item_name, unit: r.unit },
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    quantity: r.quantity,
    balanceAfter: r.balance_after,
    unitPrice: r.unit_price,
    ticket: r.ticket_id ? { id: r.ticket_id, number: r.ticket_number ?? '', title: r.ticket_title ?? '' } : null,
    asset: r.asset_id ? { id: r.asset_id, tag: r.asset_tag ?? '', name: r.asset_name ?? '' } : null,
    recipient: r.recipient_id ? { id: r.recipient_id, displayName: r.recipient_name ?? '' } : null,
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    supplier: r.supplier,
    note: r.note,
    returnable: r.kind === 'issue' ? -r.quantity - r.returned : 0,
  };
}

/** The given ledger rows, in id order. */
export async function movementsById(db: Database, ids: number[]): Promise<SpareMovement[]> {
  if (!ids.length) return [];
  const rows = await movementsQuery(db).where('m.id', 'in', ids).orderBy('m.id').execute();
  return rows.map(presentMovement);
}
