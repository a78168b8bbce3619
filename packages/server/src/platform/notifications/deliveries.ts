import { pickLocale, translate } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../errors.js';
import type { Platform } from '../http/types.js';
import { defineJob } from '../jobs/jobs.js';
import { type BotMessage, botRequest, maskUrl, postToBot } from './bots.js';
import { createMailer, type Mailer } from './mail.js';
import { usersHolding } from './recipients.js';
import { absoluteLink, escapeBotMarkdown, type MessageSource, renderMail, renderMessage } from './render.js';

export const EMAIL_JOB = 'notifications.email';
export const BOT_JOB = 'notifications.bot';

const Payload = z.object({ deliveryId: z.number().int().positive() });

/** Why a delivery was not sent (stored in last_error; the web translates `notifications.skipReasons.<code>`). */
export type SkipReason = 'smtpDisabled' | 'noAddress' | 'inactive' | 'noPermission' | 'channelDisabled' | 'internal';

/** Registers the e-mail and group-bot delivery jobs. Throws at start-up when SMTP_URL is set without MAIL_FROM. */
export function registerNotificationJobs(platform: Platform, log: Logger): void {
  const mailer = createMailer(platform.config);
  const { db, config } = platform;
  const retries = { retryLimit: config.NOTIFY_RETRY_LIMIT, retryDelaySeconds: config.NOTIFY_RETRY_DELAY_SECONDS };
  const onFailure = async (data: { deliveryId: number }, error: unknown) => {
    await markFailed(db, data.deliveryId, error);
    log.warn({ deliveryId: data.deliveryId, err: error }, 'notification delivery failed for good');
  };
  platform.jobs.register(
    defineJob({
      name: EMAIL_JOB,
      schema: Payload,
      ...retries,
      handler: (data) => attempt(db, data.deliveryId, 'email', (delivery) => sendEmail(platform, mailer, delivery)),
      onFailure,
    }),
  );
  platform.jobs.register(
    defineJob({
      name: BOT_JOB,
      schema: Payload,
      ...retries,
      handler: (data) => attempt(db, data.deliveryId, 'bot', (delivery) => sendBot(platform, delivery)),
      onFailure,
    }),
  );
}

type Delivery = Awaited<ReturnType<typeof claim>> & object;

/**
 * Claims a pending delivery for one attempt (counting it). A delivery already sent, skipped or failed
 * is left alone, so a job that runs twice sends once.
 */
async function claim(db: Database, id: number, kind: 'email' | 'bot') {
  return db
    .updateTable('notification_deliveries')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('channel', kind === 'email' ? '=' : '!=', 'email')
    .returning(['id', 'event_id', 'channel', 'recipient_id', 'channel_id', 'target'])
    .executeTakeFirst();
}

