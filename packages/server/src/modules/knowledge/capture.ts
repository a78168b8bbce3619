import type { KnowledgeContent } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { parseQuery } from '../../platform/search/index.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { loadArticleFor } from './access.js';
import { insertArticle } from './articles.js';
import { contentColumns } from './content.js';
import { feedback, readableArticle } from './feedback.js';
import { textToHtml } from './sanitize.js';
import { suggestArticles } from './search.js';
import { knowledgeSource } from './sources.js';

type Ctx = ActionContext & { actor: Actor };

/** The category of the best-matching published article, else the first active category. */
async function guessCategory(db: Database, actor: Actor, text: string): Promise<number> {
  const [best] = await suggestArticles(db, actor, text, 1);
  if (best) {
    const row = await db.selectFrom('knowledge_articles').select('category_id').where('id', '=', best.id).executeTakeFirst();
    if (row) return row.category_id;
  }
  const first = await db
    .selectFrom('knowledge_categories')
    .select('id')
    .where('active', '=', true)
    .orderBy('parent_id', (ob) => ob.nullsFirst())
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst();
  if (!first) throw new AppError('validation', {}, [{ path: 'categoryId', code: 'notFound', message: 'i18n:errors.notFound' }]);
  return first.id;
}

/**
 * 知识沉淀: turns a record (a ticket now; any module that registers a source later) into a draft
 * article pre-filled from it — problem, cause, solution, systems — linked both ways, with a timeline
 * entry on the record. The caller must be able to read the record. Returns the draft version's id.
 * `within`: the source module's own writes (e.g. marking the record), in the same transaction.
 */
export async function captureKnowledge(
  platform: Platform,
  ctx: Ctx,
  recordType: string,
  recordId: number,
  within?: (trx: Transaction<DB>) => Promise<void>,
): Promise<number> {
  const { db } = platform;
  const adapter = knowledgeSource(recordType);
  const { record, draft } = await adapter.capture(db, ctx.actor, recordId);
  const categoryId = await guessCategory(db, ctx.actor, `${draft.title} ${draft.symptom}`);
  const systems = draft.systemIds.length ? await db.selectFrom('it_systems').select('id').where('id', 'in', draft.systemIds).execute() : [];
  const knownError = draft.type === 'known_error';
  const content: KnowledgeContent = {
    title: draft.title.slice(0, 200),
    type: draft.type,
    categoryId,
    tags: draft.tags.slice(0, 20),
    systemIds: systems.map((s) => s.id),
    audience: 'everyone',
    body: knownError ? '' : textToHtml([draft.symptom, draft.solution].filter(Boolean).join('\n\n')),
    symptom: knownError ? textToHtml(draft.symptom) : '',
    cause: knownError ? textToHtml(draft.cause) : '',
    workaround: knownError ? textToHtml(draft.workaround ?? '') : '',
    fix: knownError ? textToHtml(draft.solution) : '',
  };
  return db.transaction().execute(async (trx) => {
    const { versionId } = await insertArticle(trx, platform, ctx, contentColumns(content), {
      source: { recordType: record.type, recordId: record.id, recordNumber: record.number, internal: true },
    });
    await within?.(trx);
    return versionId;
  });
}

/**
 * 知识应用: someone working on a record says this article resolved it. Linked to the record, counted
 * once per record, and noted on the record's timeline (internal when the article is IT-only).
 */
export async function applyArticle(platform: Platform, ctx: Ctx, articleId: number, recordType: string, recordId: number) {
  const { db } = platform;
  const article = await readableArticle(db, ctx.actor, articleId);
  const record = await knowledgeSource(recordType).forApplication(db, ctx.actor, recordId);
  const counted = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('knowledge_applications')
      .values({ article_id: article.id, record_type: record.type, record_id: record.id, user_id: ctx.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await trx
      .updateTable('knowledge_articles')
      .set((eb) => ({ application_count: eb('application_count', '+', 1) }))
      .where('id', '=', article.id)
      .execute();
    await trx
      .insertInto('record_links')
      .values({ from_type: 'knowledge', from_id: article.id, to_type: record.type, to_id: record.id, created_by: ctx.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await appendTimeline(
      trx,
      { type: record.type, id: record.id },
      ctx.actor.userId,
      { kind: 'knowledgeApplied', articleNumber: article.number, articleTitle: article.title },
      { internal: article.audience !== 'everyone' },
    );
    await writeAudit(trx, ctx, {
      action: 'knowledge.apply',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: article.number,
      after: { record: { type: record.type, number: record.number } },
    });
    return true;
  });
  return feedback(db, ctx.actor, article.id, counted);
}

/**
 * For a record's page (the engineer's ticket view): suggested articles for its problem, articles
 * already linked to it, and similar resolved records — all within what the caller may read.
 */
export async function relatedToRecord(db: Database, actor: Actor, recordType: string, recordId: number) {
  const adapter = knowledgeSource(recordType);
  const { record, text, systemId } = await adapter.problemText(db, actor, recordId);
  const linkRows = await db
    .selectFrom('record_links')
    .select(['from_type', 'from_id', 'to_type', 'to_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('from_type', '=', record.type), eb('from_id', '=', record.id), eb('to_type', '=', 'knowledge')]),
        eb.and([eb('to_type', '=', record.type), eb('to_id', '=', record.id), eb('from_type', '=', 'knowledge')]),
      ]),
    )
    .execute();
  const linked: { id: number; number: string; title: string; relation: 'source' | 'applied'; audience: 'everyone' | 'it_staff' }[] = [];
  for (const l of linkRows) {
    const id = l.to_type === 'knowledge' ? l.to_id : l.from_id;
    try {
      const a = await loadArticleFor(db, actor, id);
      linked.push({
        id: a.id,
        number: a.number,
        title: a.title,
        relation: l.to_type === 'knowledge' ? 'source' : 'applied',
        audience: a.audience as 'everyone',
      });
    } catch {
      // Not for this reader (an IT-only article, someone else's draft).
    }
  }
  const linkedIds = new Set(linked.map((l) => l.id));
  const suggested = await suggestArticles(db, actor, text, 5, { systemId });
  const similar = adapter.similarResolved
    ? await adapter.similarResolved(db, actor, parseQuery(text), { excludeId: record.id, limit: 5 })
    : [];
  return {
    articles: suggested.map((s) => ({ ...s, linked: linkedIds.has(s.id) })),
    similar: similar.map((s) => ({
      type: s.type,
      id: s.id,
      number: s.number,
      title: s.title,
      status: s.status,
      solution: s.solution,
      resolvedAt: s.resolvedAt,
    })),
    linked,
  };
}
