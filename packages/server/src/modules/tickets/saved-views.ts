import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound, rethrowUnique } from '../../platform/errors.js';

/** A person's saved ticket-list views (filters and columns); private to them. */
export async function listSavedViews(db: Database, actor: Actor) {
  const rows = await db
    .selectFrom('saved_views')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('module', '=', 'tickets')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters, columns: r.columns }));
}

export async function saveView(db: Database, actor: Actor, input: { name: string; filters: Record<string, unknown>; columns: string[] }) {
  try {
    const row = await db
      .insertInto('saved_views')
      .values({
        user_id: actor.userId,
        module: 'tickets',
        name: input.name,
        filters: JSON.stringify(input.filters),
        columns: input.columns,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'module', 'name']).doUpdateSet({ filters: JSON.stringify(input.filters), columns: input.columns }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    rethrowUnique(error, {});
  }
}

export async function deleteView(db: Database, actor: Actor, id: number) {
  const result = await db.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound();
}
