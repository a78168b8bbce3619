// Shapes of the notification API (packages/server/src/platform/notifications/schemas.ts).

export interface NotificationItem {
  id: number;
  eventType: string;
  title: string;
  body: string;
  link: string;
  record: { type: string; id: number; number: string; title: string };
  actorId: number | null;
  actorName: string | null;
  read: boolean;
  createdAt: string;
}

export interface ChannelFlags {
  inApp: boolean;
  email: boolean;
}

export interface PreferenceItem extends ChannelFlags {
  eventType: string;
  defaults: ChannelFlags;
}

export const BOT_TYPES = ['wecom', 'dingtalk', 'feishu'] as const;
export type BotType = (typeof BOT_TYPES)[number];

export const DELIVERY_CHANNELS = ['email', ...BOT_TYPES] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface BotChannel {
  id: number;
  type: BotType;
  name: string;
  /** Masked: scheme, host and the last four characters. */
  webhookUrl: string;
  /** Masked, or null when none is set. */
  secret: string | null;
  eventTypes: string[];
  teamId: number | null;
  teamName: string | null;
  locale: 'zh-CN' | 'en-US';
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelInput {
  type?: BotType;
  name?: string;
  webhookUrl?: string;
  secret?: string | null;
  eventTypes?: string[];
  teamId?: number | null;
  locale?: 'zh-CN' | 'en-US';
  enabled?: boolean;
}

export interface Delivery {
  id: number;
  eventId: number | null;
  eventType: string | null;
  recordType: string | null;
  recordNumber: string | null;
  channel: DeliveryChannel;
  recipientId: number | null;
  recipientName: string | null;
  channelId: number | null;
  channelName: string | null;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryFilters {
  page: number;
  pageSize: number;
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  eventType?: string;
  recipientId?: number;
  channelId?: number;
  recordNumber?: string;
  from?: string;
  to?: string;
}
