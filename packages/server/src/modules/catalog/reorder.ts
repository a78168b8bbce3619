import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { fieldError } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };

export interface ReorderInput {
  kind: 'category' | 'item';
  order: { id: number; version: number }[];
}

const SPACING = 10;

/**
 * Puts categories or items in the listed order (sort order 10, 20, 30…). Every entry carries the
 * version the admin saw: one stale entry refuses the whole reorder. Only records whose position
 * changes get a new version and an audit entry.
 */
export async function reorderCatalog(db: Database, ctx: Ctx, input: ReorderInput) {
  const ids = input.order.map((o) => o.id);
  if (new Set(ids).size !== ids.length) throw fieldError(ctx.actor.locale, 'order', 'duplicate', 'catalog.errors.duplicateInOrder');
  const table = input.kind === 'category' ? 'catalog_categories' : 'catalog_items';
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom(table)
      .select(['id', 'name', 'version', 'sort_order'])
      .where('id', 'in', ids)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (rows.length < ids.length) throw notFound();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const result: { id: number; sortOrder: number; version: number }[] = [];
    const changed: { id: number; sortOrder: number; before: number; name: string }[] = [];
    input.order.forEach(({ id, version }, index) => {
      const row = byId.get(id);
      if (!row) throw notFound();
      if (row.version !== version) throw versionConflict();
      const sortOrder = (index + 1) * SPACING;
      if (sortOrder === row.sort_order) result.push({ id, sortOrder, version });
      else {
        result.push({ id, sortOrder, version: version + 1 });
        changed.push({ id, sortOrder, before: row.sort_order, name: row.name });
      }
    });
    if (changed.length) {
      await sql`
        UPDATE ${sql.table(table)} AS t
        SET sort_order = o.sort_order, version = t.version + 1, updated_at = now()
        FROM unnest(${changed.map((c) => c.id)}::bigint[], ${changed.map((c) => c.sortOrder)}::int[]) AS o(id, sort_order)
        WHERE t.id = o.id`.execute(trx);
    }
    for (const c of changed) {
      await writeAudit(trx, ctx, {
        action: 'update',
        objectType: input.kind === 'category' ? 'catalogCategory' : 'catalogItem',
        objectId: c.id,
        objectLabel: c.name,
        before: { sortOrder: c.before },
        after: { sortOrder: c.sortOrder },
      });
    }
    return { items: result };
  });
}
