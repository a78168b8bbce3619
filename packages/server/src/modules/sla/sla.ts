import type { Priority } from '@shuyun/shared';
import { addWorkingMs, type BusinessCalendar, workingMsBetween } from './calendar.js';

/**
 * A ticket's SLA, derived only from its event history, a policy's targets and a business calendar,
 * so that any change to a calendar or policy can be applied by recomputing. Pure: no database, no clock.
 *
 * Rules:
 * - 'started' starts both clocks (it must carry the priority, or follow a 'priorityChanged').
 * - 'paused' / 'resumed' stop and restart both clocks (挂起, waiting for approval or confirmation).
 * - 'responded' (acceptance) meets the response clock; 'resolved' meets the resolution clock and, if the
 *   ticket was never accepted, the response clock too.
 * - 'reopened' restarts the resolution clock from the working time it had already used (no reset).
 * - 'priorityChanged' switches both targets from then on; working time already used carries over.
 * - 'stopped' (cancelled, or closed without resolution) freezes both clocks.
 * - Events that make no sense in the current state (a second 'responded', 'resumed' while running…)
 *   and events after `now` are ignored.
 *
 * Time: clocks count working milliseconds of the calendar; minutes are exposed exactly (fractional).
 * A clock is due at the instant its target is used up (`addWorkingMinutes`). It is breached once time
 * passes that instant while it has not been met — strictly after: met exactly at the due instant is
 * met — and a breach stays on record even if a later priority change would give more time.
 * A warning is raised when the used share reaches `warnRatio`. `overByMinutes` is in working minutes,
 * so lateness that falls wholly outside working time (answered at 19:00, due at 18:00) is breached
 * by 0 working minutes.
 */

export const SLA_EVENT_KINDS = ['started', 'responded', 'paused', 'resumed', 'resolved', 'reopened', 'priorityChanged', 'stopped'] as const;
export type SlaEventKind = (typeof SLA_EVENT_KINDS)[number];

export interface SlaEvent {
  at: Date;
  kind: SlaEventKind;
  /** Required on 'started' (unless an earlier 'priorityChanged' set it) and on 'priorityChanged'. */
  priority?: Priority;
  /** Shown with a pause, e.g. the hold reason ('pending_customer'). */
  reason?: string;
}

export interface SlaTarget {
  /** Working minutes until the ticket must be accepted. */
  responseMinutes: number;
  /** Working minutes until the ticket must be resolved. */
  resolutionMinutes: number;
}
export type SlaTargets = Record<Priority, SlaTarget>;

export interface SlaInput {
  targets: SlaTargets;
  /** Share of a target at which to warn; default 0.8. */
  warnRatio?: number;
  calendar: BusinessCalendar;
  events: readonly SlaEvent[];
  now: Date;
}

/** 'stopped': frozen by a 'stopped' event before it was met; a clock not started yet reads 'paused'. */
export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface Clock {
  targetMinutes: number;
  /** Working minutes counted while the clock ran. */
  elapsedMinutes: number;
  status: ClockStatus;
  /** Whether the clock is counting now (a breached clock keeps counting until met). */
  running: boolean;
  /** The due instant while the clock runs (in the past once breached); null otherwise. */
  dueAt: Date | null;
  /** When the warning share was or, while running, will be reached; null if it was not reached before the clock stopped. */
  warningAt: Date | null;
  /** When the response / resolution happened (also when it came late). */
  metAt: Date | null;
  breachedAt: Date | null;
  /** Working minutes late, when breached. */
  overByMinutes: number | null;
  remainingMinutes: number;
}

interface StepValues {
  started: { priority: Priority; response: number; resolution: number };
  priorityChanged: { from: Priority; to: Priority; response: number; resolution: number };
  paused: { reason: string };
  resumed: { minutes: number };
  responseWarning: { elapsed: number; target: number };
  responseBreached: { target: number };
  responseMet: { elapsed: number; target: number };
  responseLate: { elapsed: number; target: number; over: number };
  resolutionWarning: { elapsed: number; target: number };
  resolutionBreached: { target: number };
  resolutionMet: { elapsed: number; target: number };
  resolutionLate: { elapsed: number; target: number; over: number };
  reopened: { elapsed: number };
  stopped: Record<string, never>;
}
export type SlaStepKind = keyof StepValues;
export const SLA_STEP_KINDS: readonly SlaStepKind[] = [
  'started',
  'priorityChanged',
  'paused',
  'resumed',
  'responseWarning',
  'responseBreached',
  'responseMet',
  'responseLate',
  'resolutionWarning',
  'resolutionBreached',
  'resolutionMet',
  'resolutionLate',
  'reopened',
  'stopped',
];

/** One line of the ticket's "SLA 计时说明": translate `key` with `values` (minutes are whole working minutes). */
export type SlaStep = { [K in SlaStepKind]: { at: Date; kind: K; key: `sla.explain.${K}`; values: StepValues[K] } }[SlaStepKind];

