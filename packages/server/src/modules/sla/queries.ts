import { PRIORITIES, type Priority } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DayKind, DayOverride, WorkInterval } from './calendar.js';
import type { SlaTargets } from './sla.js';
import type { CalendarRecord, EscalationLevel, LoadedCalendar, SlaPolicy } from './types.js';

// SQL of the SLA module. Calendars and policies are installation-wide settings: no data scope.

export interface StoredDay {
  day: string;
  kind: DayKind;
  name: string;
}

export async function listCalendars(db: Database, id?: number): Promise<CalendarRecord[]> {
  let query = db
    .selectFrom('business_calendars as c')
    .select([
      'c.id',
      'c.name',
      'c.time_zone',
      'c.weekly',
      'c.is_default',
      'c.version',
      'c.created_at',
      'c.updated_at',
      sql<number[]>`coalesce((SELECT array_agg(DISTINCT extract(year FROM d.day)::int ORDER BY extract(year FROM d.day)::int)
        FROM calendar_days d WHERE d.calendar_id = c.id), '{}')`.as('years'),
    ])
    .orderBy('c.id');
  if (id !== undefined) query = query.where('c.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    weekly: r.weekly as WorkInterval[][],
    isDefault: r.is_default,
    years: r.years,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function getCalendar(db: Database, id: number): Promise<CalendarRecord | undefined> {
  return (await listCalendars(db, id))[0];
}

/** A calendar's day overrides, of one year or all, in date order. */
export async function listDays(db: Database, calendarId: number, year?: number): Promise<StoredDay[]> {
  let query = db
    .selectFrom('calendar_days')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'kind', 'name'])
    .where('calendar_id', '=', calendarId)
    .orderBy('day');
  if (year !== undefined) query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return (await query.execute()).map((d) => ({ day: d.day, kind: d.kind as DayKind, name: d.name }));
}

/** A calendar with all its days, ready for working-time arithmetic. */
export async function loadCalendar(db: Database, id: number): Promise<LoadedCalendar | undefined> {
  const calendar = await getCalendar(db, id);
  if (!calendar) return undefined;
  const days: Record<string, DayOverride> = {};
  for (const d of await listDays(db, id)) days[d.day] = { kind: d.kind, name: d.name };
  return { id: calendar.id, name: calendar.name, version: calendar.version, timeZone: calendar.timeZone, weekly: calendar.weekly, days };
}

export type StoredTargets = Record<Priority, { response: number; resolution: number }>;

export function toStoredTargets(targets: SlaTargets): StoredTargets {
  return Object.fromEntries(
    PRIORITIES.map((p) => [p, { response: targets[p].responseMinutes, resolution: targets[p].resolutionMinutes }]),
  ) as StoredTargets;
}

function fromStoredTargets(stored: Record<string, { response: number; resolution: number }>): SlaTargets {
  return Object.fromEntries(
    PRIORITIES.map((p) => [p, { responseMinutes: stored[p]?.response ?? 0, resolutionMinutes: stored[p]?.resolution ?? 0 }]),
  ) as SlaTargets;
}

export async function listPolicies(db: Database, filter: { id?: number; isDefault?: true } = {}): Promise<SlaPolicy[]> {
  let query = db
    .selectFrom('sla_policies as p')
    .innerJoin('business_calendars as c', 'c.id', 'p.calendar_id')
    .select([
      'p.id',
      'p.name',
      'p.calendar_id',
      'c.name as calendar_name',
      'p.targets',
      'p.warn_ratio',
      'p.escalation',
      'p.is_default',
      'p.active',
      'p.version',
      'p.created_at',
      'p.updated_at',
    ])
    .orderBy('p.id');
  if (filter.id !== undefined) query = query.where('p.id', '=', filter.id);
  if (filter.isDefault) query = query.where('p.is_default', '=', true);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    calendarId: r.calendar_id,
    calendarName: r.calendar_name,
    targets: fromStoredTargets(r.targets),
    warnRatio: Number(r.warn_ratio),
    escalation: { levels: (r.escalation?.levels ?? []) as EscalationLevel[] },
    isDefault: r.is_default,
    active: r.active,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function getPolicy(db: Database, id: number): Promise<SlaPolicy | undefined> {
  return (await listPolicies(db, { id }))[0];
}
