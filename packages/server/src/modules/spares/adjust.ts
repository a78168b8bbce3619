import type { SpareAdjustmentBody } from '@shuyun/shared';
import { writeAudit } from '../../platform/audit/audit.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { activeWarehouse, type Ctx, lockItems, newDocument, type SparePlatform, settleLowStock, writeMovements } from './stock.js';

/**
 * Sets a warehouse's stock to what a count found, with a reason. One conditional write: refused
 * (409 stockChanged) if the stock is no longer what the counter's form showed.
 */
export async function adjustStock(platform: SparePlatform, ctx: Ctx, input: SpareAdjustmentBody) {
  const delta = input.countedQuantity - input.expectedQuantity;
  if (delta === 0) throw fieldError('countedQuantity', 'same', 'spares.errors.noDifference');
  return platform.db.transaction().execute(async (trx) => {
    const items = await lockItems(trx, [input.itemId], () => 'itemId');
    const item = items.get(input.itemId) as NonNullable<ReturnType<typeof items.get>>;
    const warehouse = await activeWarehouse(trx, input.warehouseId, 'warehouseId');
    // Expecting nothing: the stock row may not exist yet (insert it), or must hold 0.
    const row =
      input.expectedQuantity === 0
        ? await trx
            .insertInto('spare_stock')
            .values({ item_id: item.id, warehouse_id: warehouse.id, quantity: input.countedQuantity })
            .onConflict((oc) =>
              oc
                .columns(['item_id', 'warehouse_id'])
                .doUpdateSet({ quantity: input.countedQuantity, updated_at: new Date() })
                .where('spare_stock.quantity', '=', 0),
            )
            .returning('quantity')
            .executeTakeFirst()
        : await trx
            .updateTable('spare_stock')
            .set({ quantity: input.countedQuantity, updated_at: new Date() })
            .where('item_id', '=', item.id)
            .where('warehouse_id', '=', warehouse.id)
            .where('quantity', '=', input.expectedQuantity)
            .returning('quantity')
            .executeTakeFirst();
    if (!row) throw new AppError('stockChanged', { item: item.name });
    const doc = await newDocument(trx, platform, ctx.actor, 'adjust', { note: input.reason });
    const ids = await writeMovements(trx, doc.id, ctx.actor, [
      {
        kind: 'adjust',
        itemId: item.id,
        warehouseId: warehouse.id,
        quantity: delta,
        balanceAfter: input.countedQuantity,
        note: input.reason,
      },
    ]);
    await settleLowStock(trx, platform, ctx.actor, items.values());
    await writeAudit(trx, ctx, {
      action: 'spare.adjust',
      objectType: 'spareDocument',
      objectId: doc.id,
      objectLabel: doc.number,
      before: { item: item.code, warehouse: warehouse.code, quantity: input.expectedQuantity },
      after: { item: item.code, warehouse: warehouse.code, quantity: input.countedQuantity, reason: input.reason },
    });
    return { number: doc.number, ids };
  });
}
