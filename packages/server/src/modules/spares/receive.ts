import type { SpareReceiptBody } from '@shuyun/shared';
import { writeAudit } from '../../platform/audit/audit.js';
import {
  activeWarehouse,
  type Ctx,
  lockItems,
  newDocument,
  putStock,
  type SparePlatform,
  settleLowStock,
  writeMovements,
} from './stock.js';

/** Books an inbound receipt 入库: several lines into one warehouse, in one transaction. */
export async function receiveStock(platform: SparePlatform, ctx: Ctx, input: SpareReceiptBody) {
  return platform.db.transaction().execute(async (trx) => {
    const warehouse = await activeWarehouse(trx, input.warehouseId, 'warehouseId');
    const items = await lockItems(
      trx,
      input.lines.map((l) => l.itemId),
      (id) => `lines.${input.lines.findIndex((l) => l.itemId === id)}.itemId`,
    );
    const doc = await newDocument(trx, platform, ctx.actor, 'inbound', { supplier: input.supplier, note: input.note });
    const rows = [];
    for (const line of input.lines) {
      const balanceAfter = await putStock(trx, line.itemId, warehouse.id, line.quantity);
      rows.push({
        kind: 'inbound' as const,
        itemId: line.itemId,
        warehouseId: warehouse.id,
        quantity: line.quantity,
        balanceAfter,
        unitPrice: line.unitPrice ?? null,
      });
    }
    const ids = await writeMovements(trx, doc.id, ctx.actor, rows);
    await settleLowStock(trx, platform, ctx.actor, items.values());
    await writeAudit(trx, ctx, {
      action: 'spare.inbound',
      objectType: 'spareDocument',
      objectId: doc.id,
      objectLabel: doc.number,
      after: {
        warehouse: warehouse.code,
        supplier: input.supplier ?? null,
        lines: input.lines.map((l) => ({ item: items.get(l.itemId)?.code, quantity: l.quantity, unitPrice: l.unitPrice ?? null })),
      },
    });
    return { number: doc.number, ids };
  });
}
