import { sql } from 'kysely';
import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { faultManagers, notifyOverdue } from './notify.js';

export const OVERDUE_JOB = 'faults.overdueCheck';

/**
 * Faults not responded by their due time: first the team lead hears of it (at the due time), then
 * the IT managers (once as long again has passed, i.e. at twice the target). Each level is claimed by
 * one conditional write that sets its mark, so two instances or a retried job never announce it twice.
 * Batches of 200.
 */
export async function checkOverdueFaults(platform: Platform): Promise<{ lead: number; manager: number }> {
  const counts = { lead: 0, manager: 0 };
  for (const level of ['lead', 'manager'] as const) {
    for (;;) {
      const n = await platform.db.transaction().execute(async (trx) => {
        const now = new Date();
        const column = level === 'lead' ? 'overdue_lead_notified_at' : 'overdue_manager_notified_at';
        const rows = await trx
          .updateTable('faults as f')
          .set({ [column]: now })
          .where('f.id', 'in', (eb) =>
            eb
              .selectFrom('faults')
              .select('id')
              .where('status', '=', 'new')
              .where('responded_at', 'is', null)
              .where(column, 'is', null)
              .where(
                level === 'lead'
                  ? sql<boolean>`response_due_at <= ${now}`
                  : sql<boolean>`response_due_at + (response_due_at - detected_at) <= ${now}`,
              )
              .orderBy('id')
              .limit(200),
          )
          .where('f.status', '=', 'new')
          .where(`f.${column}`, 'is', null)
          .returning(['f.id', 'f.number', 'f.title', 'f.severity', 'f.team_id', 'f.response_due_at'])
          .execute();
        for (const fault of rows) {
          let recipients: number[] = [];
          if (level === 'lead') {
            const team = fault.team_id
              ? await trx.selectFrom('teams').select('lead_id').where('id', '=', fault.team_id).executeTakeFirst()
              : null;
            recipients = team?.lead_id ? [team.lead_id] : await faultManagers(trx);
          } else {
            recipients = await faultManagers(trx);
          }
          await notifyOverdue(trx, platform, fault, recipients);
          const names = recipients.length
            ? await trx.selectFrom('users').select('display_name').where('id', 'in', recipients).orderBy('id').limit(5).execute()
            : [];
          await appendTimeline(trx, { type: 'fault', id: fault.id }, null, {
            kind: 'faultResponseOverdue',
            notified: names.map((u) => u.display_name).join('、') || '-',
          });
        }
        return rows.length;
      });
      counts[level] += n;
      if (n < 200) break;
    }
  }
  return counts;
}

export function faultJobs(platform: Platform) {
  return [
    defineJob({
      name: OVERDUE_JOB,
      schema: z.object({}),
      handler: async () => {
        await checkOverdueFaults(platform);
      },
    }),
  ];
}
