import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';

/** Demand to-dos: to accept, to evaluate (analyst), to approve (supervisor), my open tasks, to rate (requester). */
export async function demandTodoCounts(db: Database, actor: Actor) {
  const me = actor.userId;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('demands')
        .select(eb.fn.countAll<string>().as('n'))
        .where('analyst_id', '=', me)
        .where('status', '=', 'submitted')
        .as('accept'),
      eb
        .selectFrom('demands')
        .select(eb.fn.countAll<string>().as('n'))
        .where('analyst_id', '=', me)
        .where('status', '=', 'accepted')
        .as('evaluate'),
      eb
        .selectFrom('demands')
        .select(eb.fn.countAll<string>().as('n'))
        .where('supervisor_id', '=', me)
        .where('status', '=', 'pending_approval')
        .as('approve'),
      eb
        .selectFrom('demand_tasks as k')
        .select(eb.fn.countAll<string>().as('n'))
        .where('k.developer_id', '=', me)
        .where('k.status', '<>', 'done')
        .where(sql<boolean>`EXISTS (SELECT 1 FROM demands d WHERE d.id = k.demand_id AND d.status = 'implementing')`)
        .as('tasks'),
      eb
        .selectFrom('demands')
        .select(eb.fn.countAll<string>().as('n'))
        .where('requester_id', '=', me)
        .where('status', '=', 'delivered')
        .as('rate'),
    ])
    .executeTakeFirstOrThrow();
  const items = [];
  if (actor.permissions.has('demand.handle')) {
    items.push({ key: 'demandsToAccept', count: Number(row.accept ?? 0), link: '/demands?view=toAccept&status=submitted' });
    items.push({ key: 'demandsToEvaluate', count: Number(row.evaluate ?? 0), link: '/demands?view=toAccept&status=accepted' });
  }
  if (actor.permissions.has('demand.approve'))
    items.push({ key: 'demandsToApprove', count: Number(row.approve ?? 0), link: '/demands?view=toApprove' });
  if (actor.permissions.has('demand.implement'))
    items.push({ key: 'demandTasks', count: Number(row.tasks ?? 0), link: '/demands?view=implementing' });
  if (Number(row.rate ?? 0) > 0) items.push({ key: 'demandsToRate', count: Number(row.rate), link: '/demands?view=mine&status=delivered' });
  return items;
}
