import { APPLICABLE_RESULTS } from '@shuyun/shared';
import { writeAudit } from '../../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/http/types.js';
import { appendTimeline } from '../../../platform/timeline/timeline.js';
import { assetScope } from '../access.js';
import { loadStocktake, requireOwner, requireStatus } from './access.js';
import type { Ctx } from './create.js';
import { EXPECTED_STATUSES } from './lifecycle.js';

/**
 * Applies one anomaly of a completed stocktake to the asset register: missing → the asset is marked
 * lost; wrong location → the asset's location becomes the scanned one. The asset write is conditional
 * on the version the snapshot saw, so an asset changed since (or concurrently) is a versionConflict,
 * never a lost update. Timeline entries on the asset and the stocktake, and the audit, in the same
 * transaction.
 */
export async function applyLine(platform: Platform, ctx: Ctx, id: number, lineId: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id);
    requireOwner(ctx.actor, st);
    requireStatus(st, 'completed');
    const line = await trx
      .selectFrom('stocktake_lines as l')
      .leftJoin('asset_locations as el', 'el.id', 'l.expected_location_id')
      .leftJoin('asset_locations as sl', 'sl.id', 'l.scanned_location_id')
      .select([
        'l.id',
        'l.tag',
        'l.result',
        'l.asset_id',
        'l.asset_version',
        'l.applied_at',
        'l.scanned_location_id',
        'el.name as from_name',
        'sl.name as to_name',
      ])
      .where('l.id', '=', lineId)
      .where('l.stocktake_id', '=', id)
      .executeTakeFirst();
    if (!line) throw notFound();
    const result = line.result as (typeof APPLICABLE_RESULTS)[number];
    if (!APPLICABLE_RESULTS.includes(result) || !line.asset_id || line.asset_version === null) throw new AppError('invalidTransition');
    const claimed = await trx
      .updateTable('stocktake_lines')
      .set({ applied_at: new Date(), applied_by: ctx.actor.userId })
      .where('id', '=', lineId)
      .where('applied_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) throw new AppError('invalidTransition');
    const asset = { type: 'asset', id: line.asset_id };
    // Within the owner's asset scope as it is now; an asset waiting for a receipt, a transfer-in or a
    // scrap decision is not marked lost behind that person's back (the lose operation refuses it too).
    const changed = await trx
      .updateTable('assets as a')
      .set(
        result === 'missing'
          ? { status: 'lost', version: line.asset_version + 1, updated_at: new Date() }
          : { location_id: line.scanned_location_id, version: line.asset_version + 1, updated_at: new Date() },
      )
      .where('a.id', '=', line.asset_id)
      .where('a.version', '=', line.asset_version)
      .where('a.status', 'in', [...EXPECTED_STATUSES])
      .where(assetScope(ctx.actor))
      .where((eb) =>
        result === 'missing'
          ? eb.not(eb.exists(eb.selectFrom('asset_pending_actions as p').select('p.id').whereRef('p.asset_id', '=', 'a.id')))
          : eb.lit(true),
      )
      .returning(['a.id', 'a.name', 'a.status', 'a.location_id'])
      .executeTakeFirst();
    if (!changed) {
      const pending = await trx.selectFrom('asset_pending_actions').select('kind').where('asset_id', '=', line.asset_id).executeTakeFirst();
      if (pending && result === 'missing')
        throw new AppError('assetPendingAction', { pending: `i18n:assets.pending.${pending.kind}` }, { pending: pending.kind });
      throw versionConflict();
    }
    await appendTimeline(
      trx,
      asset,
      ctx.actor.userId,
      result === 'missing'
        ? { kind: 'stocktakeMarkedLost', stocktakeNumber: st.number }
        : { kind: 'stocktakeRelocated', stocktakeNumber: st.number, from: line.from_name ?? '—', to: line.to_name ?? '—' },
    );
    await appendTimeline(trx, { type: 'stocktake', id }, ctx.actor.userId, { kind: 'stocktakeApplied', tag: line.tag, result });
    await trx
      .updateTable('stocktake_progress')
      .set((eb) => ({ applied: eb('applied', '+', 1) }))
      .where('stocktake_id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'stocktake.apply',
      objectType: 'asset',
      objectId: line.asset_id,
      objectLabel: `${line.tag} ${changed.name}`,
      before: result === 'missing' ? { stocktake: st.number } : { stocktake: st.number, locationId: null },
      after: result === 'missing' ? { status: 'lost' } : { locationId: line.scanned_location_id },
    });
  });
}

/**
 * Applies several anomalies (the given lines, or every unapplied missing / wrong-location line), each
 * in its own transaction: one conflict does not undo the others; conflicts are reported by line.
 */
export async function applyLines(platform: Platform, ctx: Ctx, id: number, lineIds?: number[]) {
  const st = await loadStocktake(platform.db, ctx.actor, id);
  requireOwner(ctx.actor, st);
  requireStatus(st, 'completed');
  let query = platform.db
    .selectFrom('stocktake_lines')
    .select(['id', 'tag'])
    .where('stocktake_id', '=', id)
    .where('result', 'in', [...APPLICABLE_RESULTS])
    .where('applied_at', 'is', null)
    .where('asset_id', 'is not', null)
    .orderBy('id');
  if (lineIds) query = query.where('id', 'in', lineIds);
  const lines = await query.execute();
  if (lineIds && lines.length !== new Set(lineIds).size) throw new AppError('invalidTransition');
  let applied = 0;
  const conflicts: { lineId: number; tag: string }[] = [];
  for (const line of lines) {
    try {
      await applyLine(platform, ctx, id, line.id);
      applied++;
    } catch (error) {
      if (error instanceof AppError && ['versionConflict', 'invalidTransition', 'assetPendingAction'].includes(error.code)) {
        conflicts.push({ lineId: line.id, tag: line.tag });
      } else throw error;
    }
  }
  return { applied, conflicts };
}
