import type { AssetPendingKind, AssetStatus, TimelineEvent } from '@shuyun/shared';
import { type Expression, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { assetsInScope } from './access.js';

export type Ctx = ActionContext & { actor: Actor };

/** What an operation's one conditional write expects of the asset besides its version. */
export interface Expectation {
  /** The operation's name (`assets.operations.<name>`, audit action `asset.<name>`). */
  name: string;
  from?: readonly AssetStatus[];
  /**
   * `none`: nothing may be pending. `{ kind, mine }`: that action must be pending (for me when `mine`).
   * `any`: do not look.
   */
  pending: 'none' | 'any' | { kind: AssetPendingKind; mine: boolean };
  /** Extra condition on the row (e.g. the caller is the custodian). */
  where?: Expression<SqlBool>;
}

export interface AssetRow {
  id: number;
  tag: string;
  name: string;
  status: string;
  custodian_id: number | null;
  department_id: number | null;
  location_id: number | null;
  status_before_repair: string | null;
  version: number;
}

/** The asset as the caller may see it (404 outside scope). */
export async function loadAsset(trx: Transaction<DB>, actor: Actor, id: number): Promise<AssetRow> {
  const row = await assetsInScope(trx, actor)
    .select([
      'a.id',
      'a.tag',
      'a.name',
      'a.status',
      'a.custodian_id',
      'a.department_id',
      'a.location_id',
      'a.status_before_repair',
      'a.version',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * One operation on an asset: a single conditional write on (id, version, expected status, expected
 * pending action) — zero rows means someone else got there first or the state does not allow it, and
 * the caller gets a specific conflict naming the asset's current state. Then, in the same
 * transaction, `after` (pending actions, notifications), the timeline entry and the audit entry.
 */
export async function operate(
  platform: Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>,
  ctx: Ctx,
  id: number,
  version: number,
  expect: Expectation,
  change: (asset: AssetRow, trx: Transaction<DB>) => Record<string, unknown> | Promise<Record<string, unknown>>,
  record: (trx: Transaction<DB>, before: AssetRow, after: AssetRow) => Promise<{ event: TimelineEvent; audit?: unknown }>,
): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    const before = await loadAsset(trx, ctx.actor, id);
    const set = await change(before, trx);
    let update = trx
      .updateTable('assets as a')
      .set({ ...set, version: sql`a.version + 1`, updated_at: new Date() })
      .where('a.id', '=', id)
      .where('a.version', '=', version);
    if (expect.from) update = update.where('a.status', 'in', [...expect.from]);
    const pending = expect.pending;
    if (pending === 'none') update = update.where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM asset_pending_actions p WHERE p.asset_id = a.id)`);
    else if (pending !== 'any') {
      const mine = pending.mine ? sql`AND p.user_id = ${ctx.actor.userId}` : sql``;
      update = update.where(
        sql<SqlBool>`EXISTS (SELECT 1 FROM asset_pending_actions p WHERE p.asset_id = a.id AND p.kind = ${pending.kind} ${mine})`,
      );
    }
    if (expect.where) update = update.where(expect.where);
    const after = await update
      .returning([
        'a.id',
        'a.tag',
        'a.name',
        'a.status',
        'a.custodian_id',
        'a.department_id',
        'a.location_id',
        'a.status_before_repair',
        'a.version',
      ])
      .executeTakeFirst();
    if (!after) throw await conflictFor(trx, ctx.actor, id, version, expect);
    const { event, audit } = await record(trx, before, after);
    await appendTimeline(trx, { type: 'asset', id }, ctx.actor.userId, event);
    await writeAudit(trx, ctx, {
      action: `asset.${expect.name}`,
      objectType: 'asset',
      objectId: id,
      objectLabel: before.tag,
      before: { status: before.status, custodianId: before.custodian_id, locationId: before.location_id },
      after: audit ?? { status: after.status, custodianId: after.custodian_id, locationId: after.location_id },
    });
  });
}

/** Why a conditional write matched nothing, as the most specific error the current row explains. */
async function conflictFor(trx: Transaction<DB>, actor: Actor, id: number, version: number, expect: Expectation): Promise<AppError> {
  const now = await loadAsset(trx, actor, id);
  const pending = await trx.selectFrom('asset_pending_actions').select(['kind', 'user_id']).where('asset_id', '=', id).executeTakeFirst();
  const operation = `i18n:assets.operations.${expect.name}`;
  if (expect.from && !expect.from.includes(now.status as AssetStatus))
    return new AppError('assetStatusConflict', { status: `i18n:assets.status.${now.status}`, operation }, { status: now.status });
  if (expect.pending === 'none' && pending)
    return new AppError('assetPendingAction', { pending: `i18n:assets.pending.${pending.kind}` }, { pending: pending.kind });
  if (typeof expect.pending === 'object') {
    const wanted = expect.pending;
    if (!pending || pending.kind !== wanted.kind || (wanted.mine && pending.user_id !== actor.userId))
      return new AppError('assetNothingPending', { pending: `i18n:assets.pending.${wanted.kind}` });
  }
  if (now.version !== version) return new AppError('versionConflict');
  return new AppError('forbidden');
}

/** A user who can hold an asset: active; with their name and department. */
export async function holder(trx: Transaction<DB>, userId: number, path = 'userId') {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'department_id'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) throw new AppError('validation', {}, [{ path, code: 'notFound', message: 'i18n:errors.notFound' }]);
  return user;
}

export async function userName(trx: Transaction<DB>, userId: number | null): Promise<string> {
  if (!userId) return '';
  const row = await trx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? '';
}
