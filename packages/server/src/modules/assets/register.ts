import { ASSET_TAG_PREFIX, type CreateAssetBody, type UpdateAssetBody } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { fieldError, notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';
import { nextTag } from '../../platform/numbering/numbering.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { assetsInScope } from './access.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { assets_serial_key: 'serialNo', assets_tag_key: 'tag' };

/** Refuses ids that name nothing (or an inactive category/location for new use); returns the location's name. */
async function checkReferences(
  trx: Transaction<DB>,
  refs: { categoryId?: number; locationId?: number | null; departmentId?: number | null; systemId?: number | null },
): Promise<{ locationName?: string }> {
  if (refs.categoryId) {
    const c = await trx
      .selectFrom('asset_categories')
      .select('id')
      .where('id', '=', refs.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!c) throw fieldError('categoryId', 'notFound', 'errors.notFound');
  }
  let locationName: string | undefined;
  if (refs.locationId) {
    const l = await trx
      .selectFrom('asset_locations')
      .select('name')
      .where('id', '=', refs.locationId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!l) throw fieldError('locationId', 'notFound', 'errors.notFound');
    locationName = l.name;
  }
  if (refs.departmentId) {
    const d = await trx.selectFrom('departments').select('id').where('id', '=', refs.departmentId).executeTakeFirst();
    if (!d) throw fieldError('departmentId', 'notFound', 'errors.notFound');
  }
  if (refs.systemId) {
    const s = await trx.selectFrom('it_systems').select('id').where('id', '=', refs.systemId).executeTakeFirst();
    if (!s) throw fieldError('systemId', 'notFound', 'errors.notFound');
  }
  return { locationName };
}

/** Inbound 入库: registers one asset in stock at a location, with the next ZC tag; history and audit. */
export async function createAsset(db: Database, ctx: Ctx, input: CreateAssetBody): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { locationName } = await checkReferences(trx, input);
    const tag = await nextTag(trx, ASSET_TAG_PREFIX);
    const row = await trx
      .insertInto('assets')
      .values({
        tag,
        category_id: input.categoryId,
        name: input.name,
        model: input.model ?? null,
        serial_no: input.serialNo ?? null,
        vendor: input.vendor ?? null,
        purchase_date: input.purchaseDate ?? null,
        purchase_price: input.purchasePrice ?? null,
        warranty_end: input.warrantyEnd ?? null,
        status: 'in_stock',
        location_id: input.locationId,
        department_id: input.departmentId ?? null,
        system_id: input.systemId ?? null,
        note: input.note ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error) => rethrowUnique(error, UNIQUE));
    await appendTimeline(trx, { type: 'asset', id: row.id }, ctx.actor.userId, { kind: 'assetRegistered', tag, location: locationName });
    await writeAudit(trx, ctx, { action: 'create', objectType: 'asset', objectId: row.id, objectLabel: tag, after: input });
    return row.id;
  });
}

const FIELD_COLUMNS = {
  categoryId: 'category_id',
  name: 'name',
  model: 'model',
  serialNo: 'serial_no',
  vendor: 'vendor',
  purchaseDate: 'purchase_date',
  purchasePrice: 'purchase_price',
  warrantyEnd: 'warranty_end',
  locationId: 'location_id',
  departmentId: 'department_id',
  systemId: 'system_id',
  note: 'note',
} as const;

/** Edits an asset's fields (not its status or holder: those change only through operations); version-checked. */
export async function updateAsset(db: Database, ctx: Ctx, id: number, input: UpdateAssetBody): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await assetsInScope(trx, ctx.actor).selectAll('a').where('a.id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    await checkReferences(trx, input);
    const set: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const [key, column] of Object.entries(FIELD_COLUMNS)) {
      const value = input[key as keyof typeof FIELD_COLUMNS];
      if (value === undefined) continue;
      set[column] = value;
      fields.push(key);
    }
    const result = await trx
      .updateTable('assets')
      .set({ ...set, version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst()
      .catch((error) => rethrowUnique(error, UNIQUE));
    if (result.numUpdatedRows === 0n) throw versionConflict();
    if (!fields.length) return;
    await appendTimeline(trx, { type: 'asset', id }, ctx.actor.userId, { kind: 'updated', fields });
    const { version: _v, ...after } = input;
    const beforeValues = Object.fromEntries(fields.map((f) => [f, before[FIELD_COLUMNS[f as keyof typeof FIELD_COLUMNS]]]));
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'asset',
      objectId: id,
      objectLabel: before.tag,
      before: beforeValues,
      after,
    });
  });
}
