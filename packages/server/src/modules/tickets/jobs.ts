import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { slaCheckJob, slaRecomputeJob } from './sla.js';

export const AUTO_CLOSE_JOB = 'tickets.autoClose';

/**
 * Resolved tickets the requester neither confirmed nor reopened within TICKET_AUTO_CLOSE_DAYS are
 * closed as "not rated" — never counted as five stars. Batches of 500, each a conditional write, so
 * a ticket confirmed meanwhile is left alone.
 */
export function autoCloseJob(platform: Platform) {
  return defineJob({
    name: AUTO_CLOSE_JOB,
    schema: z.object({}),
    handler: async () => {
      const days = platform.config.TICKET_AUTO_CLOSE_DAYS;
      const cutoff = new Date(Date.now() - days * 86_400_000);
      for (;;) {
        const closed = await platform.db.transaction().execute(async (trx) => {
          const now = new Date();
          const rows = await trx
            .updateTable('tickets')
            .set((eb) => ({ status: 'closed', closed_at: now, rating_state: 'notRated', updated_at: now, version: eb('version', '+', 1) }))
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('tickets')
                .select('id')
                .where('status', '=', 'resolved')
                .where('resolved_at', '<', cutoff)
                .orderBy('id')
                .limit(500),
            )
            .where('status', '=', 'resolved')
            .returning(['id'])
            .execute();
          for (const { id } of rows) {
            await trx.insertInto('ticket_sla_events').values({ ticket_id: id, at: now, kind: 'stopped', priority: null }).execute();
            await appendTimeline(trx, { type: 'ticket', id }, null, { kind: 'autoClosed', days });
          }
          return rows.length;
        });
        if (closed < 500) return;
      }
    },
  });
}

export function ticketJobs(platform: Platform) {
  return [slaCheckJob(platform), slaRecomputeJob(platform), autoCloseJob(platform)];
}
