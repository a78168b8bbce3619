import { Id, text } from '@shuyun/shared';
import { z } from 'zod';
import { BOT_TYPES, DELIVERY_CHANNELS, DELIVERY_STATUSES, isNotificationEventType } from './events.js';

// The web's client could share these once they move to packages/shared/schemas.

const EventType = z.string().max(64).refine(isNotificationEventType, { message: 'invalidValue' });
const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const NotificationListQuery = z.strictObject({ ...PageQuery, unread: flag.optional() });

export const NotificationItem = z.object({
  id: z.number(),
  eventType: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  record: z.object({ type: z.string(), id: z.number(), number: z.string(), title: z.string() }),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});

const Channels = z.object({ inApp: z.boolean(), email: z.boolean() });
export const PreferenceItem = Channels.extend({ eventType: z.string(), defaults: Channels });
export const PreferencesBody = z.strictObject({
  items: z
    .array(z.strictObject({ eventType: EventType, inApp: z.boolean().optional(), email: z.boolean().optional() }))
    .min(1)
    .max(200)
    .refine((items) => new Set(items.map((i) => i.eventType)).size === items.length, { message: 'invalidValue' }),
});

const WebhookUrl = z
  .string()
  .trim()
  .max(1000)
  .pipe(z.url({ protocol: /^https?$/ }));
const Secret = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, { message: 'invalidValue' });
const Locale = z.enum(['zh-CN', 'en-US']);

export const ChannelBody = z.strictObject({
  type: z.enum(BOT_TYPES),
  name: text(1, 100),
  webhookUrl: WebhookUrl,
  secret: Secret.nullish(),
  eventTypes: z.array(EventType).min(1).max(100),
  teamId: Id.nullish(),
  locale: Locale.optional(),
  enabled: z.boolean().optional(),
});

export const ChannelUpdateBody = z.strictObject({
  name: text(1, 100).optional(),
  webhookUrl: WebhookUrl.optional(),
  secret: Secret.nullish(),
  eventTypes: z.array(EventType).min(1).max(100).optional(),
  teamId: Id.nullish(),
  locale: Locale.optional(),
  enabled: z.boolean().optional(),
  version: z.number().int().min(1),
});

export const Channel = z.object({
  id: z.number(),
  type: z.enum(BOT_TYPES),
  name: z.string(),
  /** Masked: scheme, host and the last four characters. */
  webhookUrl: z.string(),
  /** Masked, or null when none is set. */
  secret: z.string().nullable(),
  eventTypes: z.array(z.string()),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  locale: Locale,
  enabled: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DeliveryQuery = z.strictObject({
  ...PageQuery,
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  eventType: z.string().max(64).optional(),
  recipientId: Id.optional(),
  channelId: Id.optional(),
  recordNumber: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const Delivery = z.object({
  id: z.number(),
  eventId: z.number().nullable(),
  eventType: z.string().nullable(),
  recordType: z.string().nullable(),
  recordNumber: z.string().nullable(),
  channel: z.enum(DELIVERY_CHANNELS),
  recipientId: z.number().nullable(),
  recipientName: z.string().nullable(),
  channelId: z.number().nullable(),
  channelName: z.string().nullable(),
  target: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
