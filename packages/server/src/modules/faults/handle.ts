import { decide, type FaultAction, type FaultActionInput, type FaultTimesBody, faultMachine, OPEN_FAULT_STATUSES } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { machineActor } from '../../platform/context.js';
import { AppError, fieldError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { type Db, type FaultRow, loadFault } from './access.js';
import { notifyAssigned, notifyRecovered } from './notify.js';
import { type Ctx, checkReferences, checkTimes } from './register.js';
import { dueAt, responseTargets } from './settings.js';

export async function reviewCompleted(db: Db, faultId: number): Promise<boolean> {
  const row = await db.selectFrom('fault_reviews').select('completed_at').where('fault_id', '=', faultId).executeTakeFirst();
  return !!row?.completed_at;
}

/** A zero-row conditional write explained: the status moved on (named), or only the version did. */
async function conflict(trx: Db, id: number, action: string, expectedStatus: string): Promise<AppError> {
  const now = await trx.selectFrom('faults').select('status').where('id', '=', id).executeTakeFirst();
  if (now && now.status !== expectedStatus) {
    return new AppError('faultStatusConflict', { status: `i18n:faults.status.${now.status}`, action: `i18n:faults.actions.${action}` });
  }
  return versionConflict();
}

export type FaultActionBody = FaultActionInput & { version: number; recoveredAt?: string };

/**
 * Respond, recover, reopen, close or cancel: the shared state machine decides, then one conditional
 * write on (id, status, version); timeline, audit and notifications in the same transaction.
 */
export async function performFaultAction(platform: Platform, ctx: Ctx, id: number, action: FaultAction, input: FaultActionBody) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  const facts = { status: fault.status, severity: fault.severity, reviewCompleted: await reviewCompleted(db, id) };
  const decision = decide(faultMachine, facts, action, machineActor(ctx.actor), input);
  if (!decision.ok) {
    if (decision.code === 'invalidTransition') {
      throw new AppError('faultStatusConflict', { status: `i18n:faults.status.${fault.status}`, action: `i18n:faults.actions.${action}` });
    }
    throw new AppError(decision.code);
  }
  const now = new Date();
  const set: Record<string, unknown> = { status: decision.to };
  let assignedNow = false;
  if (action === 'respond') {
    set.responded_at = now;
    if (!fault.assignee_id) {
      set.assignee_id = ctx.actor.userId;
      assignedNow = true;
    }
  }
  if (action === 'recover') {
    const recoveredAt = input.recoveredAt ? new Date(input.recoveredAt) : now;
    checkTimes({ startedAt: new Date(fault.started_at), detectedAt: new Date(fault.detected_at), recoveredAt }, now);
    set.recovered_at = recoveredAt;
    set.resolution = input.resolution?.trim();
    set.responded_at = fault.responded_at ?? now;
    if (!fault.assignee_id) set.assignee_id = ctx.actor.userId;
  }
  if (action === 'reopen') set.recovered_at = null;
  if (action === 'close') {
    set.closed_at = now;
    set.cause_category = input.causeCategory;
    set.root_cause = input.rootCause?.trim();
  }
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('faults')
      .set({ ...set, version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', fault.status)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw await conflict(trx, id, action, fault.status);
    const record = { type: 'fault', id };
    await appendTimeline(trx, record, ctx.actor.userId, {
      kind: 'stateChanged',
      from: fault.status,
      to: decision.to,
      ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
    });
    if (assignedNow) await appendTimeline(trx, record, ctx.actor.userId, { kind: 'assigned', toUser: ctx.actor.displayName });
    await writeAudit(trx, ctx, {
      action: `fault.${action}`,
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      before: { status: fault.status },
      after: { status: decision.to, ...input, version: undefined },
    });
    if (action === 'recover' && fault.reporter_id !== ctx.actor.userId) {
      await notifyRecovered(trx, platform, ctx.actor.userId, fault, String(set.resolution ?? ''));
    }
  });
}

