import type { Logger } from 'pino';
import { z } from 'zod';
import { analyticsJobs } from '../../modules/analytics/jobs.js';
import { assetJobs, SEARCH_CATCH_UP_JOB } from '../../modules/assets/jobs.js';
import { DEMAND_AUTO_CLOSE_JOB, demandJobs } from '../../modules/demands/jobs.js';
import { OVERDUE_JOB as FAULT_OVERDUE_JOB, faultJobs } from '../../modules/faults/jobs.js';
import { knowledgeJobs } from '../../modules/knowledge/jobs.js';
import { mailIntakeJobs, scheduleMailIntake } from '../../modules/mail-intake/jobs.js';
import { ticketJobs } from '../../modules/tickets/jobs.js';
import type { Platform } from '../http/types.js';
import { registerNotificationJobs } from '../notifications/deliveries.js';
import { defineJob } from './jobs.js';

/**
 * Every background job the server knows, registered at start-up in every process (web and worker)
 * so that any of them can enqueue it. Modules add theirs here.
 */
export function registerJobs(platform: Platform, log: Logger): void {
  platform.jobs.register(
    defineJob({
      name: 'sessions.purge',
      schema: z.object({}),
      // Idempotent: deleting what is already gone deletes nothing.
      handler: async () => {
        const result = await platform.db.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
        log.debug({ deleted: Number(result.numDeletedRows) }, 'expired sessions purged');
      },
    }),
  );
  registerNotificationJobs(platform, log);
  for (const job of ticketJobs(platform)) platform.jobs.register(job);
  for (const job of mailIntakeJobs(platform, log)) platform.jobs.register(job);
  for (const job of knowledgeJobs(platform)) platform.jobs.register(job);
  for (const job of analyticsJobs(platform, log)) platform.jobs.register(job);
  for (const job of demandJobs(platform)) platform.jobs.register(job);
  for (const job of faultJobs(platform)) platform.jobs.register(job);
  for (const job of assetJobs(platform)) platform.jobs.register(job);
}

/** Recurring jobs; pg-boss runs each schedule once across all instances. */
export async function scheduleRecurringJobs(platform: Platform, timeZone: string): Promise<void> {
  await platform.jobs.boss.schedule('sessions.purge', '17 * * * *', {}, { tz: timeZone });
  await platform.jobs.boss.schedule('tickets.autoClose', '7 * * * *', {}, { tz: timeZone });
  await platform.jobs.boss.schedule('tickets.slaRecompute', '30 2 * * *', {}, { tz: timeZone });
  await scheduleMailIntake(platform, timeZone);
  await platform.jobs.boss.schedule('knowledge.reviewDue', '15 8 * * *', {}, { tz: timeZone });
  // Dashboards are never more than about a minute behind the tickets.
  await platform.jobs.boss.schedule('analytics.ticketRollup', '* * * * *', {}, { tz: timeZone });
  await platform.jobs.boss.schedule(DEMAND_AUTO_CLOSE_JOB, '37 * * * *', {}, { tz: timeZone });
  // A fault's response deadline is announced within a minute of passing it.
  await platform.jobs.boss.schedule(FAULT_OVERDUE_JOB, '* * * * *', {}, { tz: timeZone });
  // Each import enqueues its own search catch-up; this drains what a job that ran out of retries left
  // (until then the keyword search still finds those assets, by a slower plan). One query when idle.
  await platform.jobs.boss.schedule(SEARCH_CATCH_UP_JOB, '*/10 * * * *', {}, { tz: timeZone });
}
