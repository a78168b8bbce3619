import type { FaultReviewBody } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { faultScope, loadFault } from './access.js';
import { notifyActionAssigned } from './notify.js';
import type { Ctx } from './register.js';

/** A review is written once the service is back (or the fault is in hand); a cancelled fault has none. */
const REVIEWABLE = ['in_progress', 'recovered', 'closed'];

function refuseUnlessReviewable(status: string, action: string) {
  if (!REVIEWABLE.includes(status)) {
    throw new AppError('faultStatusConflict', { status: `i18n:faults.status.${status}`, action: `i18n:faults.${action}` });
  }
}

/** Saves the review draft (created on first save). `version` 0 means "there was none"; a completed review is frozen. */
export async function saveReview(platform: Platform, ctx: Ctx, id: number, input: FaultReviewBody) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  refuseUnlessReviewable(fault.status, 'review.save');
  const values = {
    summary: input.summary,
    narrative: input.narrative,
    analysis: input.analysis,
    lessons: input.lessons,
    no_action_needed: input.noActionNeeded,
    updated_by: ctx.actor.userId,
    updated_at: new Date(),
  };
  await db.transaction().execute(async (trx) => {
    if (input.version === 0) {
      const inserted = await trx
        .insertInto('fault_reviews')
        .values({ fault_id: id, ...values })
        .onConflict((oc) => oc.doNothing())
        .returning('fault_id')
        .executeTakeFirst();
      if (!inserted) throw versionConflict();
    } else {
      const updated = await trx
        .updateTable('fault_reviews')
        .set({ ...values, version: input.version + 1 })
        .where('fault_id', '=', id)
        .where('version', '=', input.version)
        .where('completed_at', 'is', null)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw await reviewConflict(trx, id);
    }
    await writeAudit(trx, ctx, { action: 'fault.review', objectType: 'fault', objectId: id, objectLabel: fault.number, after: input });
  });
}

async function reviewConflict(db: Database, id: number) {
  const row = await db.selectFrom('fault_reviews').select('completed_at').where('fault_id', '=', id).executeTakeFirst();
  return row?.completed_at ? new AppError('reviewCompleted') : versionConflict();
}

/** Completes the review: it needs at least one corrective action or "no action needed"; then frozen. */
export async function completeReview(platform: Platform, ctx: Ctx, id: number, version: number) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  refuseUnlessReviewable(fault.status, 'review.complete');
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const updated = await trx
      .updateTable('fault_reviews')
      .set({ completed_at: now, completed_by: ctx.actor.userId, version: version + 1, updated_at: now, updated_by: ctx.actor.userId })
      .where('fault_id', '=', id)
      .where('version', '=', version)
      .where('completed_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('no_action_needed', '=', true),
          eb.exists(eb.selectFrom('fault_actions').select('id').where('fault_actions.fault_id', '=', id)),
        ]),
      )
      .returning('no_action_needed')
      .executeTakeFirst();
    if (!updated) {
      const row = await trx.selectFrom('fault_reviews').select(['completed_at', 'version']).where('fault_id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      if (row.completed_at) throw new AppError('reviewCompleted');
      if (row.version !== version) throw versionConflict();
      throw new AppError('reviewNeedsActions');
    }
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, {
      kind: 'faultReviewCompleted',
      noActionNeeded: updated.no_action_needed,
    });
    await writeAudit(trx, ctx, { action: 'fault.completeReview', objectType: 'fault', objectId: id, objectLabel: fault.number });
  });
}

