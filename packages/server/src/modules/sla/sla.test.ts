import { LOCALES, translate } from '@shuyun/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar.js';
import { workingMinutesBetween } from './calendar.js';
import { computeSla, SLA_STEP_KINDS, type SlaEvent, type SlaEventKind, type SlaInput, type SlaStep, type SlaTargets } from './sla.js';
import { cst, roundTheClock, standardCalendar } from './test-calendars.js';

// The seeded 标准服务级别 targets, in working minutes.
const targets: SlaTargets = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 60, resolutionMinutes: 480 },
  P3: { responseMinutes: 240, resolutionMinutes: 1440 },
  P4: { responseMinutes: 480, resolutionMinutes: 2400 },
};
const std = standardCalendar();
const ev = (local: string, kind: SlaEventKind, extra: Partial<SlaEvent> = {}): SlaEvent => ({ at: cst(local), kind, ...extra });
const sla = (events: SlaEvent[], now: string, calendar: BusinessCalendar = std) => computeSla({ targets, calendar, events, now: cst(now) });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const at = (local: string) => cst(local).toISOString();
const kinds = (r: ReturnType<typeof sla>) => r.explanation.map((s) => `${s.kind}@${s.at.toISOString()}`);

// All expectations are worked out by hand on the standard calendar (09:00–12:00, 13:30–18:00, Asia/Shanghai).
describe('computeSla — hand-checked histories', () => {
  it('a P2 accepted and resolved in time on one Monday', () => {
    const r = sla(
      [ev('2026-03-02T09:00', 'started', { priority: 'P2' }), ev('2026-03-02T09:40', 'responded'), ev('2026-03-02T15:00', 'resolved')],
      '2026-03-03T10:00',
    );
    // Response: 40 of 60 min; the warning (48 min) was never reached.
    expect(r.response).toMatchObject({ status: 'met', elapsedMinutes: 40, remainingMinutes: 20, running: false, dueAt: null });
    expect(iso(r.response.metAt)).toBe(at('2026-03-02T09:40'));
    expect(r.response.warningAt).toBeNull();
    expect(r.response.breachedAt).toBeNull();
    expect(r.response.overByMinutes).toBeNull();
    // Resolution: 09:00–12:00 (180) + 13:30–15:00 (90) = 270 of 480.
    expect(r.resolution).toMatchObject({ status: 'met', elapsedMinutes: 270, remainingMinutes: 210, targetMinutes: 480 });
    expect(r.pausedMinutes).toBe(0);
    expect(r.priority).toBe('P2');
    expect(kinds(r)).toEqual([
      `started@${at('2026-03-02T09:00')}`,
      `responseMet@${at('2026-03-02T09:40')}`,
      `resolutionMet@${at('2026-03-02T15:00')}`,
    ]);
    expect(r.explanation[0]).toMatchObject({ key: 'sla.explain.started', values: { priority: 'P2', response: 60, resolution: 480 } });
    expect(r.explanation[2]).toMatchObject({ key: 'sla.explain.resolutionMet', values: { elapsed: 270, target: 480 } });
  });

  it('a P2 paused over 国庆 resumes on 10-09, warns at 16:54 and breaches on the make-up Saturday 10-10 at 09:30', () => {
    const r = sla(
      [
        ev('2026-09-30T16:00', 'started', { priority: 'P2' }),
        ev('2026-09-30T16:30', 'responded'),
        ev('2026-09-30T17:00', 'paused', { reason: 'pending_customer' }),
        ev('2026-10-09T10:00', 'resumed'),
      ],
      '2026-10-10T11:00',
    );
    // Paused working time: 09-30 17:00–18:00 (60) + 10-08 (450) + 10-09 09:00–10:00 (60) = 570.
    expect(r.pausedMinutes).toBe(570);
    // Resolution had 60 used at the pause; 420 left from 10-09 10:00: 120 by 12:00, 270 by 18:00 (390), then 10-10 (调休)
    // 09:00 + 30 = 09:30. Warning at 384 used: 324 from 10:00 → 120 by 12:00, 13:30 + 204 = 16:54.
    // By 11:00 on 10-10: 480 + 90 (09:30–11:00) = 570 used, 90 over.
    expect(r.resolution).toMatchObject({ status: 'breached', running: true, elapsedMinutes: 570, overByMinutes: 90, remainingMinutes: 0 });
    expect(iso(r.resolution.dueAt)).toBe(at('2026-10-10T09:30'));
    expect(iso(r.resolution.breachedAt)).toBe(at('2026-10-10T09:30'));
    expect(iso(r.resolution.warningAt)).toBe(at('2026-10-09T16:54'));
    expect(r.response).toMatchObject({ status: 'met', elapsedMinutes: 30 });
    expect(kinds(r)).toEqual([
      `started@${at('2026-09-30T16:00')}`,
      `responseMet@${at('2026-09-30T16:30')}`,
      `paused@${at('2026-09-30T17:00')}`,
      `resumed@${at('2026-10-09T10:00')}`,
      `resolutionWarning@${at('2026-10-09T16:54')}`,
      `resolutionBreached@${at('2026-10-10T09:30')}`,
    ]);
    expect(r.explanation[2]).toMatchObject({ values: { reason: 'pending_customer' } });
    expect(r.explanation[3]).toMatchObject({ values: { minutes: 570 } });
  });

  it('while paused the due time is unknown, and the time already used stays', () => {
    const r = sla(
      [ev('2026-09-30T16:00', 'started', { priority: 'P2' }), ev('2026-09-30T16:30', 'responded'), ev('2026-09-30T17:00', 'paused')],
      '2026-10-08T12:00',
    );
    // Paused from 17:00: 09-30 (60) + 10-08 09:00–12:00 (180).
    expect(r.resolution).toMatchObject({
      status: 'paused',
      running: false,
      elapsedMinutes: 60,
      remainingMinutes: 420,
      dueAt: null,
      warningAt: null,
    });
    expect(r.pausedMinutes).toBe(240);
  });

  it('a P1 accepted late: breached at 13:50 across lunch, accepted 15 working minutes late', () => {
    const r = sla([ev('2026-03-02T11:50', 'started', { priority: 'P1' }), ev('2026-03-02T14:05', 'responded')], '2026-03-02T14:05');
    // Response due: 11:50–12:00 (10), then 13:30 + 20 = 13:50. Warning at 24: 13:30 + 14 = 13:44.
    // Accepted at 14:05: 10 + 35 = 45 used, 15 over.
    expect(r.response).toMatchObject({ status: 'breached', elapsedMinutes: 45, overByMinutes: 15, running: false });
    expect(iso(r.response.breachedAt)).toBe(at('2026-03-02T13:50'));
    expect(iso(r.response.warningAt)).toBe(at('2026-03-02T13:44'));
    expect(iso(r.response.metAt)).toBe(at('2026-03-02T14:05'));
    expect(r.explanation.at(-1)).toMatchObject({ kind: 'responseLate', values: { elapsed: 45, target: 30, over: 15 } });
    // Resolution still runs: 240 from 11:50 → 10 + 230 from 13:30 = 17:20; warning at 192 → 13:30 + 182 = 16:32 (projected).
    expect(r.resolution).toMatchObject({ status: 'running', elapsedMinutes: 45, remainingMinutes: 195 });
    expect(iso(r.resolution.dueAt)).toBe(at('2026-03-02T17:20'));
    expect(iso(r.resolution.warningAt)).toBe(at('2026-03-02T16:32'));
  });

  it('raising the priority keeps the time used and applies the tighter target from then on', () => {
    const r = sla(
      [
        ev('2026-03-02T09:00', 'started', { priority: 'P3' }),
        ev('2026-03-02T09:20', 'responded'),
        ev('2026-03-02T11:00', 'priorityChanged', { priority: 'P1' }),
      ],
      '2026-03-02T15:00',
    );
    // 120 used at 11:00; P1 resolution 240 → 120 left: 11:00–12:00 (60), 13:30 + 60 = 14:30.
    // Warning at 192 → 72 from 11:00: 60 by 12:00, 13:30 + 12 = 13:42. At 15:00: 270 used, 30 over.
    expect(r.resolution).toMatchObject({ status: 'breached', targetMinutes: 240, elapsedMinutes: 270, overByMinutes: 30 });
    expect(iso(r.resolution.dueAt)).toBe(at('2026-03-02T14:30'));
    expect(iso(r.resolution.warningAt)).toBe(at('2026-03-02T13:42'));
    // The response was met under P3 and stays met.
    expect(r.response).toMatchObject({ status: 'met', elapsedMinutes: 20 });
    expect(r.explanation.map((s) => s.kind)).toEqual([
      'started',
      'responseMet',
      'priorityChanged',
      'resolutionWarning',
      'resolutionBreached',
    ]);
    expect(r.explanation[2]).toMatchObject({ values: { from: 'P3', to: 'P1', response: 30, resolution: 240 } });
  });

  it('a raise to a target already used up breaches at the moment of the change', () => {
    const events = [ev('2026-03-02T09:00', 'started', { priority: 'P4' }), ev('2026-03-02T10:00', 'priorityChanged', { priority: 'P1' })];
    const r = sla(events, '2026-03-02T10:30');
    // 60 used > P1's 30: warned and breached at 10:00; by 10:30, 90 used, 60 over.
    expect(r.response).toMatchObject({ status: 'breached', elapsedMinutes: 90, overByMinutes: 60 });
    expect(iso(r.response.breachedAt)).toBe(at('2026-03-02T10:00'));
    expect(iso(r.response.dueAt)).toBe(at('2026-03-02T10:00'));
    const late = sla([...events, ev('2026-03-02T10:30', 'responded')], '2026-03-02T11:00');
    expect(late.explanation.map((s) => s.kind)).toEqual([
      'started',
      'priorityChanged',
      'responseWarning',
      'responseBreached',
      'responseLate',
    ]);
  });

  it('a breach stays on record after the priority is lowered, with the larger target from then on', () => {
    const r = sla(
      [ev('2026-03-02T09:00', 'started', { priority: 'P1' }), ev('2026-03-02T10:00', 'priorityChanged', { priority: 'P3' })],
      '2026-03-02T11:00',
    );
    // P1 response due 09:30 → breached 30 over at 10:00. P3 gives 240: 60 used, 180 left: 10:00–12:00 (120), 13:30 + 60 = 14:30.
    expect(r.response).toMatchObject({ status: 'breached', running: true, elapsedMinutes: 120, overByMinutes: 30, remainingMinutes: 120 });
    expect(iso(r.response.breachedAt)).toBe(at('2026-03-02T09:30'));
    expect(iso(r.response.dueAt)).toBe(at('2026-03-02T14:30'));
  });

  it('reopening continues the resolution clock from where it stood', () => {
    const r = sla(
      [
        ev('2026-03-02T09:00', 'started', { priority: 'P2' }),
        ev('2026-03-02T09:10', 'responded'),
        ev('2026-03-02T11:00', 'resolved'),
        ev('2026-03-03T10:00', 'reopened'),
        ev('2026-03-03T16:00', 'resolved'),
      ],
      '2026-03-04T09:00',
    );
    // First resolution at 120 used. Waiting 03-02 11:00–12:00 (60) + 13:30–18:00 (270) + 03-03 09:00–10:00 (60) = 390.
    // Reopened with 360 left; the warning at 384 (264 more): 120 by 12:00, 13:30 + 144 = 15:54. Resolved at 16:00:
    // 120 + 120 + 150 = 390 used, within 480.
    expect(r.resolution).toMatchObject({ status: 'met', elapsedMinutes: 390, remainingMinutes: 90 });
    expect(iso(r.resolution.metAt)).toBe(at('2026-03-03T16:00'));
    expect(iso(r.resolution.warningAt)).toBe(at('2026-03-03T15:54'));
    expect(r.pausedMinutes).toBe(390);
    expect(r.explanation.map((s) => s.kind)).toEqual([
      'started',
      'responseMet',
      'resolutionMet',
      'reopened',
      'resolutionWarning',
      'resolutionMet',
    ]);
    expect(r.explanation[3]).toMatchObject({ values: { elapsed: 120 } });
  });

  it('stopping freezes both clocks; a clock paused exactly at its due instant is not breached', () => {
    const r = sla(
      [
        ev('2026-03-02T09:00', 'started', { priority: 'P2' }),
        ev('2026-03-02T10:00', 'paused'),
        ev('2026-03-02T11:00', 'stopped'),
        ev('2026-03-02T11:30', 'resumed'),
      ],
      '2026-03-05T09:00',
    );
    // Response due 10:00, paused at 10:00 → met the limit exactly, never breached; warned at 09:48.
    expect(r.response).toMatchObject({
      status: 'stopped',
      elapsedMinutes: 60,
      remainingMinutes: 0,
      breachedAt: null,
      dueAt: null,
      running: false,
    });
    expect(iso(r.response.warningAt)).toBe(at('2026-03-02T09:48'));
    expect(r.resolution).toMatchObject({ status: 'stopped', elapsedMinutes: 60 });
    expect(r.pausedMinutes).toBe(60);
    expect(r.explanation.map((s) => s.kind)).toEqual(['started', 'responseWarning', 'paused', 'stopped']);
  });

  it('met at the due instant is met; later is breached, even when the lateness is outside working time (0 working minutes)', () => {
    const started = ev('2026-03-02T17:00', 'started', { priority: 'P2' });
    expect(sla([started, ev('2026-03-02T18:00', 'responded')], '2026-03-02T20:00').response.status).toBe('met');
    const late = sla([started, ev('2026-03-02T19:00', 'responded')], '2026-03-02T20:00').response;
    expect(late).toMatchObject({ status: 'breached', overByMinutes: 0, elapsedMinutes: 60 });
    expect(iso(late.breachedAt)).toBe(at('2026-03-02T18:00'));
    // Not yet answered at 18:00 sharp: still running, due now.
    const due = sla([started], '2026-03-02T18:00').response;
    expect(due).toMatchObject({ status: 'running', remainingMinutes: 0 });
    expect(iso(due.dueAt)).toBe(at('2026-03-02T18:00'));
  });

  it('resolving without accepting first also answers the response', () => {
    const r = sla([ev('2026-03-02T09:00', 'started', { priority: 'P2' }), ev('2026-03-02T09:30', 'resolved')], '2026-03-02T10:00');
    expect(r.response).toMatchObject({ status: 'met', elapsedMinutes: 30 });
    expect(r.resolution).toMatchObject({ status: 'met', elapsedMinutes: 30 });
  });

  it('sorts events by time, ignores future and senseless ones, and reads "paused" before it starts', () => {
    const events = [
      ev('2026-03-02T10:00', 'responded'),
      ev('2026-03-02T09:30', 'resumed'), // not paused: ignored
      ev('2026-03-02T09:00', 'started', { priority: 'P2' }),
      ev('2026-03-02T09:45', 'reopened'), // not resolved: ignored
      ev('2026-03-02T11:00', 'resolved'), // after now: ignored
    ];
    const r = sla(events, '2026-03-02T10:30');
    expect(r.response).toMatchObject({ status: 'met', elapsedMinutes: 60 });
    expect(r.resolution).toMatchObject({ status: 'running', elapsedMinutes: 90 });
    expect(r.explanation.map((s) => s.kind)).toEqual(['started', 'responseWarning', 'responseMet']);

    const none = sla([], '2026-03-02T10:30');
    expect(none.priority).toBeNull();
    expect(none.response).toMatchObject({ status: 'paused', elapsedMinutes: 0, dueAt: null });
    expect(() => sla([ev('2026-03-02T09:00', 'started')], '2026-03-02T10:00')).toThrow(/priority/);
  });

  it('a 7×24 policy counts every minute, nights and holidays included', () => {
    const r = sla([ev('2026-10-01T00:00', 'started', { priority: 'P1' })], '2026-10-01T05:00', roundTheClock());
    expect(r.resolution).toMatchObject({ status: 'breached', elapsedMinutes: 300, overByMinutes: 60 });
    expect(iso(r.resolution.breachedAt)).toBe(at('2026-10-01T04:00'));
  });
});

