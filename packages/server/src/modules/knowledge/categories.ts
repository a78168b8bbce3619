import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { fieldError, notFound, versionConflict } from '../../platform/errors.js';
import { readableArticles } from './access.js';
import { peopleById, person } from './queries.js';

type Ctx = ActionContext & { actor: Actor };

export interface CategoryInput {
  parentId?: number | null;
  name?: string;
  nameEn?: string | null;
  description?: string | null;
  reviewerIds?: number[];
  sortOrder?: number;
}

/**
 * The category tree as a flat list (parent before children, by sort order), each with the number of
 * published articles the caller may read in it and below. Inactive categories only for managers.
 */
export async function listCategories(db: Database, actor: Actor) {
  const manager = actor.permissions.has('knowledge.manage');
  let query = db.selectFrom('knowledge_categories').selectAll();
  if (!manager) query = query.where('active', '=', true);
  const rows = await query.orderBy('sort_order').orderBy('id').execute();
  const counts = await readableArticles(db, actor)
    .select(['a.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.category_id')
    .execute();
  const own = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const total = (id: number): number => (own.get(id) ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + total(c.id), 0);
  const people = await peopleById(
    db,
    rows.flatMap((r) => r.reviewer_ids.map(Number)),
  );
  const ordered: typeof rows = [];
  const walk = (parent: number | null) => {
    for (const r of children.get(parent) ?? []) {
      ordered.push(r);
      walk(r.id);
    }
  };
  walk(null);
  // Children of an inactive parent a non-manager cannot see: left out with it.
  return ordered.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: actor.locale === 'en-US' && r.name_en ? r.name_en : r.name,
    nameZh: r.name,
    nameEn: r.name_en,
    description: r.description,
    reviewers: r.reviewer_ids.map(Number).flatMap((id) => {
      const p = person(people, id);
      return p ? [p] : [];
    }),
    sortOrder: r.sort_order,
    active: r.active,
    count: total(r.id),
    version: r.version,
  }));
}

async function checkInput(trx: Transaction<DB>, id: number | null, input: CategoryInput): Promise<void> {
  if (input.parentId) {
    // No cycles: the new parent may not be the category itself or below it.
    const rows = await trx.selectFrom('knowledge_categories').select(['id', 'parent_id']).execute();
    const parent = rows.find((r) => r.id === input.parentId);
    if (!parent) throw fieldError('parentId', 'notFound', 'errors.notFound');
    for (let at: number | null = input.parentId; at !== null; at = rows.find((r) => r.id === at)?.parent_id ?? null) {
      if (at === id) throw fieldError('parentId', 'cycle', 'errors.departmentCycle');
    }
  }
  if (input.reviewerIds?.length) {
    const found = await trx.selectFrom('users').select('id').where('id', 'in', input.reviewerIds).where('active', '=', true).execute();
    if (found.length !== new Set(input.reviewerIds).size) throw fieldError('reviewerIds', 'notFound', 'errors.notFound');
  }
}

/** Adds a category (knowledge managers); audited. */
export async function createCategory(db: Database, ctx: Ctx, input: CategoryInput & { name: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkInput(trx, null, input);
    const row = await trx
      .insertInto('knowledge_categories')
      .values({
        parent_id: input.parentId ?? null,
        name: input.name,
        name_en: input.nameEn ?? null,
        description: input.description ?? null,
        reviewer_ids: [...new Set(input.reviewerIds ?? [])],
        sort_order: input.sortOrder ?? 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'create',
      objectType: 'knowledgeCategory',
      objectId: row.id,
      objectLabel: input.name,
      after: input,
    });
    return row.id;
  });
}

/** Edits a category (version-checked): name, place in the tree, reviewers, order, active. */
export async function updateCategory(db: Database, ctx: Ctx, id: number, input: CategoryInput & { version: number; active?: boolean }) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('knowledge_categories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    await checkInput(trx, id, input);
    const result = await trx
      .updateTable('knowledge_categories')
      .set({
        parent_id: input.parentId,
        name: input.name,
        name_en: input.nameEn,
        description: input.description,
        reviewer_ids: input.reviewerIds ? [...new Set(input.reviewerIds)] : undefined,
        sort_order: input.sortOrder,
        active: input.active,
        version: input.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'knowledgeCategory',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before: { ...before, reviewer_ids: before.reviewer_ids.map(Number) },
      after,
    });
  });
}
