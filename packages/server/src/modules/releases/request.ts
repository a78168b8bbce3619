import type { CreateReleaseBody, UpdateReleaseBody } from '@shuyun/shared';
import { EDITABLE_RELEASE_STATUSES, OPEN_RELEASE_STATUSES } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { releasesInScope } from './access.js';

export type Ctx = ActionContext & { actor: Actor };

/** A window must end after it starts, and one that has already ended cannot be planned. */
export function checkWindow(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) throw fieldError('windowEnd', 'order', 'validation.releaseWindowOrder');
  if (end.getTime() <= Date.now()) throw fieldError('windowEnd', 'ended', 'validation.releaseWindowEnded');
}

async function checkSystem(trx: Transaction<DB>, systemId: number): Promise<void> {
  const s = await trx.selectFrom('it_systems').select('id').where('id', '=', systemId).where('active', '=', true).executeTakeFirst();
  if (!s) throw fieldError('systemId', 'notFound', 'errors.notFound');
}

/**
 * Puts the demands into the release. The demand rows are locked first, so two releases claiming the
 * same demand at once serialise here and the second sees the first's claim: a demand is in at most one
 * open release. Each must be of the release's system and implementing.
 */
export async function claimDemands(trx: Transaction<DB>, releaseId: number, systemId: number, demandIds: number[]): Promise<void> {
  await trx.deleteFrom('release_demands').where('release_id', '=', releaseId).execute();
  const ids = [...new Set(demandIds)].sort((a, b) => a - b);
  if (!ids.length) return;
  const rows = await trx
    .selectFrom('demands')
    .select(['id', 'number', 'system_id', 'status'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const id of ids) {
    const d = rows.find((r) => r.id === id);
    if (!d) throw fieldError('demandIds', 'notFound', 'errors.notFound');
    if (d.system_id !== systemId || d.status !== 'implementing')
      throw fieldError('demandIds', 'notEligible', 'validation.releaseDemandNotEligible', { demand: d.number });
  }
  const taken = await trx
    .selectFrom('release_demands as rd')
    .innerJoin('releases as o', 'o.id', 'rd.release_id')
    .innerJoin('demands as d', 'd.id', 'rd.demand_id')
    .select(['d.number as demand', 'o.number as release'])
    .where('rd.demand_id', 'in', ids)
    .where('o.id', '<>', releaseId)
    .where('o.status', 'in', [...OPEN_RELEASE_STATUSES])
    .executeTakeFirst();
  if (taken) throw new AppError('releaseDemandTaken', taken, { demand: taken.demand, release: taken.release });
  await trx
    .insertInto('release_demands')
    .values(ids.map((demand_id) => ({ release_id: releaseId, demand_id })))
    .execute();
}

/** A release request 发布申请 as a draft, with the next FB number; a copy of a failed release names its origin. */
export async function createRelease(platform: Pick<Platform, 'db' | 'config'>, ctx: Ctx, input: CreateReleaseBody): Promise<number> {
  const start = new Date(input.windowStart);
  const end = new Date(input.windowEnd);
  checkWindow(start, end);
  return platform.db.transaction().execute(async (trx) => {
    await checkSystem(trx, input.systemId);
    const origin = input.copiedFromId
      ? await releasesInScope(trx, ctx.actor)
          .select(['r.id', 'r.number', 'r.status'])
          .where('r.id', '=', input.copiedFromId)
          .executeTakeFirst()
      : undefined;
    if (input.copiedFromId && origin?.status !== 'failed') throw fieldError('copiedFromId', 'notFailed', 'validation.releaseCopyNotFailed');
    const number = await nextRecordNumber(trx, 'release', platform.config.TIMEZONE);
    const { id } = await trx
      .insertInto('releases')
      .values({
        number,
        title: input.title,
        system_id: input.systemId,
        version_label: input.versionLabel,
        risk: input.risk,
        window_start: start,
        window_end: end,
        plan: input.plan,
        rollback_plan: input.rollbackPlan,
        requester_id: ctx.actor.userId,
        copied_from_id: origin?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await claimDemands(trx, id, input.systemId, input.demandIds);
    await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, { kind: 'created' });
    if (origin) {
      await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, { kind: 'releaseCopiedFrom', number: origin.number });
      await appendTimeline(trx, { type: 'release', id: origin.id }, ctx.actor.userId, { kind: 'releaseCopiedTo', number });
    }
    await writeAudit(trx, ctx, { action: 'create', objectType: 'release', objectId: id, objectLabel: number, after: input });
    return id;
  });
}

const FIELD_COLUMNS = {
  systemId: 'system_id',
  versionLabel: 'version_label',
  title: 'title',
  windowStart: 'window_start',
  windowEnd: 'window_end',
  plan: 'plan',
  rollbackPlan: 'rollback_plan',
  risk: 'risk',
} as const;

/**
 * Edits a release while it is a draft or rejected, by its requester only (another release manager would
 * otherwise rewrite someone else's request and approve it); one conditional write on (id, editable status, version).
 */
export async function updateRelease(platform: Pick<Platform, 'db'>, ctx: Ctx, id: number, input: UpdateReleaseBody): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const before = await releasesInScope(trx, ctx.actor).selectAll('r').where('r.id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    if (before.requester_id !== ctx.actor.userId) throw new AppError('releaseNotOwnRequest');
    const start = new Date(input.windowStart ?? before.window_start);
    const end = new Date(input.windowEnd ?? before.window_end);
    if (input.windowStart || input.windowEnd) checkWindow(start, end);
    const systemId = input.systemId ?? before.system_id;
    if (input.systemId) await checkSystem(trx, input.systemId);
    const set: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const [key, column] of Object.entries(FIELD_COLUMNS)) {
      const value = input[key as keyof typeof FIELD_COLUMNS];
      if (value === undefined) continue;
      set[column] = value;
      fields.push(key);
    }
    const updated = await trx
      .updateTable('releases')
      .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', 'in', [...EDITABLE_RELEASE_STATUSES])
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const now = await trx.selectFrom('releases').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      if (!(EDITABLE_RELEASE_STATUSES as readonly string[]).includes(now.status))
        throw new AppError('releaseStatusConflict', {
          status: `i18n:releases.status.${now.status}`,
          action: 'i18n:releases.conflictAction.edit',
        });
      throw new AppError('versionConflict');
    }
    // Demands follow the system: a new system (or a new list) re-checks every one.
    if (input.demandIds || input.systemId) {
      const current = input.demandIds
        ? input.demandIds
        : (await trx.selectFrom('release_demands').select('demand_id').where('release_id', '=', id).execute()).map((r) => r.demand_id);
      await claimDemands(trx, id, systemId, current);
      if (input.demandIds) fields.push('demandIds');
    }
    if (!fields.length) return;
    await appendTimeline(trx, { type: 'release', id }, ctx.actor.userId, { kind: 'updated', fields });
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'release',
      objectId: id,
      objectLabel: before.number,
      before: Object.fromEntries(
        fields.filter((f) => f in FIELD_COLUMNS).map((f) => [f, before[FIELD_COLUMNS[f as keyof typeof FIELD_COLUMNS]]]),
      ),
      after,
    });
  });
}