/** One attempt: sent, skipped with a reason, or the error recorded and rethrown (the job retries). */
async function attempt(
  db: Database,
  id: number,
  kind: 'email' | 'bot',
  send: (delivery: Delivery) => Promise<'sent' | SkipReason>,
): Promise<void> {
  const delivery = await claim(db, id, kind);
  if (!delivery) return;
  let outcome: 'sent' | SkipReason;
  try {
    outcome = await send(delivery);
  } catch (error) {
    await db
      .updateTable('notification_deliveries')
      .set({ last_error: errorText(error) })
      .where('id', '=', id)
      .execute();
    throw error;
  }
  await db
    .updateTable('notification_deliveries')
    .set(outcome === 'sent' ? { status: 'sent', sent_at: new Date(), last_error: null } : { status: 'skipped', last_error: outcome })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

async function markFailed(db: Database, id: number, error: unknown): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'failed', last_error: errorText(error) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

async function loadEvent(db: Database, eventId: number) {
  const event = await db
    .selectFrom('notification_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select('a.display_name as actor_name')
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!event) return null;
  const source: MessageSource = {
    type: event.type,
    actorName: event.actor_name,
    record: {
      type: event.record_type,
      id: event.record_id,
      number: event.record_number,
      title: event.record_title,
      link: event.record_link,
    },
    data: event.data as Record<string, string | number>,
  };
  return { ...event, source };
}

async function sendEmail(platform: Platform, mailer: Mailer | null, delivery: Delivery): Promise<'sent' | SkipReason> {
  const { db, config } = platform;
  const event = delivery.event_id ? await loadEvent(db, delivery.event_id) : null;
  const userId = delivery.recipient_id;
  const user = userId ? await db.selectFrom('users').select(['locale', 'active']).where('id', '=', userId).executeTakeFirst() : null;
  if (!event || !userId || !user?.active) return 'inactive';
  // The recipient may have lost the right to see internal events since they were queued.
  if (event.internal_permission && !(await usersHolding(db, [userId], event.internal_permission)).has(userId)) return 'noPermission';
  if (!mailer) return 'smtpDisabled';
  if (!delivery.target) return 'noAddress';
  const mail = renderMail(user.locale, event.source, absoluteLink(config.PUBLIC_URL, event.record_link));
  await mailer.send({
    ...mail,
    to: delivery.target,
    deliveryId: delivery.id,
    record: { type: event.record_type, id: event.record_id, number: event.record_number },
  });
  return 'sent';
}

async function sendBot(platform: Platform, delivery: Delivery): Promise<'sent' | SkipReason> {
  const { db, config } = platform;
  const channel = delivery.channel_id
    ? await db.selectFrom('notification_channels').selectAll().where('id', '=', delivery.channel_id).executeTakeFirst()
    : null;
  if (!channel?.enabled) return 'channelDisabled';
  let message: BotMessage;
  if (delivery.event_id) {
    const event = await loadEvent(db, delivery.event_id);
    if (!event) return 'channelDisabled';
    if (event.audience !== 'public') return 'internal';
    const rendered = renderMessage(channel.locale, event.source, escapeBotMarkdown);
    message = { ...rendered, url: absoluteLink(config.PUBLIC_URL, event.record_link) };
  } else {
    message = testMessage(channel.locale, channel.name, config.PUBLIC_URL);
  }
  await postToBot(botRequest(channel.type, channel.webhook_url, channel.secret, message));
  return 'sent';
}

function testMessage(locale: string, channelName: string, publicUrl: string | undefined): BotMessage {
  const lang = pickLocale(locale);
  return {
    title: translate(lang, 'notifications.test.title'),
    body: translate(lang, 'notifications.test.body', { name: escapeBotMarkdown(channelName) }),
    url: absoluteLink(publicUrl, '/'),
  };
}

/**
 * Sends a test message to a group bot now and records it in the delivery log. Answers the vendor's
 * error when it refused (the delivery is then logged as failed and can be retried from the log).
 */
export async function sendTestMessage(platform: Platform, channelId: number): Promise<{ deliveryId: number; error: string | null }> {
  const { db } = platform;
  const channel = await db
    .selectFrom('notification_channels')
    .select(['id', 'type', 'webhook_url'])
    .where('id', '=', channelId)
    .executeTakeFirst();
  if (!channel) throw notFound();
  const { id } = await db
    .insertInto('notification_deliveries')
    .values({ event_id: null, channel: channel.type, channel_id: channel.id, target: maskUrl(channel.webhook_url), status: 'pending' })
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    await attempt(db, id, 'bot', (delivery) => sendBot(platform, delivery));
    const row = await db
      .selectFrom('notification_deliveries')
      .select(['status', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { deliveryId: id, error: row.status === 'sent' ? null : row.last_error };
  } catch (error) {
    await markFailed(db, id, error);
    return { deliveryId: id, error: errorText(error) };
  }
}

/** Puts a failed delivery back in the queue (one conditional write; a delivery that is not failed is a conflict). */
export async function retryDelivery(platform: Platform, id: number): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('notification_deliveries')
      .set({ status: 'pending' })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .returning('channel')
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('notification_deliveries').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? new AppError('conflict') : notFound();
    }
    await platform.jobs.enqueue(trx, row.channel === 'email' ? EMAIL_JOB : BOT_JOB, { deliveryId: id });
  });
}
