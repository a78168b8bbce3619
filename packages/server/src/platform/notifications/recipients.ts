import { sql } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import { type ChannelDefaults, notificationEventDefaults, type UserChannel } from './events.js';

/** Of `userIds`, the active users holding `permission` through any of their roles. */
export async function usersHolding(db: Database, userIds: number[], permission: string): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('ur.user_id', 'in', userIds)
    .where('u.active', '=', true)
    .where(sql<boolean>`${permission} = ANY(r.permissions)`)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export interface Recipient {
  id: number;
  locale: string;
  email: string | null;
  /** The channels this person gets the event type by: their own choice where they made one, else the type's default. */
  channels: ChannelDefaults;
}

/** The active users among `userIds`, with what sending them `eventType` needs — in one statement. */
export async function activeRecipients(db: Database, userIds: number[], eventType: string): Promise<Recipient[]> {
  const defaults = notificationEventDefaults(eventType);
  if (!defaults) throw new Error(`unknown notification event type ${eventType}`);
  if (!userIds.length) return [];
  const chosen = (channel: UserChannel) =>
    sql<
      boolean | null
    >`(SELECT p.enabled FROM notification_preferences p WHERE p.user_id = u.id AND p.event_type = ${eventType} AND p.channel = ${channel})`;
  // `= ANY` of one array, not `IN` a list: one statement text however many recipients, prepared once.
  const rows = await prepared(
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.locale', 'u.email', chosen('inApp').as('in_app'), chosen('email').as('by_email')])
      .where(sql<boolean>`u.id = ANY(${userIds}::bigint[])`)
      .where('u.active', '=', true)
      .orderBy('u.id'),
  ).execute();
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    email: r.email,
    channels: { inApp: r.in_app ?? defaults.inApp, email: r.by_email ?? defaults.email },
  }));
}
