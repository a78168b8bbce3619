import { type CreateArticleBody, EDITABLE_STATUSES, type SaveDraftBody } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { loadArticleFor, loadVersionFor, mayEdit } from './access.js';
import { attachImages, type ContentColumns, checkReferences, contentColumns, nextRevision, RICH_FIELDS } from './content.js';
import { sanitizeRichText } from './sanitize.js';

type Ctx = ActionContext & { actor: Actor };

/** Where a captured article came from, linked both ways. */
export interface ArticleSource {
  recordType: string;
  recordId: number;
  recordNumber: string;
  /** Whether the record's timeline entry is internal (requesters do not see drafts). */
  internal: boolean;
}

/**
 * Creates an article with its first version as a draft owned by the caller, numbered ZS…; a captured
 * one is linked to its source record (one record_links row, read both ways) and noted on both timelines.
 * Returns the draft version's id.
 */
export async function insertArticle(
  trx: Transaction<DB>,
  platform: Platform,
  ctx: Ctx,
  columns: ContentColumns,
  options: { reviewBy?: string | null; source?: ArticleSource } = {},
): Promise<{ articleId: number; versionId: number; number: string }> {
  await checkReferences(trx, columns);
  const now = new Date();
  const number = await nextRecordNumber(trx, 'knowledge', platform.config.TIMEZONE, now);
  const me = ctx.actor.userId;
  const article = await trx
    .insertInto('knowledge_articles')
    .values({
      number,
      status: 'draft',
      owner_id: me,
      created_by: me,
      title: columns.title,
      type: columns.type,
      category_id: columns.category_id,
      tags: columns.tags,
      system_ids: columns.system_ids,
      audience: columns.audience,
      review_by: options.reviewBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await trx
    .insertInto('knowledge_versions')
    .values({ article_id: article.id, revision: 1, status: 'draft', created_by: me, ...columns })
    .returning('id')
    .executeTakeFirstOrThrow();
  await attachImages(trx, article.id, me, columns);
  const record = { type: 'knowledge', id: article.id };
  await appendTimeline(trx, record, me, { kind: 'created' });
  if (options.source) {
    const { source } = options;
    await trx
      .insertInto('record_links')
      .values({ from_type: source.recordType, from_id: source.recordId, to_type: 'knowledge', to_id: article.id, created_by: me })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await appendTimeline(trx, record, me, { kind: 'capturedFrom', recordType: source.recordType, recordNumber: source.recordNumber });
    await appendTimeline(
      trx,
      { type: source.recordType, id: source.recordId },
      me,
      { kind: 'knowledgeCaptured', articleNumber: number },
      { internal: source.internal },
    );
    await writeAudit(trx, ctx, {
      action: 'knowledge.capture',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: number,
      after: { title: columns.title, source: { type: source.recordType, number: source.recordNumber } },
    });
  } else {
    await writeAudit(trx, ctx, {
      action: 'knowledge.create',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: number,
      after: { title: columns.title, type: columns.type, categoryId: columns.category_id, audience: columns.audience },
    });
  }
  return { articleId: article.id, versionId: version.id, number };
}

/** Writes a new article as a draft of its author. */
export async function createArticle(platform: Platform, ctx: Ctx, input: CreateArticleBody): Promise<number> {
  const columns = contentColumns(input);
  return platform.db
    .transaction()
    .execute(async (trx) => (await insertArticle(trx, platform, ctx, columns, { reviewBy: input.reviewBy })).versionId);
}

const FIELD_COLUMNS: Record<string, keyof ContentColumns> = {
  title: 'title',
  type: 'type',
  categoryId: 'category_id',
  tags: 'tags',
  systemIds: 'system_ids',
  audience: 'audience',
  body: 'body_html',
  symptom: 'symptom_html',
  cause: 'cause_html',
  workaround: 'workaround_html',
  fix: 'fix_html',
};

/**
 * Saves a working version (draft or rejected) as one conditional write on its lock `version`: two
 * people saving the same draft never overwrite each other — the second gets 409 with nothing changed.
 */
export async function saveDraft(platform: Platform, ctx: Ctx, versionId: number, input: SaveDraftBody): Promise<void> {
  const { db } = platform;
  const { version, article } = await loadVersionFor(db, ctx.actor, versionId);
  if (!mayEdit(ctx.actor, article, version)) throw new AppError('forbidden');
  if (!EDITABLE_STATUSES.includes(version.status as never)) throw new AppError('invalidTransition');
  if (version.version !== input.version) throw versionConflict();

  const changes: Partial<ContentColumns> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.type !== undefined) changes.type = input.type;
  if (input.categoryId !== undefined) changes.category_id = input.categoryId;
  if (input.tags !== undefined) changes.tags = contentColumns({ ...emptyContent(), tags: input.tags }).tags;
  if (input.systemIds !== undefined) changes.system_ids = [...new Set(input.systemIds)];
  if (input.audience !== undefined) changes.audience = input.audience;
  for (const field of RICH_FIELDS) {
    const value = input[field];
    if (value !== undefined) changes[`${field}_html`] = sanitizeRichText(value);
  }
  const before = pickContent(version as never);
  const merged: ContentColumns = { ...before, ...changes };
  const changed = Object.entries(FIELD_COLUMNS)
    .filter(([, column]) => changes[column] !== undefined && JSON.stringify(changes[column]) !== JSON.stringify(before[column]))
    .map(([field]) => field);

  await db.transaction().execute(async (trx) => {
    await checkReferences(trx, merged);
    const result = await trx
      .updateTable('knowledge_versions')
      .set({ ...changes, version: version.version + 1, updated_at: new Date() })
      .where('id', '=', version.id)
      .where('version', '=', input.version)
      .where('status', 'in', [...EDITABLE_STATUSES])
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    // A never-published article shows its draft's title in lists and notifications.
    if (article.status === 'draft') {
      await trx
        .updateTable('knowledge_articles')
        .set({
          title: merged.title,
          type: merged.type,
          category_id: merged.category_id,
          tags: merged.tags,
          system_ids: merged.system_ids,
          audience: merged.audience,
          updated_at: new Date(),
        })
        .where('id', '=', article.id)
        .where('status', '=', 'draft')
        .execute();
    }
    await attachImages(trx, article.id, ctx.actor.userId, merged);
    if (changed.length)
      await appendTimeline(trx, { type: 'knowledge', id: article.id }, ctx.actor.userId, { kind: 'updated', fields: changed });
    await writeAudit(trx, ctx, {
      action: 'knowledge.update',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: article.number,
      after: { revision: version.revision, fields: changed },
    });
  });
}

function emptyContent() {
  return {
    title: '',
    type: 'how_to' as const,
    categoryId: 1,
    tags: [],
    systemIds: [],
    audience: 'everyone' as const,
    body: '',
    symptom: '',
    cause: '',
    workaround: '',
    fix: '',
  };
}

function pickContent(v: ContentColumns & Record<string, unknown>): ContentColumns {
  return {
    title: v.title,
    type: v.type,
    category_id: v.category_id,
    tags: v.tags,
    system_ids: (v.system_ids as (number | string)[]).map(Number),
    audience: v.audience,
    body_html: v.body_html,
    symptom_html: v.symptom_html,
    cause_html: v.cause_html,
    workaround_html: v.workaround_html,
    fix_html: v.fix_html,
  };
}

/**
 * Starts a new working version of an article: a copy of the published version (editing a published
 * article — the published one stays visible until the new one is approved), or of an older version
 * (restore). An article has one working version at a time: another one is a 409.
 */
export async function startVersion(platform: Platform, ctx: Ctx, articleId: number, fromVersionId?: number): Promise<number> {
  const { db } = platform;
  const article = await loadArticleFor(db, ctx.actor, articleId);
  const sourceId = fromVersionId ?? article.published_version_id;
  if (!sourceId) throw new AppError('invalidTransition');
  const { version: source } = await loadVersionFor(db, ctx.actor, sourceId);
  if (source.article_id !== article.id) throw notFound();
  if (!mayEdit(ctx.actor, article, null)) throw new AppError('forbidden');
  const restoring = fromVersionId !== undefined && fromVersionId !== article.published_version_id;

  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('knowledge_articles').select('id').where('id', '=', article.id).forUpdate().execute();
    const working = await trx
      .selectFrom('knowledge_versions')
      .select('id')
      .where('article_id', '=', article.id)
      .where('status', 'in', ['draft', 'submitted', 'rejected'])
      .executeTakeFirst();
    if (working) throw new AppError('conflict', {}, { reason: 'workingVersionExists', versionId: working.id });
    const columns = pickContent(source as never);
    await checkReferences(trx, columns);
    const revision = await nextRevision(trx, article.id);
    const inserted = await trx
      .insertInto('knowledge_versions')
      .values({
        article_id: article.id,
        revision,
        status: 'draft',
        created_by: ctx.actor.userId,
        based_on_revision: source.revision,
        ...columns,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = { type: 'knowledge', id: article.id };
    if (restoring) {
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'versionRestored', revision, fromRevision: source.revision });
      await writeAudit(trx, ctx, {
        action: 'knowledge.restore',
        objectType: 'knowledge',
        objectId: article.id,
        objectLabel: article.number,
        after: { revision, fromRevision: source.revision },
      });
    } else {
      await appendTimeline(trx, record, ctx.actor.userId, { kind: 'versionCreated', revision, fromRevision: source.revision });
      await writeAudit(trx, ctx, {
        action: 'knowledge.newVersion',
        objectType: 'knowledge',
        objectId: article.id,
        objectLabel: article.number,
        after: { revision, fromRevision: source.revision },
      });
    }
    return inserted.id;
  });
}

