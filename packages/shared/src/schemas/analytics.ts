import { z } from 'zod';
import { Day, Id } from './common.js';

/** The longest range a dashboard covers, in days (a year and a bit, for "last 365 days" plus slack). */
export const ANALYTICS_MAX_DAYS = 400;
export const ANALYTICS_GRANULARITIES = ['day', 'week', 'month'] as const;
export type AnalyticsGranularity = (typeof ANALYTICS_GRANULARITIES)[number];

/** A dashboard's filter: local dates from..to inclusive (the business calendar's time zone), a team, buckets. */
export const AnalyticsQuery = z.strictObject({
  from: Day,
  to: Day,
  teamId: Id.optional(),
  granularity: z.enum(ANALYTICS_GRANULARITIES).default('day'),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

export const AnalyticsExportQuery = AnalyticsQuery.extend({ kind: z.enum(['efficiency', 'satisfaction']) });
export type AnalyticsExportQuery = z.infer<typeof AnalyticsExportQuery>;

/**
 * A stretch of time as local dates and as the instants that bound it (for drill-down filters), the
 * latter as local midnights with the zone's offset (2025-03-03T00:00:00+08:00), `endsAt` exclusive.
 */
const Span = z.object({ from: z.string(), to: z.string(), startsAt: z.string(), endsAt: z.string() });
export type AnalyticsSpan = z.infer<typeof Span>;

/** Efficiency 工作效率: volumes, times in seconds, rates as shares 0–1 (null when there is nothing to divide). */
export const EfficiencyFigures = z.object({
  created: z.number(),
  accepted: z.number(),
  resolved: z.number(),
  closed: z.number(),
  transferred: z.number(),
  reopened: z.number(),
  avgAcceptSeconds: z.number().nullable(),
  avgCompleteSeconds: z.number().nullable(),
  transferRate: z.number().nullable(),
  reopenRate: z.number().nullable(),
  responseMet: z.number(),
  responseBreached: z.number(),
  responseOnTimeRate: z.number().nullable(),
  resolutionMet: z.number(),
  resolutionBreached: z.number(),
  resolutionOnTimeRate: z.number().nullable(),
});
export type EfficiencyFigures = z.infer<typeof EfficiencyFigures>;

/** Customer satisfaction 客户满意度: ratings given in the period. */
export const SatisfactionFigures = z.object({
  rated: z.number(),
  avgRating: z.number().nullable(),
  /** Share of 4–5 star ratings. */
  satisfactionRate: z.number().nullable(),
  lowRated: z.number(),
  /** Count of 1…5 star ratings (index 0 = 1 star). */
  distribution: z.array(z.number()).length(5),
  /** Ratings per resolved ticket in the period. */
  resolved: z.number(),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFigures>;

function report<T extends z.ZodType>(figures: T) {
  return z.object({
    range: Span.extend({ granularity: z.enum(ANALYTICS_GRANULARITIES), timeZone: z.string() }),
    previous: Span,
    current: figures,
    previousFigures: figures,
    series: z.array(z.object({ span: Span, figures })),
    byTeam: z.array(z.object({ team: z.object({ id: z.number(), name: z.string() }).nullable(), figures })),
    byAssignee: z.array(z.object({ assignee: z.object({ id: z.number(), displayName: z.string() }).nullable(), figures })),
  });
}

export const EfficiencyReport = report(EfficiencyFigures);
export type EfficiencyReport = z.infer<typeof EfficiencyReport>;
export const SatisfactionReport = report(SatisfactionFigures);
export type SatisfactionReport = z.infer<typeof SatisfactionReport>;
