import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { recordAccess } from '../../platform/access/records.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { type Ctx, loadIncident, loadWorkable } from './access.js';

/** An internal comment (incidents are IT-internal): a timeline entry and an audit entry. */
export async function addIncidentComment(db: Database, ctx: Ctx, id: number, body: string) {
  const incident = await loadWorkable(db, ctx.actor, id);
  if (incident.status === 'closed') throw new AppError('invalidTransition');
  await db.transaction().execute(async (trx) => {
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, { kind: 'commented', body, internal: true }, { internal: true });
    await trx.updateTable('incidents').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'incident.comment',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { length: body.length },
    });
  });
}

/** Logs minutes of work; the incident's total moves in the same transaction. */
export async function logIncidentWork(db: Database, ctx: Ctx, id: number, input: { minutes: number; note?: string | null }) {
  const incident = await loadWorkable(db, ctx.actor, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('incident_work_logs')
      .values({ incident_id: id, user_id: ctx.actor.userId, minutes: input.minutes, note: input.note || null })
      .execute();
    await trx
      .updateTable('incidents')
      .set((eb) => ({ work_minutes: eb('work_minutes', '+', input.minutes), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, {
      kind: 'workLogged',
      minutes: input.minutes,
      ...(input.note ? { note: input.note } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'incident.workLog',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { minutes: input.minutes },
    });
  });
}

export async function listIncidentWorkLogs(db: Database, actor: Actor, id: number) {
  await loadIncident(db, actor, id);
  const rows = await db
    .selectFrom('incident_work_logs as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.id', 'w.minutes', 'w.note', 'w.created_at', 'u.id as user_id', 'u.display_name'])
    .where('w.incident_id', '=', id)
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    minutes: r.minutes,
    note: r.note,
    user: { id: r.user_id, displayName: r.display_name },
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

// ---- links to other records (record_links, stored from the incident's side) ----

const LINKABLE = {
  GD: { type: 'ticket', table: 'tickets' },
  SJ: { type: 'incident', table: 'incidents' },
  GZ: { type: 'fault', table: 'faults' },
  ZS: { type: 'knowledge', table: 'knowledge_articles' },
} as const;
type LinkTable = (typeof LINKABLE)[keyof typeof LINKABLE]['table'];

/** A record by its number, if the platform's record access says the caller may read it. */
async function linkTarget(db: Database, actor: Actor, number: string) {
  const upper = number.trim().toUpperCase();
  const kind = LINKABLE[upper.slice(0, 2) as keyof typeof LINKABLE];
  const access = kind && recordAccess(kind.type);
  if (!kind || !access) throw fieldError('number', 'unknown', 'incidents.errors.unknownNumber', { number });
  const row = await db
    .selectFrom(kind.table as LinkTable)
    .select(['id', 'number'])
    .where('number', '=', upper)
    .executeTakeFirst();
  if (!row || !(await access.canRead(db, actor, row.id)))
    throw fieldError('number', 'notFound', 'incidents.errors.unknownNumber', { number });
  return { type: kind.type, id: row.id, number: row.number };
}

/** Links the incident to a ticket, incident, fault or knowledge article by its number; both histories say so. */
export async function linkIncident(db: Database, ctx: Ctx, id: number, number: string) {
  const incident = await loadWorkable(db, ctx.actor, id);
  const target = await linkTarget(db, ctx.actor, number);
  if (target.type === 'incident' && target.id === id) throw fieldError('number', 'self', 'validation.invalidValue');
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('record_links')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('from_type', '=', 'incident'), eb('from_id', '=', id), eb('to_type', '=', target.type), eb('to_id', '=', target.id)]),
          eb.and([eb('to_type', '=', 'incident'), eb('to_id', '=', id), eb('from_type', '=', target.type), eb('from_id', '=', target.id)]),
        ]),
      )
      .executeTakeFirst();
    const inserted =
      !existing &&
      (await trx
        .insertInto('record_links')
        .values({ from_type: 'incident', from_id: id, to_type: target.type, to_id: target.id, created_by: ctx.actor.userId })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst());
    if (!inserted) throw new AppError('duplicate', { field: target.number });
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: target.type,
      targetNumber: target.number,
    });
    await appendTimeline(trx, { type: target.type, id: target.id }, ctx.actor.userId, {
      kind: 'linked',
      targetType: 'incident',
      targetNumber: incident.number,
    });
    await writeAudit(trx, ctx, {
      action: 'link',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      after: { target: target.number },
    });
  });
}

export async function unlinkIncident(db: Database, ctx: Ctx, id: number, type: string, targetId: number) {
  const incident = await loadWorkable(db, ctx.actor, id);
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('record_links')
      .where((eb) =>
        eb.or([
          eb.and([eb('from_type', '=', 'incident'), eb('from_id', '=', id), eb('to_type', '=', type), eb('to_id', '=', targetId)]),
          eb.and([eb('to_type', '=', 'incident'), eb('to_id', '=', id), eb('from_type', '=', type), eb('from_id', '=', targetId)]),
        ]),
      )
      .returning('id')
      .execute();
    if (!removed.length) throw notFound();
    const kind = Object.values(LINKABLE).find((k) => k.type === type);
    const target = kind
      ? await trx
          .selectFrom(kind.table as LinkTable)
          .select('number')
          .where('id', '=', targetId)
          .executeTakeFirst()
      : undefined;
    const targetNumber = target?.number ?? String(targetId);
    await appendTimeline(trx, { type: 'incident', id }, ctx.actor.userId, { kind: 'unlinked', targetType: type, targetNumber });
    await appendTimeline(trx, { type, id: targetId }, ctx.actor.userId, {
      kind: 'unlinked',
      targetType: 'incident',
      targetNumber: incident.number,
    });
    await writeAudit(trx, ctx, {
      action: 'unlink',
      objectType: 'incident',
      objectId: id,
      objectLabel: incident.number,
      before: { target: targetNumber },
    });
  });
}

/** The incident's links in both directions; a linked record the caller may not read shows its number only. */
export async function listIncidentLinks(db: Database, actor: Actor, id: number) {
  await loadIncident(db, actor, id);
  const rows = await db
    .selectFrom('record_links')
    .select(['from_type', 'from_id', 'to_type', 'to_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('from_type', '=', 'incident'), eb('from_id', '=', id)]),
        eb.and([eb('to_type', '=', 'incident'), eb('to_id', '=', id)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const out: { type: string; id: number; number: string; title: string | null }[] = [];
  for (const r of rows) {
    const [type, targetId] = r.from_type === 'incident' && r.from_id === id ? [r.to_type, r.to_id] : [r.from_type, r.from_id];
    const kind = Object.values(LINKABLE).find((k) => k.type === type);
    if (!kind) continue;
    const row = await db
      .selectFrom(kind.table as LinkTable)
      .select(['number', sql<string>`title`.as('title')])
      .where('id', '=', targetId)
      .executeTakeFirst();
    if (!row) continue;
    const readable = (await recordAccess(type)?.canRead(db, actor, targetId)) ?? false;
    out.push({ type, id: targetId, number: row.number, title: readable ? row.title : null });
  }
  return out;
}
