import { isPermission, type Permission } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { cached } from '../cache.js';
import type { Platform } from '../http/types.js';
import type { RealtimeEvent } from '../realtime/realtime.js';
import { maskUrl } from './bots.js';
import { BOT_JOB, EMAIL_JOB } from './deliveries.js';
import { isNotificationEventType } from './events.js';
import { activeRecipients, usersHolding } from './recipients.js';
import { renderMessage } from './render.js';

export interface NotificationRecord {
  type: string;
  id: number;
  /** The number people see, e.g. GD20261122-0007. */
  number: string;
  title: string;
  /** The record's path in the PC web app, e.g. /tickets/123. */
  link: string;
}

interface EventBase {
  /** A registered event type, e.g. 'ticket.assigned'. */
  type: string;
  /** Who caused it (never notified about it), or null for the system. */
  actorId: number | null;
  /** The actor's display name when the caller has it at hand (else it is read). */
  actorName?: string | null;
  recipients: number[];
  record: NotificationRecord;
  /** Values for the templates' placeholders; a value `i18n:<key>` is translated per recipient. */
  data?: Record<string, string | number>;
  /** The team the record belongs to, for group bots that filter by team. */
  teamId?: number | null;
  /** Narrows the recipients further, e.g. to those who may still read the record. */
  filterRecipients?: (trx: Transaction<DB>, userIds: number[]) => Promise<number[]>;
}

/**
 * What happened, to whom. An internal event (an internal comment) reaches only recipients holding
 * `internalPermission` and never goes to group bots, whose readers are unknown.
 */
export type NotificationEvent = EventBase & ({ audience: 'public' } | { audience: 'internal'; internalPermission: Permission });

export interface NotifyResult {
  eventId: number;
  /** Users who got a bell entry. */
  inApp: number[];
  /** Users for whom an e-mail delivery was recorded (pending, or skipped when e-mail is off). */
  email: number[];
  /** Group-bot channels a message was queued for. */
  channels: number[];
}

const EventShape = z.object({
  type: z.string().refine(isNotificationEventType, 'unregistered notification event type'),
  actorId: z.number().int().positive().nullable(),
  recipients: z.array(z.number().int().positive()).max(10_000),
  record: z.object({
    type: z.string().min(1).max(40),
    id: z.number().int().positive(),
    number: z.string().min(1).max(64),
    title: z.string().max(1000),
    link: z
      .string()
      .max(500)
      .regex(/^\/(?![/\\])/, 'an absolute path inside the web app'),
  }),
  data: z.record(z.string(), z.union([z.string().max(20_000), z.number()])).default({}),
  audience: z.enum(['public', 'internal']),
  internalPermission: z.string().refine(isPermission, 'unknown permission').optional(),
  teamId: z.number().int().positive().nullish(),
});

/**
 * Records a notification inside the caller's business transaction (an outbox): bell entries and their
 * realtime pushes, e-mail and group-bot deliveries as jobs. Nothing is sent unless `trx` commits.
 * One message per person, never to the actor, only to active users, after their preferences.
 * Given `live`, the bell's realtime pushes are added to it for the caller to publish with its own
 * events in one statement; otherwise they are published here.
 */