/** A corrective action with an owner and a due date; the owner is told and sees it among their to-dos. */
export async function addReviewAction(
  platform: Platform,
  ctx: Ctx,
  id: number,
  input: { title: string; ownerId: number; dueDate: string },
) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  refuseUnlessReviewable(fault.status, 'reviewActions.add');
  const owner = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', input.ownerId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!owner) throw fieldError('ownerId', 'notFound', 'errors.notFound');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('fault_actions')
      .values({ fault_id: id, title: input.title, owner_id: owner.id, due_date: input.dueDate, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, {
      kind: 'faultActionAdded',
      title: input.title,
      owner: owner.display_name,
      dueDate: input.dueDate,
    });
    await writeAudit(trx, ctx, {
      action: 'fault.addAction',
      objectType: 'faultAction',
      objectId: row.id,
      objectLabel: fault.number,
      after: input,
    });
    if (owner.id !== ctx.actor.userId) await notifyActionAssigned(trx, platform, ctx.actor.userId, fault, input);
    return row.id;
  });
}

/** Marks an action done with a note: its owner, or anyone handling faults who can read the fault. One conditional write. */
export async function completeReviewAction(platform: Platform, ctx: Ctx, actionId: number, input: { version: number; note: string }) {
  const { db } = platform;
  const action = await db.selectFrom('fault_actions').selectAll().where('id', '=', actionId).executeTakeFirst();
  if (!action) throw notFound();
  const isOwner = action.owner_id === ctx.actor.userId;
  // The owner may always open their own action; anyone else needs to be able to read the fault.
  const fault = isOwner
    ? await db.selectFrom('faults').select(['id', 'number']).where('id', '=', action.fault_id).executeTakeFirstOrThrow()
    : await loadFault(db, ctx.actor, action.fault_id);
  if (!isOwner && !ctx.actor.permissions.has('fault.handle')) throw new AppError('notActionOwner');
  if (!input.note.trim()) throw fieldError('note', 'required', 'validation.required');
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const updated = await trx
      .updateTable('fault_actions')
      .set({ status: 'done', done_note: input.note, done_at: now, done_by: ctx.actor.userId, version: input.version + 1 })
      .where('id', '=', actionId)
      .where('status', '=', 'open')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw versionConflict();
    await appendTimeline(trx, { type: 'fault', id: fault.id }, ctx.actor.userId, {
      kind: 'faultActionDone',
      title: action.title,
      note: input.note,
    });
    await writeAudit(trx, ctx, {
      action: 'fault.actionDone',
      objectType: 'faultAction',
      objectId: actionId,
      objectLabel: fault.number,
      after: { note: input.note },
    });
  });
}

const dayOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

/** Corrective actions: of one fault, mine (open), overdue or all open — the latter two within my fault scope. */
export async function listReviewActions(
  db: Database,
  actor: Actor,
  filter: { faultId?: number; view?: 'mine' | 'overdue' | 'open' },
  today: string,
) {
  let q = db
    .selectFrom('fault_actions as a')
    .innerJoin('faults as f', 'f.id', 'a.fault_id')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.id',
      'a.fault_id',
      'f.number',
      'f.title as fault_title',
      'a.title',
      'a.owner_id',
      'u.display_name',
      sql<string>`to_char(a.due_date, 'YYYY-MM-DD')`.as('due'),
      'a.status',
      'a.done_note',
      'a.done_at',
      'a.version',
    ]);
  if (filter.faultId) q = q.where('a.fault_id', '=', filter.faultId).orderBy('a.id');
  else if (filter.view === 'mine')
    q = q.where('a.owner_id', '=', actor.userId).where('a.status', '=', 'open').orderBy('a.due_date').orderBy('a.id');
  else {
    q = q.where(faultScope(actor)).where('a.status', '=', 'open');
    if (filter.view === 'overdue') q = q.where('a.due_date', '<', today);
    q = q.orderBy('a.due_date').orderBy('a.id');
  }
  const rows = await q.limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    faultId: r.fault_id,
    faultNumber: r.number,
    faultTitle: r.fault_title,
    title: r.title,
    owner: { id: r.owner_id, displayName: r.display_name },
    dueDate: dayOf(r.due),
    status: r.status,
    doneNote: r.done_note,
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
    overdue: r.status === 'open' && r.due < today,
    version: r.version,
  }));
}
