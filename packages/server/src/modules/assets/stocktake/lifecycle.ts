import { sql } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit.js';
import { versionConflict } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/http/types.js';
import { appendTimeline } from '../../../platform/timeline/timeline.js';
import { assetScope } from '../access.js';
import { loadStocktake, requireOwner, requireStatus } from './access.js';
import type { Ctx } from './create.js';
import { notifyCountersStarted } from './notify.js';

/** The statuses an asset must have to be expected in a stocktake. */
export const EXPECTED_STATUSES = ['in_stock', 'in_use', 'in_repair'] as const;

/**
 * Starts a draft stocktake: one INSERT … SELECT snapshots the assets in scope (category, department
 * subtree, location subtree; an empty dimension does not restrict) — and within the owner's own
 * `asset.read` scope, so a stocktake never shows anyone assets they could not open — with their
 * location, department, custodian and version; the counters are told.
 */
export async function startStocktake(platform: Platform, ctx: Ctx, id: number, version: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id);
    requireOwner(ctx.actor, st);
    requireStatus(st, 'draft');
    const moved = await trx
      .updateTable('stocktakes')
      .set({ status: 'in_progress', started_at: new Date(), version: version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw versionConflict();
    const cats = st.category_ids.map(Number);
    const deps = st.department_ids.map(Number);
    const locs = st.location_ids.map(Number);
    const inserted = await sql`
      INSERT INTO stocktake_lines (stocktake_id, asset_id, tag, expected, asset_version,
        expected_location_id, expected_department_id, expected_custodian_id)
      SELECT ${id}, a.id, a.tag, true, a.version, a.location_id, a.department_id, a.custodian_id
      FROM assets a
      WHERE a.status IN ('in_stock', 'in_use', 'in_repair')
        AND ${assetScope(ctx.actor)}
        AND (cardinality(${cats}::bigint[]) = 0 OR a.category_id = ANY(${cats}::bigint[]))
        AND (cardinality(${deps}::bigint[]) = 0 OR a.department_id IN (
          SELECT d.id FROM departments d JOIN departments r ON r.id = ANY(${deps}::bigint[])
          WHERE d.id = r.id OR (r.path <> '/' AND d.path LIKE r.path || '%')))
        AND (cardinality(${locs}::bigint[]) = 0 OR a.location_id IN (
          SELECT l.id FROM asset_locations l JOIN asset_locations r ON r.id = ANY(${locs}::bigint[])
          WHERE l.id = r.id OR (r.path <> '/' AND l.path LIKE r.path || '%')))
    `.execute(trx);
    const expected = Number(inserted.numAffectedRows ?? 0n);
    await trx.updateTable('stocktake_progress').set({ expected, pending: expected }).where('stocktake_id', '=', id).execute();
    await appendTimeline(trx, { type: 'stocktake', id }, ctx.actor.userId, { kind: 'stateChanged', from: 'draft', to: 'in_progress' });
    await writeAudit(trx, ctx, {
      action: 'stocktake.start',
      objectType: 'stocktake',
      objectId: id,
      objectLabel: `${st.number} ${st.name}`,
      before: { status: 'draft' },
      after: { status: 'in_progress', expected },
    });
    await notifyCountersStarted(trx, platform, ctx.actor.userId, st, expected);
  });
}

/**
 * Completes a running stocktake: every line still pending becomes missing. Taking the stocktake's row
 * lock waits for scans in flight (they hold it shared), so no scan lands after the count.
 */
export async function completeStocktake(platform: Platform, ctx: Ctx, id: number, version: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id);
    requireOwner(ctx.actor, st);
    requireStatus(st, 'in_progress');
    const moved = await trx
      .updateTable('stocktakes')
      .set({ status: 'completed', completed_at: new Date(), version: version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'in_progress')
      .where('version', '=', version)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw versionConflict();
    const missing = await trx
      .updateTable('stocktake_lines')
      .set({ result: 'missing' })
      .where('stocktake_id', '=', id)
      .where('result', '=', 'pending')
      .executeTakeFirst();
    const n = Number(missing.numUpdatedRows);
    await trx.updateTable('stocktake_progress').set({ missing: n, pending: 0 }).where('stocktake_id', '=', id).execute();
    await appendTimeline(trx, { type: 'stocktake', id }, ctx.actor.userId, { kind: 'stateChanged', from: 'in_progress', to: 'completed' });
    await writeAudit(trx, ctx, {
      action: 'stocktake.complete',
      objectType: 'stocktake',
      objectId: id,
      objectLabel: `${st.number} ${st.name}`,
      before: { status: 'in_progress' },
      after: { status: 'completed', missing: n },
    });
  });
}

/** Cancels a draft or running stocktake; its lines stay as they were, nothing is applied. */
export async function cancelStocktake(platform: Platform, ctx: Ctx, id: number, version: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id);
    requireOwner(ctx.actor, st);
    requireStatus(st, 'draft', 'in_progress');
    const moved = await trx
      .updateTable('stocktakes')
      .set({ status: 'cancelled', version: version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['draft', 'in_progress'])
      .where('version', '=', version)
      .executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw versionConflict();
    await appendTimeline(trx, { type: 'stocktake', id }, ctx.actor.userId, { kind: 'stateChanged', from: st.status, to: 'cancelled' });
    await writeAudit(trx, ctx, {
      action: 'stocktake.cancel',
      objectType: 'stocktake',
      objectId: id,
      objectLabel: `${st.number} ${st.name}`,
      before: { status: st.status },
      after: { status: 'cancelled' },
    });
  });
}