describe('the explanation reads in both languages', () => {
  it('every kind of step occurs in these histories and renders completely in zh-CN and en-US', () => {
    const histories: SlaEvent[][] = [
      [ev('2026-03-02T09:00', 'started', { priority: 'P2' }), ev('2026-03-02T09:40', 'responded'), ev('2026-03-02T15:00', 'resolved')],
      [ev('2026-03-02T11:50', 'started', { priority: 'P1' }), ev('2026-03-02T14:05', 'responded'), ev('2026-03-03T14:05', 'resolved')],
      [
        ev('2026-03-02T09:00', 'started', { priority: 'P3' }),
        ev('2026-03-02T09:10', 'paused', { reason: 'pending_customer' }),
        ev('2026-03-02T10:00', 'resumed'),
        ev('2026-03-02T10:30', 'priorityChanged', { priority: 'P4' }),
        ev('2026-03-02T11:00', 'resolved'),
        ev('2026-03-02T11:30', 'reopened'),
        ev('2026-03-02T16:00', 'stopped'),
      ],
    ];
    const steps: SlaStep[] = histories.flatMap((events) => sla(events, '2026-03-10T09:00').explanation);
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(SLA_STEP_KINDS));
    for (const step of steps) {
      expect(step.key).toBe(`sla.explain.${step.kind}`);
      for (const locale of LOCALES) {
        const text = translate(locale, step.key, step.values);
        expect(text, `${locale} ${step.key}`).not.toBe(step.key);
        expect(text).not.toMatch(/\{\{|undefined/);
      }
    }
    expect(translate('zh-CN', steps[2]!.key, steps[2]!.values)).toBe('已解决，用时 270 分钟，未超过时限 480 分钟');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const KINDS: SlaEventKind[] = ['responded', 'paused', 'resumed', 'resolved', 'reopened', 'priorityChanged', 'stopped'];
const historyArb = fc.record({
  calendar: fc.constantFrom(std, roundTheClock(), roundTheClock('Europe/Berlin')),
  start: fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
  priority: fc.constantFrom('P1', 'P2', 'P3', 'P4' as const),
  steps: fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 3 * 86_400_000 }),
      kind: fc.constantFrom(...KINDS),
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4' as const),
    }),
    { maxLength: 12 },
  ),
  tail: fc.integer({ min: 0, max: 5 * 86_400_000 }),
  warnRatio: fc.constantFrom(0.5, 0.8, 1),
});

