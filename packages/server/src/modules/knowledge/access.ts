import type { KnowledgeFacts, KnowledgeVersionStatus, MachineActor } from '@shuyun/shared';
import { isCategoryReviewer } from '@shuyun/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';

type Db = Database | Transaction<DB>;

/**
 * IT-only articles are for the people who work in IT: those who may write, review or manage
 * knowledge. Everyone else (requesters, supervisors…) never sees them — not in lists, counts,
 * suggestions, links, nor by id.
 */
export function seesItOnly(actor: Actor): boolean {
  return actor.permissions.has('knowledge.write') || actor.permissions.has('knowledge.review') || actor.permissions.has('knowledge.manage');
}

/** The audiences the caller may read. */
export function audiencesFor(actor: Actor): string[] {
  return seesItOnly(actor) ? ['everyone', 'it_staff'] : ['everyone'];
}

/**
 * Published articles the caller may read (alias `a`). Published knowledge is shared across the
 * company, so the knowledge.read data scope does not narrow it; the audience does.
 */
export function readableArticles(db: Db, actor: Actor) {
  return db
    .selectFrom('knowledge_articles as a')
    .where('a.status', '=', 'published')
    .where('a.audience', 'in', audiencesFor(actor))
    .where(sql<SqlBool>`${actor.permissions.has('knowledge.read')}`);
}

/** The state machine's view of the caller. */
export function machineActor(actor: Actor): MachineActor {
  return { userId: actor.userId, permissions: new Set(actor.permissions.keys()), teamIds: new Set() };
}

export async function reviewerIdsOf(db: Db, categoryId: number): Promise<number[]> {
  const row = await db.selectFrom('knowledge_categories').select('reviewer_ids').where('id', '=', categoryId).executeTakeFirst();
  return (row?.reviewer_ids ?? []).map(Number);
}

export function factsOf(
  version: { status: string; created_by: number },
  article: { owner_id: number },
  reviewerIds: number[],
): KnowledgeFacts {
  return { status: version.status as KnowledgeVersionStatus, authorId: version.created_by, ownerId: article.owner_id, reviewerIds };
}

/**
 * Who may see a version that is not the published one (drafts, submissions, history): its author,
 * the article's owner, whoever reviews its category, and knowledge managers. History of a published
 * article is also open to every IT reader of it.
 */
export function mayReadVersion(
  actor: Actor,
  version: { status: string; created_by: number; audience: string; reviewed_by: number | null },
  article: { owner_id: number; status: string },
  reviewerIds: number[],
): boolean {
  if (!actor.permissions.has('knowledge.read')) return false;
  if (version.created_by === actor.userId || article.owner_id === actor.userId) return true;
  if (actor.permissions.has('knowledge.manage')) return true;
  // Reviewers see what reaches review (not drafts), and whoever reviewed a version keeps seeing it.
  if (version.reviewed_by === actor.userId) return true;
  if (version.status !== 'draft' && version.status !== 'discarded' && isCategoryReviewer({ reviewerIds }, machineActor(actor))) return true;
  // Published history: writers and reviewers may compare versions of what they can read.
  if (article.status !== 'draft' && article.status !== 'discarded' && seesItOnly(actor)) return true;
  return false;
}

/** May the caller edit the article's content (start a version, save a draft)? Owner, author of the working version, or a manager. */
export function mayEdit(actor: Actor, article: { owner_id: number }, working: { created_by: number } | null): boolean {
  if (!actor.permissions.has('knowledge.write') && !actor.permissions.has('knowledge.manage')) return false;
  if (actor.permissions.has('knowledge.manage') || article.owner_id === actor.userId) return true;
  if (working) return working.created_by === actor.userId;
  // Any IT writer may propose an edit of a published article; it goes through review like any other.
  return actor.permissions.has('knowledge.write');
}

/** The article row, if the caller may see it at all (published and in their audience, or one of its drafts is theirs to see). */
export async function loadArticleFor(db: Db, actor: Actor, id: number) {
  const article = await db.selectFrom('knowledge_articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!article || !actor.permissions.has('knowledge.read')) throw notFound();
  if (article.status === 'published' && audiencesFor(actor).includes(article.audience)) return article;
  if (article.status === 'archived' && (actor.permissions.has('knowledge.manage') || article.owner_id === actor.userId)) return article;
  if (article.status === 'discarded') throw notFound();
  // Never published (or archived): only those who may see its working version.
  const working = await db
    .selectFrom('knowledge_versions')
    .select(['status', 'created_by', 'audience', 'category_id', 'reviewed_by'])
    .where('article_id', '=', id)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!working) throw notFound();
  const reviewers = await reviewerIdsOf(db, working.category_id);
  if (!mayReadVersion(actor, working, article, reviewers)) throw notFound();
  if (article.status === 'archived' && !seesItOnly(actor)) throw notFound();
  return article;
}

/** A version with its article, if the caller may read it; 404 otherwise. */
export async function loadVersionFor(db: Db, actor: Actor, versionId: number) {
  const version = await db.selectFrom('knowledge_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!version) throw notFound();
  const article = await db.selectFrom('knowledge_articles').selectAll().where('id', '=', version.article_id).executeTakeFirstOrThrow();
  const reviewers = await reviewerIdsOf(db, version.category_id);
  const isPublishedCopy = version.status === 'published' && article.status === 'published';
  const readable = isPublishedCopy
    ? audiencesFor(actor).includes(version.audience) && actor.permissions.has('knowledge.read')
    : mayReadVersion(actor, version, article, reviewers) && (version.audience === 'everyone' || seesItOnly(actor));
  if (!readable) throw notFound();
  return { version, article, reviewers };
}

/** A filter (alias `v`) for versions in status submitted whose category the caller reviews. */
export function reviewableBy(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { v: DB['knowledge_versions'] }, 'v'>): Expression<SqlBool> => {
    if (actor.permissions.has('knowledge.manage')) return sql<SqlBool>`true`;
    const named = sql<SqlBool>`${actor.userId} = ANY(c.reviewer_ids)`;
    const open = actor.permissions.has('knowledge.review') ? sql<SqlBool>`cardinality(c.reviewer_ids) = 0` : sql<SqlBool>`false`;
    return eb.or([named, open]);
  };
}
