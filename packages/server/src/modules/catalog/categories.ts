import type { LocalizedText } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { fieldError, rethrowWriteError, unknownReference } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { catalog_categories_code_key: 'code' };
const REFERENCES = { catalog_categories_parent_id_fkey: 'parentId' };

export interface CategoryInput {
  parentId?: number | null;
  code: string;
  name: LocalizedText;
  icon?: string | null;
  sortOrder?: number;
}

/**
 * Makes sure `parentId` names a top-level category, and holds it (FOR SHARE) until commit so that
 * it cannot move under another category meanwhile — the tree stays two levels deep.
 */
async function holdTopLevelParent(trx: Transaction<DB>, actor: Actor, parentId: number): Promise<void> {
  const parent = await trx.selectFrom('catalog_categories').select('parent_id').where('id', '=', parentId).forShare().executeTakeFirst();
  if (!parent) throw unknownReference(actor.locale, 'parentId');
  if (parent.parent_id !== null) throw fieldError(actor.locale, 'parentId', 'tooDeep', 'catalog.errors.parentNotTopLevel');
}

async function nextSortOrder(trx: Transaction<DB>, parentId: number | null): Promise<number> {
  const row = await trx
    .selectFrom('catalog_categories')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 10;
}

/** Creates a category (top-level, or a sub-category of a top-level one); audited. */
export async function createCategory(db: Database, ctx: Ctx, input: CategoryInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const parentId = input.parentId ?? null;
    if (parentId !== null) await holdTopLevelParent(trx, ctx.actor, parentId);
    try {
      const row = await trx
        .insertInto('catalog_categories')
        .values({
          parent_id: parentId,
          code: input.code,
          name: input.name['zh-CN'],
          name_en: input.name['en-US'] ?? null,
          icon: input.icon || null,
          sort_order: input.sortOrder ?? (await nextSortOrder(trx, parentId)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'create',
        objectType: 'catalogCategory',
        objectId: row.id,
        objectLabel: input.name['zh-CN'],
        after: input,
      });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor.locale, REFERENCES, UNIQUE);
    }
  });
}

/** Edits a category (version-checked). Moving it keeps the tree two levels deep; `active: false` hides it and its items from requesters. */
export async function updateCategory(
  db: Database,
  ctx: Ctx,
  id: number,
  input: Partial<CategoryInput> & { version: number; active?: boolean },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('catalog_categories').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    if (before.version !== input.version) throw versionConflict();
    const moving = input.parentId !== undefined && (input.parentId ?? null) !== before.parent_id;
    if (moving && input.parentId) {
      if (input.parentId === id) throw fieldError(ctx.actor.locale, 'parentId', 'tooDeep', 'catalog.errors.parentNotTopLevel');
      await holdTopLevelParent(trx, ctx.actor, input.parentId);
      const child = await trx.selectFrom('catalog_categories').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
      if (child) throw fieldError(ctx.actor.locale, 'parentId', 'hasChildren', 'catalog.errors.hasChildren');
    }
    try {
      const result = await trx
        .updateTable('catalog_categories')
        .set({
          parent_id: moving ? (input.parentId ?? null) : undefined,
          code: input.code,
          name: input.name?.['zh-CN'],
          name_en: input.name ? (input.name['en-US'] ?? null) : undefined,
          icon: input.icon === undefined ? undefined : input.icon || null,
          sort_order: input.sortOrder,
          active: input.active,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor.locale, REFERENCES, UNIQUE);
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: activeAction(before.active, input.active),
      objectType: 'catalogCategory',
      objectId: id,
      objectLabel: input.name?.['zh-CN'] ?? before.name,
      before,
      after,
    });
  });
}

/** The audit action of an edit: switching a record off or on is named as such. */
export function activeAction(before: boolean, after: boolean | undefined): 'update' | 'deactivate' | 'reactivate' {
  if (after === false && before) return 'deactivate';
  if (after === true && !before) return 'reactivate';
  return 'update';
}
