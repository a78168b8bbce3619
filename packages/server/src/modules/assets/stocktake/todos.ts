import { sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/context.js';

/** Home to-do: stocktakes in progress where the caller is a counter. */
export async function stocktakeTodoCounts(db: Database, actor: Actor) {
  if (!actor.permissions.has('asset.stocktake')) return [];
  const row = await db
    .selectFrom('stocktakes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'in_progress')
    .where(sql<boolean>`${actor.userId} = ANY(counter_ids)`)
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  return count ? [{ key: 'stocktakesToCount', count, link: '/stocktakes?mine=counter' }] : [];
}