export async function notify(
  trx: Transaction<DB>,
  platform: Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>,
  event: NotificationEvent,
  live?: RealtimeEvent[],
): Promise<NotifyResult> {
  const input = EventShape.parse(event);
  if (input.audience === 'internal' && !input.internalPermission) throw new Error('an internal notification needs internalPermission');

  const people = await resolveRecipients(trx, input, event.filterRecipients);
  const actorName =
    event.actorName !== undefined || !input.actorId
      ? (event.actorName ?? null)
      : ((await trx.selectFrom('users').select('display_name').where('id', '=', input.actorId).executeTakeFirst())?.display_name ?? null);
  const source = { type: input.type, actorName, record: input.record, data: input.data };
  const bell = people.filter((p) => p.channels.inApp);
  // E-mail: a delivery per person, sent by a job; recorded as skipped when it cannot be sent.
  const mailing = people
    .filter((person) => person.channels.email)
    .map((person) => ({ person, skip: !platform.config.SMTP_URL ? 'smtpDisabled' : !person.email ? 'noAddress' : null }));

  // The event, its bell entries and its e-mail deliveries: one statement.
  const written = await sql<{ event_id: number; bell: { id: number; user_id: number }[]; mails: { id: number; status: string }[] }>`
    WITH ev AS (
      INSERT INTO notification_events
        (type, actor_id, record_type, record_id, record_number, record_title, record_link, data, audience, internal_permission, team_id)
      VALUES (${input.type}, ${input.actorId}, ${input.record.type}, ${input.record.id}, ${input.record.number}, ${input.record.title},
        ${input.record.link}, ${JSON.stringify(input.data)}::jsonb, ${input.audience},
        ${input.audience === 'internal' ? (input.internalPermission ?? null) : null}, ${input.teamId ?? null})
      RETURNING id
    ), bell AS (
      INSERT INTO notifications (event_id, user_id)
      SELECT ev.id, u.id FROM ev, unnest(${bell.map((p) => p.id)}::bigint[]) AS u(id)
      RETURNING id, user_id
    ), mails AS (
      INSERT INTO notification_deliveries (event_id, channel, recipient_id, target, status, last_error)
      SELECT ev.id, 'email', m.recipient_id, m.target, m.status, m.last_error
      FROM ev, unnest(${mailing.map((m) => m.person.id)}::bigint[], ${mailing.map((m) => m.person.email ?? '')}::text[],
        ${mailing.map((m) => (m.skip ? 'skipped' : 'pending'))}::text[], ${mailing.map((m) => m.skip)}::text[])
        AS m(recipient_id, target, status, last_error)
      RETURNING id, status
    )
    SELECT (SELECT id FROM ev) AS event_id,
      coalesce((SELECT json_agg(json_build_object('id', id, 'user_id', user_id) ORDER BY id) FROM bell), '[]') AS bell,
      coalesce((SELECT json_agg(json_build_object('id', id, 'status', status) ORDER BY id) FROM mails), '[]') AS mails
  `.execute(trx);
  const { event_id: eventId, bell: rows, mails } = written.rows[0] as NonNullable<(typeof written.rows)[0]>;

  // A live update to each recipient's open pages.
  const pushes = rows.map(
    (row): RealtimeEvent => ({
      type: 'notification',
      userIds: [row.user_id],
      data: {
        id: row.id,
        eventType: input.type,
        title: renderMessage(bell.find((p) => p.id === row.user_id)?.locale ?? 'zh-CN', source).title,
        link: input.record.link,
        record: { type: input.record.type, id: input.record.id, number: input.record.number },
      },
    }),
  );
  if (live) live.push(...pushes);
  else await platform.realtime.publish(trx, ...pushes);

  for (const delivery of mails) {
    if (delivery.status === 'pending') await platform.jobs.enqueue(trx, EMAIL_JOB, { deliveryId: delivery.id });
  }

  // Group bots subscribed to this event type (and, if they filter, to this team). Public events only.
  const bots =
    input.audience === 'public'
      ? (await enabledChannels(platform.db, trx)).filter(
          (c) => c.event_types.includes(input.type) && (c.team_id === null || c.team_id === (input.teamId ?? null)),
        )
      : [];
  for (const bot of bots) {
    const delivery = await trx
      .insertInto('notification_deliveries')
      .values({ event_id: eventId, channel: bot.type, channel_id: bot.id, target: maskUrl(bot.webhook_url), status: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await platform.jobs.enqueue(trx, BOT_JOB, { deliveryId: delivery.id });
  }

  return { eventId, inApp: rows.map((r) => r.user_id), email: mailing.map((m) => m.person.id), channels: bots.map((b) => b.id) };
}

export const CHANNELS_CACHE_KEY = 'notifications:channels';

/**
 * The enabled group-bot channels, in id order: read on every public notification, so cached for a
 * few seconds (platform/cache.ts; saving a channel forgets them at once). Loaded through the
 * caller's transaction when missing, never a second pool connection.
 */
function enabledChannels(root: Database, trx: Transaction<DB>) {
  return cached(root, CHANNELS_CACHE_KEY, () =>
    trx
      .selectFrom('notification_channels')
      .select(['id', 'type', 'webhook_url', 'event_types', 'team_id'])
      .where('enabled', '=', true)
      .orderBy('id')
      .execute(),
  );
}

/** Distinct, not the actor, active, allowed to see internal events, and through the caller's filter. */
async function resolveRecipients(trx: Transaction<DB>, input: z.output<typeof EventShape>, filter: EventBase['filterRecipients']) {
  let ids = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
  if (input.audience === 'internal' && input.internalPermission) {
    const allowed = await usersHolding(trx, ids, input.internalPermission);
    ids = ids.filter((id) => allowed.has(id));
  }
  if (filter && ids.length) {
    const kept = new Set(await filter(trx, ids));
    ids = ids.filter((id) => kept.has(id));
  }
  return activeRecipients(trx, ids, input.type);
}
