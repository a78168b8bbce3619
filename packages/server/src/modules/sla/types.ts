import type { BusinessCalendar, WorkInterval } from './calendar.js';
import type { SlaTargets } from './sla.js';

export const ESCALATION_TARGETS = ['team_lead', 'it_manager'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** One step of the escalation chain: who is told, how many working minutes after the breach. */
export interface EscalationLevel {
  afterBreachMinutes: number;
  notify: EscalationTarget;
}

export interface SlaPolicy {
  id: number;
  name: string;
  calendarId: number;
  calendarName: string;
  /** Working minutes of the policy's calendar. */
  targets: SlaTargets;
  warnRatio: number;
  escalation: { levels: EscalationLevel[] };
  isDefault: boolean;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CalendarRecord {
  id: number;
  name: string;
  timeZone: string;
  weekly: WorkInterval[][];
  isDefault: boolean;
  /** Years that have day overrides. */
  years: number[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A business calendar ready for arithmetic, with what identifies it. */
export type LoadedCalendar = BusinessCalendar & { id: number; name: string; version: number };
