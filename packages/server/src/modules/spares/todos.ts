import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';

/** Spare managers' to-do: active items whose total stock is below their minimum. */
export async function spareTodoCounts(db: Database, actor: Actor) {
  if (!actor.permissions.has('spare.manage')) return [];
  const { n } = await db
    .selectFrom('spare_items as i')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('i.active', '=', true)
    .where(sql<boolean>`coalesce((SELECT sum(s.quantity) FROM spare_stock s WHERE s.item_id = i.id), 0) < i.min_stock`)
    .executeTakeFirstOrThrow();
  return [{ key: 'sparesLowStock', count: Number(n), link: '/spares/low-stock' }];
}
