import type { AssetCategoryBody, AssetCategoryUpdateBody } from '@shuyun/shared';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';

type Ctx = ActionContext & { actor: Actor };

function toCategory(r: {
  id: number;
  code: string;
  name: string;
  useful_life_months: number;
  residual_rate: string;
  sort_order: number;
  active: boolean;
  version: number;
}) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    usefulLifeMonths: r.useful_life_months,
    residualRate: Number(r.residual_rate),
    sortOrder: r.sort_order,
    active: r.active,
    version: r.version,
  };
}

/** Every category (inactive ones too: admins edit them, lists still name them). */
export async function listCategories(db: Database) {
  const rows = await db.selectFrom('asset_categories').selectAll().orderBy('sort_order').orderBy('id').execute();
  return rows.map(toCategory);
}

export async function getCategory(db: Database, id: number) {
  const row = await db.selectFrom('asset_categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return toCategory(row);
}

/** Adds a category; audited. */
export async function createCategory(db: Database, ctx: Ctx, input: z.infer<typeof AssetCategoryBody>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('asset_categories')
      .values({
        code: input.code,
        name: input.name,
        useful_life_months: input.usefulLifeMonths,
        residual_rate: input.residualRate,
        sort_order: input.sortOrder,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error) => rethrowUnique(error, { asset_categories_code_key: 'code' }));
    await writeAudit(trx, ctx, { action: 'create', objectType: 'assetCategory', objectId: row.id, objectLabel: input.name, after: input });
    return row.id;
  });
}

/** Edits a category (version-checked); a changed life or residual rate changes every net value at once. */
export async function updateCategory(db: Database, ctx: Ctx, id: number, input: z.infer<typeof AssetCategoryUpdateBody>) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('asset_categories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const result = await trx
      .updateTable('asset_categories')
      .set({
        code: input.code,
        name: input.name,
        useful_life_months: input.usefulLifeMonths,
        residual_rate: input.residualRate,
        sort_order: input.sortOrder,
        active: input.active,
        version: input.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst()
      .catch((error) => rethrowUnique(error, { asset_categories_code_key: 'code' }));
    if (result.numUpdatedRows === 0n) throw versionConflict();
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'assetCategory',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before: toCategory(before),
      after,
    });
  });
}
