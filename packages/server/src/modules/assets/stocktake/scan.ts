import type { ScanInput, StocktakeResult } from '@shuyun/shared';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { AppError, fieldError, notFound } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/http/types.js';
import { localMinute } from '../../../platform/i18n.js';
import { appendTimeline } from '../../../platform/timeline/timeline.js';
import { loadStocktake, requireOwner, requireStatus } from './access.js';
import type { Ctx } from './create.js';

/** A QR label's text is the tag; people typing it may add spaces or lower case. */
export const normaliseTag = (text: string) => text.trim().toUpperCase();

/** Moves one line between results in the progress row (one statement). */
export async function shiftProgress(
  trx: Kysely<DB>,
  stocktakeId: number,
  from: StocktakeResult | null,
  to: StocktakeResult | null,
): Promise<void> {
  const set: string[] = [];
  if (from) set.push(`${from} = ${from} - 1`);
  if (to) set.push(`${to} = ${to} + 1`);
  if (!set.length) return;
  await sql`UPDATE stocktake_progress SET ${sql.raw(set.join(', '))} WHERE stocktake_id = ${stocktakeId}`.execute(trx);
}

async function alreadyScanned(trx: Transaction<DB>, stocktakeId: number, tag: string, timeZone: string): Promise<never> {
  const line = await trx
    .selectFrom('stocktake_lines as l')
    .leftJoin('users as u', 'u.id', 'l.scanned_by')
    .select(['l.result', 'l.scanned_at', 'u.id as user_id', 'u.display_name'])
    .where('l.stocktake_id', '=', stocktakeId)
    .where('l.tag', '=', tag)
    .executeTakeFirst();
  if (!line) throw new AppError('conflict');
  if (line.result === 'missing') throw new AppError('stocktakeNotRunning', { status: 'i18n:stocktake.status.completed' });
  const at = line.scanned_at ? localMinute(line.scanned_at, timeZone) : '';
  throw new AppError(
    'alreadyScanned',
    { tag, by: line.display_name ?? '', at },
    {
      tag,
      scannedBy: line.user_id ? { id: line.user_id, displayName: line.display_name } : null,
      scannedAt: line.scanned_at ? new Date(line.scanned_at).toISOString() : null,
    },
  );
}

/**
 * Records one scan by a counter. A tag in the snapshot: one conditional write on its pending line
 * (found, or wrong_location / wrong_user); any other text: one insert of a surplus line. Either way a
 * tag is scanned once per stocktake — a second scan is 409 alreadyScanned naming who and when.
 * The stocktake row is held shared so that completion waits for scans in flight.
 */
export async function scanTag(platform: Platform, ctx: Ctx, id: number, input: ScanInput): Promise<number> {
  const tag = normaliseTag(input.tag);
  return platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id, 'share');
    if (!st.counter_ids.map(Number).includes(ctx.actor.userId)) throw new AppError('notCounter');
    requireStatus(st, 'in_progress');
    const locationId = input.locationId ?? null;
    if (locationId !== null) {
      const location = await trx.selectFrom('asset_locations').select('id').where('id', '=', locationId).executeTakeFirst();
      if (!location) throw fieldError('locationId', 'notFound', 'errors.notFound');
    }
    const confirmed = input.custodianConfirmed ?? null;
    const note = input.note?.trim() || null;
    const scanned = await trx
      .updateTable('stocktake_lines')
      .set({
        result: sql`CASE WHEN ${locationId}::bigint IS NOT NULL AND expected_location_id IS DISTINCT FROM ${locationId}::bigint THEN 'wrong_location'
          WHEN ${confirmed}::boolean = false THEN 'wrong_user' ELSE 'found' END`,
        scanned_location_id: locationId,
        custodian_confirmed: confirmed,
        note,
        scanned_by: ctx.actor.userId,
        scanned_at: new Date(),
      })
      .where('stocktake_id', '=', id)
      .where('tag', '=', tag)
      .where('result', '=', 'pending')
      .returning(['id', 'result'])
      .executeTakeFirst();
    let lineId: number;
    let result: StocktakeResult;
    if (scanned) {
      lineId = scanned.id;
      result = scanned.result;
      await shiftProgress(trx, id, 'pending', result);
    } else {
      const asset = await trx.selectFrom('assets').select('id').where('tag', '=', tag).executeTakeFirst();
      const surplus = await trx
        .insertInto('stocktake_lines')
        .values({
          stocktake_id: id,
          asset_id: asset?.id ?? null,
          tag,
          expected: false,
          result: 'surplus',
          scanned_location_id: locationId,
          custodian_confirmed: confirmed,
          note,
          scanned_by: ctx.actor.userId,
          scanned_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['stocktake_id', 'tag']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!surplus) return alreadyScanned(trx, id, tag, platform.config.TIMEZONE);
      lineId = surplus.id;
      result = 'surplus';
      await shiftProgress(trx, id, null, 'surplus');
    }
    await writeAudit(trx, ctx, {
      action: 'stocktake.scan',
      objectType: 'stocktake',
      objectId: id,
      objectLabel: `${st.number} ${tag}`,
      after: { tag, result, locationId, custodianConfirmed: confirmed },
    });
    return lineId;
  });
}

/**
 * The owner's correction: puts a scanned line back to pending (a surplus line is removed) so that it
 * can be scanned again. Only while the stocktake runs.
 */
export async function resetLine(platform: Platform, ctx: Ctx, id: number, lineId: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const st = await loadStocktake(trx, ctx.actor, id, 'share');
    requireOwner(ctx.actor, st);
    requireStatus(st, 'in_progress');
    const line = await trx
      .selectFrom('stocktake_lines')
      .select(['id', 'tag', 'result', 'expected'])
      .where('id', '=', lineId)
      .where('stocktake_id', '=', id)
      .executeTakeFirst();
    if (!line) throw notFound();
    if (line.result === 'pending') throw new AppError('invalidTransition');
    if (line.expected) {
      const done = await trx
        .updateTable('stocktake_lines')
        .set({ result: 'pending', scanned_location_id: null, custodian_confirmed: null, note: null, scanned_by: null, scanned_at: null })
        .where('id', '=', lineId)
        .where('result', '=', line.result)
        .executeTakeFirst();
      if (done.numUpdatedRows === 0n) throw new AppError('versionConflict');
      await shiftProgress(trx, id, line.result, 'pending');
    } else {
      const done = await trx.deleteFrom('stocktake_lines').where('id', '=', lineId).where('result', '=', 'surplus').executeTakeFirst();
      if (done.numDeletedRows === 0n) throw new AppError('versionConflict');
      await shiftProgress(trx, id, 'surplus', null);
    }
    await appendTimeline(trx, { type: 'stocktake', id }, ctx.actor.userId, { kind: 'stocktakeLineReset', tag: line.tag });
    await writeAudit(trx, ctx, {
      action: 'stocktake.resetLine',
      objectType: 'stocktake',
      objectId: id,
      objectLabel: `${st.number} ${line.tag}`,
      before: { tag: line.tag, result: line.result },
      after: { tag: line.tag, result: line.expected ? 'pending' : null },
    });
  });
}
