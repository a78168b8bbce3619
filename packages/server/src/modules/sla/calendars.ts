import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { clearSlaCache } from './cache.js';
import { addWorkingMinutes, canonicalTimeZone, isValidDate, sortWeekly, type WorkInterval, weekday, weeklyIssues } from './calendar.js';
import { assertNoIssues, type Issue, rethrowWriteError } from './field-errors.js';
import { getCalendar, listDays, loadCalendar } from './queries.js';
import type { CalendarInput, CalendarUpdate, DayInput } from './schemas.js';

type Ctx = ActionContext & { actor: Actor };

function calendarIssues(input: { timeZone?: string; weekly?: WorkInterval[][] }): Issue[] {
  const issues: Issue[] = [];
  if (input.timeZone !== undefined && !canonicalTimeZone(input.timeZone)) issues.push({ path: 'timeZone', key: 'timeZone' });
  if (input.weekly) {
    for (const i of weeklyIssues(input.weekly)) issues.push({ path: i.path ? `weekly.${i.path}` : 'weekly', key: i.problem });
  }
  return issues;
}

/** Clears the default flag of every other calendar (each counts as a change: version bumped, audited). */
async function takeDefault(trx: Transaction<DB>, ctx: Ctx, id: number | null) {
  let query = trx
    .updateTable('business_calendars')
    .set((eb) => ({ is_default: false, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('is_default', '=', true);
  if (id !== null) query = query.where('id', '<>', id);
  for (const row of await query.returning(['id', 'name']).execute()) {
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'sla_calendar',
      objectId: row.id,
      objectLabel: row.name,
      before: { isDefault: true },
      after: { isDefault: false },
    });
  }
}

/** Creates a business calendar; returns its id. */
export async function createCalendar(db: Database, ctx: Ctx, input: CalendarInput): Promise<number> {
  assertNoIssues(ctx.actor, calendarIssues(input));
  const timeZone = canonicalTimeZone(input.timeZone) as string;
  const weekly = sortWeekly(input.weekly);
  const id = await db.transaction().execute(async (trx) => {
    try {
      if (input.isDefault) await takeDefault(trx, ctx, null);
      const row = await trx
        .insertInto('business_calendars')
        .values({ name: input.name, time_zone: timeZone, weekly: JSON.stringify(weekly), is_default: input.isDefault ?? false })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'create',
        objectType: 'sla_calendar',
        objectId: row.id,
        objectLabel: input.name,
        after: { ...input, timeZone, weekly },
      });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
  });
  clearSlaCache(db);
  return id;
}

/** Edits a calendar's name, zone, weekly hours or default flag, if `version` is still current. */
export async function updateCalendar(db: Database, ctx: Ctx, id: number, input: CalendarUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getCalendar(trx, id);
    if (!before) throw notFound();
    const issues = calendarIssues(input);
    if (input.isDefault === false && before.isDefault) issues.push({ path: 'isDefault', key: 'keepDefault' });
    assertNoIssues(ctx.actor, issues);
    const timeZone = input.timeZone === undefined ? undefined : (canonicalTimeZone(input.timeZone) as string);
    const weekly = input.weekly && sortWeekly(input.weekly);
    try {
      if (input.isDefault && !before.isDefault) await takeDefault(trx, ctx, id);
      const result = await trx
        .updateTable('business_calendars')
        .set({
          name: input.name,
          time_zone: timeZone,
          weekly: weekly && JSON.stringify(weekly),
          is_default: input.isDefault,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
    const { version: _v, ...changes } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'sla_calendar',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before: { name: before.name, timeZone: before.timeZone, weekly: before.weekly, isDefault: before.isDefault },
      after: { ...changes, ...(timeZone ? { timeZone } : {}), ...(weekly ? { weekly } : {}) },
    });
  });
  clearSlaCache(db);
}

/** One year's day overrides of a calendar, in date order. */
export async function yearDays(db: Database, id: number, year: number) {
  const calendar = await getCalendar(db, id);
  if (!calendar) throw notFound();
  return { year, version: calendar.version, items: await listDays(db, id, year) };
}

/**
 * Replaces one year's overrides. Every day must be a real date of that year and appear once; a
 * make-up working day (workday) must fall on a day without weekly hours — on a day that already
 * works it would change nothing, so it is refused as the likely typo it is. Holidays may fall on any
 * day (the official notices list the weekend days inside a holiday too).
 */
export async function replaceYearDays(db: Database, ctx: Ctx, id: number, year: number, input: { version: number; items: DayInput[] }) {
  const result = await db.transaction().execute(async (trx) => {
    const calendar = await getCalendar(trx, id);
    if (!calendar) throw notFound();
    const issues: Issue[] = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!isValidDate(item.day)) issues.push({ path: `items.${i}.day`, key: 'invalidDate' });
      else if (!item.day.startsWith(`${year}-`)) issues.push({ path: `items.${i}.day`, key: 'dayOutsideYear', values: { year } });
      else if (seen.has(item.day)) issues.push({ path: `items.${i}.day`, key: 'duplicateDay' });
      else if (item.kind === 'workday' && (calendar.weekly[weekday(item.day)]?.length ?? 0) > 0) {
        issues.push({ path: `items.${i}.kind`, key: 'workdayOnWorkingDay' });
      }
      seen.add(item.day);
    });
    assertNoIssues(ctx.actor, issues);

    const bumped = await trx
      .updateTable('business_calendars')
      .set({ version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (bumped.numUpdatedRows === 0n) throw versionConflict();
    const before = await listDays(trx, id, year);
    await trx
      .deleteFrom('calendar_days')
      .where('calendar_id', '=', id)
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .execute();
    const items = [...input.items].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    if (items.length) {
      await trx
        .insertInto('calendar_days')
        .values(items.map((d) => ({ calendar_id: id, day: d.day, kind: d.kind, name: d.name })))
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'sla_calendar',
      objectId: id,
      objectLabel: `${calendar.name} · ${year}`,
      before: { year, days: before },
      after: { year, days: items },
    });
    return { year, version: input.version + 1, items };
  });
  clearSlaCache(db);
  return result;
}

/** When `minutes` of working time from `start` are used up on this calendar (what a target means). */
export async function previewDue(db: Database, id: number, start: Date, minutes: number): Promise<Date> {
  const calendar = await loadCalendar(db, id);
  if (!calendar) throw notFound();
  return addWorkingMinutes(calendar, start, minutes);
}
