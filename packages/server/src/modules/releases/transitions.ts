import {
  decide,
  type ReleaseAcceptanceBody,
  type ReleaseAction,
  type ReleaseActionInput,
  type ReleaseStatus,
  releaseMachine,
  type TimelineEvent,
} from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { machineActor } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { notifyDemandsDelivered } from '../demands/notify.js';
import { releasesInScope } from './access.js';
import { demandPeople, holdersOf, itManagers, notifyRelease } from './notify.js';
import { type Ctx, checkWindow } from './request.js';

type P = Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>;

export interface ReleaseRow {
  id: number;
  number: string;
  title: string;
  status: ReleaseStatus;
  requester_id: number;
  version_label: string;
  window_start: Date;
  window_end: Date;
  approved_at: Date | null;
  version: number;
}

async function loadRelease(trx: Transaction<DB>, ctx: Ctx, id: number): Promise<ReleaseRow> {
  const row = await releasesInScope(trx, ctx.actor)
    .select([
      'r.id',
      'r.number',
      'r.title',
      'r.status',
      'r.requester_id',
      'r.version_label',
      'r.window_start',
      'r.window_end',
      'r.approved_at',
      'r.version',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row as ReleaseRow;
}

const statusConflict = (status: string, action: string) =>
  new AppError(
    'releaseStatusConflict',
    { status: `i18n:releases.status.${status}`, action: `i18n:releases.conflictAction.${action}` },
    { status },
  );

/**
 * One action on a release: the shared state machine decides whether this person may take it from
 * this status with this input; then one conditional write on (id, status, version) — zero rows means
 * someone else acted first, answered with a conflict naming the release's state now. `after` does the
 * action's own writes (history rows, demands, notifications) and returns its timeline event; the
 * audit entry follows, all in the same transaction.
 */
async function transition(
  platform: P,
  ctx: Ctx,
  id: number,
  action: ReleaseAction,
  version: number,
  input: ReleaseActionInput,
  set: Record<string, unknown>,
  after: (trx: Transaction<DB>, release: ReleaseRow) => Promise<TimelineEvent>,
  audit: Record<string, unknown> = {},
): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const release = await loadRelease(trx, ctx, id);
    const decision = decide(
      releaseMachine,
      { status: release.status, requesterId: release.requester_id },
      action,
      machineActor(ctx.actor),
      input,
    );
    if (!decision.ok) {
      if (decision.code === 'invalidTransition') throw statusConflict(release.status, action);
      if (decision.code === 'forbidden' && (action === 'approve' || action === 'reject') && release.requester_id === ctx.actor.userId)
        throw new AppError('releaseOwnApproval');
      if (decision.code === 'forbidden' && action === 'submit' && release.requester_id !== ctx.actor.userId)
        throw new AppError('releaseNotOwnRequest');
      if (decision.code === 'reasonRequired') {
        const path = action === 'fail' ? 'note' : 'comment';
        throw new AppError('validation', {}, [{ path, code: 'required', message: 'i18n:errors.reasonRequired' }]);
      }
      throw new AppError(decision.code);
    }
    const updated = await trx
      .updateTable('releases')
      .set({ ...set, status: decision.to, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', release.status)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const now = await trx.selectFrom('releases').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
      if (now.status !== release.status) throw statusConflict(now.status, action);
      throw new AppError('versionConflict');
    }
    const event = await after(trx, release);
    await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, event);
    await writeAudit(trx, ctx, {
      action: `release.${action}`,
      objectType: 'release',
      objectId: id,
      objectLabel: release.number,
      before: { status: release.status },
      after: { status: decision.to, ...audit },
    });
  });
}

/** Clock skew allowed between the reporter's device and the server when an execution time is given. */
const EXECUTED_AT_SKEW_MS = 60_000;

/**
 * An execution time given with a success or failure: not in the future (beyond a minute's skew) and not
 * before the release was approved — it becomes the release's and its demands' released time.
 */
function checkExecutedAt(at: Date, release: ReleaseRow): void {
  if (at.getTime() > Date.now() + EXECUTED_AT_SKEW_MS) throw fieldError('executedAt', 'future', 'validation.releaseExecutedInFuture');
  if (release.approved_at && at.getTime() < new Date(release.approved_at).getTime())
    throw fieldError('executedAt', 'beforeApproval', 'validation.releaseExecutedBeforeApproval');
}

