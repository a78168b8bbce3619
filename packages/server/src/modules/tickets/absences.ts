import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

type Ctx = ActionContext & { actor: Actor };

/** Only the person themselves, or a ticket manager, records someone's absence. */
function assertMayManage(actor: Actor, userId: number) {
  if (actor.userId !== userId && !actor.permissions.has('ticket.manage')) throw new AppError('forbidden');
}

/** Current and future absences of a person (auto-assignment skips them while away). */
export async function listAbsences(db: Database, actor: Actor, userId: number) {
  assertMayManage(actor, userId);
  const rows = await db
    .selectFrom('user_absences')
    .selectAll()
    .where('user_id', '=', userId)
    .where('ends_at', '>', new Date())
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    note: r.note,
  }));
}

export async function addAbsence(
  db: Database,
  ctx: Ctx,
  userId: number,
  input: { startsAt: string; endsAt: string; note?: string | null },
) {
  assertMayManage(ctx.actor, userId);
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new AppError('validation', {}, [{ path: 'endsAt', code: 'beforeStart', message: 'i18n:validation.invalidValue' }]);
  }
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound();
    const row = await trx
      .insertInto('user_absences')
      .values({ user_id: userId, starts_at: input.startsAt, ends_at: input.endsAt, note: input.note ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', objectType: 'absence', objectId: row.id, objectLabel: user.username, after: input });
    return row.id;
  });
}

export async function removeAbsence(db: Database, ctx: Ctx, userId: number, id: number) {
  assertMayManage(ctx.actor, userId);
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('user_absences').where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst();
    if (!row) throw notFound();
    await writeAudit(trx, ctx, { action: 'delete', objectType: 'absence', objectId: id, before: row });
  });
}
