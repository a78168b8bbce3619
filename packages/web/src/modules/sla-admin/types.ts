import type { Priority } from '@shuyun/shared';

// Shapes of the SLA admin API (packages/server/src/modules/sla/schemas.ts).

/** [startMinute, endMinute) in local time; 0–1440. */
export type Interval = [number, number];

/** Seven days, index 0 = Sunday. */
export type Weekly = Interval[][];

export interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  weekly: Weekly;
  isDefault: boolean;
  /** Years that have day overrides. */
  years: number[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DayKind = 'holiday' | 'workday';

export interface DayOverride {
  day: string;
  kind: DayKind;
  name: string;
}

export interface YearDays {
  year: number;
  /** The calendar's version: replacing a year's days is a change of the calendar. */
  version: number;
  items: DayOverride[];
}

export interface Target {
  responseMinutes: number;
  resolutionMinutes: number;
}

export const ESCALATION_TARGETS = ['team_lead', 'it_manager'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export interface EscalationLevel {
  afterBreachMinutes: number;
  notify: EscalationTarget;
}

export interface Policy {
  id: number;
  name: string;
  calendarId: number;
  calendarName: string;
  targets: Record<Priority, Target>;
  warnRatio: number;
  escalation: { levels: EscalationLevel[] };
  isDefault: boolean;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarInput {
  name: string;
  timeZone: string;
  weekly: Weekly;
  isDefault?: boolean;
}

export interface PolicyInput {
  name: string;
  calendarId: number;
  targets: Record<Priority, Target>;
  warnRatio: number;
  escalation: { levels: EscalationLevel[] };
  isDefault?: boolean;
  active?: boolean;
}
