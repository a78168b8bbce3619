import { NUMBER_PREFIXES, OPEN_FAULT_STATUSES } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { recordAccess } from '../../platform/access/records.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError, forbidden, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { incidentsInScope } from '../incidents/access.js';
import { captureKnowledge } from '../knowledge/capture.js';
import { releasesInScope } from '../releases/access.js';
import { ticketsInScope } from '../tickets/queries.js';
import { faultsInScope, loadFault } from './access.js';
import type { Ctx } from './register.js';

const OPEN: readonly string[] = OPEN_FAULT_STATUSES;

/** A comment (with files uploaded beforehand) on a fault the caller can read; closed faults take no more. */
export async function addFaultComment(platform: Platform, ctx: Ctx, id: number, input: { body: string; attachmentIds: number[] }) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  if (!OPEN.includes(fault.status)) {
    throw new AppError('faultStatusConflict', { status: `i18n:faults.status.${fault.status}`, action: 'i18n:faults.actions.comment' });
  }
  await db.transaction().execute(async (trx) => {
    let files: { id: number; name: string }[] = [];
    if (input.attachmentIds.length) {
      files = await trx
        .updateTable('attachments')
        .set({ record_type: 'fault', record_id: id })
        .where('id', 'in', input.attachmentIds)
        .where('uploaded_by', '=', ctx.actor.userId)
        .where('record_type', 'is', null)
        .returning(['id', 'name'])
        .execute();
      if (files.length !== new Set(input.attachmentIds).size) throw fieldError('attachmentIds', 'notFound', 'errors.notFound');
    }
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, {
      kind: 'commented',
      body: input.body,
      internal: false,
      ...(files.length ? { files } : {}),
    });
    await trx.updateTable('faults').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'fault.comment',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      after: { length: input.body.length, attachments: files.length },
    });
  });
}

/** Work time spent on a fault; adds to its total. */
export async function logFaultWork(platform: Platform, ctx: Ctx, id: number, input: { minutes: number; note?: string | null }) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fault_work_logs')
      .values({ fault_id: id, user_id: ctx.actor.userId, minutes: input.minutes, note: input.note ?? null })
      .execute();
    await trx
      .updateTable('faults')
      .set((eb) => ({ work_minutes: eb('work_minutes', '+', input.minutes), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, {
      kind: 'workLogged',
      minutes: input.minutes,
      ...(input.note ? { note: input.note } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'fault.workLog',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      after: { minutes: input.minutes },
    });
  });
}

type LinkType = 'ticket' | 'incident' | 'fault' | 'release';
const LINKABLE: Record<string, LinkType> = {
  [NUMBER_PREFIXES.ticket]: 'ticket',
  [NUMBER_PREFIXES.incident]: 'incident',
  [NUMBER_PREFIXES.fault]: 'fault',
  [NUMBER_PREFIXES.release]: 'release',
};

interface Linked {
  type: string;
  id: number;
  number: string;
  title: string;
  status: string;
}

/** Records of one type among `ids` that the caller may read: one query in each module's scope (knowledge through its record access). */
async function readable(db: Database, actor: Actor, type: string, ids: number[]): Promise<Linked[]> {
  if (!ids.length) return [];
  if (type === 'ticket') {
    const rows = await ticketsInScope(db, actor).select(['t.id', 't.number', 't.title', 't.status']).where('t.id', 'in', ids).execute();
    return rows.map((r) => ({ type, ...r }));
  }
  if (type === 'fault') {
    const rows = await faultsInScope(db, actor).select(['f.id', 'f.number', 'f.title', 'f.status']).where('f.id', 'in', ids).execute();
    return rows.map((r) => ({ type, ...r }));
  }
  if (type === 'incident') {
    const rows = await incidentsInScope(db, actor).select(['i.id', 'i.number', 'i.title', 'i.status']).where('i.id', 'in', ids).execute();
    return rows.map((r) => ({ type, ...r }));
  }
  if (type === 'release') {
    const rows = await releasesInScope(db, actor).select(['r.id', 'r.number', 'r.title', 'r.status']).where('r.id', 'in', ids).execute();
    return rows.map((r) => ({ type, ...r }));
  }
  if (type !== 'knowledge') return [];
  const rows = await db.selectFrom('knowledge_articles').select(['id', 'number', 'title', 'status']).where('id', 'in', ids).execute();
  const access = recordAccess(type);
  const out: Linked[] = [];
  for (const r of rows) if (access && (await access.canRead(db, actor, r.id))) out.push({ type, ...r });
  return out;
}