/** Changes the owner or the review-by date (no review needed): the owner or a knowledge manager. */
export async function updateSettings(
  platform: Platform,
  ctx: Ctx,
  articleId: number,
  input: { version: number; ownerId?: number; reviewBy?: string | null },
): Promise<void> {
  const { db } = platform;
  const article = await loadArticleFor(db, ctx.actor, articleId);
  const manager = ctx.actor.permissions.has('knowledge.manage');
  if (!manager && article.owner_id !== ctx.actor.userId) throw new AppError('forbidden');
  if (article.version !== input.version) throw versionConflict();
  await db.transaction().execute(async (trx) => {
    if (input.ownerId !== undefined && input.ownerId !== article.owner_id) {
      const writer = await trx
        .selectFrom('users as u')
        .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .select('u.id')
        .where('u.id', '=', input.ownerId)
        .where('u.active', '=', true)
        .where((eb) => eb.or(['knowledge.write', 'knowledge.manage'].map((p) => eb(eb.val(p), '=', eb.fn.any('r.permissions')))))
        .executeTakeFirst();
      if (!writer) throw fieldError('ownerId', 'cannotWrite', 'errors.forbidden');
    }
    const result = await trx
      .updateTable('knowledge_articles')
      .set({
        owner_id: input.ownerId,
        review_by: input.reviewBy,
        review_notified_for: input.reviewBy !== undefined ? null : undefined,
        version: article.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', article.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    const fields = [...(input.ownerId !== undefined ? ['ownerId'] : []), ...(input.reviewBy !== undefined ? ['reviewBy'] : [])];
    if (fields.length) await appendTimeline(trx, { type: 'knowledge', id: article.id }, ctx.actor.userId, { kind: 'updated', fields });
    await writeAudit(trx, ctx, {
      action: 'knowledge.settings',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: article.number,
      before: { ownerId: article.owner_id, reviewBy: article.review_by },
      after: { ownerId: input.ownerId, reviewBy: input.reviewBy },
    });
  });
}

/** The owner confirms a published article is still right and sets the next review-by date. */
export async function confirmReview(platform: Platform, ctx: Ctx, articleId: number, input: { version: number; reviewBy: string }) {
  const { db } = platform;
  const article = await loadArticleFor(db, ctx.actor, articleId);
  if (!ctx.actor.permissions.has('knowledge.manage') && article.owner_id !== ctx.actor.userId) throw new AppError('forbidden');
  if (article.status !== 'published') throw new AppError('invalidTransition');
  if (input.reviewBy <= new Date().toISOString().slice(0, 10)) throw fieldError('reviewBy', 'notFuture', 'errors.validation');
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('knowledge_articles')
      .set({ review_by: input.reviewBy, review_notified_for: null, version: article.version + 1, updated_at: new Date() })
      .where('id', '=', article.id)
      .where('version', '=', input.version)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw versionConflict();
    await appendTimeline(trx, { type: 'knowledge', id: article.id }, ctx.actor.userId, {
      kind: 'reviewConfirmed',
      reviewBy: input.reviewBy,
    });
    await writeAudit(trx, ctx, {
      action: 'knowledge.confirmReview',
      objectType: 'knowledge',
      objectId: article.id,
      objectLabel: article.number,
      after: { reviewBy: input.reviewBy },
    });
  });
}
