import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingMinutes,
  type BusinessCalendar,
  type DayOverride,
  isWorkingTime,
  localDate,
  localToInstant,
  nextWorkingMoment,
  ROUND_THE_CLOCK_WEEKLY,
  type WorkInterval,
  weekday,
  weeklyIssues,
  workingMinutesBetween,
} from './calendar.js';
import { cst, roundTheClock, standardCalendar } from './test-calendars.js';

const std = standardCalendar();
const iso = (d: Date) => d.toISOString();

describe('hand-checked due times on the 2026 standard calendar (Asia/Shanghai, 09:00–12:00 + 13:30–18:00)', () => {
  // Every expectation below was worked out by hand from the State Council schedule, not by the code.

  it('国庆: 8 working hours from Wed 2026-09-30 16:00 are due Thu 2026-10-08 16:30', () => {
    // 09-30 16:00–18:00 = 120 min. 10-01…10-07 are off; 10-08 (Thu) is the first working day:
    // 09:00–12:00 = 180 (300 in all), then 13:30 + 180 min = 16:30 (480 = 8 h).
    expect(iso(addWorkingMinutes(std, cst('2026-09-30T16:00'), 480))).toBe(iso(cst('2026-10-08T16:30')));
  });

  it('国庆: 24 working hours from 2026-09-30 16:00 use the make-up Saturday 10-10 and are due 10-10 17:30', () => {
    // 09-30: 120. 10-08 (Thu): 450 → 570. 10-09 (Fri): 450 → 1020. 10-10 (Sat, 调休 workday): need 420 more:
    // 09:00–12:00 = 180 → 1200, then 240 from 13:30 → 17:30.
    expect(iso(addWorkingMinutes(std, cst('2026-09-30T16:00'), 1440))).toBe(iso(cst('2026-10-10T17:30')));
  });

  it('国庆: the working minutes of 2026-09-30 … 10-10 are four full days', () => {
    // 09-30, 10-08, 10-09 and 10-10 (调休) work 450 min each; 10-01…10-07 are off.
    expect(workingMinutesBetween(std, cst('2026-09-30T00:00'), cst('2026-10-11T00:00'))).toBe(4 * 450);
  });

  it('春节: 8 working hours from Fri 2026-02-13 17:00 are due on the make-up Saturday 02-14 at 17:30', () => {
    // 02-13 17:00–18:00 = 60. 02-14 (Sat) is a 调休 workday: 09:00–12:00 = 180 → 240, 13:30 + 240 = 17:30.
    expect(iso(addWorkingMinutes(std, cst('2026-02-13T17:00'), 480))).toBe(iso(cst('2026-02-14T17:30')));
  });

  it('春节: 24 working hours from Sat 2026-02-14 17:00 skip 02-15…02-23 and are due Fri 02-27 09:30', () => {
    // 02-14: 60. 02-15…02-23 off. 02-24 (Tue): 450 → 510; 02-25: 960; 02-26: 1410; 02-27 (Fri): +30 → 09:30.
    expect(iso(addWorkingMinutes(std, cst('2026-02-14T17:00'), 1440))).toBe(iso(cst('2026-02-27T09:30')));
  });

  it('春节: Sat 2026-02-28 is a working day', () => {
    // 02-27 17:00–18:00 = 60, then 02-28 09:00 + 60 = 10:00.
    expect(iso(addWorkingMinutes(std, cst('2026-02-27T17:00'), 120))).toBe(iso(cst('2026-02-28T10:00')));
    expect(isWorkingTime(std, cst('2026-02-28T10:00'))).toBe(true);
    expect(isWorkingTime(std, cst('2026-02-21T10:00'))).toBe(false); // an ordinary Saturday inside 春节
  });

  it('元旦: Sun 2026-01-04 is a make-up working day', () => {
    // 2025-12-31 (Wed) 17:00–18:00 = 60; 01-01…01-03 off; 01-04 (Sun, 调休) 09:00 + 180 = 12:00.
    expect(iso(addWorkingMinutes(std, cst('2025-12-31T17:00'), 240))).toBe(iso(cst('2026-01-04T12:00')));
    // From inside the holiday, counting starts at the next working moment, 01-04 09:00.
    expect(iso(addWorkingMinutes(std, cst('2026-01-03T10:00'), 30))).toBe(iso(cst('2026-01-04T09:30')));
    expect(iso(nextWorkingMoment(std, cst('2026-01-02T12:00')))).toBe(iso(cst('2026-01-04T09:00')));
    expect(isWorkingTime(std, cst('2026-01-04T10:00'))).toBe(true);
    expect(isWorkingTime(std, cst('2026-01-01T10:00'))).toBe(false);
  });

  it('2025 国庆·中秋: Sun 09-28 and Sat 10-11 work, 10-01…10-08 do not', () => {
    // 09-27 (Sat) off; 09-28 (Sun 调休), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat 调休) work 450 each.
    expect(workingMinutesBetween(std, cst('2025-09-27T00:00'), cst('2025-10-12T00:00'))).toBe(6 * 450);
  });

  it('skips the lunch break and ends a target exactly at the end of the day rather than the next morning', () => {
    // Mon 2026-03-02: 11:30–12:00 = 30, then 13:30 + 30 = 14:00.
    expect(iso(addWorkingMinutes(std, cst('2026-03-02T11:30'), 60))).toBe(iso(cst('2026-03-02T14:00')));
    expect(iso(addWorkingMinutes(std, cst('2026-03-02T17:00'), 60))).toBe(iso(cst('2026-03-02T18:00')));
    // Fri 17:00 + 2 h: 60 on Friday, 60 on Monday from 09:00.
    expect(iso(addWorkingMinutes(std, cst('2026-03-06T17:00'), 120))).toBe(iso(cst('2026-03-09T10:00')));
  });

  it('0 minutes: the start itself inside working time, the next working moment outside it', () => {
    expect(iso(addWorkingMinutes(std, cst('2026-03-02T10:00'), 0))).toBe(iso(cst('2026-03-02T10:00')));
    expect(iso(addWorkingMinutes(std, cst('2026-03-02T12:15'), 0))).toBe(iso(cst('2026-03-02T13:30')));
    expect(iso(addWorkingMinutes(std, cst('2026-03-02T18:00'), 0))).toBe(iso(cst('2026-03-03T09:00')));
  });

  it('counts fractional minutes exactly and refuses negative ones', () => {
    expect(workingMinutesBetween(std, cst('2026-03-02T10:00:00'), cst('2026-03-02T10:00:30'))).toBe(0.5);
    expect(workingMinutesBetween(std, cst('2026-03-02T11:00'), cst('2026-03-02T10:00'))).toBe(0);
    expect(() => addWorkingMinutes(std, cst('2026-03-02T10:00'), -1)).toThrow(RangeError);
  });
});

