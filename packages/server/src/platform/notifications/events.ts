/** Where an event type goes when the recipient has not chosen otherwise. */
export interface ChannelDefaults {
  inApp: boolean;
  email: boolean;
}

/** The channels a user can switch per event type. */
export const USER_CHANNELS = ['inApp', 'email'] as const;
export type UserChannel = (typeof USER_CHANNELS)[number];

export const BOT_TYPES = ['wecom', 'dingtalk', 'feishu'] as const;
export type BotType = (typeof BOT_TYPES)[number];

export const DELIVERY_CHANNELS = ['email', ...BOT_TYPES] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const both: ChannelDefaults = { inApp: true, email: true };
const bellOnly: ChannelDefaults = { inApp: true, email: false };

/**
 * The service desk's event types and their default channels. Each has `notifications.events.<type>.title`
 * and `.body` in both catalogues (a test checks it).
 */
export const TICKET_NOTIFICATION_EVENTS = {
  'ticket.created': bellOnly,
  'ticket.accepted': bellOnly,
  'ticket.assigned': both,
  'ticket.transferred': both,
  'ticket.commented': both,
  'ticket.mentioned': both,
  'ticket.resolved': both,
  'ticket.reopened': both,
  'ticket.closed': bellOnly,
  'ticket.approvalRequested': both,
  'ticket.approved': both,
  'ticket.rejected': both,
  'ticket.rated': bellOnly,
  'ticket.followUp': both,
  'ticket.slaWarning': both,
  'ticket.slaBreached': both,
  'ticket.escalated': both,
} as const satisfies Record<string, ChannelDefaults>;

export type TicketNotificationEventType = keyof typeof TICKET_NOTIFICATION_EVENTS;

const registry = new Map<string, ChannelDefaults>(Object.entries(TICKET_NOTIFICATION_EVENTS));

/**
 * Adds a module's event type with its default channels. Call it at import time of the module (before
 * any notify); add its templates to the `notifications.events` section of both catalogues.
 */
export function registerNotificationEvent(type: string, defaults: ChannelDefaults): void {
  if (!/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/.test(type)) throw new Error(`notification event type ${type} must look like module.event`);
  registry.set(type, { ...defaults });
}

/** The default channels of a registered event type, or undefined for an unknown one. */
export function notificationEventDefaults(type: string): ChannelDefaults | undefined {
  return registry.get(type);
}

export function isNotificationEventType(type: string): boolean {
  return registry.has(type);
}

/** Every registered event type, in registration order. */
export function notificationEventTypes(): string[] {
  return [...registry.keys()];
}
