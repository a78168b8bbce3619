import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Platform } from '../../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../../platform/notifications/index.js';
import { dayText } from './access.js';

// Templates live under notifications.events.stocktake.
registerNotificationEvent('stocktake.started', { inApp: true, email: true });

/** Tells the counters that a stocktake has started (in the start's transaction). */
export async function notifyCountersStarted(
  trx: Transaction<DB>,
  platform: Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>,
  actorId: number,
  stocktake: { id: number; number: string; name: string; counter_ids: number[]; due_date: Date | string | null },
  expected: number,
): Promise<void> {
  const recipients = stocktake.counter_ids.map(Number).filter((id) => id !== actorId);
  if (!recipients.length) return;
  await notify(trx, platform, {
    type: 'stocktake.started',
    actorId,
    recipients,
    record: { type: 'stocktake', id: stocktake.id, number: stocktake.number, title: stocktake.name, link: `/m/stocktakes/${stocktake.id}` },
    data: { expected, due: dayText(stocktake.due_date) ?? '—' },
    audience: 'public',
  });
}
