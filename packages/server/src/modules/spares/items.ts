import type { SpareItem, SpareItemBody, SpareItemListQuery, SpareItemUpdateBody } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { type Ctx, type LockedItem, type SparePlatform, settleLowStock } from './stock.js';

const totalOf = sql<number>`coalesce((SELECT sum(s.quantity) FROM spare_stock s WHERE s.item_id = i.id), 0)::int`;

function itemsQuery(db: Database) {
  return db
    .selectFrom('spare_items as i')
    .select(['i.id', 'i.code', 'i.name', 'i.model', 'i.unit', 'i.category', 'i.min_stock', 'i.active', 'i.version', totalOf.as('total')]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemsQuery>['execute']>>[number];

/** Adds each item's stock per warehouse (one query for the page). */
async function present(db: Database, rows: ItemRow[]): Promise<SpareItem[]> {
  const stock = rows.length
    ? await db
        .selectFrom('spare_stock as s')
        .innerJoin('spare_warehouses as w', 'w.id', 's.warehouse_id')
        .select(['s.item_id', 's.quantity', 'w.id', 'w.code', 'w.name'])
        .where(
          's.item_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('w.code')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    model: r.model,
    unit: r.unit,
    category: r.category,
    minStock: r.min_stock,
    total: Number(r.total),
    low: Number(r.total) < r.min_stock,
    active: r.active,
    version: r.version,
    stock: stock
      .filter((s) => s.item_id === r.id)
      .map((s) => ({ warehouse: { id: s.id, code: s.code, name: s.name }, quantity: s.quantity })),
  }));
}

/** The item list: search by code/name/model, category, low-stock only; with total and per-warehouse stock. */
export async function listItems(db: Database, query: SpareItemListQuery) {
  let q = db.selectFrom('spare_items as i');
  if (!query.includeInactive) q = q.where('i.active', '=', true);
  if (query.q) {
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(i.code || ' ' || i.name || ' ' || coalesce(i.model, '')) LIKE ${like}`);
  }
  if (query.category) q = q.where('i.category', '=', query.category);
  if (query.lowOnly) q = q.where(sql<boolean>`${totalOf} < i.min_stock`);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await itemsQuery(db)
    .where('i.id', 'in', q.select('i.id'))
    .orderBy('i.code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: await present(db, rows), total: Number(n), page: query.page, pageSize: query.pageSize };
}

export async function getItem(db: Database, id: number): Promise<SpareItem> {
  const row = await itemsQuery(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return (await present(db, [row]))[0] as SpareItem;
}

/** The categories in use, for the filter. */
export async function listCategories(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom('spare_items')
    .select('category')
    .distinct()
    .where('category', 'is not', null)
    .orderBy('category')
    .execute();
  return rows.map((r) => r.category as string);
}

const UNIQUE = { spare_items_code_key: 'code' };

/** Adds an item (spare managers); audited, with a timeline entry. */
export async function createItem(platform: SparePlatform, ctx: Ctx, input: SpareItemBody): Promise<number> {
  return platform.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('spare_items')
      .values({
        code: input.code,
        name: input.name,
        model: input.model || null,
        unit: input.unit,
        category: input.category || null,
        min_stock: input.minStock,
        // An item with no stock and a minimum starts below it, announced by its first shortfall only.
        low_alerted: input.minStock > 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => rethrowUnique(error, UNIQUE));
    await appendTimeline(trx, { type: 'spareItem', id: row.id }, ctx.actor.userId, { kind: 'created' });
    await writeAudit(trx, ctx, { action: 'create', objectType: 'spareItem', objectId: row.id, objectLabel: input.code, after: input });
    return row.id;
  });
}

/** Edits an item (version-checked); a raised minimum may start a low-stock alert. */
export async function updateItem(platform: SparePlatform, ctx: Ctx, id: number, input: SpareItemUpdateBody): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('spare_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const row = await trx
      .updateTable('spare_items')
      .set({
        code: input.code,
        name: input.name,
        model: input.model === undefined ? undefined : input.model || null,
        unit: input.unit,
        category: input.category === undefined ? undefined : input.category || null,
        min_stock: input.minStock,
        active: input.active,
        version: input.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(['id', 'code', 'name', 'unit', 'min_stock', 'low_alerted', 'active'])
      .executeTakeFirst()
      .catch((error: unknown) => rethrowUnique(error, UNIQUE));
    if (!row) throw versionConflict();
    const { version: _v, ...after } = input;
    const fields = Object.keys(after).filter((k) => after[k as keyof typeof after] !== undefined);
    await appendTimeline(trx, { type: 'spareItem', id }, ctx.actor.userId, { kind: 'updated', fields });
    await writeAudit(trx, ctx, { action: 'update', objectType: 'spareItem', objectId: id, objectLabel: row.code, before, after });
    // The update holds the item's row lock, as a movement would.
    if (row.active) await settleLowStock(trx, platform, ctx.actor, [row as LockedItem]);
  });
}
