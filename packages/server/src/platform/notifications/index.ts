// What modules use: notify inside their transaction, and the event-type registry.
export {
  type ChannelDefaults,
  isNotificationEventType,
  notificationEventDefaults,
  notificationEventTypes,
  registerNotificationEvent,
  TICKET_NOTIFICATION_EVENTS,
  type TicketNotificationEventType,
} from './events.js';
export { type NotificationEvent, type NotificationRecord, type NotifyResult, notify } from './notify.js';
