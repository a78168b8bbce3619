import type { EfficiencyFigures, SatisfactionFigures } from '@shuyun/shared';
import { ROLLUP_METRICS, type RollupMetric } from './rollup.js';

export type Sums = Record<RollupMetric, number>;

export function emptySums(): Sums {
  return Object.fromEntries(ROLLUP_METRICS.map((m) => [m, 0])) as Sums;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Efficiency 工作效率 from summed rollup rows: averages over the events counted, rates as shares. */
export function efficiencyOf(s: Sums): EfficiencyFigures {
  return {
    created: s.created,
    accepted: s.accepted,
    resolved: s.resolved,
    closed: s.closed,
    transferred: s.transferred,
    reopened: s.reopened,
    avgAcceptSeconds: share(s.accept_seconds, s.accepted),
    avgCompleteSeconds: share(s.complete_seconds, s.resolved),
    transferRate: share(s.transferred, s.created),
    reopenRate: share(s.reopened, s.resolved),
    responseMet: s.response_met,
    responseBreached: s.response_breached,
    responseOnTimeRate: share(s.response_met, s.response_met + s.response_breached),
    resolutionMet: s.resolution_met,
    resolutionBreached: s.resolution_breached,
    resolutionOnTimeRate: share(s.resolution_met, s.resolution_met + s.resolution_breached),
  };
}

/** Customer satisfaction 客户满意度 from summed rollup rows: satisfied means 4 or 5 stars. */
export function satisfactionOf(s: Sums): SatisfactionFigures {
  return {
    rated: s.rated,
    avgRating: share(s.rating_sum, s.rated),
    satisfactionRate: share(s.rating_4 + s.rating_5, s.rated),
    lowRated: s.low_rated,
    distribution: [s.rating_1, s.rating_2, s.rating_3, s.rating_4, s.rating_5],
    resolved: s.resolved,
  };
}
