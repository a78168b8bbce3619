import type { Logger } from 'pino';
import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { pollMailbox } from './poll.js';
import { checkIntakeConfig } from './settings.js';

export const POLL_JOB = 'mailIntake.poll';

/** The mailbox poll. A failed poll is not retried: the next scheduled one picks up where it left off. */
export function mailIntakeJobs(platform: Platform, log: Logger) {
  checkIntakeConfig(platform.config);
  return [
    defineJob({
      name: POLL_JOB,
      schema: z.object({}),
      retryLimit: 0,
      handler: async () => {
        const summary = await pollMailbox(platform, log);
        if (!summary.skipped && (summary.failed || Object.keys(summary.handled).length)) log.info(summary, 'mail intake: mailbox polled');
      },
    }),
  ];
}

/** pg-boss's cron for a poll every `seconds` (whole minutes). */
export function pollCron(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes === 1) return '* * * * *';
  if (minutes >= 60) return '0 * * * *';
  return `*/${minutes} * * * *`;
}

/** Schedules the poll while IMAP_URL is set, and removes the schedule when it is not. */
export async function scheduleMailIntake(platform: Platform, timeZone: string): Promise<void> {
  const { boss } = platform.jobs;
  if (!platform.config.IMAP_URL) {
    await boss.unschedule(POLL_JOB);
    return;
  }
  await boss.schedule(POLL_JOB, pollCron(platform.config.IMAP_POLL_SECONDS), {}, { tz: timeZone, retryLimit: 0, singletonKey: POLL_JOB });
}
