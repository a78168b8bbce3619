import { OPEN_FAULT_STATUSES } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { faultScope } from './access.js';

/** Home to-dos: open faults assigned to me, faults waiting past their response target (managers), actions I owe. */
export async function faultTodoCounts(db: Database, actor: Actor) {
  const items: { key: string; count: number; link: string }[] = [];
  if (actor.permissions.has('fault.handle')) {
    const { n } = await db
      .selectFrom('faults')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('assignee_id', '=', actor.userId)
      .where('status', 'in', [...OPEN_FAULT_STATUSES])
      .executeTakeFirstOrThrow();
    items.push({ key: 'faultsMine', count: Number(n), link: '/faults?view=mine' });
  }
  if (actor.permissions.has('fault.manage')) {
    const { n } = await db
      .selectFrom('faults as f')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(faultScope(actor))
      .where('f.status', '=', 'new')
      .where('f.responded_at', 'is', null)
      .where(sql<boolean>`f.response_due_at < now()`)
      .executeTakeFirstOrThrow();
    items.push({ key: 'faultsOverdue', count: Number(n), link: '/faults?view=overdue' });
  }
  const { n } = await db
    .selectFrom('fault_actions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_id', '=', actor.userId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  if (Number(n) > 0 || actor.permissions.has('fault.handle'))
    items.push({ key: 'faultActionsMine', count: Number(n), link: '/faults/actions' });
  return items;
}
