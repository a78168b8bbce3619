import { decide, type KnowledgeAction, type KnowledgeActionBody, knowledgeMachine } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { factsOf, loadArticleFor, loadVersionFor, machineActor } from './access.js';
import { searchColumns } from './content.js';
import { categoryReviewers, notifyKnowledge } from './notify.js';
import { day } from './queries.js';

type Ctx = ActionContext & { actor: Actor };

/** Publishing counts as a review: an overdue or missing review-by date moves a year ahead. */
const REVIEW_PERIOD_DAYS = 365;

/** The audit action of each state-machine action (written out, so the audit-label test finds them). */
const AUDIT: Record<KnowledgeAction, { action: string }> = {
  submit: { action: 'knowledge.submit' },
  withdraw: { action: 'knowledge.withdraw' },
  approve: { action: 'knowledge.approve' },
  reject: { action: 'knowledge.reject' },
  discard: { action: 'knowledge.discard' },
  archive: { action: 'knowledge.archive' },
  unarchive: { action: 'knowledge.unarchive' },
};

type Loaded = Awaited<ReturnType<typeof loadVersionFor>>;

/**
 * Takes one review-workflow action on a version exactly as the shared state machine allows (who may,
 * from which status, with which input): one conditional write on (id, status, version), so a
 * concurrent change makes it a 409 with nothing changed. Approving publishes the version onto the
 * article (the previous published version is superseded); archiving takes the article out of search.
 */
export async function performKnowledgeAction(
  platform: Platform,
  ctx: Ctx,
  versionId: number,
  action: KnowledgeAction,
  input: KnowledgeActionBody,
  options: { articleVersion?: number } = {},
): Promise<void> {
  const { db } = platform;
  const { version, article, reviewers } = await loadVersionFor(db, ctx.actor, versionId);
  const decision = decide(knowledgeMachine, factsOf(version, article, reviewers), action, machineActor(ctx.actor), input);
  if (!decision.ok) {
    // Reviewing one's own work is refused as such, not as a bare "no permission".
    const ownWork = (action === 'approve' || action === 'reject') && [version.created_by, article.owner_id].includes(ctx.actor.userId);
    throw new AppError(decision.code === 'forbidden' && ownWork ? 'ownWork' : decision.code);
  }
  const articleLevel = action === 'archive' || action === 'unarchive';
  if (articleLevel ? article.version !== options.articleVersion : version.version !== input.version) throw versionConflict();
  const comment = input.comment?.trim() || null;

  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const stamps: Record<string, unknown> = {};
    if (action === 'submit') Object.assign(stamps, { submitted_at: now, reviewed_by: null, reviewed_at: null, review_comment: null });
    if (action === 'withdraw') stamps.submitted_at = null;
    if (action === 'approve' || action === 'reject')
      Object.assign(stamps, { reviewed_by: ctx.actor.userId, reviewed_at: now, review_comment: comment });
    if (action === 'approve') stamps.published_at = now;
    const result = await trx
      .updateTable('knowledge_versions')
      .set({ ...stamps, status: decision.to, version: version.version + 1, updated_at: now })
      .where('id', '=', version.id)
      .where('status', '=', version.status)
      .where('version', '=', version.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();

    const articleChange = await applyToArticle(trx, platform, action, version, article, now);
    if (articleChange.conflict) throw versionConflict();

    const record = { type: 'knowledge', id: article.id };
    await appendTimeline(trx, record, ctx.actor.userId, {
      kind: 'stateChanged',
      from: version.status,
      to: decision.to,
      reason: comment ?? undefined,
    });
    await writeAudit(trx, ctx, {
      action: AUDIT[action].action,
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: article.number,
      before: { revision: version.revision, status: version.status },
      after: { status: decision.to, comment },
    });

    const notice = { id: article.id, number: article.number, title: version.title, audience: version.audience };
    const people = [version.created_by, article.owner_id];
    if (action === 'submit') {
      const reviewerIds = (await categoryReviewers(trx, version.category_id)).filter((id) => !people.includes(id));
      await notifyKnowledge(trx, platform, 'knowledge.reviewRequested', ctx.actor.userId, reviewerIds, notice, {
        revision: version.revision,
      });
    }
    if (action === 'approve') await notifyKnowledge(trx, platform, 'knowledge.approved', ctx.actor.userId, people, notice);
    if (action === 'reject')
      await notifyKnowledge(trx, platform, 'knowledge.rejected', ctx.actor.userId, people, notice, { reason: comment ?? '' });
  });
}

/** What an action does to the article itself (publishing, archiving, discarding a never-published one). */
async function applyToArticle(
  trx: Transaction<DB>,
  platform: Platform,
  action: KnowledgeAction,
  version: Loaded['version'],
  article: Loaded['article'],
  now: Date,
): Promise<{ conflict: boolean }> {
  const bump = { version: article.version + 1, updated_at: now };
  if (action === 'approve') {
    await trx
      .updateTable('knowledge_versions')
      .set({ status: 'superseded', updated_at: now })
      .where('article_id', '=', article.id)
      .where('status', 'in', ['published', 'archived'])
      .where('id', '!=', version.id)
      .execute();
    const today = businessDay(now, platform.config.TIMEZONE);
    const currentReview = day(article.review_by);
    const reviewBy =
      currentReview && currentReview > today
        ? currentReview
        : businessDay(new Date(now.getTime() + REVIEW_PERIOD_DAYS * 86_400_000), platform.config.TIMEZONE);
    const result = await trx
      .updateTable('knowledge_articles')
      .set({
        ...searchColumns({ ...version, system_ids: version.system_ids.map(Number) }),
        status: 'published',
        published_version_id: version.id,
        published_at: now,
        review_by: reviewBy,
        review_notified_for: reviewBy === currentReview ? undefined : null,
        ...bump,
      })
      .where('id', '=', article.id)
      .where('version', '=', article.version)
      .executeTakeFirst();
    return { conflict: result.numUpdatedRows === 0n };
  }
  if (action === 'archive' || action === 'unarchive') {
    const result = await trx
      .updateTable('knowledge_articles')
      .set({ status: action === 'archive' ? 'archived' : 'published', ...bump })
      .where('id', '=', article.id)
      .where('version', '=', article.version)
      .where('status', '=', action === 'archive' ? 'published' : 'archived')
      .executeTakeFirst();
    return { conflict: result.numUpdatedRows === 0n };
  }
  if (action === 'discard' && article.status === 'draft') {
    await trx
      .updateTable('knowledge_articles')
      .set({ status: 'discarded', ...bump })
      .where('id', '=', article.id)
      .where('status', '=', 'draft')
      .execute();
  }
  return { conflict: false };
}

type ArticleAction = Extract<KnowledgeAction, 'archive' | 'unarchive'>;

/** Archive or restore an article: the action is taken on its published (or archived) version, version-checked on the article. */
export async function performArticleAction(
  platform: Platform,
  ctx: Ctx,
  articleId: number,
  action: ArticleAction,
  input: KnowledgeActionBody,
): Promise<void> {
  const article = await loadArticleFor(platform.db, ctx.actor, articleId);
  if (!article.published_version_id) throw notFound();
  await performKnowledgeAction(platform, ctx, article.published_version_id, action, input, { articleVersion: input.version });
}
