import { type BusinessCalendar, type DayOverride, ROUND_THE_CLOCK_WEEKLY, STANDARD_WEEKLY } from './calendar.js';
import { officialDays } from './holidays.js';

// Calendars shared by the SLA module's unit tests (not a test file itself).

/** The seeded 标准工作日历: Mon–Fri 09:00–12:00 and 13:30–18:00 in Asia/Shanghai, 2025 and 2026 official days. */
export function standardCalendar(): BusinessCalendar {
  const days: Record<string, DayOverride> = {};
  for (const year of [2025, 2026]) for (const d of officialDays(year)) days[d.day] = { kind: d.kind, name: d.name };
  return { timeZone: 'Asia/Shanghai', weekly: STANDARD_WEEKLY, days };
}

export const roundTheClock = (timeZone = 'Asia/Shanghai'): BusinessCalendar => ({ timeZone, weekly: ROUND_THE_CLOCK_WEEKLY, days: {} });

/** An instant written as local Shanghai time (UTC+8 all year). */
export const cst = (local: string) => new Date(`${local}+08:00`);
