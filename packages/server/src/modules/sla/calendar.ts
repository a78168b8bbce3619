/**
 * Working-time arithmetic on a business calendar. Pure: no database, no clock.
 *
 * Conventions (the SLA engine relies on them):
 * - Working time is a set of half-open instants [start, end). A local day's intervals are turned into
 *   instants with the calendar's IANA time zone through Intl, so a DST switch simply makes that day's
 *   interval shorter or longer in real time (a 7×24 calendar is plain addition in every zone).
 * - Durations are exact: internally milliseconds, exposed as fractional minutes (no rounding).
 *   `addWorkingMinutes` rounds its input to the nearest millisecond.
 * - `addWorkingMinutes` answers the earliest instant at which that much working time has elapsed, so
 *   a target that is used up exactly at 18:00 is due at 18:00 (the end of an interval), not at 09:00
 *   the next working morning.
 */

/** [startMinute, endMinute) of a local day, 0 ≤ start < end ≤ 1440. */
export type WorkInterval = readonly [number, number];

export type DayKind = 'holiday' | 'workday';

/** An override of one local date: a public holiday, or a make-up working day (调休) on a weekend. */
export interface DayOverride {
  kind: DayKind;
  name: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Working intervals per weekday, index 0 = Sunday … 6 = Saturday, sorted and not overlapping. */
  weekly: readonly (readonly WorkInterval[])[];
  /** Overrides by local date 'YYYY-MM-DD'. */
  days: Readonly<Record<string, DayOverride>>;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** A calendar with no working day in this many days has no working time at all. */
const MAX_EMPTY_DAYS = 3_660;

const lunchBreak: WorkInterval[] = [
  [540, 720],
  [810, 1080],
];
/** Mon–Fri 09:00–12:00 and 13:30–18:00: the standard Chinese office week. */
export const STANDARD_WEEKLY: WorkInterval[][] = [[], lunchBreak, lunchBreak, lunchBreak, lunchBreak, lunchBreak, []];
/** Every day, all day. */
export const ROUND_THE_CLOCK_WEEKLY: WorkInterval[][] = Array.from({ length: 7 }, () => [[0, 1440] as WorkInterval]);

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The canonical name of an IANA time zone, or null if Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(timeZone: string, ms: number): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Local time minus UTC at a whole second, through Intl. */
function intlOffsetAt(timeZone: string, whole: number): number {
  const p = localParts(timeZone, whole);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

const HOUR_MS = 3_600_000;
// Offsets by UTC hour, per zone; NaN marks an hour with a transition in it (asked of Intl each time).
// SLA arithmetic asks for the same few days' offsets thousands of times, and each Intl call costs
// microseconds; the cache is bounded and only ever holds facts of the zone database.
const offsetCache = new Map<string, Map<number, number>>();

/** Local time minus UTC at an instant, in ms. */
function offsetAt(timeZone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const hour = Math.floor(whole / HOUR_MS);
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  let offset = zone.get(hour);
  if (offset === undefined) {
    // The same offset at both ends of the hour means none in between: zones never change twice in an hour.
    const first = intlOffsetAt(timeZone, hour * HOUR_MS);
    offset = first === intlOffsetAt(timeZone, (hour + 1) * HOUR_MS - 1000) ? first : Number.NaN;
    if (zone.size >= 100_000) zone.clear();
    zone.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlOffsetAt(timeZone, whole) : offset;
}

/**
 * The instant of a local wall-clock time. Like Temporal's 'compatible' disambiguation: a time that
 * occurs twice (autumn) is the earlier one; a time skipped by a spring-forward gap moves forward by
 * the gap (02:30 → 03:30 in Berlin).
 */
export function localToInstant(timeZone: string, date: string, minuteOfDay: number): number {
  const [y, m, d] = parseDate(date);
  const naive = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const before = offsetAt(timeZone, naive - DAY_MS);
  const after = offsetAt(timeZone, naive + DAY_MS);
  const candidates = [naive - before, naive - after].filter((c) => offsetAt(timeZone, c) === naive - c);
  if (candidates.length) return Math.min(...candidates);
  return naive - before;
}

/** The local date 'YYYY-MM-DD' of an instant. */
export function localDate(timeZone: string, at: Date | number): string {
  const whole = Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000) * 1000;
  const local = new Date(whole + offsetAt(timeZone, whole));
  return formatDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Dates

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date `days` after a 'YYYY-MM-DD' date (pure calendar arithmetic, no time zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** True when 'YYYY-MM-DD' names a real calendar date. */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return addDays(date, 0) === date;
}

// ---------------------------------------------------------------------------------------------
// Working intervals

/**
 * The local working intervals of one date. A holiday has none. A make-up working day keeps its own
 * weekly hours if it has any, else it works Monday's hours (or the first weekday that has hours).
 */
export function localIntervalsOf(cal: BusinessCalendar, date: string): readonly WorkInterval[] {
  const override = cal.days[date];
  const own = cal.weekly[weekday(date)] ?? [];
  if (override?.kind === 'holiday') return [];
  if (override?.kind === 'workday' && own.length === 0) {
    for (const wd of [1, 2, 3, 4, 5, 6, 0]) {
      const hours = cal.weekly[wd];
      if (hours?.length) return hours;
    }
  }
  return own;
}

type Span = readonly [number, number];
const spanCache = new WeakMap<BusinessCalendar, Map<string, Span[]>>();

/** A date's working intervals as instants (ms), in order. Cached per calendar object. */
function spansOf(cal: BusinessCalendar, date: string): Span[] {
  let perCalendar = spanCache.get(cal);
  if (!perCalendar) {
    perCalendar = new Map();
    spanCache.set(cal, perCalendar);
  }
  let spans = perCalendar.get(date);
  if (!spans) {
    spans = localIntervalsOf(cal, date)
      .map(([s, e]): Span => [localToInstant(cal.timeZone, date, s), localToInstant(cal.timeZone, date, e)])
      .filter(([s, e]) => e > s);
    perCalendar.set(date, spans);
  }
  return spans;
}

/**
 * Working spans from `from` onwards, clipped to start no earlier than `from`, in order. Stops after
 * the span that reaches `until` (if given). Throws if the calendar has no working time at all.
 */
function* spansFrom(cal: BusinessCalendar, from: number, until = Number.POSITIVE_INFINITY): Generator<Span> {
  let date = localDate(cal.timeZone, from);
  let empty = 0;
  for (;;) {
    const spans = spansOf(cal, date);
    for (const [s, e] of spans) {
      if (e <= from) continue;
      yield [Math.max(s, from), e];
      if (e >= until) return;
    }
    if (spans.length) empty = 0;
    else if (++empty > MAX_EMPTY_DAYS) throw new RangeError('the calendar has no working time');
    date = addDays(date, 1);
    if (localToInstant(cal.timeZone, date, 0) >= until) return;
  }
}

/** True when `at` falls inside working time. */
export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  return spansOf(cal, localDate(cal.timeZone, t)).some(([s, e]) => s <= t && t < e);
}

/** `at` itself if it is working time, else the start of the next working interval. */
export function nextWorkingMoment(cal: BusinessCalendar, at: Date): Date {
  const first = spansFrom(cal, at.getTime()).next().value as Span;
  return new Date(first[0]);
}

/** Exact working milliseconds from `from` to `to`; 0 when `to` is not after `from`. */
export function workingMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (const [s, e] of spansFrom(cal, from, to)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total;
}

/** The earliest instant at which `ms` working milliseconds have elapsed, counting from `from`. */
export function addWorkingMs(cal: BusinessCalendar, from: number, ms: number): number {
  if (!(ms >= 0)) throw new RangeError('working time to add must be ≥ 0');
  let remaining = ms;
  for (const [s, e] of spansFrom(cal, from)) {
    if (remaining <= e - s) return s + remaining;
    remaining -= e - s;
  }
  throw new RangeError('unreachable');
}

/**
 * The instant when `minutes` of working time have elapsed after `start`. Counting starts at the next
 * working moment, so 0 minutes from outside working time is that next working moment.
 */
export function addWorkingMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  return new Date(addWorkingMs(cal, start.getTime(), Math.round(minutes * MINUTE)));
}

/** Working minutes from `from` to `to`, exact (fractional); 0 when `to` is not after `from`. */
export function workingMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return workingMsBetween(cal, from.getTime(), to.getTime()) / MINUTE;
}

