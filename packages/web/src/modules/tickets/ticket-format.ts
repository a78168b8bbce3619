import type { HoldReason, Priority, TicketAction, TicketStatus, TicketSummary } from '@shuyun/shared';
import type { TFunction } from 'i18next';
import { currentLocale, i18n } from '../../app/i18n';

// Display helpers both ends share (no UI library here): names, colours, durations.

export type SlaState = TicketSummary['slaState'];

/** antd tag colours per status; the phone maps them onto its own palette. */
export const STATUS_COLORS: Record<TicketStatus, string> = {
  pending_approval: 'purple',
  new: 'blue',
  in_progress: 'processing',
  on_hold: 'warning',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
  rejected: 'error',
};

export const PRIORITY_COLORS: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'blue', P4: 'default' };

export const SLA_COLORS: Record<SlaState, string> = {
  ok: 'green',
  atRisk: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'cyan',
  none: 'default',
};

/** Hex colours for places without antd's named colours (the phone). */
export const HEX = {
  red: '#f5222d',
  orange: '#fa8c16',
  green: '#52c41a',
  blue: '#1668dc',
  purple: '#722ed1',
  grey: '#8c8c8c',
  cyan: '#13c2c2',
};

export const MOBILE_STATUS_COLORS: Record<TicketStatus, string> = {
  pending_approval: HEX.purple,
  new: HEX.blue,
  in_progress: HEX.blue,
  on_hold: HEX.orange,
  resolved: HEX.green,
  closed: HEX.grey,
  cancelled: HEX.grey,
  rejected: HEX.red,
};

export const MOBILE_SLA_COLORS: Record<SlaState, string> = {
  ok: HEX.green,
  atRisk: HEX.orange,
  breached: HEX.red,
  paused: HEX.grey,
  met: HEX.cyan,
  none: HEX.grey,
};

export const statusName = (t: TFunction, status: TicketStatus) => t(`tickets.status.${status}`);
export const priorityName = (t: TFunction, priority: Priority) => t(`ticketsUi.priorities.${priority}`);
export const slaName = (t: TFunction, state: SlaState) => t(`tickets.sla.${state}`);
export const actionName = (t: TFunction, action: TicketAction) => t(`ticketsUi.actions.${action}`);
export const holdReasonName = (t: TFunction, reason: HoldReason) => t(`ticketsUi.holdReasons.${reason}`);

/** A resolution category code as text; categories typed in by other channels show as they are. */
export function resolutionCategoryName(t: TFunction, code: string | null): string {
  if (!code) return '';
  const key = `ticketsUi.resolutionCategories.${code}`;
  return i18n.exists(key) ? String(t(key as 'ticketsUi.resolutionCategories.other')) : code;
}

/** Working minutes as "2 小时 5 分钟" / "2 h 5 min". */
export function formatMinutes(t: TFunction, value: number): string {
  const total = Math.max(0, Math.round(value));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('ticketsUi.duration.minutes', { m });
  if (m === 0) return t('ticketsUi.duration.hours', { h });
  return t('ticketsUi.duration.hoursMinutes', { h, m });
}

export const RESOLUTION_CATEGORIES = ['fixed', 'workaround', 'guidance', 'replaced', 'config', 'noFault', 'other'] as const;
export const RATING_TAGS = ['fast', 'professional', 'friendly', 'firstTime', 'slow', 'unresolved'] as const;

/** Actions that need a form (the others are a confirmation). */
export const ACTIONS_WITH_FORM: readonly TicketAction[] = ['reject', 'assign', 'transfer', 'hold', 'resolve', 'reopen', 'merge'];

/** The earlier of the clocks still running: response until accepted, then resolution. */
export function nextDue(ticket: Pick<TicketSummary, 'responseDueAt' | 'resolutionDueAt'>): string | null {
  const dues = [ticket.responseDueAt, ticket.resolutionDueAt].filter((d): d is string => Boolean(d));
  return dues.sort()[0] ?? null;
}

/** A list of words the way the reader's language writes one. */
export function joinList(items: string[]): string {
  return items.join(currentLocale() === 'zh-CN' ? '、' : ', ');
}