/** 指派: team and/or person (fault.manage), on an open fault; the new assignee is notified. */
export async function assignFault(
  platform: Platform,
  ctx: Ctx,
  id: number,
  input: { version: number; teamId: number | null; assigneeId: number | null },
) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  if (!OPEN_FAULT_STATUSES.includes(fault.status)) {
    throw new AppError('faultStatusConflict', { status: `i18n:faults.status.${fault.status}`, action: 'i18n:faults.actions.assign' });
  }
  if (!input.teamId && !input.assigneeId) throw new AppError('targetRequired');
  await db.transaction().execute(async (trx) => {
    await checkReferences(trx, { teamId: input.teamId, assigneeId: input.assigneeId });
    const updated = await trx
      .updateTable('faults')
      .set({ team_id: input.teamId, assignee_id: input.assigneeId, version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', 'in', [...OPEN_FAULT_STATUSES])
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw await conflict(trx, id, 'assign', fault.status);
    const names = await namesOf(trx, input.teamId, input.assigneeId);
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, { kind: 'assigned', toUser: names.user, toTeam: names.team });
    await writeAudit(trx, ctx, {
      action: 'fault.assign',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      before: { teamId: fault.team_id, assigneeId: fault.assignee_id },
      after: { teamId: input.teamId, assigneeId: input.assigneeId },
    });
    if (input.assigneeId && input.assigneeId !== fault.assignee_id && input.assigneeId !== ctx.actor.userId) {
      await notifyAssigned(trx, platform, ctx.actor.userId, { ...fault, team_id: input.teamId }, input.assigneeId);
    }
  });
}

async function namesOf(trx: Transaction<DB>, teamId: number | null, userId: number | null) {
  const team = teamId ? await trx.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst() : undefined;
  const user = userId ? await trx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst() : undefined;
  return { team: team?.name, user: user?.display_name };
}

const TIME_COLUMNS = { startedAt: 'started_at', detectedAt: 'detected_at', recoveredAt: 'recovered_at' } as const;

/**
 * Corrects started / detected / recovered afterwards, with a reason: availability is computed from
 * them, so the change is on the timeline and audited with before and after. A response still awaited
 * is re-timed from the new detection time.
 */
export async function editFaultTimes(platform: Platform, ctx: Ctx, id: number, input: FaultTimesBody) {
  const { db } = platform;
  const fault: FaultRow = await loadFault(db, ctx.actor, id);
  if (fault.status === 'cancelled') {
    throw new AppError('faultStatusConflict', { status: 'i18n:faults.status.cancelled', action: 'i18n:faults.actions.editTimes' });
  }
  if (input.recoveredAt && !fault.recovered_at) throw fieldError('recoveredAt', 'notRecovered', 'validation.invalidValue');
  const next = {
    startedAt: input.startedAt ? new Date(input.startedAt) : new Date(fault.started_at),
    detectedAt: input.detectedAt ? new Date(input.detectedAt) : new Date(fault.detected_at),
    recoveredAt: input.recoveredAt ? new Date(input.recoveredAt) : fault.recovered_at ? new Date(fault.recovered_at) : null,
  };
  checkTimes(next);
  const fields = (Object.keys(TIME_COLUMNS) as (keyof typeof TIME_COLUMNS)[]).filter(
    (k) => input[k] !== undefined && new Date(input[k] as string).getTime() !== new Date(fault[TIME_COLUMNS[k]] ?? 0).getTime(),
  );
  if (!fields.length) return;
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = Object.fromEntries(fields.map((k) => [TIME_COLUMNS[k], next[k]]));
    if (fields.includes('detectedAt') && !fault.responded_at) {
      set.response_due_at = dueAt(next.detectedAt, (await responseTargets(trx))[fault.severity]);
    }
    const updated = await trx
      .updateTable('faults')
      .set({ ...set, version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw versionConflict();
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, { kind: 'faultTimesEdited', fields, reason: input.reason });
    await writeAudit(trx, ctx, {
      action: 'fault.editTimes',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      before: Object.fromEntries(fields.map((k) => [k, fault[TIME_COLUMNS[k]]])),
      after: { ...Object.fromEntries(fields.map((k) => [k, next[k]])), reason: input.reason },
    });
  });
}
