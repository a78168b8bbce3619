import type { Locale } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../context.js';
import type { DeliveryChannel, DeliveryStatus } from './events.js';
import { type MessageSource, renderMessage } from './render.js';

/**
 * The actor's own bell entries. Scoped to the actor in the query itself; internal events the actor
 * may no longer see (a revoked permission) drop out.
 */
function mine(db: Database, actor: Actor) {
  const held = [...actor.permissions.keys()] as string[];
  return db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .where('n.user_id', '=', actor.userId)
    .where((eb) => eb.or([eb('e.internal_permission', 'is', null), ...(held.length ? [eb('e.internal_permission', 'in', held)] : [])]));
}

/** A page of the actor's notifications, newest first, rendered in `locale`. */
export async function listMyNotifications(
  db: Database,
  actor: Actor,
  locale: Locale,
  options: { page: number; pageSize: number; unread?: boolean },
) {
  let base = mine(db, actor);
  if (options.unread) base = base.where('n.read_at', 'is', null);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .select([
      'n.id',
      'n.read_at',
      'n.created_at',
      'e.type',
      'e.actor_id',
      'a.display_name as actor_name',
      'e.record_type',
      'e.record_id',
      'e.record_number',
      'e.record_title',
      'e.record_link',
      'e.data',
    ])
    .orderBy('n.id', 'desc')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  const items = rows.map((r) => {
    const source: MessageSource = {
      type: r.type,
      actorName: r.actor_name,
      record: { type: r.record_type, id: r.record_id, number: r.record_number, title: r.record_title, link: r.record_link },
      data: r.data as Record<string, string | number>,
    };
    const { title, body } = renderMessage(locale, source);
    return {
      id: r.id,
      eventType: r.type,
      title,
      body,
      link: r.record_link,
      record: { type: r.record_type, id: r.record_id, number: r.record_number, title: r.record_title },
      actorId: r.actor_id,
      actorName: r.actor_name,
      read: r.read_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}

export async function unreadCount(db: Database, actor: Actor): Promise<number> {
  const { count } = await mine(db, actor)
    .where('n.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Marks one of the actor's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Database, actor: Actor, id: number): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(new Date())) }))
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Marks all the actor's notifications read; answers how many were unread. */
export async function markAllRead(db: Database, actor: Actor): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  eventType?: string;
  recipientId?: number;
  channelId?: number;
  recordNumber?: string;
  from?: string;
  to?: string;
}

/** The delivery log for admins, newest first. */
export async function listDeliveries(db: Database, filter: DeliveryFilter & { page: number; pageSize: number }) {
  let base = db
    .selectFrom('notification_deliveries as d')
    .leftJoin('notification_events as e', 'e.id', 'd.event_id')
    .leftJoin('users as u', 'u.id', 'd.recipient_id')
    .leftJoin('notification_channels as c', 'c.id', 'd.channel_id');
  if (filter.status) base = base.where('d.status', '=', filter.status);
  if (filter.channel) base = base.where('d.channel', '=', filter.channel);
  if (filter.eventType) base = base.where('e.type', '=', filter.eventType);
  if (filter.recipientId) base = base.where('d.recipient_id', '=', filter.recipientId);
  if (filter.channelId) base = base.where('d.channel_id', '=', filter.channelId);
  if (filter.recordNumber) base = base.where('e.record_number', '=', filter.recordNumber);
  if (filter.from) base = base.where('d.created_at', '>=', new Date(filter.from));
  if (filter.to) base = base.where('d.created_at', '<', new Date(filter.to));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'd.id',
      'd.event_id',
      'e.type as event_type',
      'e.record_type',
      'e.record_number',
      'd.channel',
      'd.recipient_id',
      'u.display_name as recipient_name',
      'd.channel_id',
      'c.name as channel_name',
      'd.target',
      'd.status',
      'd.attempts',
      'd.last_error',
      'd.created_at',
      'd.sent_at',
    ])
    .orderBy('d.id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      recordType: r.record_type,
      recordNumber: r.record_number,
      channel: r.channel,
      recipientId: r.recipient_id,
      recipientName: r.recipient_name,
      channelId: r.channel_id,
      channelName: r.channel_name,
      target: r.target,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    })),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