type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

function buildInput(h: History): SlaInput {
  let t = h.start;
  const events: SlaEvent[] = [{ at: new Date(t), kind: 'started', priority: h.priority }];
  for (const s of h.steps) {
    t += s.gap;
    events.push({ at: new Date(t), kind: s.kind, ...(s.kind === 'priorityChanged' ? { priority: s.priority } : {}) });
  }
  return { targets, calendar: h.calendar, events, now: new Date(t + h.tail), warnRatio: h.warnRatio };
}

describe('computeSla properties', () => {
  it('resolution elapsed + paused working minutes = working minutes from start to the end of the resolution clock', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const input = buildInput(h);
        const r = computeSla(input);
        const start = input.events[0]?.at as Date;
        const stoppedAt = r.explanation.find((s) => s.kind === 'stopped')?.at;
        const end = r.resolution.metAt ?? stoppedAt ?? input.now;
        expect(r.resolution.elapsedMinutes + r.pausedMinutes).toBeCloseTo(workingMinutesBetween(input.calendar, start, end), 6);
      }),
    );
  });

  it('clocks are consistent: response never uses more than resolution, statuses match their instants', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const input = buildInput(h);
        const r = computeSla(input);
        expect(r.response.elapsedMinutes).toBeLessThanOrEqual(r.resolution.elapsedMinutes + 1e-9);
        for (const c of [r.response, r.resolution]) {
          expect(c.breachedAt !== null).toBe(c.status === 'breached');
          expect(c.overByMinutes !== null).toBe(c.status === 'breached');
          if (c.status === 'met') expect(c.metAt).not.toBeNull();
          expect(c.dueAt !== null).toBe(c.running);
          expect(c.remainingMinutes).toBeCloseTo(Math.max(0, c.targetMinutes - c.elapsedMinutes), 9);
          if (c.status === 'running') {
            // Not breached yet: due now or later, and exactly the remaining working time away.
            expect(c.dueAt!.getTime()).toBeGreaterThanOrEqual(input.now.getTime());
            expect(workingMinutesBetween(input.calendar, input.now, c.dueAt!)).toBeCloseTo(c.remainingMinutes, 6);
          }
          if (c.breachedAt) expect(c.breachedAt.getTime()).toBeLessThanOrEqual(input.now.getTime());
        }
        const times = r.explanation.map((s) => s.at.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });

  it('recomputing later never rewrites the past: a breach keeps its instant and elapsed time only grows', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 5 * 86_400_000 }), (h, more) => {
        const input = buildInput(h);
        const a = computeSla(input);
        const b = computeSla({ ...input, now: new Date(input.now.getTime() + more) });
        for (const k of ['response', 'resolution'] as const) {
          if (a[k].breachedAt) expect(b[k].breachedAt?.getTime()).toBe(a[k].breachedAt.getTime());
          expect(b[k].elapsedMinutes).toBeGreaterThanOrEqual(a[k].elapsedMinutes - 1e-9);
        }
        expect(b.explanation.slice(0, a.explanation.length)).toEqual(a.explanation);
      }),
    );
  });

  it('without pauses on a 7×24 calendar, elapsed time is wall-clock time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86_400_000 }), fc.constantFrom('P1', 'P2', 'P3', 'P4' as const), (ms, priority) => {
        const start = new Date('2026-03-27T00:00:00Z');
        const r = computeSla({
          targets,
          calendar: roundTheClock('Europe/Berlin'),
          events: [{ at: start, kind: 'started', priority }],
          now: new Date(start.getTime() + ms),
        });
        expect(r.resolution.elapsedMinutes).toBeCloseTo(ms / 60_000, 9);
        const target = targets[priority].resolutionMinutes;
        expect(r.resolution.status).toBe(ms / 60_000 > target ? 'breached' : 'running');
      }),
    );
  });
});