/** Submits a draft or rejected release for approval; approvers are told. */
export function submitRelease(platform: P, ctx: Ctx, id: number, version: number) {
  return transition(platform, ctx, id, 'submit', version, {}, {}, async (trx, r) => {
    checkWindow(new Date(r.window_start), new Date(r.window_end));
    const approvers = (await holdersOf(trx, 'release.approve')).filter((u) => u !== r.requester_id);
    await notifyRelease(trx, platform, 'release.submitted', ctx.actor.userId, approvers, r);
    return { kind: 'stateChanged', from: r.status, to: 'pending_approval' };
  });
}

/** Approves or rejects (with a reason) a release waiting for approval; the decision is kept in its history. */
export function decideRelease(platform: P, ctx: Ctx, id: number, approve: boolean, input: { version: number; comment?: string }) {
  const comment = input.comment?.trim() || null;
  const action = approve ? 'approve' : 'reject';
  const set = approve ? { approver_id: ctx.actor.userId, approved_at: new Date() } : { approver_id: ctx.actor.userId, approved_at: null };
  return transition(
    platform,
    ctx,
    id,
    action,
    input.version,
    { comment },
    set,
    async (trx, r) => {
      await trx
        .insertInto('release_approvals')
        .values({ release_id: id, decision: approve ? 'approved' : 'rejected', comment, decided_by: ctx.actor.userId })
        .execute();
      await notifyRelease(trx, platform, approve ? 'release.approved' : 'release.rejected', ctx.actor.userId, [r.requester_id], r, {
        comment: comment ?? '—',
      });
      return approve ? { kind: 'releaseApproved', ...(comment ? { comment } : {}) } : { kind: 'releaseRejected', comment: comment ?? '' };
    },
    { comment },
  );
}

/** Cancels a release before it is executed; its demands are free for another release. */
export function cancelRelease(platform: P, ctx: Ctx, id: number, version: number) {
  return transition(platform, ctx, id, 'cancel', version, {}, {}, async (_trx, r) => ({
    kind: 'stateChanged',
    from: r.status,
    to: 'cancelled',
  }));
}

/**
 * Records a successful release. Every included demand still implementing becomes released (one
 * conditional write per the contract with the demands module), with its timeline entry; the demands'
 * requesters and analysts are told.
 */
export function succeedRelease(platform: P, ctx: Ctx, id: number, input: { version: number; executedAt?: string; note?: string }) {
  const note = input.note?.trim() || null;
  const at = input.executedAt ? new Date(input.executedAt) : new Date();
  return transition(
    platform,
    ctx,
    id,
    'succeed',
    input.version,
    { note },
    { executed_at: at, result_note: note },
    async (trx, r) => {
      checkExecutedAt(at, r);
      const released = await trx
        .updateTable('demands')
        .set({ status: 'released', released_at: at, version: sql`version + 1`, updated_at: new Date() })
        .where('id', 'in', (eb) => eb.selectFrom('release_demands').select('demand_id').where('release_id', '=', id))
        .where('status', '=', 'implementing')
        .returning(['id', 'number'])
        .execute();
      for (const d of released) {
        await appendTimeline(trx, { type: 'demand', id: d.id }, ctx.actor.userId, {
          kind: 'demandReleased',
          releaseNumber: r.number,
          version: r.version_label,
        });
        await writeAudit(trx, ctx, {
          action: 'demand.released',
          objectType: 'demand',
          objectId: d.id,
          objectLabel: d.number,
          before: { status: 'implementing' },
          after: { status: 'released', releasedAt: at.toISOString(), release: r.number },
        });
      }
      const people = await demandPeople(trx, id);
      await notifyRelease(
        trx,
        platform,
        'release.succeeded',
        ctx.actor.userId,
        [...people.requesters, ...people.analysts, r.requester_id],
        r,
        {
          version: r.version_label,
        },
      );
      return { kind: 'releaseSucceeded', ...(note ? { note } : {}), demands: released.length };
    },
    { note },
  );
}

/** Failure handling 失败处理: what happened and whether it was rolled back; demands stay implementing. IT managers are told too. */
export function failRelease(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { version: number; executedAt?: string; note: string; rolledBack: boolean },
) {
  const note = input.note.trim();
  const at = input.executedAt ? new Date(input.executedAt) : new Date();
  return transition(
    platform,
    ctx,
    id,
    'fail',
    input.version,
    { note },
    { executed_at: at, result_note: note, rolled_back: input.rolledBack },
    async (trx, r) => {
      checkExecutedAt(at, r);
      const people = await demandPeople(trx, id);
      const recipients = [...people.requesters, ...people.analysts, r.requester_id, ...(await itManagers(trx))];
      await notifyRelease(trx, platform, 'release.failed', ctx.actor.userId, recipients, r, {
        note,
        rolledBack: `i18n:releases.rolledBack.${input.rolledBack}`,
      });
      return { kind: 'releaseFailed', note, rolledBack: input.rolledBack };
    },
    { note, rolledBack: input.rolledBack },
  );
}

