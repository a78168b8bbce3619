import type { Interval, Weekly } from './types';

/** Weekday keys by JavaScript index (0 = Sunday), as in `sla.weekdays`. */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Monday first, as Chinese calendars show the week. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export const STANDARD_DAY: Interval[] = [
  [540, 720],
  [810, 1080],
];
export const STANDARD_WEEKLY: Weekly = [[], STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, STANDARD_DAY, []];
export const ALL_DAY: Interval[] = [[0, 1440]];

/** 540 → "09:00"; 1440 → "24:00". */
export function clock(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function intervalsText(intervals: Interval[]): string {
  return intervals.map(([s, e]) => `${clock(s)}–${clock(e)}`).join(', ');
}

/** Working minutes in one day. */
export function dayMinutes(intervals: Interval[]): number {
  return intervals.reduce((sum, [s, e]) => sum + Math.max(0, e - s), 0);
}

/**
 * Groups weekdays with the same hours, Monday first: [[1,2,3,4,5], intervals], [[6,0], []].
 * Days next to each other share a group only if they are consecutive in the Monday-first order.
 */
export function weeklyGroups(weekly: Weekly): { days: number[]; intervals: Interval[] }[] {
  const groups: { days: number[]; intervals: Interval[] }[] = [];
  for (const day of WEEK_ORDER) {
    const intervals = weekly[day] ?? [];
    const last = groups.at(-1);
    if (last && intervalsText(last.intervals) === intervalsText(intervals)) last.days.push(day);
    else groups.push({ days: [day], intervals });
  }
  return groups;
}
