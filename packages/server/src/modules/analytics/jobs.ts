import type { Logger } from 'pino';
import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { refreshTicketRollup } from './rollup.js';

export const TICKET_ROLLUP_JOB = 'analytics.ticketRollup';

/**
 * Keeps the daily ticket rollup current: every minute (one run across all instances, see
 * scheduleRecurringJobs) the days touched by tickets changed since the last run are recomputed.
 * Idempotent: a rerun recomputes the same days to the same figures.
 */
export function ticketRollupJob(platform: Platform, log: Logger) {
  return defineJob({
    name: TICKET_ROLLUP_JOB,
    schema: z.object({}),
    retryLimit: 1,
    expireInSeconds: 600,
    handler: async () => {
      const days = await refreshTicketRollup(platform.db);
      if (days?.length) log.debug({ days: days.length }, 'ticket rollup refreshed');
    },
  });
}

export function analyticsJobs(platform: Platform, log: Logger) {
  return [ticketRollupJob(platform, log)];
}
