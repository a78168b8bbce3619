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
        // Per batch: the managers once, every team's lead and every recipient's name in one query each.
        let managers: number[] | undefined;
        const allManagers = async () => (managers ??= await faultManagers(trx));
        const teamIds = [...new Set(rows.map((f) => f.team_id).filter((id): id is number => id !== null))];
        const leadOf = new Map(
          level === 'lead' && teamIds.length
            ? (await trx.selectFrom('teams').select(['id', 'lead_id']).where('id', 'in', teamIds).execute()).map((t) => [t.id, t.lead_id])
            : [],
        );
        const recipientsOf = new Map<number, number[]>();
        for (const fault of rows) {
          const lead = level === 'lead' && fault.team_id ? leadOf.get(fault.team_id) : null;
          recipientsOf.set(fault.id, lead ? [lead] : await allManagers());
        }
        const everyone = [...new Set([...recipientsOf.values()].flat())];
        const nameOf = new Map(
          everyone.length
            ? (await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', everyone).execute()).map((u) => [
                u.id,
                u.display_name,
              ])
            : [],
        );
        for (const fault of rows) {
          const recipients = recipientsOf.get(fault.id) ?? [];
          await notifyOverdue(trx, platform, fault, recipients);
          const names = [...new Set(recipients)]
            .filter((id) => nameOf.has(id))
            .sort((a, b) => a - b)
            .slice(0, 5)
            .map((id) => nameOf.get(id));
          await appendTimeline(trx, { type: 'fault', id: fault.id }, null, {
            kind: 'faultResponseOverdue',
            notified: names.join('、') || '-',
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
