import type { IncidentReviewBody } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { type Ctx, canReadIncident, loadIncident, loadWorkable, worksOn } from './access.js';

/**
 * The post-incident review 复盘 with its action items (status 'none' before anyone writes it).
 * `ownItemsOnly`: for an action-item owner outside the incident's scope — only their own items, none
 * of the review's text (the caller has checked they own an item of it).
 */
export async function getReview(db: Database, actor: Actor, id: number, timeZone: string, ownItemsOnly = false) {
  if (!ownItemsOnly) await loadIncident(db, actor, id);
  const review = await db
    .selectFrom('incident_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.completed_by')
    .select([
      'r.status',
      'r.summary',
      'r.narrative',
      'r.cause',
      'r.lessons',
      'r.completed_at',
      'r.version',
      'u.id as by_id',
      'u.display_name as by_name',
    ])
    .where('r.incident_id', '=', id)
    .executeTakeFirst();
  const actions = await db
    .selectFrom('incident_review_actions as a')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.id',
      'a.title',
      'a.done',
      'a.done_at',
      sql<string>`to_char(a.due_date, 'YYYY-MM-DD')`.as('due'),
      sql<boolean>`NOT a.done AND a.due_date < (now() AT TIME ZONE ${timeZone})::date`.as('overdue'),
      'u.id as owner_id',
      'u.display_name as owner_name',
    ])
    .where('a.incident_id', '=', id)
    .$if(ownItemsOnly, (qb) => qb.where('a.owner_id', '=', actor.userId))
    .orderBy('a.id')
    .execute();
  const items = actions.map((a) => ({
    id: a.id,
    title: a.title,
    owner: { id: a.owner_id, displayName: a.owner_name },
    dueDate: a.due,
    done: a.done,
    doneAt: a.done_at ? new Date(a.done_at).toISOString() : null,
    overdue: a.overdue,
  }));
  if (ownItemsOnly) {
    return {
      status: review?.status ?? ('none' as const),
      summary: '',
      narrative: '',
      cause: '',
      lessons: '',
      completedAt: null,
      completedBy: null,
      version: review?.version ?? 0,
      actions: items,
    };
  }
  return {
    status: review?.status ?? ('none' as const),
    summary: review?.summary ?? '',
    narrative: review?.narrative ?? '',
    cause: review?.cause ?? '',
    lessons: review?.lessons ?? '',
    completedAt: review?.completed_at ? new Date(review.completed_at).toISOString() : null,
    completedBy: review?.by_id ? { id: review.by_id, displayName: review.by_name ?? '' } : null,
    version: review?.version ?? 0,
    actions: items,
  };
}

/**
 * Saves the review's text (version 0 creates it). A completed review is read-only. One conditional
 * write on (incident, version, draft).
 */
export async function saveReview(db: Database, ctx: Ctx, id: number, input: IncidentReviewBody) {
  const incident = await loadWorkable(db, ctx.actor, id);
  const fields = { summary: input.summary, narrative: input.narrative, cause: input.cause, lessons: input.lessons };
  await db.transaction().execute(async (trx) => {
    const written =
      input.version === 0
        ? await trx
            .insertInto('incident_reviews')
            .values({ incident_id: id, ...fields, updated_by: ctx.actor.userId })
            .onConflict((oc) => oc.doNothing())
            .returning('version')
            .executeTakeFirst()
        : await trx
            .updateTable('incident_reviews')
            .set({ ...fields, updated_by: ctx.actor.userId, updated_at: new Date(), version: sql`version + 1` as never })
            .where('incident_id', '=', id)
            .where('version', '=', input.version)
            .where('status', '=', 'draft')
            .returning('version')
            .executeTakeFirst();
    if (!written) {
      const current = await trx.selectFrom('incident_reviews').select('status').where('incident_id', '=', id).executeTakeFirst();
      if (current?.status === 'completed') throw new AppError('invalidTransition');
      throw versionConflict();
    }
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, { kind: 'incidentReviewSaved' });
    await writeAudit(trx, ctx, {
      action: 'incident.reviewSave',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { lengths: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.length])) },
    });
  });
}