describe('time zones and daylight saving (Europe/Berlin: CET → CEST on 2026-03-29, back on 2026-10-25)', () => {
  const office: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    weekly: [[], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], []],
    days: {},
  };
  // 01:00–04:00 every night: the interval straddles both switches.
  const night: BusinessCalendar = { timeZone: 'Europe/Berlin', weekly: Array.from({ length: 7 }, () => [[60, 240]]), days: {} };

  it('turns local wall-clock times into instants, moving a skipped time forward and taking the earlier of a repeated one', () => {
    expect(iso(new Date(localToInstant('Europe/Berlin', '2026-03-28', 600)))).toBe('2026-03-28T09:00:00.000Z'); // CET
    expect(iso(new Date(localToInstant('Europe/Berlin', '2026-03-30', 600)))).toBe('2026-03-30T08:00:00.000Z'); // CEST
    expect(iso(new Date(localToInstant('Europe/Berlin', '2026-03-29', 150)))).toBe('2026-03-29T01:30:00.000Z'); // 02:30 does not exist → 03:30 CEST
    expect(iso(new Date(localToInstant('Europe/Berlin', '2026-10-25', 150)))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first one
    expect(localDate('Europe/Berlin', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });

  it('adds office hours over the spring and autumn weekends', () => {
    // Fri 03-27 16:00 CET (15:00Z): 60 on Friday; Mon 03-30 09:00 CEST (07:00Z) + 60 = 08:00Z.
    expect(iso(addWorkingMinutes(office, new Date('2026-03-27T15:00:00Z'), 120))).toBe('2026-03-30T08:00:00.000Z');
    // Fri 10-23 16:00 CEST (14:00Z): 60; Mon 10-26 09:00 CET (08:00Z) + 60 = 09:00Z.
    expect(iso(addWorkingMinutes(office, new Date('2026-10-23T14:00:00Z'), 120))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('a night shift across the switch is an hour shorter in spring and an hour longer in autumn', () => {
    // 03-29: 01:00 CET = 00:00Z … 04:00 CEST = 02:00Z → 120 real minutes.
    expect(workingMinutesBetween(night, new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'))).toBe(120);
    // 10-25: 01:00 CEST = 23:00Z (10-24) … 04:00 CET = 03:00Z → 240 real minutes.
    expect(workingMinutesBetween(night, new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z'))).toBe(240);
    // An ordinary night is 180.
    expect(workingMinutesBetween(night, new Date('2026-03-25T23:00:00Z'), new Date('2026-03-26T23:00:00Z'))).toBe(180);
    // 150 minutes from 01:00 CET on 03-29: 120 that night (to 02:00Z), 30 the next from 01:00 CEST (23:00Z) → 23:30Z.
    expect(iso(addWorkingMinutes(night, new Date('2026-03-29T00:00:00Z'), 150))).toBe('2026-03-29T23:30:00.000Z');
  });

  it('a 7×24 calendar is plain addition across both switches', () => {
    const cal = roundTheClock('Europe/Berlin');
    expect(iso(addWorkingMinutes(cal, new Date('2026-03-28T12:00:00Z'), 2880))).toBe('2026-03-30T12:00:00.000Z');
    expect(workingMinutesBetween(cal, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z'))).toBe(2880);
  });
});

describe('weekly hours validation', () => {
  const week = (monday: WorkInterval[]): WorkInterval[][] => [[], monday, [], [], [], [], []];

  it('accepts intervals in any order and touching intervals', () => {
    expect(
      weeklyIssues(
        week([
          [810, 1080],
          [540, 720],
        ]),
      ),
    ).toEqual([]);
    expect(
      weeklyIssues(
        week([
          [540, 720],
          [720, 1440],
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses overlaps, intervals outside the day, empty intervals, a schedule without working time and a short week', () => {
    expect(
      weeklyIssues(
        week([
          [540, 720],
          [700, 800],
        ]),
      ),
    ).toEqual([{ path: '1.1', problem: 'overlap' }]);
    expect(weeklyIssues(week([[540, 1441]]))).toEqual([{ path: '1.0', problem: 'range' }]);
    expect(weeklyIssues(week([[1440, 1500]]))).toEqual([{ path: '1.0', problem: 'range' }]);
    expect(weeklyIssues(week([[600, 600]]))).toEqual([{ path: '1.0', problem: 'range' }]);
    expect(weeklyIssues(week([[-1, 600]]))).toEqual([{ path: '1.0', problem: 'range' }]);
    expect(weeklyIssues(week([[540.5, 600]]))).toEqual([{ path: '1.0', problem: 'range' }]);
    expect(weeklyIssues([[], [], [], [], [], [], []])).toEqual([{ path: '', problem: 'noWorkingTime' }]);
    expect(weeklyIssues([[[0, 60]]])).toEqual([{ path: '', problem: 'sevenDays' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'UTC'];
const FROM = Date.parse('2024-12-01T00:00:00Z');
const TO = Date.parse('2027-01-31T00:00:00Z');

/** A day's intervals: an even number of distinct sorted boundaries, paired up. */
const dayArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 })
  .map((points) => points.sort((a, b) => a - b).map((p) => p * 30))
  .map((b) => {
    const pairs: WorkInterval[] = [];
    for (let i = 0; i + 1 < b.length; i += 2) pairs.push([b[i] as number, b[i + 1] as number]);
    return pairs;
  });

const randomCalendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 790 }), { maxLength: 40 }),
    workdays: fc.uniqueArray(fc.integer({ min: 0, max: 790 }), { maxLength: 10 }),
  })
  .filter((c) => c.weekly.some((d) => d.length > 0))
  .map(({ timeZone, weekly, holidays, workdays }) => {
    const days: Record<string, DayOverride> = {};
    for (const n of workdays) days[addDays('2024-12-01', n)] = { kind: 'workday', name: '调休' };
    for (const n of holidays) days[addDays('2024-12-01', n)] = { kind: 'holiday', name: '假日' };
    return { timeZone, weekly, days };
  });

const calendarArb = fc.oneof(
  fc.constant(std),
  fc.constant({ ...std, timeZone: 'Europe/Berlin' }),
  fc.constant(roundTheClock('Europe/Berlin')),
  randomCalendarArb,
);
const instantArb = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
/** Up to about two working weeks, in whole milliseconds expressed as minutes. */
const minutesArb = fc.integer({ min: 0, max: 10 * 450 * 60_000 }).map((ms) => ms / 60_000);
const positiveMinutesArb = fc.integer({ min: 1, max: 10 * 450 * 60_000 }).map((ms) => ms / 60_000);

const isHoliday = (cal: BusinessCalendar, at: Date) => cal.days[localDate(cal.timeZone, at)]?.kind === 'holiday';
const before = (d: Date) => new Date(d.getTime() - 1);

describe('calendar arithmetic properties', () => {
  it('add(start, a + b) = add(add(start, a), b) for b > 0', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, positiveMinutesArb, (cal, start, a, b) => {
        const once = addWorkingMinutes(cal, start, a + b);
        const twice = addWorkingMinutes(cal, addWorkingMinutes(cal, start, a), b);
        expect(iso(twice)).toBe(iso(once));
      }),
    );
  });

  it('(with b = 0 the second step moves an interval end to the next working moment instead, as documented)', () => {
    // Mon 17:00 + 60 ends at 18:00; adding 0 from 18:00 counts from the next working moment.
    const end = addWorkingMinutes(std, cst('2026-03-02T17:00'), 60);
    expect(iso(addWorkingMinutes(std, end, 0))).toBe(iso(cst('2026-03-03T09:00')));
  });

  it('between(start, add(start, m)) = m', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, (cal, start, m) => {
        expect(workingMinutesBetween(cal, start, addWorkingMinutes(cal, start, m))).toBeCloseTo(m, 9);
      }),
    );
  });

  it('between is additive: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, a, span, f) => {
          const c = new Date(a.getTime() + span);
          const b = new Date(a.getTime() + Math.floor(span * f));
          expect(workingMinutesBetween(cal, a, b) + workingMinutesBetween(cal, b, c)).toBeCloseTo(workingMinutesBetween(cal, a, c), 9);
        },
      ),
    );
  });

  it('is monotonic in minutes and never before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, minutesArb, (cal, start, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const a = addWorkingMinutes(cal, start, lo);
        const b = addWorkingMinutes(cal, start, hi);
        expect(a.getTime()).toBeLessThanOrEqual(b.getTime());
        expect(a.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it('the result closes working time: the millisecond before it is working time, and not on a holiday', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, positiveMinutesArb, (cal, start, m) => {
        const due = addWorkingMinutes(cal, start, m);
        expect(isWorkingTime(cal, before(due))).toBe(true);
        expect(isHoliday(cal, before(due))).toBe(false);
      }),
    );
  });

  it('0 minutes: the start when it is working time, else the next working moment, which is working time and not a holiday', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (cal, start) => {
        const due = addWorkingMinutes(cal, start, 0);
        if (isWorkingTime(cal, start)) expect(iso(due)).toBe(iso(start));
        else expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(iso(due)).toBe(iso(nextWorkingMoment(cal, start)));
        expect(isWorkingTime(cal, due)).toBe(true);
        expect(isHoliday(cal, due)).toBe(false);
        // Nothing between start and the next working moment is working time.
        expect(workingMinutesBetween(cal, start, due)).toBe(0);
      }),
    );
  });

  it('a 7×24 calendar is plain addition in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, minutesArb, (timeZone, start, m) => {
        const cal: BusinessCalendar = { timeZone, weekly: ROUND_THE_CLOCK_WEEKLY, days: {} };
        expect(addWorkingMinutes(cal, start, m).getTime()).toBe(start.getTime() + Math.round(m * 60_000));
      }),
    );
  });

  it('weekday and addDays agree with the Gregorian calendar', () => {
    expect(weekday('2026-10-08')).toBe(4); // Thursday
    expect(weekday('2026-01-04')).toBe(0); // Sunday
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('cached time-zone offsets', () => {
  // Lord Howe shifts by 30 minutes; Kathmandu is +05:45; Berlin and New York switch at different hours.
  const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
  const dayFormats = new Map(
    zones.map((timeZone) => [timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })]),
  );
  const intlDate = (timeZone: string, ms: number) => dayFormats.get(timeZone)?.format(ms) ?? '';

  it('give the same local dates as Intl, also in the hours around each switch', () => {
    // Every 15 minutes across 2026's spring and autumn switches of all five zones, twice (cold, then cached).
    for (const pass of [1, 2]) {
      for (const timeZone of zones) {
        for (const [from, to] of [
          [Date.UTC(2026, 2, 7), Date.UTC(2026, 3, 7)],
          [Date.UTC(2026, 8, 26), Date.UTC(2026, 10, 3)],
        ] as const) {
          for (let ms = from; ms < to; ms += 15 * 60_000) {
            if (localDate(timeZone, ms) !== intlDate(timeZone, ms))
              throw new Error(`pass ${pass}: ${timeZone} at ${new Date(ms).toISOString()}`);
          }
        }
      }
    }
  });

  it('turn local times back into the instants Intl names, for any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }), (timeZone, raw) => {
        const ms = Math.floor(raw / 60_000) * 60_000;
        const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(
          ms,
        );
        const minuteOfDay =
          Number(parts.find((p) => p.type === 'hour')?.value) * 60 + Number(parts.find((p) => p.type === 'minute')?.value);
        const back = localToInstant(timeZone, intlDate(timeZone, ms), minuteOfDay);
        // A repeated autumn hour maps to its first occurrence; otherwise the instant itself.
        expect(back === ms || (back < ms && ms - back <= 3_600_000 && localDate(timeZone, back) === intlDate(timeZone, ms))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
