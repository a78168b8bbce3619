import type { KnowledgeType, KnowledgeVersionStatus } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { audiencesFor, readableArticles, reviewableBy } from './access.js';
import { listCategories } from './categories.js';
import { CARD_COLUMNS, type CardRow, day, iso, namesFor, peopleById, person, toCard, toCards } from './queries.js';

interface Paging {
  page: number;
  pageSize: number;
}

/** Submitted versions the caller reviews (by category), not their own, oldest first. */
function reviewQueueQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('knowledge_versions as v')
    .innerJoin('knowledge_articles as a', 'a.id', 'v.article_id')
    .innerJoin('knowledge_categories as c', 'c.id', 'v.category_id')
    .where('v.status', '=', 'submitted')
    .where('v.created_by', '!=', actor.userId)
    .where('a.owner_id', '!=', actor.userId)
    .where('v.audience', 'in', audiencesFor(actor))
    .where(reviewableBy(actor) as never);
}

const QUEUE_COLUMNS = [
  'v.id as version_id',
  'v.article_id',
  'a.number',
  'a.published_version_id',
  'v.revision',
  'v.status',
  'v.title',
  'v.type',
  'v.category_id',
  'v.system_ids',
  'v.created_by',
  'v.submitted_at',
  'v.review_comment',
  'v.updated_at',
  'v.version',
] as const;

type QueueRow = {
  version_id: number;
  article_id: number;
  number: string;
  published_version_id: number | null;
  revision: number;
  status: string;
  title: string;
  type: string;
  category_id: number;
  system_ids: (number | string)[];
  created_by: number;
  submitted_at: Date | null;
  review_comment: string | null;
  updated_at: Date;
  version: number;
};

async function queueItems(db: Database, actor: Actor, rows: QueueRow[]) {
  const names = await namesFor(db, rows, actor.locale);
  const people = await peopleById(
    db,
    rows.map((r) => r.created_by),
  );
  return rows.map((r) => ({
    versionId: r.version_id,
    articleId: r.article_id,
    number: r.number,
    revision: r.revision,
    status: r.status as KnowledgeVersionStatus,
    title: r.title,
    type: r.type as KnowledgeType,
    category: names.categories.has(r.category_id) ? { id: r.category_id, name: names.categories.get(r.category_id) as string } : null,
    author: person(people, r.created_by),
    isNew: r.published_version_id === null,
    submittedAt: iso(r.submitted_at),
    reviewComment: r.review_comment,
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  }));
}

/** The caller's review queue (named reviewers of a category see its submissions too). */
export async function reviewQueue(db: Database, actor: Actor, paging: Paging) {
  const base = reviewQueueQuery(db, actor);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await base
    .select(QUEUE_COLUMNS)
    .orderBy('v.submitted_at')
    .orderBy('v.id')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute()) as QueueRow[];
  return { items: await queueItems(db, actor, rows), total: Number(n), page: paging.page, pageSize: paging.pageSize };
}

/** Versions the caller wrote (drafts, in review, rejected, published…), most recently changed first. */
export async function mySubmissions(db: Database, actor: Actor, query: Paging & { status?: KnowledgeVersionStatus }) {
  let base = db
    .selectFrom('knowledge_versions as v')
    .innerJoin('knowledge_articles as a', 'a.id', 'v.article_id')
    .where('v.created_by', '=', actor.userId)
    .where('v.status', '!=', 'discarded');
  if (query.status) base = base.where('v.status', '=', query.status);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await base
    .select(QUEUE_COLUMNS)
    .orderBy('v.updated_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()) as QueueRow[];
  return { items: await queueItems(db, actor, rows), total: Number(n), page: query.page, pageSize: query.pageSize };
}

/** Published articles whose review-by date has come (or comes within `withinDays`): the owner's, or all for managers. */
export async function needsReview(
  db: Database,
  actor: Actor,
  query: Paging & { view: 'mine' | 'all'; withinDays: number },
  timeZone: string,
) {
  if (query.view === 'all' && !actor.permissions.has('knowledge.manage')) throw new AppError('forbidden');
  const today = businessDay(new Date(), timeZone);
  const until = businessDay(new Date(Date.now() + query.withinDays * 86_400_000), timeZone);
  let base = readableArticles(db, actor).where('a.review_by', '<=', until);
  if (query.view === 'mine') base = base.where('a.owner_id', '=', actor.userId);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([...CARD_COLUMNS, 'a.owner_id', 'a.review_by', 'a.version'])
    .orderBy('a.review_by')
    .orderBy('a.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const names = await namesFor(db, rows as CardRow[], actor.locale);
  const people = await peopleById(
    db,
    rows.map((r) => r.owner_id),
  );
  return {
    items: rows.map((r) => {
      const reviewBy = day(r.review_by) as string;
      return {
        ...toCard(r as CardRow, names),
        owner: person(people, r.owner_id),
        reviewBy,
        overdueDays: Math.max(0, Math.round((Date.parse(today) - Date.parse(reviewBy)) / 86_400_000)),
        version: r.version,
      };
    }),
    total: Number(n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The knowledge home: categories with counts, popular and recent articles, and the caller's to-do counts. */
export async function knowledgeHome(db: Database, actor: Actor, timeZone: string) {
  const categories = await listCategories(db, actor);
  const popular = (await readableArticles(db, actor)
    .select(CARD_COLUMNS)
    .orderBy(sql`a.view_count + 5 * (a.helpful_count - a.not_helpful_count) + 3 * a.application_count`, 'desc')
    .orderBy('a.id', 'desc')
    .limit(8)
    .execute()) as CardRow[];
  const recent = (await readableArticles(db, actor)
    .select(CARD_COLUMNS)
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(8)
    .execute()) as CardRow[];
  const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    Number((await q.executeTakeFirstOrThrow()).n);
  const today = businessDay(new Date(), timeZone);
  const published = await count(readableArticles(db, actor).select((eb) => eb.fn.countAll<number>().as('n')));
  const reviewing = await count(reviewQueueQuery(db, actor).select((eb) => eb.fn.countAll<number>().as('n')));
  const myWorking = await count(
    db
      .selectFrom('knowledge_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_by', '=', actor.userId)
      .where('status', 'in', ['draft', 'submitted', 'rejected']),
  );
  const due = await count(
    readableArticles(db, actor)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.review_by', '<=', today)
      .where('a.owner_id', '=', actor.userId),
  );
  return {
    categories,
    popular: await toCards(db, popular, actor.locale),
    recent: await toCards(db, recent, actor.locale),
    counts: { reviewQueue: reviewing, myWorking, needsReview: due, published },
  };
}