/** Completes the review once the incident is resolved (or closed) and what happened, the cause and the lessons are written. */
export async function completeReview(db: Database, ctx: Ctx, id: number, version: number) {
  const incident = await loadWorkable(db, ctx.actor, id);
  if (incident.status !== 'resolved' && incident.status !== 'closed') {
    throw new AppError('incidentNotResolved', { status: `i18n:incidents.status.${incident.status}` });
  }
  await db.transaction().execute(async (trx) => {
    const review = await trx.selectFrom('incident_reviews').selectAll().where('incident_id', '=', id).executeTakeFirst();
    if (!review) throw new AppError('incidentReviewIncomplete');
    const missing = (['summary', 'cause', 'lessons'] as const).filter((k) => !review[k].trim());
    if (missing.length) {
      throw new AppError(
        'incidentReviewIncomplete',
        {},
        missing.map((path) => ({ path, code: 'required', message: 'i18n:validation.required' })),
      );
    }
    const done = await trx
      .updateTable('incident_reviews')
      .set({
        status: 'completed',
        completed_at: new Date(),
        completed_by: ctx.actor.userId,
        updated_at: new Date(),
        version: sql`version + 1` as never,
      })
      .where('incident_id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .returning('version')
      .executeTakeFirst();
    if (!done) {
      if (review.status === 'completed') throw new AppError('invalidTransition');
      throw versionConflict();
    }
    await trx.updateTable('incidents').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, { kind: 'incidentReviewCompleted' });
    await writeAudit(trx, ctx, { action: 'incident.reviewComplete', objectType: 'incident', objectId: id, objectLabel: incident.number });
  });
}

/** Adds an action item (title, owner, due date) to the review. */
export async function addReviewAction(db: Database, ctx: Ctx, id: number, input: { title: string; ownerId: number; dueDate: string }) {
  const incident = await loadWorkable(db, ctx.actor, id);
  const owner = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', input.ownerId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!owner) throw fieldError('ownerId', 'notFound', 'incidents.errors.unknownPerson');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('incident_review_actions')
      .values({ incident_id: id, title: input.title, owner_id: input.ownerId, due_date: input.dueDate, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, {
      kind: 'incidentReviewActionAdded',
      title: input.title,
      owner: owner.display_name,
      dueDate: input.dueDate,
    });
    await writeAudit(trx, ctx, {
      action: 'incident.reviewAction',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { title: input.title, ownerId: input.ownerId, dueDate: input.dueDate },
    });
    return row.id;
  });
}

/**
 * Marks an action item done (or not yet): its owner or whoever works the incident. One conditional write.
 * The owner may always mark their own item, even on an incident outside their scope (it is listed in
 * their "my actions"); anyone else needs to be able to read the incident. Returns whether the caller
 * can read the incident (else the response shows only their own items).
 */
export async function setReviewActionDone(
  db: Database,
  ctx: Ctx,
  id: number,
  actionId: number,
  done: boolean,
): Promise<{ inScope: boolean }> {
  const item = await db
    .selectFrom('incident_review_actions')
    .select(['id', 'title', 'owner_id', 'done'])
    .where('id', '=', actionId)
    .where('incident_id', '=', id)
    .executeTakeFirst();
  const isOwner = item?.owner_id === ctx.actor.userId;
  const inScope = await canReadIncident(db, ctx.actor, id);
  // Someone else learns nothing about an incident they cannot read: 404 before the item is looked at.
  if (!inScope && !isOwner) throw notFound();
  if (!item) throw notFound();
  const incident = await db
    .selectFrom('incidents')
    .select(['id', 'number', 'assignee_id', 'team_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (!isOwner && !worksOn(ctx.actor, incident)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('incident_review_actions')
      .set({ done, done_at: done ? new Date() : null })
      .where('id', '=', actionId)
      .where('done', '=', !done)
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw new AppError('conflict');
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, {
      kind: done ? 'incidentReviewActionDone' : 'incidentReviewActionReopened',
      title: item.title,
    });
    await writeAudit(trx, ctx, {
      action: 'incident.reviewActionDone',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { actionId, title: item.title, done },
    });
  });
  return { inScope };
}
