import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// The asset register's notification events; templates live under notifications.events.asset.
registerNotificationEvent('asset.issued', { inApp: true, email: true });
registerNotificationEvent('asset.transferRequested', { inApp: true, email: true });
registerNotificationEvent('asset.scrapRequested', { inApp: true, email: true });

export type AssetEvent = 'asset.issued' | 'asset.transferRequested' | 'asset.scrapRequested';

/** Tells people about an asset waiting for them (in the change's transaction). */
export async function notifyAsset(
  trx: Transaction<DB>,
  platform: Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>,
  type: AssetEvent,
  actorId: number,
  recipients: number[],
  asset: { id: number; tag: string; name: string },
  data: Record<string, string | number> = {},
): Promise<void> {
  if (!recipients.length) return;
  await notify(trx, platform, {
    type,
    actorId,
    recipients,
    record: { type: 'asset', id: asset.id, number: asset.tag, title: asset.name, link: `/assets/${asset.id}` },
    data,
    audience: 'public',
  });
}

/** Every active holder of asset.approve (who decide scrap requests). */
export async function scrapApprovers(trx: Transaction<DB>): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('asset.approve'), '=', eb.fn.any('r.permissions')))
    .execute();
  return rows.map((r) => r.user_id);
}
