import { type CreateFaultBody, type FaultSeverity, OPEN_FAULT_STATUSES, type UpdateFaultBody } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { recordAccess } from '../../platform/access/records.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { loadFault } from './access.js';
import { notifyAssigned, notifyRegistered } from './notify.js';
import { dueAt, responseTargets } from './settings.js';

export type Ctx = ActionContext & { actor: Actor };
/** Clocks differ a little: a time up to this far ahead of the server's is still "now". */
const SKEW_MS = 5 * 60_000;

/** Refuses ids that name nothing (inactive systems, teams; inactive users); returns the systems' names. */
export async function checkReferences(
  trx: Transaction<DB> | Database,
  refs: { systemIds?: number[]; teamId?: number | null; assigneeId?: number | null },
): Promise<string[]> {
  let names: string[] = [];
  if (refs.systemIds) {
    const ids = [...new Set(refs.systemIds)];
    const rows = await trx.selectFrom('it_systems').select(['id', 'name']).where('id', 'in', ids).where('active', '=', true).execute();
    if (rows.length !== ids.length) throw fieldError('systemIds', 'notFound', 'errors.notFound');
    names = ids.map((id) => rows.find((r) => r.id === id)?.name ?? '');
  }
  if (refs.teamId) {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', refs.teamId).where('active', '=', true).executeTakeFirst();
    if (!team) throw fieldError('teamId', 'notFound', 'errors.notFound');
  }
  if (refs.assigneeId) {
    const user = await trx.selectFrom('users').select('id').where('id', '=', refs.assigneeId).where('active', '=', true).executeTakeFirst();
    if (!user) throw fieldError('assigneeId', 'notFound', 'errors.notFound');
  }
  return names;
}

/** started ≤ detected (≤ recovered), none in the future: availability is computed from these. */
export function checkTimes(times: { startedAt: Date; detectedAt: Date; recoveredAt?: Date | null }, now = new Date()) {
  for (const [path, at] of Object.entries(times)) {
    if (at && at.getTime() > now.getTime() + SKEW_MS) throw fieldError(path, 'future', 'faults.form.inFuture');
  }
  if (times.detectedAt < times.startedAt) throw fieldError('detectedAt', 'beforeStarted', 'faults.form.detectedBeforeStarted');
  if (times.recoveredAt && times.recoveredAt < times.startedAt) throw fieldError('recoveredAt', 'beforeStarted', 'validation.invalidValue');
}

/**
 * The incident or release a fault comes from, if the caller may read it (the owning module's record
 * access) — or, for `write` (registering the fault writes to the source: its fault, version, timeline,
 * link), may write to it. Either way a refusal reads as not found.
 */
async function readableSource(db: Database, actor: Actor, type: 'incident' | 'release', id: number, mode: 'read' | 'write' = 'read') {
  const access = recordAccess(type);
  const allowed = access && (mode === 'write' ? (access.canWrite ?? access.canRead) : access.canRead);
  if (!access || !allowed || !(await allowed.call(access, db, actor, id))) throw fieldError(`${type}Id`, 'notFound', 'errors.notFound');
  const row =
    type === 'incident'
      ? await db
          .selectFrom('incidents')
          .select(['id', 'number', 'title', 'description', 'system_id', 'fault_id', 'priority as severity'])
          .where('id', '=', id)
          .executeTakeFirst()
      : await db
          .selectFrom('releases')
          .select(['id', 'number', 'title', 'plan as description', 'system_id', 'fault_id', 'status', sql<null>`null`.as('severity')])
          .where('id', '=', id)
          .executeTakeFirst();
  if (!row) throw fieldError(`${type}Id`, 'notFound', 'errors.notFound');
  return row as typeof row & { status?: string };
}

/** What `/faults/new?incident=…` or `?release=…` fills in: title, description, system. */
export async function faultPrefill(db: Database, actor: Actor, query: { incidentId?: number; releaseId?: number }) {
  const type: 'incident' | 'release' | null = query.incidentId ? 'incident' : query.releaseId ? 'release' : null;
  if (!type) throw fieldError('incidentId', 'required', 'validation.required');
  const source = await readableSource(db, actor, type, (query.incidentId ?? query.releaseId) as number);
  return {
    source: { type, id: source.id, number: source.number },
    title: source.title,
    description: source.description,
    systemIds: source.system_id ? [source.system_id] : [],
    severity: (source.severity as FaultSeverity | null) ?? null,
  };
}

