import type { Database } from '../../db/database.js';
import { type ChannelDefaults, notificationEventDefaults, notificationEventTypes, type UserChannel } from './events.js';

export interface PreferenceView {
  eventType: string;
  inApp: boolean;
  email: boolean;
  defaults: ChannelDefaults;
}

/** A user's settings for every registered event type. */
export async function listPreferences(db: Database, userId: number): Promise<PreferenceView[]> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['event_type', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .execute();
  return notificationEventTypes().map((eventType) => {
    const defaults = notificationEventDefaults(eventType) as ChannelDefaults;
    const pick = (channel: UserChannel) =>
      rows.find((r) => r.event_type === eventType && r.channel === channel)?.enabled ?? defaults[channel];
    return { eventType, inApp: pick('inApp'), email: pick('email'), defaults: { ...defaults } };
  });
}

/** Saves the user's choices for the listed event types (others are left as they are). */
export async function savePreferences(
  db: Database,
  userId: number,
  items: Array<{ eventType: string; inApp?: boolean; email?: boolean }>,
): Promise<void> {
  const values = items.flatMap((item) =>
    (['inApp', 'email'] as const)
      .filter((channel) => item[channel] !== undefined)
      .map((channel) => ({
        user_id: userId,
        event_type: item.eventType,
        channel,
        enabled: item[channel] as boolean,
        updated_at: new Date(),
      })),
  );
  if (!values.length) return;
  await db
    .insertInto('notification_preferences')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['user_id', 'event_type', 'channel']).doUpdateSet((eb) => ({
        enabled: eb.ref('excluded.enabled'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
