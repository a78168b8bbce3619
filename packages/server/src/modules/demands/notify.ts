import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// Templates live under notifications.events.demand.
const both = { inApp: true, email: true };
registerNotificationEvent('demand.submitted', both);
registerNotificationEvent('demand.approvalRequested', both);
registerNotificationEvent('demand.approved', both);
registerNotificationEvent('demand.rejected', both);
registerNotificationEvent('demand.returned', both);
registerNotificationEvent('demand.delivered', both);
registerNotificationEvent('demand.taskAssigned', both);
registerNotificationEvent('demand.lowRating', both);

export type NotifyPlatform = Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>;

export interface DemandRef {
  id: number;
  number: string;
  title: string;
}

/** One hand-over message about a demand (an outbox entry in the caller's transaction). */
export async function notifyDemand(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  type: string,
  actorId: number | null,
  recipients: (number | null | undefined)[],
  demand: DemandRef,
  data: Record<string, string | number> = {},
): Promise<void> {
  const to = [...new Set(recipients.filter((r): r is number => !!r))];
  if (!to.length) return;
  await notify(trx, platform, {
    type: `demand.${type}`,
    actorId,
    recipients: to,
    record: { type: 'demand', id: demand.id, number: demand.number, title: demand.title, link: `/demands/${demand.id}` },
    data,
    audience: 'public',
  });
}

/** Active holders of demand.manage (IT managers), for low ratings. */
export async function demandManagers(trx: Transaction<DB>): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('demand.manage'), '=', eb.fn.any('r.permissions')))
    .limit(500)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * For the releases module: tells the requesters of demands a release has just delivered (in the
 * release's transaction) that they can now rate them.
 */
export async function notifyDemandsDelivered(trx: Transaction<DB>, platform: NotifyPlatform, actorId: number | null, demandIds: number[]) {
  if (!demandIds.length) return;
  const rows = await trx
    .selectFrom('demands')
    .select(['id', 'number', 'title', 'requester_id'])
    .where('id', 'in', demandIds)
    .where('status', '=', 'delivered')
    .execute();
  for (const d of rows) await notifyDemand(trx, platform, 'delivered', actorId, [d.requester_id], d);
}
