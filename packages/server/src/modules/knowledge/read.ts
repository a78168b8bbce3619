import {
  allowedActions,
  type KnowledgeArticleDetail,
  type KnowledgeArticleStatus,
  type KnowledgeVersionDetail,
  type KnowledgeVersionStatus,
  knowledgeMachine,
  WORKING_STATUSES,
} from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { factsOf, loadArticleFor, loadVersionFor, machineActor, mayEdit, mayReadVersion, reviewerIdsOf } from './access.js';
import { versionContent } from './content.js';
import { lineDiff } from './diff.js';
import { day, iso, namesFor, peopleById, person, toCard } from './queries.js';
import { htmlToText } from './sanitize.js';
import { knowledgeSource, type SourceRecord } from './sources.js';

type VersionRow = Awaited<ReturnType<typeof loadVersionFor>>['version'];

/** Counts a view once per reader, article and day; the article's owner and authors are not counted. */
export async function countView(db: Database, actor: Actor, articleId: number, timeZone: string): Promise<void> {
  const article = await db
    .selectFrom('knowledge_articles')
    .select(['owner_id', 'status', 'published_version_id'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (article?.status !== 'published' || article.owner_id === actor.userId) return;
  const authored = await db
    .selectFrom('knowledge_versions')
    .select('id')
    .where('article_id', '=', articleId)
    .where('created_by', '=', actor.userId)
    .limit(1)
    .executeTakeFirst();
  if (authored) return;
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('knowledge_views')
      .values({ article_id: articleId, user_id: actor.userId, day: businessDay(new Date(), timeZone) })
      .onConflict((oc) => oc.doNothing())
      .returning('article_id')
      .executeTakeFirst();
    if (inserted) {
      await trx
        .updateTable('knowledge_articles')
        .set((eb) => ({ view_count: eb('view_count', '+', 1) }))
        .where('id', '=', articleId)
        .execute();
    }
  });
}

async function workingVersion(db: Database, articleId: number) {
  return db
    .selectFrom('knowledge_versions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', 'in', [...WORKING_STATUSES])
    .executeTakeFirst();
}

