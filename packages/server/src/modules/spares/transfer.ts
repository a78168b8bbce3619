import type { SpareTransferBody } from '@shuyun/shared';
import { writeAudit } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import {
  activeWarehouse,
  type Ctx,
  lockItems,
  newDocument,
  putStock,
  type SparePlatform,
  settleLowStock,
  takeStock,
  writeMovements,
} from './stock.js';

/** Moves stock between warehouses atomically: the take is conditional, both ledger rows or none. */
export async function transferStock(platform: SparePlatform, ctx: Ctx, input: SpareTransferBody) {
  if (input.fromWarehouseId === input.toWarehouseId) throw fieldError('toWarehouseId', 'same', 'spares.errors.sameWarehouse');
  return platform.db.transaction().execute(async (trx) => {
    const items = await lockItems(trx, [input.itemId], () => 'itemId');
    const item = items.get(input.itemId) as NonNullable<ReturnType<typeof items.get>>;
    const from = await activeWarehouse(trx, input.fromWarehouseId, 'fromWarehouseId');
    const to = await activeWarehouse(trx, input.toWarehouseId, 'toWarehouseId');
    const doc = await newDocument(trx, platform, ctx.actor, 'transfer', { note: input.note });
    const fromBalance = await takeStock(trx, item, from, input.quantity);
    const toBalance = await putStock(trx, item.id, to.id, input.quantity);
    const ids = await writeMovements(trx, doc.id, ctx.actor, [
      {
        kind: 'transferOut',
        itemId: item.id,
        warehouseId: from.id,
        quantity: -input.quantity,
        balanceAfter: fromBalance,
        note: input.note,
      },
      { kind: 'transferIn', itemId: item.id, warehouseId: to.id, quantity: input.quantity, balanceAfter: toBalance, note: input.note },
    ]);
    await settleLowStock(trx, platform, ctx.actor, items.values());
    await writeAudit(trx, ctx, {
      action: 'spare.transfer',
      objectType: 'spareDocument',
      objectId: doc.id,
      objectLabel: doc.number,
      after: { item: item.code, from: from.code, to: to.code, quantity: input.quantity },
    });
    return { number: doc.number, ids };
  });
}
