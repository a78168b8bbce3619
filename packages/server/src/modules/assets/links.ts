import { writeAudit } from '../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { ticketsInScope } from '../tickets/queries.js';
import { assetsInScope } from './access.js';
import type { Ctx } from './operate.js';

/**
 * Links a ticket to an asset (one record_links row, asset → ticket). Both must be visible to the
 * caller; each record's history names the other; audited.
 */
export async function linkTicket(platform: Pick<Platform, 'db'>, ctx: Ctx, assetId: number, number: string): Promise<void> {
  const { db } = platform;
  const asset = await assetsInScope(db, ctx.actor).select(['a.id', 'a.tag']).where('a.id', '=', assetId).executeTakeFirst();
  if (!asset) throw notFound();
  const ticket = await ticketsInScope(db, ctx.actor)
    .select(['t.id', 't.number'])
    .where('t.number', '=', number.toUpperCase())
    .executeTakeFirst();
  if (!ticket) throw fieldError('number', 'notFound', 'errors.notFound');
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('record_links')
      .values({ from_type: 'asset', from_id: asset.id, to_type: 'ticket', to_id: ticket.id, created_by: ctx.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('duplicate', { field: ticket.number });
    await appendTimeline(trx, { type: 'asset', id: asset.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'ticket',
      targetNumber: ticket.number,
    });
    await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'asset',
      targetNumber: asset.tag,
    });
    await writeAudit(trx, ctx, {
      action: 'link',
      objectType: 'asset',
      objectId: asset.id,
      objectLabel: asset.tag,
      after: { ticket: ticket.number },
    });
  });
}