/**
 * The analyst's acceptance record 验收记录. Passed: the release is accepted and every included demand
 * that was released becomes delivered. Failed: the record is kept and the release stays succeeded
 * (still one conditional write, so two analysts recording at once do not both pass).
 */
export async function recordAcceptance(platform: P, ctx: Ctx, id: number, input: ReleaseAcceptanceBody): Promise<void> {
  const comment = input.comment.trim();
  const record = (trx: Transaction<DB>) =>
    trx
      .insertInto('release_acceptances')
      .values({ release_id: id, kind: 'analyst', result: input.result, comment, user_id: ctx.actor.userId })
      .execute();
  if (input.result === 'passed') {
    const at = new Date();
    return transition(
      platform,
      ctx,
      id,
      'accept',
      input.version,
      { comment },
      { accepted_at: at },
      async (trx, r) => {
        await record(trx);
        const delivered = await trx
          .updateTable('demands')
          .set({ status: 'delivered', delivered_at: at, version: sql`version + 1`, updated_at: new Date() })
          .where('id', 'in', (eb) => eb.selectFrom('release_demands').select('demand_id').where('release_id', '=', id))
          .where('status', '=', 'released')
          .returning(['id', 'number'])
          .execute();
        for (const d of delivered) {
          await appendTimeline(trx, { type: 'demand', id: d.id }, ctx.actor.userId, { kind: 'demandDelivered', releaseNumber: r.number });
          await writeAudit(trx, ctx, {
            action: 'demand.delivered',
            objectType: 'demand',
            objectId: d.id,
            objectLabel: d.number,
            before: { status: 'released' },
            after: { status: 'delivered', deliveredAt: at.toISOString(), release: r.number },
          });
        }
        // Each requester hears that their demand is delivered and waits for their rating (the demands module's event).
        await notifyDemandsDelivered(
          trx,
          platform,
          ctx.actor.userId,
          delivered.map((d) => d.id),
        );
        return { kind: 'releaseAccepted', comment, demands: delivered.length };
      },
      { result: 'passed', comment },
    );
  }
  await platform.db.transaction().execute(async (trx) => {
    const r = await loadRelease(trx, ctx, id);
    if (!ctx.actor.permissions.has('release.manage')) throw new AppError('forbidden');
    const updated = await trx
      .updateTable('releases')
      .set({ version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'succeeded')
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const now = await trx.selectFrom('releases').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      if (now.status !== 'succeeded') throw statusConflict(now.status, 'acceptanceFailed');
      throw new AppError('versionConflict');
    }
    await record(trx);
    await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, { kind: 'releaseAcceptanceFailed', comment });
    await writeAudit(trx, ctx, {
      action: 'release.acceptanceFailed',
      objectType: 'release',
      objectId: id,
      objectLabel: r.number,
      after: { result: 'failed', comment },
    });
  });
}

/** A requester's own acceptance remark on a release that delivered (or delivers) their demand: one each. */
export async function addRemark(platform: P, ctx: Ctx, id: number, input: { result: 'passed' | 'failed'; comment: string }): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const r = await loadRelease(trx, ctx, id);
    const mine = await trx
      .selectFrom('release_demands as rd')
      .innerJoin('demands as d', 'd.id', 'rd.demand_id')
      .select('d.id')
      .where('rd.release_id', '=', id)
      .where('d.requester_id', '=', ctx.actor.userId)
      .executeTakeFirst();
    if (!mine) throw new AppError('releaseNotRequester');
    if (r.status !== 'succeeded' && r.status !== 'accepted') throw statusConflict(r.status, 'remark');
    const comment = input.comment.trim();
    await trx
      .insertInto('release_acceptances')
      .values({ release_id: id, kind: 'requester', result: input.result, comment, user_id: ctx.actor.userId })
      .execute()
      .catch((error: { code?: string }) => {
        if (error.code === '23505') throw new AppError('releaseRemarkExists');
        throw error;
      });
    await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, { kind: 'releaseRemarked', result: input.result, comment });
    await writeAudit(trx, ctx, {
      action: 'release.remark',
      objectType: 'release',
      objectId: id,
      objectLabel: r.number,
      after: { result: input.result, comment },
    });
  });
}
