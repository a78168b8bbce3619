import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { assetTodoCounts } from '../assets/lists.js';
import { stocktakeTodoCounts } from '../assets/stocktake/todos.js';
import { demandTodoCounts } from '../demands/todos.js';
import { faultTodoCounts } from '../faults/todos.js';
import { incidentTodoCounts } from '../incidents/lists.js';
import { releaseTodoCounts } from '../releases/todos.js';
import { spareTodoCounts } from '../spares/todos.js';
import { ticketTodoCounts } from '../tickets/todos.js';

export interface TodoCount {
  key: string;
  count: number;
  link: string;
}

/**
 * The home page's to-do counts: only what the caller can act on. Each module contributes its own
 * (tickets first), then the administration counts.
 */
export async function todoCounts(db: Database, actor: Actor, timeZone: string): Promise<TodoCount[]> {
  const items: TodoCount[] = await ticketTodoCounts(db, actor);
  if (actor.permissions.has('asset.read')) items.push(...(await assetTodoCounts(db, actor)));
  items.push(...(await spareTodoCounts(db, actor)));
  items.push(...(await stocktakeTodoCounts(db, actor)));
  items.push(...(await demandTodoCounts(db, actor)));
  items.push(...(await releaseTodoCounts(db, actor, timeZone)));
  items.push(...(await incidentTodoCounts(db, actor)));
  if (actor.permissions.has('fault.read')) items.push(...(await faultTodoCounts(db, actor)));
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    Number((await query.executeTakeFirstOrThrow()).n);
  if (actor.permissions.has('account.manage')) {
    items.push({
      key: 'lockedAccounts',
      count: await count(
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('locked_until', '>', new Date()),
      ),
      link: '/admin/users?locked=true',
    });
    items.push({
      key: 'inactiveUsers',
      count: await count(
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('active', '=', false),
      ),
      link: '/admin/users?active=false',
    });
  }
  if (actor.permissions.has('audit.read')) {
    items.push({
      key: 'auditToday',
      count: await count(
        db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(sql<boolean>`at >= date_trunc('day', now())`),
      ),
      link: '/admin/audit',
    });
  }
  if (actor.permissions.has('org.department.manage')) {
    items.push({
      key: 'departments',
      count: await count(db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n'))),
      link: '/admin/departments',
    });
  }
  if (actor.permissions.has('org.team.manage')) {
    items.push({
      key: 'teams',
      count: await count(
        db
          .selectFrom('teams')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('active', '=', true),
      ),
      link: '/admin/teams',
    });
  }
  if (actor.permissions.has('org.system.manage')) {
    items.push({
      key: 'systems',
      count: await count(
        db
          .selectFrom('it_systems')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('active', '=', true),
      ),
      link: '/admin/systems',
    });
  }
  const myTeams = await count(
    db
      .selectFrom('team_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId),
  );
  if (myTeams > 0) items.push({ key: 'myTeams', count: myTeams, link: '/admin/teams' });
  return items;
}
