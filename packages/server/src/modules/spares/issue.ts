import type { SpareIssueBody, SpareIssueTarget, SpareReturnBody } from '@shuyun/shared';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAccess } from '../../platform/access/records.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
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

/**
 * The ticket through the platform's record access: one the issuer cannot see is 404; one they see but
 * may no longer add to (closed, cancelled, rejected) refuses the issue.
 */
export async function checkTicket(db: Kysely<DB>, actor: Actor, ticketId: number, forWriting: boolean): Promise<void> {
  const access = recordAccess('ticket');
  if (!access || !(await access.canRead(db, actor, ticketId))) throw notFound();
  if (forWriting && access.canWrite && !(await access.canWrite(db, actor, ticketId))) throw new AppError('invalidTransition');
}

interface ResolvedTarget {
  ticketId: number | null;
  assetId: number | null;
  recipientId: number | null;
  label: string;
}

/** What an issue is for, checked: a ticket the issuer may see and that is still open, an asset by tag, an active person. */
async function resolveTarget(trx: Transaction<DB>, actor: Actor, target: SpareIssueTarget): Promise<ResolvedTarget> {
  if (target.type === 'ticket') {
    await checkTicket(trx, actor, target.ticketId, true);
    return { ticketId: target.ticketId, assetId: null, recipientId: null, label: `ticket ${target.ticketId}` };
  }
  if (target.type === 'asset') {
    // The tag is read off the device under repair: any asset of the register may be named.
    const asset = await trx.selectFrom('assets').select(['id', 'tag']).where('tag', '=', target.assetTag.toUpperCase()).executeTakeFirst();
    if (!asset) throw fieldError('target.assetTag', 'notFound', 'spares.errors.unknownAsset', { tag: target.assetTag });
    return { ticketId: null, assetId: asset.id, recipientId: null, label: asset.tag };
  }
  const user = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', '=', target.userId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) throw fieldError('target.userId', 'notFound', 'spares.errors.unknownPerson');
  return { ticketId: null, assetId: null, recipientId: user.id, label: user.username };
}

/**
 * Issues parts 领用 to a ticket, an asset's repair or a person: one conditional take of the stock,
 * the ledger row with the balance that take returned, the ticket's timeline entry, the audit entry
 * and any low-stock alert — one transaction.
 */
export async function issueStock(platform: SparePlatform, ctx: Ctx, input: SpareIssueBody) {
  return platform.db.transaction().execute(async (trx) => {
    const target = await resolveTarget(trx, ctx.actor, input.target);
    const items = await lockItems(trx, [input.itemId], () => 'itemId');
    const item = items.get(input.itemId) as NonNullable<ReturnType<typeof items.get>>;
    const warehouse = await activeWarehouse(trx, input.warehouseId, 'warehouseId');
    const balanceAfter = await takeStock(trx, item, warehouse, input.quantity);
    const doc = await newDocument(trx, platform, ctx.actor, 'issue', { note: input.note });
    const ids = await writeMovements(trx, doc.id, ctx.actor, [
      {
        kind: 'issue',
        itemId: item.id,
        warehouseId: warehouse.id,
        quantity: -input.quantity,
        balanceAfter,
        ticketId: target.ticketId,
        assetId: target.assetId,
        recipientId: target.recipientId,
        note: input.note,
      },
    ]);
    if (target.ticketId) {
      await appendTimeline(trx, { type: 'ticket', id: target.ticketId }, ctx.actor.userId, {
        kind: 'spareIssued',
        number: doc.number,
        itemName: item.name,
        quantity: input.quantity,
        unit: item.unit,
      });
    }
    await settleLowStock(trx, platform, ctx.actor, items.values());
    await writeAudit(trx, ctx, {
      action: 'spare.issue',
      objectType: 'spareDocument',
      objectId: doc.id,
      objectLabel: doc.number,
      after: { item: item.code, warehouse: warehouse.code, quantity: input.quantity, target: input.target.type, to: target.label },
    });
    return { number: doc.number, ids };
  });
}

/**
 * Returns part of an issue to the warehouse it came from. The issue's outstanding quantity is taken
 * down with one conditional write, so two returns can never give back more than was issued.
 */
export async function returnStock(platform: SparePlatform, ctx: Ctx, input: SpareReturnBody) {
  return platform.db.transaction().execute(async (trx) => {
    const issue = await trx
      .selectFrom('spare_movements')
      .select(['id', 'item_id', 'warehouse_id', 'ticket_id'])
      .where('id', '=', input.issueId)
      .where('kind', '=', 'issue')
      .executeTakeFirst();
    if (!issue) throw notFound();
    if (issue.ticket_id) await checkTicket(trx, ctx.actor, issue.ticket_id, false);
    const items = await lockItems(trx, [issue.item_id], () => 'issueId');
    const item = items.get(issue.item_id) as NonNullable<ReturnType<typeof items.get>>;
    const taken = await trx
      .updateTable('spare_movements')
      .set((eb) => ({ returned: eb('returned', '+', input.quantity) }))
      .where('id', '=', issue.id)
      .where((eb) => eb(eb(eb.neg(eb.ref('quantity')), '-', eb.ref('returned')), '>=', input.quantity))
      .returning(['ticket_id', 'asset_id', 'recipient_id'])
      .executeTakeFirst();
    if (!taken) {
      const now = await trx
        .selectFrom('spare_movements')
        .select(['quantity', 'returned'])
        .where('id', '=', issue.id)
        .executeTakeFirstOrThrow();
      throw new AppError('returnExceedsIssued', { returnable: -now.quantity - now.returned, unit: item.unit });
    }
    const doc = await newDocument(trx, platform, ctx.actor, 'return', { note: input.note });
    const balanceAfter = await putStock(trx, item.id, issue.warehouse_id, input.quantity);
    const ids = await writeMovements(trx, doc.id, ctx.actor, [
      {
        kind: 'return',
        itemId: item.id,
        warehouseId: issue.warehouse_id,
        quantity: input.quantity,
        balanceAfter,
        ticketId: taken.ticket_id,
        assetId: taken.asset_id,
        recipientId: taken.recipient_id,
        issueId: issue.id,
        note: input.note,
      },
    ]);
    if (taken.ticket_id) {
      await appendTimeline(trx, { type: 'ticket', id: taken.ticket_id }, ctx.actor.userId, {
        kind: 'spareReturned',
        number: doc.number,
        itemName: item.name,
        quantity: input.quantity,
        unit: item.unit,
      });
    }
    await settleLowStock(trx, platform, ctx.actor, items.values());
    await writeAudit(trx, ctx, {
      action: 'spare.return',
      objectType: 'spareDocument',
      objectId: doc.id,
      objectLabel: doc.number,
      after: { item: item.code, quantity: input.quantity, issueId: issue.id },
    });
    return { number: doc.number, ids };
  });
}
