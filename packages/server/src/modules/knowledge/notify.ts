import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// The knowledge base's notification events; templates live under notifications.events.knowledge.
registerNotificationEvent('knowledge.reviewRequested', { inApp: true, email: true });
registerNotificationEvent('knowledge.approved', { inApp: true, email: false });
registerNotificationEvent('knowledge.rejected', { inApp: true, email: true });
registerNotificationEvent('knowledge.reviewDue', { inApp: true, email: true });

export type KnowledgeEvent = 'knowledge.reviewRequested' | 'knowledge.approved' | 'knowledge.rejected' | 'knowledge.reviewDue';

/** Tells people about an article (in the change's transaction). IT-only articles reach only those who may read them. */
export async function notifyKnowledge(
  trx: Transaction<DB>,
  platform: Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>,
  type: KnowledgeEvent,
  actorId: number | null,
  recipients: number[],
  article: { id: number; number: string; title: string; audience: string },
  data: Record<string, string | number> = {},
): Promise<void> {
  if (!recipients.length) return;
  await notify(trx, platform, {
    type,
    actorId,
    recipients,
    record: { type: 'knowledge', id: article.id, number: article.number, title: article.title, link: `/knowledge/articles/${article.id}` },
    data,
    audience: 'public',
    filterRecipients:
      article.audience === 'everyone'
        ? undefined
        : async (t, ids) => {
            // Holders of write, review or manage see IT-only articles (see access.ts seesItOnly).
            const rows = await t
              .selectFrom('user_roles as ur')
              .innerJoin('roles as r', 'r.id', 'ur.role_id')
              .select('ur.user_id')
              .where('ur.user_id', 'in', ids)
              .where((eb) =>
                eb.or(
                  ['knowledge.write', 'knowledge.review', 'knowledge.manage'].map((p) => eb(eb.val(p), '=', eb.fn.any('r.permissions'))),
                ),
              )
              .execute();
            return rows.map((r) => r.user_id);
          },
  });
}

/** Who reviews a category: its named reviewers, else every active holder of knowledge.review. */
export async function categoryReviewers(trx: Transaction<DB>, categoryId: number): Promise<number[]> {
  const category = await trx.selectFrom('knowledge_categories').select('reviewer_ids').where('id', '=', categoryId).executeTakeFirst();
  const named = (category?.reviewer_ids ?? []).map(Number);
  if (named.length) return named;
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('knowledge.review'), '=', eb.fn.any('r.permissions')))
    .limit(200)
    .execute();
  return rows.map((r) => r.user_id);
}