/** Links a ticket, incident, fault or release (by its number) to the fault; both histories name the other. */
export async function linkToFault(platform: Platform, ctx: Ctx, id: number, number: string) {
  const { db } = platform;
  const fault = await loadFault(db, ctx.actor, id);
  const upper = number.trim().toUpperCase();
  const type = LINKABLE[upper.slice(0, 2)];
  if (!type) throw fieldError('number', 'notFound', 'errors.notFound');
  const table = { ticket: 'tickets', incident: 'incidents', fault: 'faults', release: 'releases' }[type] as 'tickets';
  const row = await db.selectFrom(table).select('id').where('number', '=', upper).executeTakeFirst();
  const [target] = row ? await readable(db, ctx.actor, type, [row.id]) : [];
  if (!target || (type === 'fault' && target.id === id)) throw fieldError('number', 'notFound', 'errors.notFound');
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('record_links')
      .values({ from_type: 'fault', from_id: id, to_type: type, to_id: target.id, created_by: ctx.actor.userId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    const reverse = await trx
      .selectFrom('record_links')
      .select('id')
      .where('from_type', '=', type)
      .where('from_id', '=', target.id)
      .where('to_type', '=', 'fault')
      .where('to_id', '=', id)
      .executeTakeFirst();
    if (!inserted || reverse) throw new AppError('duplicate', { field: target.number });
    await appendTimeline(trx, { type: 'fault', id }, ctx.actor.userId, { kind: 'linked', targetType: type, targetNumber: target.number });
    await appendTimeline(trx, { type, id: target.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'fault',
      targetNumber: fault.number,
    });
    await writeAudit(trx, ctx, {
      action: 'link',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      after: { target: target.number },
    });
  });
}

/** The records linked to a fault either way, those the caller may read. */
export async function faultLinks(db: Database, actor: Actor, id: number): Promise<Linked[]> {
  const rows = await db
    .selectFrom('record_links')
    .select(['from_type', 'from_id', 'to_type', 'to_id'])
    .where((eb) =>
      eb.or([eb.and([eb('from_type', '=', 'fault'), eb('from_id', '=', id)]), eb.and([eb('to_type', '=', 'fault'), eb('to_id', '=', id)])]),
    )
    .execute();
  const byType = new Map<string, number[]>();
  for (const r of rows) {
    const [type, other] = r.from_type === 'fault' && r.from_id === id ? [r.to_type, r.to_id] : [r.from_type, r.from_id];
    byType.set(type, [...(byType.get(type) ?? []), other]);
  }
  const out: Linked[] = [];
  for (const [type, ids] of byType) out.push(...(await readable(db, actor, type, ids)));
  return out.sort((a, b) => a.number.localeCompare(b.number));
}

/** A fault becomes knowledge once its service is restored: recovered or closed. */
const CAPTURABLE = ['recovered', 'closed'] as const;

/** The newest version of the article captured from the fault (links fault → knowledge are made only by capture). */
async function capturedVersion(db: Database, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('record_links as l')
    .innerJoin('knowledge_versions as v', 'v.article_id', 'l.to_id')
    .select('v.id')
    .where('l.from_type', '=', 'fault')
    .where('l.from_id', '=', id)
    .where('l.to_type', '=', 'knowledge')
    .orderBy('l.id', 'desc')
    .orderBy('v.revision', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * 沉淀为知识: a known-error draft from the fault through the knowledge module's capture, and the fault
 * marked a known error (version + 1, audited) in the same transaction. Needs knowledge.write, as the
 * knowledge module's own capture does, and a recovered or closed fault. Idempotent: a fault already
 * captured answers with the article captured from it (`created: false`), no second draft.
 */
export async function captureFaultKnowledge(platform: Platform, ctx: Ctx, id: number): Promise<{ versionId: number; created: boolean }> {
  const { db } = platform;
  if (!ctx.actor.permissions.has('knowledge.write')) throw forbidden();
  const fault = await loadFault(db, ctx.actor, id);
  const statusConflict = (status: string) =>
    new AppError('faultStatusConflict', { status: `i18n:faults.status.${status}`, action: 'i18n:faults.actions.knowledge' });
  if (!(CAPTURABLE as readonly string[]).includes(fault.status)) throw statusConflict(fault.status);
  if (fault.known_error) {
    const existing = await capturedVersion(db, id);
    if (existing) return { versionId: existing, created: false };
  }
  const versionId = await captureKnowledge(platform, ctx, 'fault', id, async (trx) => {
    // Conditional on what was read: a fault reopened or captured meanwhile refuses, and the draft goes too.
    const marked = await trx
      .updateTable('faults')
      .set((eb) => ({ known_error: true, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .where('version', '=', fault.version)
      .where('status', 'in', [...CAPTURABLE])
      .executeTakeFirst();
    if (marked.numUpdatedRows === 0n) {
      const now = await trx.selectFrom('faults').select('status').where('id', '=', id).executeTakeFirst();
      throw now && !(CAPTURABLE as readonly string[]).includes(now.status) ? statusConflict(now.status) : versionConflict();
    }
    await writeAudit(trx, ctx, {
      action: 'fault.knownError',
      objectType: 'fault',
      objectId: id,
      objectLabel: fault.number,
      before: { knownError: fault.known_error },
      after: { knownError: true },
    });
  });
  return { versionId, created: true };
}
