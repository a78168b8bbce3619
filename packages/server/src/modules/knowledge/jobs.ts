import { sql } from 'kysely';
import { z } from 'zod';
import type { Platform } from '../../platform/http/types.js';
import { defineJob } from '../../platform/jobs/jobs.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { notifyKnowledge } from './notify.js';
import { day } from './queries.js';

export const REVIEW_DUE_JOB = 'knowledge.reviewDue';

/**
 * Daily: owners of published articles whose review-by date has come are reminded once per date.
 * Each reminder is a conditional write (review_notified_for) in the same transaction as the
 * notification, so a retried or concurrent run never reminds twice.
 */
export function reviewDueJob(platform: Platform) {
  return defineJob({
    name: REVIEW_DUE_JOB,
    schema: z.object({}),
    handler: async () => {
      const today = businessDay(new Date(), platform.config.TIMEZONE);
      for (;;) {
        const done = await platform.db.transaction().execute(async (trx) => {
          const rows = await trx
            .updateTable('knowledge_articles')
            .set({ review_notified_for: sql`review_by` } as never)
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('knowledge_articles')
                .select('id')
                .where('status', '=', 'published')
                .where('review_by', '<=', today)
                .where((w) => w.or([w('review_notified_for', 'is', null), w('review_notified_for', '<', w.ref('review_by'))]))
                .orderBy('id')
                .limit(200),
            )
            .returning(['id', 'number', 'title', 'audience', 'owner_id', 'review_by'])
            .execute();
          for (const a of rows) {
            await notifyKnowledge(trx, platform, 'knowledge.reviewDue', null, [a.owner_id], a, { reviewBy: day(a.review_by) ?? '' });
          }
          return rows.length;
        });
        if (done < 200) return;
      }
    },
  });
}

export function knowledgeJobs(platform: Platform) {
  return [reviewDueJob(platform)];
}
