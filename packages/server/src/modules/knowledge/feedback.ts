import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { readableArticles } from './access.js';
import { statsOf } from './queries.js';

/** A published article the caller may read, or 404. */
export async function readableArticle(db: Database, actor: Actor, id: number) {
  const row = await readableArticles(db, actor)
    .select(['a.id', 'a.number', 'a.title', 'a.audience', 'a.owner_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** An article's counters and the caller's vote, after a feedback action. */
export async function feedback(db: Database, actor: Actor, articleId: number, counted: boolean) {
  const stats = await db
    .selectFrom('knowledge_articles')
    .select(['view_count', 'helpful_count', 'not_helpful_count', 'application_count', 'deflection_count'])
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
  const vote = await db
    .selectFrom('knowledge_votes')
    .select('helpful')
    .where('article_id', '=', articleId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return { stats: statsOf(stats), myVote: vote ? vote.helpful : null, counted };
}

/** "Was this helpful": one vote per person, changeable; the counters move with it. */
export async function voteHelpful(db: Database, actor: Actor, articleId: number, helpful: boolean) {
  await readableArticle(db, actor, articleId);
  await db.transaction().execute(async (trx) => {
    // Votes on one article take turns, so the counters always equal the votes behind them.
    await trx.selectFrom('knowledge_articles').select('id').where('id', '=', articleId).forUpdate().execute();
    const before = await trx
      .selectFrom('knowledge_votes')
      .select('helpful')
      .where('article_id', '=', articleId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (before?.helpful === helpful) return;
    await trx
      .insertInto('knowledge_votes')
      .values({ article_id: articleId, user_id: actor.userId, helpful })
      .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ helpful, updated_at: new Date() }))
      .execute();
    const delta = (on: boolean) => (helpful === on ? 1 : 0) - (before?.helpful === on ? 1 : 0);
    await trx
      .updateTable('knowledge_articles')
      .set((eb) => ({
        helpful_count: eb('helpful_count', '+', delta(true)),
        not_helpful_count: eb('not_helpful_count', '+', delta(false)),
      }))
      .where('id', '=', articleId)
      .execute();
  });
  return feedback(db, actor, articleId, true);
}

/**
 * "This solved my problem" while submitting a ticket: a deflection, counted once per person, article
 * and day, and recorded (with what they had typed) for analytics.
 */
export async function recordDeflection(
  db: Database,
  actor: Actor,
  articleId: number,
  input: { query?: string; channel?: 'pc' | 'mobile' },
  timeZone: string,
) {
  await readableArticle(db, actor, articleId);
  const counted = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('knowledge_deflections')
      .values({
        article_id: articleId,
        user_id: actor.userId,
        day: businessDay(new Date(), timeZone),
        query: input.query || null,
        channel: input.channel ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .updateTable('knowledge_articles')
      .set((eb) => ({ deflection_count: eb('deflection_count', '+', 1) }))
      .where('id', '=', articleId)
      .execute();
    return true;
  });
  return feedback(db, actor, articleId, counted);
}
