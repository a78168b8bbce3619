import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import { cached } from './cache.js';
import { addWorkingMinutes, type BusinessCalendar } from './calendar.js';
import { getPolicy, listPolicies, loadCalendar } from './queries.js';
import type { EscalationLevel, LoadedCalendar, SlaPolicy } from './types.js';

// What other modules (tickets) use from the SLA module.
export { clearSlaCache } from './cache.js';
export type { BusinessCalendar } from './calendar.js';
export {
  addDays,
  addWorkingMinutes,
  isValidDate,
  isWorkingTime,
  localDate,
  localToInstant,
  nextWorkingMoment,
  weekday,
  workingMinutesBetween,
} from './calendar.js';
export type { Clock, ClockStatus, SlaEvent, SlaEventKind, SlaInput, SlaResult, SlaStep, SlaTargets } from './sla.js';
export { computeSla, SLA_EVENT_KINDS } from './sla.js';
export type { EscalationLevel, LoadedCalendar, SlaPolicy } from './types.js';

export interface SlaContext {
  policy: SlaPolicy;
  calendar: LoadedCalendar;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

async function fetchContext(db: Database, policyId: number | null): Promise<SlaContext> {
  const policy = policyId === null ? (await listPolicies(db, { isDefault: true }))[0] : await getPolicy(db, policyId);
  if (!policy) throw new AppError('notFound');
  const calendar = await loadCalendar(db, policy.calendarId);
  if (!calendar) throw new AppError('notFound');
  return deepFreeze({ policy, calendar });
}

/**
 * A policy (the default one when `policyId` is null; inactive ones load too, for tickets that still
 * use them) with its calendar, frozen. Called with the root database it is cached for up to
 * TTL_MS (5 s): a change made through another instance may be seen that much later. Called with a
 * transaction it reads inside that transaction and skips the cache.
 */
export function loadSlaContext(db: Database, policyId: number | null): Promise<SlaContext> {
  if (db.isTransaction) return fetchContext(db, policyId);
  return cached(db, `policy:${policyId ?? 'default'}`, () => fetchContext(db, policyId));
}

/**
 * The cached context for a ticket change: from the cache of `root` when fresh, else read through
 * `trx` — never through a second pool connection, which a transaction must not wait for (with
 * every connection held by a transaction waiting for another, the pool would deadlock). Only for
 * transactions that do not edit SLA settings themselves.
 */
export function cachedSlaContext(root: Database, trx: Database, policyId: number | null): Promise<SlaContext> {
  return cached(root, `policy:${policyId ?? 'default'}`, () => fetchContext(trx, policyId));
}

/**
 * When each escalation level is due after a breach: `afterBreachMinutes` are working minutes of the
 * policy's calendar (so a breach at 17:50 on the standard calendar reaches the IT manager an hour of
 * working time later, the next morning, not at 18:50). A level at 0 is due at the breach itself.
 */
export function escalationSchedule(calendar: BusinessCalendar, breachedAt: Date, levels: readonly EscalationLevel[]) {
  return levels.map((level, i) => ({
    level: i + 1,
    notify: level.notify,
    at: level.afterBreachMinutes === 0 ? breachedAt : addWorkingMinutes(calendar, breachedAt, level.afterBreachMinutes),
  }));
}