/** 登记故障: a GZ number, its systems, the response due time from the severity's target; escalation from an incident or a failed release in the same transaction. */
export async function createFault(platform: Platform, ctx: Ctx, input: CreateFaultBody): Promise<number> {
  const { db, config } = platform;
  const startedAt = new Date(input.startedAt);
  const detectedAt = new Date(input.detectedAt);
  checkTimes({ startedAt, detectedAt });
  if (input.incidentId && input.releaseId) throw fieldError('releaseId', 'oneSource', 'validation.invalidValue');
  const incident = input.incidentId ? await readableSource(db, ctx.actor, 'incident', input.incidentId, 'write') : null;
  const release = input.releaseId ? await readableSource(db, ctx.actor, 'release', input.releaseId, 'write') : null;
  return db.transaction().execute(async (trx) => {
    const systemNames = await checkReferences(trx, input);
    const targets = await responseTargets(trx);
    const number = await nextRecordNumber(trx, 'fault', config.TIMEZONE);
    const responseDue = dueAt(detectedAt, targets[input.severity]);
    const fault = await trx
      .insertInto('faults')
      .values({
        number,
        title: input.title,
        description: input.description,
        severity: input.severity,
        impact_kind: input.impactKind,
        impact_users: input.impactUsers ?? null,
        impact_business: input.impactBusiness ?? null,
        reporter_id: ctx.actor.userId,
        team_id: input.teamId ?? null,
        assignee_id: input.assigneeId ?? null,
        started_at: startedAt,
        detected_at: detectedAt,
        response_due_at: responseDue,
      })
      .returning(['id', 'number', 'title', 'severity', 'team_id', 'response_due_at'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('fault_systems')
      .values([...new Set(input.systemIds)].map((system_id) => ({ fault_id: fault.id, system_id })))
      .execute();
    const record = { type: 'fault', id: fault.id };
    await appendTimeline(trx, record, ctx.actor.userId, { kind: 'created' });

    if (incident) {
      // Conditional: an incident escalates once; of two people escalating it at once, one wins.
      const done = await trx
        .updateTable('incidents')
        .set((eb) => ({ fault_id: fault.id, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', incident.id)
        .where('fault_id', 'is', null)
        .executeTakeFirst();
      if (done.numUpdatedRows === 0n)
        throw new AppError('faultAlreadyEscalated', { number: await faultNumberOf(trx, 'incidents', incident.id) });
      await linkSource(trx, ctx, 'incident', incident, fault);
      await appendTimeline(trx, { type: 'incident', id: incident.id }, ctx.actor.userId, { kind: 'escalatedToFault', faultNumber: number });
    }
    if (release) {
      const done = await trx
        .updateTable('releases')
        .set((eb) => ({ fault_id: fault.id, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', release.id)
        .where('status', '=', 'failed')
        .where('fault_id', 'is', null)
        .executeTakeFirst();
      if (done.numUpdatedRows === 0n) {
        const existing = await faultNumberOf(trx, 'releases', release.id);
        throw existing ? new AppError('releaseFaultExists', { number: existing }) : new AppError('releaseNotFailed');
      }
      await linkSource(trx, ctx, 'release', release, fault);
      await appendTimeline(trx, { type: 'release', id: release.id }, ctx.actor.userId, {
        kind: 'releaseFaultRegistered',
        faultNumber: number,
      });
    }
    await writeAudit(trx, ctx, {
      action: 'create',
      objectType: 'fault',
      objectId: fault.id,
      objectLabel: number,
      after: { ...input, responseDueAt: responseDue.toISOString() },
    });
    await notifyRegistered(trx, platform, ctx.actor.userId, fault, systemNames.join('、'));
    if (input.assigneeId && input.assigneeId !== ctx.actor.userId)
      await notifyAssigned(trx, platform, ctx.actor.userId, fault, input.assigneeId);
    return fault.id;
  });
}

async function faultNumberOf(trx: Transaction<DB>, table: 'incidents' | 'releases', id: number): Promise<string | null> {
  const row = await trx
    .selectFrom(`${table} as s` as 'incidents as s')
    .leftJoin('faults as f', 'f.id', 's.fault_id')
    .select('f.number')
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row?.number ?? null;
}

/** Links the source record and the fault both ways (one row), the fault's history naming the source. */
async function linkSource(
  trx: Transaction<DB>,
  ctx: Ctx,
  type: 'incident' | 'release',
  source: { id: number; number: string },
  fault: { id: number; number: string },
) {
  await trx
    .insertInto('record_links')
    .values({ from_type: type, from_id: source.id, to_type: 'fault', to_id: fault.id, created_by: ctx.actor.userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await appendTimeline(trx, { type: 'fault', id: fault.id }, ctx.actor.userId, {
    kind: 'linked',
    targetType: type,
    targetNumber: source.number,
  });
  if (type === 'incident') {
    await writeAudit(trx, ctx, {
      action: 'fault.escalate',
      objectType: 'fault',
      objectId: fault.id,
      objectLabel: fault.number,
      after: { incident: source.number },
    });
  }
}

const FIELD_COLUMNS = {
  title: 'title',
  description: 'description',
  severity: 'severity',
  impactKind: 'impact_kind',
  impactUsers: 'impact_users',
  impactBusiness: 'impact_business',
} as const;

/** Edits what the fault is (not its state or times); a new severity re-times a response still awaited. Version-checked. */
export async function updateFault(db: Database, ctx: Ctx, id: number, input: UpdateFaultBody): Promise<void> {
  const before = await loadFault(db, ctx.actor, id);
  const statusConflict = (status: string) =>
    new AppError('faultStatusConflict', { status: `i18n:faults.status.${status}`, action: 'i18n:faults.actions.edit' });
  // A closed or cancelled fault is history: its severity and impact feed availability and reports.
  if (!(OPEN_FAULT_STATUSES as readonly string[]).includes(before.status)) throw statusConflict(before.status);
  await db.transaction().execute(async (trx) => {
    await checkReferences(trx, { systemIds: input.systemIds });
    const set: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const [key, column] of Object.entries(FIELD_COLUMNS)) {
      const value = input[key as keyof typeof FIELD_COLUMNS];
      if (value === undefined) continue;
      set[column] = value;
      fields.push(key);
    }
    if (input.severity && input.severity !== before.severity && !before.responded_at) {
      set.response_due_at = dueAt(new Date(before.detected_at), (await responseTargets(trx))[input.severity]);
      set.overdue_lead_notified_at = null;
      set.overdue_manager_notified_at = null;
    }
    const result = await trx
      .updateTable('faults')
      .set({ ...set, version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', 'in', [...OPEN_FAULT_STATUSES])
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const now = await trx.selectFrom('faults').select('status').where('id', '=', id).executeTakeFirst();
      throw now && !(OPEN_FAULT_STATUSES as readonly string[]).includes(now.status) ? statusConflict(now.status) : versionConflict();
    }
    let systemsBefore: number[] | undefined;
    if (input.systemIds) {
      systemsBefore = (await trx.selectFrom('fault_systems').select('system_id').where('fault_id', '=', id).execute()).map(
        (r) => r.system_id,
      );
      await trx.deleteFrom('fault_systems').where('fault_id', '=', id).execute();
      await trx
        .insertInto('fault_systems')
        .values([...new Set(input.systemIds)].map((system_id) => ({ fault_id: id, system_id })))
        .execute();
      fields.push('systemIds');
    }
    if (!fields.length) return;
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, { kind: 'updated', fields });
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'fault',
      objectId: id,
      objectLabel: before.number,
      before: {
        ...Object.fromEntries(
          fields.filter((f) => f !== 'systemIds').map((f) => [f, before[FIELD_COLUMNS[f as keyof typeof FIELD_COLUMNS]]]),
        ),
        ...(systemsBefore ? { systemIds: systemsBefore } : {}),
      },
      after,
    });
  });
}
