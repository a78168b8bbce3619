import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';

export const DEMAND_AUTO_CLOSE_JOB = 'demands.autoClose';

/**
 * Delivered demands the requester has not rated within DEMAND_AUTO_CLOSE_DAYS are closed as not
 * rated (no stars — never counted in the average). Batches of 500, each row a conditional write on
 * its status, so a demand rated meanwhile is left alone; running twice closes nothing twice.
 */
export function autoCloseDemandsJob(platform: Pick<Platform, 'db' | 'config'>) {
  return defineJob({
    name: DEMAND_AUTO_CLOSE_JOB,
    schema: z.object({}),
    handler: async () => {
      const days = platform.config.DEMAND_AUTO_CLOSE_DAYS;
      const cutoff = new Date(Date.now() - days * 86_400_000);
      for (;;) {
        const closed = await platform.db.transaction().execute(async (trx) => {
          const now = new Date();
          const rows = await trx
            .updateTable('demands')
            .set((eb) => ({ status: 'closed', closed_at: now, updated_at: now, version: eb('version', '+', 1) }))
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('demands')
                .select('id')
                .where('status', '=', 'delivered')
                .where('delivered_at', '<', cutoff)
                .orderBy('id')
                .limit(500),
            )
            .where('status', '=', 'delivered')
            .returning(['id', 'number'])
            .execute();
          for (const { id, number } of rows) {
            await appendTimeline(trx, { type: 'demand', id }, null, { kind: 'autoClosed', days });
            await writeAudit(
              trx,
              { actor: null, ip: null, userAgent: 'demands.autoClose' },
              {
                action: 'demand.autoClose',
                objectType: 'demand',
                objectId: id,
                objectLabel: number,
                actorName: 'system',
                after: { status: 'closed', days },
              },
            );
          }
          return rows.length;
        });
        if (closed < 500) return;
      }
    },
  });
}

export function demandJobs(platform: Pick<Platform, 'db' | 'config'>) {
  return [autoCloseDemandsJob(platform)];
}