/** Why a weekly schedule is unusable: per weekday and interval index (in the given order), the problem. */
export type WeeklyProblem = 'sevenDays' | 'range' | 'overlap' | 'noWorkingTime';

/**
 * Problems with a weekly schedule (empty when valid). Each interval must lie within 0–1440 with
 * start < end; intervals of a day may come in any order but must not overlap (touching is fine);
 * at least one weekday must have working hours.
 */
export function weeklyIssues(weekly: readonly (readonly WorkInterval[])[]): { path: string; problem: WeeklyProblem }[] {
  if (weekly.length !== 7) return [{ path: '', problem: 'sevenDays' }];
  const issues: { path: string; problem: WeeklyProblem }[] = [];
  weekly.forEach((intervals, wd) => {
    const valid: { s: number; e: number; i: number }[] = [];
    intervals.forEach(([s, e], i) => {
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > 1440 || s >= e)
        issues.push({ path: `${wd}.${i}`, problem: 'range' });
      else valid.push({ s, e, i });
    });
    valid.sort((a, b) => a.s - b.s);
    for (let k = 1; k < valid.length; k++) {
      const prev = valid[k - 1];
      const cur = valid[k];
      if (prev && cur && cur.s < prev.e) issues.push({ path: `${wd}.${Math.max(prev.i, cur.i)}`, problem: 'overlap' });
    }
  });
  if (issues.length === 0 && weekly.every((d) => d.length === 0)) issues.push({ path: '', problem: 'noWorkingTime' });
  return issues;
}

/** A weekly schedule with each day's intervals sorted by start. */
export function sortWeekly(weekly: readonly (readonly WorkInterval[])[]): WorkInterval[][] {
  return weekly.map((day) => [...day].sort((a, b) => a[0] - b[0]));
}
