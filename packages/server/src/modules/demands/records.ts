import { DEMAND_FINAL_STATUSES, type DemandStatus } from '@shuyun/shared';
import { sql } from 'kysely';
import { registerRecordAccess } from '../../platform/access/records.js';
import type { Actor } from '../../platform/context.js';
import { canReadDemand, type Db, demandsInScope } from './access.js';

/**
 * Who may add to a demand (attach files): its requester, analyst, supervisor or a developer of one of its
 * tasks, or a holder of demand.handle / demand.manage whose scope reaches it — and only while it is open.
 * Readers beyond those (auditors, administrators, colleagues in a department scope) only read.
 */
export async function canWriteDemand(db: Db, actor: Actor, id: number): Promise<boolean> {
  const me = actor.userId;
  const row = await demandsInScope(db, actor)
    .select([
      'd.status',
      sql<boolean>`(d.requester_id = ${me} OR d.analyst_id = ${me} OR d.supervisor_id = ${me}
        OR d.id IN (SELECT k.demand_id FROM demand_tasks k WHERE k.developer_id = ${me}))`.as('involved'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row || DEMAND_FINAL_STATUSES.includes(row.status as DemandStatus)) return false;
  return row.involved || actor.permissions.has('demand.handle') || actor.permissions.has('demand.manage');
}

/** Lets the timeline, attachments and links serve a demand to whoever may read it (demand.read scope). */
export function registerDemandRecords(): void {
  registerRecordAccess('demand', {
    canRead: (db, actor, id) => canReadDemand(db, actor, id),
    canWrite: (db, actor, id) => canWriteDemand(db, actor, id),
    canSeeInternal: (actor) => actor.permissions.has('demand.handle') || actor.permissions.has('demand.manage'),
  });
}
