import { Id, text, Version } from '@shuyun/shared';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from './calendar.js';
import { ESCALATION_TARGETS } from './types.js';

// Request and response schemas of the SLA admin API. Semantic checks that need a precise message
// (overlapping hours, unknown time zone, 调休 on a working day…) are made by the services.

const Minute = z.number().int().min(0).max(1440);
/** 7 days, index 0 = Sunday; each a list of [startMinute, endMinute) pairs in local time. */
export const WeeklyHours = z.array(z.array(z.tuple([Minute, Minute])).max(12)).length(7);
const TimeZone = z.string().trim().min(1).max(64);

export const CalendarBody = z.strictObject({
  name: text(1, 80),
  timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
  weekly: WeeklyHours,
  isDefault: z.boolean().optional(),
});
export const CalendarUpdateBody = z.strictObject({
  name: text(1, 80).optional(),
  timeZone: TimeZone.optional(),
  weekly: WeeklyHours.optional(),
  isDefault: z.boolean().optional(),
  version: Version,
});

export const Calendar = z.object({
  id: z.number(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.array(z.array(z.tuple([z.number(), z.number()]))),
  isDefault: z.boolean(),
  years: z.array(z.number()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const DayOverride = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalidValue' }),
  kind: z.enum(['holiday', 'workday']),
  name: text(1, 40),
});
export const DaysBody = z.strictObject({ version: Version, items: z.array(DayOverride).max(366) });
export const Days = z.object({ year: z.number(), version: z.number(), items: z.array(DayOverride) });

export const PreviewQuery = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  minutes: z.coerce.number().int().min(0).max(1_000_000),
});
export const Preview = z.object({ dueAt: z.string() });

const Target = z.strictObject({
  responseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
});
export const Targets = z.strictObject({ P1: Target, P2: Target, P3: Target, P4: Target });
export const Escalation = z.strictObject({
  levels: z.array(z.strictObject({ afterBreachMinutes: z.number().int().min(0).max(100_000), notify: z.enum(ESCALATION_TARGETS) })).max(5),
});

export const PolicyBody = z.strictObject({
  name: text(1, 80),
  calendarId: Id,
  targets: Targets,
  warnRatio: z.number().gt(0).max(1).default(0.8),
  escalation: Escalation.default({ levels: [] }),
  isDefault: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const PolicyUpdateBody = z.strictObject({
  name: text(1, 80).optional(),
  calendarId: Id.optional(),
  targets: Targets.optional(),
  warnRatio: z.number().gt(0).max(1).optional(),
  escalation: Escalation.optional(),
  isDefault: z.boolean().optional(),
  active: z.boolean().optional(),
  version: Version,
});

export const Policy = z.object({
  id: z.number(),
  name: z.string(),
  calendarId: z.number(),
  calendarName: z.string(),
  targets: z.object({
    P1: z.object({ responseMinutes: z.number(), resolutionMinutes: z.number() }),
    P2: z.object({ responseMinutes: z.number(), resolutionMinutes: z.number() }),
    P3: z.object({ responseMinutes: z.number(), resolutionMinutes: z.number() }),
    P4: z.object({ responseMinutes: z.number(), resolutionMinutes: z.number() }),
  }),
  warnRatio: z.number(),
  escalation: z.object({ levels: z.array(z.object({ afterBreachMinutes: z.number(), notify: z.enum(ESCALATION_TARGETS) })) }),
  isDefault: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type CalendarInput = z.infer<typeof CalendarBody>;
export type CalendarUpdate = z.infer<typeof CalendarUpdateBody>;
export type DayInput = z.infer<typeof DayOverride>;
export type PolicyInput = z.infer<typeof PolicyBody>;
export type PolicyUpdate = z.infer<typeof PolicyUpdateBody>;