/** The article page: the published version (or, never published, the working one for those who may see it), stats, the caller's vote and actions. */
export async function getArticleDetail(db: Database, actor: Actor, id: number, timeZone: string): Promise<KnowledgeArticleDetail> {
  const article = await loadArticleFor(db, actor, id);
  const working = await workingVersion(db, id);
  const shownId = article.published_version_id ?? working?.id;
  if (!shownId) throw notFound();
  const shown = await db.selectFrom('knowledge_versions').selectAll().where('id', '=', shownId).executeTakeFirstOrThrow();
  const workingReviewers = working ? await reviewerIdsOf(db, working.category_id) : [];
  const visibleWorking = working && mayReadVersion(actor, working, article, workingReviewers) ? working : null;
  const shownReviewers = await reviewerIdsOf(db, shown.category_id);
  const names = await namesFor(db, [article, shown], actor.locale);
  const people = await peopleById(db, [article.owner_id]);
  const vote = await db
    .selectFrom('knowledge_votes')
    .select('helpful')
    .where('article_id', '=', id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  const reviewBy = day(article.review_by);
  const today = businessDay(new Date(), timeZone);
  return {
    ...toCard(article as never, names),
    status: article.status as KnowledgeArticleStatus,
    owner: person(people, article.owner_id),
    reviewBy,
    needsReview: article.status === 'published' && !!reviewBy && reviewBy <= today,
    shown: { id: shown.id, revision: shown.revision, status: shown.status as KnowledgeVersionStatus },
    content: versionContent(shown, names),
    working: visibleWorking
      ? {
          id: visibleWorking.id,
          revision: visibleWorking.revision,
          status: visibleWorking.status as KnowledgeVersionStatus,
          version: visibleWorking.version,
        }
      : null,
    myVote: vote ? vote.helpful : null,
    allowedActions: allowedActions(knowledgeMachine, factsOf(shown, article, shownReviewers), machineActor(actor)),
    canEdit: mayEdit(actor, article, working ?? null) && !(working && !visibleWorking),
    canManage: actor.permissions.has('knowledge.manage'),
    linkedRecords: await linkedRecords(db, actor, id),
    version: article.version,
  };
}

/** Records the article came from or was applied to, those the caller may read. */
export async function linkedRecords(db: Database, actor: Actor, articleId: number) {
  const sources = await db
    .selectFrom('record_links')
    .select(['from_type as type', 'from_id as id'])
    .where('to_type', '=', 'knowledge')
    .where('to_id', '=', articleId)
    .execute();
  const applied = await db
    .selectFrom('knowledge_applications')
    .select(['record_type as type', 'record_id as id'])
    .where('article_id', '=', articleId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const out: (SourceRecord & { relation: 'source' | 'applied' })[] = [];
  for (const [relation, rows] of [
    ['source', sources],
    ['applied', applied],
  ] as const) {
    const byType = new Map<string, number[]>();
    for (const r of rows) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
    for (const [type, ids] of byType) {
      let adapter: ReturnType<typeof knowledgeSource>;
      try {
        adapter = knowledgeSource(type);
      } catch {
        continue;
      }
      for (const record of await adapter.describe(db, actor, ids)) out.push({ ...record, relation });
    }
  }
  return out;
}

/** One version for the editor, reviewer or history, with what the caller may do with it. */
export async function getVersionDetail(db: Database, actor: Actor, versionId: number): Promise<KnowledgeVersionDetail> {
  const { version, article, reviewers } = await loadVersionFor(db, actor, versionId);
  const names = await namesFor(db, [version], actor.locale);
  const people = await peopleById(db, [version.created_by, version.reviewed_by]);
  return {
    ...versionSummary(version, people),
    articleNumber: article.number,
    articleStatus: article.status as KnowledgeArticleStatus,
    content: versionContent(version, names),
    version: version.version,
    allowedActions: allowedActions(knowledgeMachine, factsOf(version, article, reviewers), machineActor(actor)),
    canEdit: ['draft', 'rejected'].includes(version.status) && mayEdit(actor, article, version),
  };
}

export function versionSummary(v: VersionRow, people: Map<number, string>) {
  return {
    id: v.id,
    articleId: v.article_id,
    revision: v.revision,
    status: v.status as KnowledgeVersionStatus,
    title: v.title,
    author: person(people, v.created_by),
    basedOnRevision: v.based_on_revision,
    createdAt: new Date(v.created_at).toISOString(),
    updatedAt: new Date(v.updated_at).toISOString(),
    submittedAt: iso(v.submitted_at),
    reviewer: person(people, v.reviewed_by),
    reviewedAt: iso(v.reviewed_at),
    reviewComment: v.review_comment,
    publishedAt: iso(v.published_at),
  };
}

/** An article's version history, newest first: the versions the caller may read. */
export async function listVersions(db: Database, actor: Actor, articleId: number) {
  const article = await loadArticleFor(db, actor, articleId);
  const rows = await db
    .selectFrom('knowledge_versions')
    .selectAll()
    .where('article_id', '=', article.id)
    .orderBy('revision', 'desc')
    .execute();
  const reviewers = new Map<number, number[]>();
  for (const id of new Set(rows.map((r) => r.category_id))) reviewers.set(id, await reviewerIdsOf(db, id));
  const visible = rows.filter(
    (r) => r.id === article.published_version_id || mayReadVersion(actor, r, article, reviewers.get(r.category_id) ?? []),
  );
  const people = await peopleById(
    db,
    visible.flatMap((v) => [v.created_by, v.reviewed_by]),
  );
  return visible.map((v) => versionSummary(v, people));
}

const DIFF_FIELDS = ['title', 'type', 'category', 'tags', 'systems', 'audience', 'symptom', 'cause', 'workaround', 'fix', 'body'] as const;

/** Two versions of one article side by side, with a line diff of each field's text. */
export async function diffVersions(db: Database, actor: Actor, articleId: number, fromId: number, toId: number) {
  const from = await loadVersionFor(db, actor, fromId);
  const to = await loadVersionFor(db, actor, toId);
  if (from.article.id !== articleId || to.article.id !== articleId) throw notFound();
  const names = await namesFor(db, [from.version, to.version], actor.locale);
  const people = await peopleById(db, [from.version.created_by, from.version.reviewed_by, to.version.created_by, to.version.reviewed_by]);
  const a = versionContent(from.version, names);
  const b = versionContent(to.version, names);
  const text = (c: typeof a, field: (typeof DIFF_FIELDS)[number]): string => {
    switch (field) {
      case 'category':
        return c.category?.name ?? '';
      case 'tags':
        return c.tags.join('\n');
      case 'systems':
        return c.systems.map((s) => s.name).join('\n');
      case 'title':
      case 'type':
      case 'audience':
        return c[field];
      default:
        return htmlToText(c[field]);
    }
  };
  return {
    from: { ...versionSummary(from.version, people), content: a },
    to: { ...versionSummary(to.version, people), content: b },
    fields: DIFF_FIELDS.map((field) => {
      const lines = lineDiff(text(a, field), text(b, field));
      return { field, changed: lines.some((l) => l.op !== 'equal'), lines };
    }),
  };
}
