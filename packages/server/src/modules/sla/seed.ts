import type { Priority } from '@shuyun/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DEFAULT_TIME_ZONE, ROUND_THE_CLOCK_WEEKLY, STANDARD_WEEKLY, type WorkInterval } from './calendar.js';
import { CN_HOLIDAY_YEARS, officialDays } from './holidays.js';
import type { EscalationLevel } from './types.js';

// Migration 0002 calls this, so it may only use the columns that migration creates: a later
// migration that adds a required column must give it a default.

export const STANDARD_CALENDAR_NAME = '标准工作日历';
export const ROUND_THE_CLOCK_CALENDAR_NAME = '7×24 全天候';
export const STANDARD_POLICY_NAME = '标准服务级别';
export const ROUND_THE_CLOCK_POLICY_NAME = '7×24 重大故障服务级别';

type StoredTargets = Record<Priority, { response: number; resolution: number }>;

const STANDARD_TARGETS: StoredTargets = {
  P1: { response: 30, resolution: 4 * 60 },
  P2: { response: 60, resolution: 8 * 60 },
  P3: { response: 4 * 60, resolution: 24 * 60 },
  P4: { response: 8 * 60, resolution: 40 * 60 },
};
const ROUND_THE_CLOCK_TARGETS: StoredTargets = {
  P1: { response: 15, resolution: 2 * 60 },
  P2: { response: 30, resolution: 4 * 60 },
  P3: { response: 2 * 60, resolution: 12 * 60 },
  P4: { response: 4 * 60, resolution: 24 * 60 },
};
const STANDARD_ESCALATION: { levels: EscalationLevel[] } = {
  levels: [
    { afterBreachMinutes: 0, notify: 'team_lead' },
    { afterBreachMinutes: 60, notify: 'it_manager' },
  ],
};
const URGENT_ESCALATION: { levels: EscalationLevel[] } = {
  levels: [
    { afterBreachMinutes: 0, notify: 'team_lead' },
    { afterBreachMinutes: 30, notify: 'it_manager' },
  ],
};

/**
 * Creates the default calendars (标准工作日历 with the official days of every year in holidays.ts,
 * and 7×24) and policies (标准服务级别, the default, and a 7×24 one for P1 incidents). Idempotent: an
 * installation that already has any business calendar is left as it is.
 */
export async function seedSlaDefaults(db: Kysely<DB>): Promise<void> {
  const existing = await db.selectFrom('business_calendars').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const calendar = async (name: string, weekly: WorkInterval[][], isDefault: boolean) =>
    (
      await db
        .insertInto('business_calendars')
        .values({ name, time_zone: DEFAULT_TIME_ZONE, weekly: JSON.stringify(weekly), is_default: isDefault })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const standard = await calendar(STANDARD_CALENDAR_NAME, STANDARD_WEEKLY, true);
  const allDay = await calendar(ROUND_THE_CLOCK_CALENDAR_NAME, ROUND_THE_CLOCK_WEEKLY, false);

  const days = CN_HOLIDAY_YEARS.flatMap((year) => officialDays(year)).map((d) => ({
    calendar_id: standard,
    day: d.day,
    kind: d.kind,
    name: d.name,
  }));
  if (days.length) await db.insertInto('calendar_days').values(days).execute();

  await db
    .insertInto('sla_policies')
    .values([
      {
        name: STANDARD_POLICY_NAME,
        calendar_id: standard,
        targets: JSON.stringify(STANDARD_TARGETS),
        warn_ratio: 0.8,
        escalation: JSON.stringify(STANDARD_ESCALATION),
        is_default: true,
      },
      {
        name: ROUND_THE_CLOCK_POLICY_NAME,
        calendar_id: allDay,
        targets: JSON.stringify(ROUND_THE_CLOCK_TARGETS),
        warn_ratio: 0.8,
        escalation: JSON.stringify(URGENT_ESCALATION),
        is_default: false,
      },
    ])
    .execute();
}
