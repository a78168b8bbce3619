// What modules use: notify inside their transaction, the event-type registry, and (for the mail
// intake) the check that refuses Shuyun's own mail, auto-replies and bounces.
export {
  type ChannelDefaults,
  isNotificationEventType,
  notificationEventDefaults,
  notificationEventTypes,
  registerNotificationEvent,
  TICKET_NOTIFICATION_EVENTS,
  type TicketNotificationEventType,
} from './events.js';
export { type MailLoopReason, mailLoopReason, ownMailMarks } from './mail-loops.js';
export { type NotificationEvent, type NotificationRecord, type NotifyResult, notify } from './notify.js';
