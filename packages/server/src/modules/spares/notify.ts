import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// Templates live under notifications.events.spare.
registerNotificationEvent('spare.lowStock', { inApp: true, email: true });

type NotifyPlatform = Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>;

/** Every active holder of spare.manage (those who restock). */
async function spareManagers(trx: Transaction<DB>): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('spare.manage'), '=', eb.fn.any('r.permissions')))
    .limit(500)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Notifies the managers that an item has fallen below its minimum. */
export async function notifyLowStock(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  actorId: number | null,
  item: { id: number; code: string; name: string; unit: string; minStock: number; total: number },
): Promise<void> {
  const recipients = await spareManagers(trx);
  if (!recipients.length) return;
  await notify(trx, platform, {
    type: 'spare.lowStock',
    actorId,
    recipients,
    record: { type: 'spareItem', id: item.id, number: item.code, title: item.name, link: `/spares/items/${item.id}` },
    data: { total: item.total, minStock: item.minStock, unit: item.unit },
    audience: 'public',
  });
}