export interface SlaResult {
  /** The priority in force now; null before 'started'. */
  priority: Priority | null;
  response: Clock;
  resolution: Clock;
  /**
   * Working minutes within the resolution clock's span (from 'started' to its resolution, stop, or now)
   * during which it stood still: paused, or resolved and later reopened.
   */
  pausedMinutes: number;
  explanation: SlaStep[];
}

const MINUTE = 60_000;

interface ClockState {
  name: 'response' | 'resolution';
  /** Working ms used before the current run. */
  elapsed: number;
  runFrom: number | null;
  doneAt: number | null;
  warnedAt: number | null;
  breachedAt: number | null;
  /** Largest amount over a target in force earlier (before a priority change). */
  overMs: number;
}

/** The SLA of one ticket as of `now`, with the steps that explain it. */
export function computeSla(input: SlaInput): SlaResult {
  const { calendar, targets } = input;
  const ratio = input.warnRatio ?? 0.8;
  if (!(ratio > 0 && ratio <= 1)) throw new RangeError('warnRatio must be in (0, 1]');
  const now = input.now.getTime();
  const events = input.events
    .map((e, i) => ({ ...e, t: e.at.getTime(), i }))
    .filter((e) => e.t <= now)
    .sort((a, b) => a.t - b.t || a.i - b.i);

  const steps: SlaStep[] = [];
  const step = <K extends SlaStepKind>(t: number, kind: K, values: StepValues[K]) =>
    steps.push({ at: new Date(t), kind, key: `sla.explain.${kind}`, values } as SlaStep);

  let mode: 'idle' | 'running' | 'paused' | 'resolved' | 'stopped' = 'idle';
  let priority: Priority | null = null;
  let pauseFrom = 0;
  let heldFrom = 0;
  let pausedMs = 0;
  const response: ClockState = { name: 'response', elapsed: 0, runFrom: null, doneAt: null, warnedAt: null, breachedAt: null, overMs: 0 };
  const resolution: ClockState = { ...response, name: 'resolution' };

  const targetMs = (c: ClockState) => {
    if (!priority) return 0;
    const target = targets[priority];
    return Math.round((c.name === 'response' ? target.responseMinutes : target.resolutionMinutes) * MINUTE);
  };
  const warnMs = (c: ClockState) => Math.round(targetMs(c) * ratio);
  const whole = (ms: number) => Math.round(ms / MINUTE);

  /** What a run from `runFrom` shows at `end`: used time, and when the warning and breach fell (if by then). */
  const observe = (c: ClockState, end: number) => {
    let { elapsed, warnedAt, breachedAt } = c;
    if (c.runFrom !== null) {
      if (warnedAt === null && warnMs(c) >= c.elapsed) {
        const w = addWorkingMs(calendar, c.runFrom, warnMs(c) - c.elapsed);
        if (w <= end) warnedAt = w;
      }
      if (breachedAt === null && targetMs(c) >= c.elapsed) {
        const d = addWorkingMs(calendar, c.runFrom, targetMs(c) - c.elapsed);
        if (d < end) breachedAt = d;
      }
      elapsed += workingMsBetween(calendar, c.runFrom, end);
    }
    return { elapsed, warnedAt, breachedAt };
  };

  const settle = (c: ClockState, end: number) => {
    const seen = observe(c, end);
    if (seen.warnedAt !== null && c.warnedAt === null) {
      step(seen.warnedAt, `${c.name}Warning`, { elapsed: whole(warnMs(c)), target: whole(targetMs(c)) });
    }
    if (seen.breachedAt !== null && c.breachedAt === null) step(seen.breachedAt, `${c.name}Breached`, { target: whole(targetMs(c)) });
    Object.assign(c, seen, { runFrom: null });
  };

  /** After a start or a target change: a target already used up is warned / breached right away. */
  const checkNow = (c: ClockState, t: number) => {
    if (c.doneAt !== null) return;
    if (c.warnedAt === null && c.elapsed >= warnMs(c)) {
      c.warnedAt = t;
      step(t, `${c.name}Warning`, { elapsed: whole(c.elapsed), target: whole(targetMs(c)) });
    }
    if (c.breachedAt === null && c.elapsed > targetMs(c)) {
      c.breachedAt = t;
      step(t, `${c.name}Breached`, { target: whole(targetMs(c)) });
    }
  };

  const start = (c: ClockState, t: number) => {
    if (c.doneAt !== null || c.runFrom !== null) return;
    checkNow(c, t);
    c.runFrom = t;
  };

  const stop = (c: ClockState, t: number) => {
    if (c.runFrom !== null) settle(c, t);
  };

  const meet = (c: ClockState, t: number) => {
    stop(c, t);
    c.doneAt = t;
    const values = { elapsed: whole(c.elapsed), target: whole(targetMs(c)) };
    if (c.breachedAt === null) step(t, `${c.name}Met`, values);
    else step(t, `${c.name}Late`, { ...values, over: Math.ceil(overOf(c) / MINUTE) });
  };

  const overOf = (c: ClockState) => Math.max(c.overMs, c.elapsed - targetMs(c), 0);

  for (const e of events) {
    const t = e.t;
    switch (e.kind) {
      case 'started': {
        if (mode !== 'idle') break;
        priority = e.priority ?? priority;
        if (!priority) throw new RangeError("a 'started' event needs a priority");
        mode = 'running';
        step(t, 'started', { priority, response: whole(targetMs(response)), resolution: whole(targetMs(resolution)) });
        start(response, t);
        start(resolution, t);
        break;
      }
      case 'priorityChanged': {
        if (!e.priority) throw new RangeError("a 'priorityChanged' event needs a priority");
        if (mode === 'idle') {
          priority = e.priority;
          break;
        }
        if (mode === 'stopped' || e.priority === priority || !priority) break;
        const from: Priority = priority;
        const running = [response, resolution].filter((c) => c.runFrom !== null);
        for (const c of running) stop(c, t);
        for (const c of [response, resolution]) if (c.doneAt === null) c.overMs = overOf(c);
        priority = e.priority;
        step(t, 'priorityChanged', { from, to: priority, response: whole(targetMs(response)), resolution: whole(targetMs(resolution)) });
        for (const c of [response, resolution]) checkNow(c, t);
        for (const c of running) start(c, t);
        break;
      }
      case 'paused': {
        if (mode !== 'running') break;
        stop(response, t);
        stop(resolution, t);
        mode = 'paused';
        pauseFrom = t;
        step(t, 'paused', { reason: e.reason ?? '' });
        break;
      }
      case 'resumed': {
        if (mode !== 'paused') break;
        const ms = workingMsBetween(calendar, pauseFrom, t);
        pausedMs += ms;
        mode = 'running';
        step(t, 'resumed', { minutes: whole(ms) });
        start(response, t);
        start(resolution, t);
        break;
      }
      case 'responded': {
        if ((mode !== 'running' && mode !== 'paused') || response.doneAt !== null) break;
        meet(response, t);
        break;
      }
      case 'resolved': {
        if (mode !== 'running' && mode !== 'paused') break;
        if (mode === 'paused') pausedMs += workingMsBetween(calendar, pauseFrom, t);
        if (response.doneAt === null) meet(response, t);
        meet(resolution, t);
        mode = 'resolved';
        heldFrom = t;
        break;
      }
      case 'reopened': {
        if (mode !== 'resolved') break;
        pausedMs += workingMsBetween(calendar, heldFrom, t);
        resolution.doneAt = null;
        mode = 'running';
        step(t, 'reopened', { elapsed: whole(resolution.elapsed) });
        start(resolution, t);
        break;
      }
      case 'stopped': {
        if (mode === 'idle' || mode === 'stopped') break;
        if (mode === 'paused') pausedMs += workingMsBetween(calendar, pauseFrom, t);
        stop(response, t);
        stop(resolution, t);
        mode = 'stopped';
        step(t, 'stopped', {});
        break;
      }
    }
  }

  // Warnings and breaches that fell between the last event and now belong to the explanation too.
  for (const c of [response, resolution]) {
    if (c.runFrom === null) continue;
    const seen = observe(c, now);
    if (seen.warnedAt !== null && c.warnedAt === null) {
      step(seen.warnedAt, `${c.name}Warning`, { elapsed: whole(warnMs(c)), target: whole(targetMs(c)) });
    }
    if (seen.breachedAt !== null && c.breachedAt === null) step(seen.breachedAt, `${c.name}Breached`, { target: whole(targetMs(c)) });
  }
  if (mode === 'paused') pausedMs += workingMsBetween(calendar, pauseFrom, now);

  const clock = (c: ClockState): Clock => {
    const seen = observe(c, now);
    const target = targetMs(c);
    const running = c.runFrom !== null;
    const breachedAt = seen.breachedAt;
    let status: ClockStatus;
    if (c.doneAt !== null) status = breachedAt !== null ? 'breached' : 'met';
    else if (breachedAt !== null) status = 'breached';
    else if (mode === 'stopped') status = 'stopped';
    else status = running ? 'running' : 'paused';
    const project = (ms: number) =>
      c.runFrom === null ? null : new Date(ms >= c.elapsed ? addWorkingMs(calendar, c.runFrom, ms - c.elapsed) : c.runFrom);
    const over = Math.max(c.overMs, seen.elapsed - target, 0);
    return {
      targetMinutes: target / MINUTE,
      elapsedMinutes: seen.elapsed / MINUTE,
      status,
      running,
      dueAt: project(target),
      warningAt: seen.warnedAt !== null ? new Date(seen.warnedAt) : c.doneAt === null ? project(warnMs(c)) : null,
      metAt: c.doneAt === null ? null : new Date(c.doneAt),
      breachedAt: breachedAt === null ? null : new Date(breachedAt),
      overByMinutes: breachedAt === null ? null : over / MINUTE,
      remainingMinutes: Math.max(0, target - seen.elapsed) / MINUTE,
    };
  };

  return {
    priority,
    response: clock(response),
    resolution: clock(resolution),
    pausedMinutes: pausedMs / MINUTE,
    explanation: steps.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}
