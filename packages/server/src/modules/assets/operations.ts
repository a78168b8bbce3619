import { ASSET_OPERATIONS } from '@shuyun/shared';
import { type SqlBool, sql } from 'kysely';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { notifyAsset, scrapApprovers } from './notify.js';
import { type Ctx, holder, operate, userName } from './operate.js';

type P = Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>;
const money = (n: number | undefined) => (n === undefined ? undefined : n.toFixed(2));

async function locationName(platform: P, locationId: number): Promise<string> {
  const row = await platform.db
    .selectFrom('asset_locations')
    .select('name')
    .where('id', '=', locationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw fieldError('locationId', 'notFound', 'errors.notFound');
  return row.name;
}

/** 领用: an asset in stock goes to a user (in use, their department); it waits for their receipt. */
export async function issueAsset(platform: P, ctx: Ctx, id: number, input: { version: number; userId: number; note?: string }) {
  let receiver = { id: 0, display_name: '', department_id: null as number | null };
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'issue', from: ASSET_OPERATIONS.issue, pending: 'none' },
    async (_before, trx) => {
      receiver = await holder(trx, input.userId);
      return { status: 'in_use', custodian_id: receiver.id, department_id: receiver.department_id ?? undefined };
    },
    async (trx, _before, after) => {
      await trx
        .insertInto('asset_pending_actions')
        .values({ asset_id: id, kind: 'receipt', user_id: receiver.id, requested_by: ctx.actor.userId, reason: input.note ?? null })
        .execute();
      await notifyAsset(trx, platform, 'asset.issued', ctx.actor.userId, [receiver.id], after);
      return {
        event: { kind: 'assetIssued', toUser: receiver.display_name },
        audit: { status: after.status, custodian: receiver.display_name },
      };
    },
  );
}

/** 确认签收: the receiver confirms they got the asset issued to them. */
export async function receiveAsset(platform: P, ctx: Ctx, id: number, input: { version: number }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'receive', from: ['in_use'], pending: { kind: 'receipt', mine: true } },
    () => ({}),
    async (trx) => {
      await trx.deleteFrom('asset_pending_actions').where('asset_id', '=', id).where('kind', '=', 'receipt').execute();
      return { event: { kind: 'assetReceived' } };
    },
  );
}

/** 归还: the asset comes back into stock at a location (an issue not yet signed for is taken back too). */
export async function returnAsset(platform: P, ctx: Ctx, id: number, input: { version: number; locationId: number; note?: string }) {
  const location = await locationName(platform, input.locationId);
  await operate(
    platform,
    ctx,
    id,
    input.version,
    {
      name: 'return',
      from: ASSET_OPERATIONS.return,
      pending: 'any',
      where: sql<SqlBool>`NOT EXISTS (SELECT 1 FROM asset_pending_actions p WHERE p.asset_id = a.id AND p.kind <> 'receipt')`,
    },
    () => ({ status: 'in_stock', custodian_id: null, location_id: input.locationId }),
    async (trx, before) => {
      await trx.deleteFrom('asset_pending_actions').where('asset_id', '=', id).where('kind', '=', 'receipt').execute();
      return { event: { kind: 'assetReturned', fromUser: await userName(trx, before.custodian_id), location } };
    },
  );
}

/** 转出申请: the holder (or an asset admin) asks to hand the asset to another user, who must confirm. */
export async function requestTransfer(platform: P, ctx: Ctx, id: number, input: { version: number; userId: number; reason?: string }) {
  const manage = ctx.actor.permissions.has('asset.manage');
  let receiver = { id: 0, display_name: '' };
  await operate(
    platform,
    ctx,
    id,
    input.version,
    {
      name: 'transfer',
      from: ASSET_OPERATIONS.transfer,
      pending: 'none',
      where: manage ? undefined : sql<SqlBool>`a.custodian_id = ${ctx.actor.userId}`,
    },
    async (before, trx) => {
      receiver = await holder(trx, input.userId);
      if (receiver.id === before.custodian_id) throw new AppError('sameTarget');
      return {};
    },
    async (trx, before, after) => {
      await trx
        .insertInto('asset_pending_actions')
        .values({
          asset_id: id,
          kind: 'transfer',
          user_id: receiver.id,
          from_user_id: before.custodian_id,
          requested_by: ctx.actor.userId,
          reason: input.reason ?? null,
        })
        .execute();
      await notifyAsset(trx, platform, 'asset.transferRequested', ctx.actor.userId, [receiver.id], after);
      return {
        event: {
          kind: 'assetTransferRequested',
          fromUser: await userName(trx, before.custodian_id),
          toUser: receiver.display_name,
          reason: input.reason,
        },
        audit: { toUser: receiver.display_name, reason: input.reason },
      };
    },
  );
}

/** 转入确认: the receiver of a transfer takes the asset over (their department follows). */
export async function acceptTransfer(platform: P, ctx: Ctx, id: number, input: { version: number }) {
  const me = await platform.db.selectFrom('users').select('department_id').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'acceptTransfer', from: ASSET_OPERATIONS.transfer, pending: { kind: 'transfer', mine: true } },
    () => ({ custodian_id: ctx.actor.userId, department_id: me.department_id ?? undefined }),
    async (trx, before) => {
      await trx.deleteFrom('asset_pending_actions').where('asset_id', '=', id).execute();
      return { event: { kind: 'assetTransferred', fromUser: await userName(trx, before.custodian_id), toUser: ctx.actor.displayName } };
    },
  );
}

/** 拒绝转入: the receiver declines; the asset stays with its holder. */
export async function declineTransfer(platform: P, ctx: Ctx, id: number, input: { version: number; reason?: string }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'declineTransfer', pending: { kind: 'transfer', mine: true } },
    () => ({}),
    async (trx) => {
      await trx.deleteFrom('asset_pending_actions').where('asset_id', '=', id).execute();
      return { event: { kind: 'assetTransferDeclined', toUser: ctx.actor.displayName, reason: input.reason } };
    },
  );
}

/** 维修登记: the asset goes to repair; its status before is kept for the completion. */
export async function repairAsset(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { version: number; vendor: string; fault: string; cost?: number },
) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'repair', from: ASSET_OPERATIONS.repair, pending: 'none' },
    (before) => ({ status: 'in_repair', status_before_repair: before.status }),
    async () => ({
      event: { kind: 'assetRepairStarted', vendor: input.vendor, fault: input.fault, cost: money(input.cost) },
      audit: { status: 'in_repair', ...input, version: undefined },
    }),
  );
}

/** 维修完成: the repair's result and cost; the asset returns to its status before the repair. */
export async function completeRepair(platform: P, ctx: Ctx, id: number, input: { version: number; result: string; cost?: number }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'completeRepair', from: ASSET_OPERATIONS.completeRepair, pending: 'none' },
    (before) => ({ status: before.status_before_repair ?? 'in_stock', status_before_repair: null }),
    async (_trx, _before, after) => ({
      event: { kind: 'assetRepairCompleted', result: input.result, cost: money(input.cost) },
      audit: { status: after.status, result: input.result, cost: input.cost },
    }),
  );
}

/** 更换登记: a component swapped (old part → new part); the asset's status stays as it is. */
export async function replacePart(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { version: number; component: string; oldPart: string; newPart: string; cost?: number },
) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'replace', from: ASSET_OPERATIONS.replace, pending: 'any' },
    () => ({}),
    async () => ({
      event: {
        kind: 'assetPartReplaced',
        component: input.component,
        oldPart: input.oldPart,
        newPart: input.newPart,
        cost: money(input.cost),
      },
      audit: { component: input.component, oldPart: input.oldPart, newPart: input.newPart, cost: input.cost },
    }),
  );
}

/** 报废申请: an asset admin asks to scrap an asset in stock; every asset.approve holder is told. */
export async function requestScrap(platform: P, ctx: Ctx, id: number, input: { version: number; reason: string }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'scrap', from: ASSET_OPERATIONS.scrap, pending: 'none' },
    () => ({}),
    async (trx, _before, after) => {
      await trx
        .insertInto('asset_pending_actions')
        .values({ asset_id: id, kind: 'scrap', requested_by: ctx.actor.userId, reason: input.reason })
        .execute();
      await notifyAsset(trx, platform, 'asset.scrapRequested', ctx.actor.userId, await scrapApprovers(trx), after, {
        reason: input.reason,
      });
      return { event: { kind: 'assetScrapRequested', reason: input.reason }, audit: { reason: input.reason } };
    },
  );
}

/** 报废审批: an asset.approve holder approves (→ scrapped) or rejects (stays in stock) a scrap request. */
export async function decideScrap(platform: P, ctx: Ctx, id: number, approve: boolean, input: { version: number; comment?: string }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: approve ? 'approveScrap' : 'rejectScrap', from: ASSET_OPERATIONS.scrap, pending: { kind: 'scrap', mine: false } },
    () => (approve ? { status: 'scrapped', custodian_id: null } : {}),
    async (trx) => {
      await trx.deleteFrom('asset_pending_actions').where('asset_id', '=', id).where('kind', '=', 'scrap').execute();
      return {
        event: approve ? { kind: 'assetScrapApproved', comment: input.comment } : { kind: 'assetScrapRejected', comment: input.comment },
        audit: { approved: approve, comment: input.comment },
      };
    },
  );
}

/** 处置登记: a scrapped asset is sold, recycled or destroyed (data wiped or not, proceeds) → disposed. */
export async function disposeAsset(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { version: number; method: 'sale' | 'recycling' | 'destruction'; dataWiped: boolean; proceeds?: number },
) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'dispose', from: ASSET_OPERATIONS.dispose, pending: 'none' },
    () => ({ status: 'disposed', location_id: null }),
    async () => ({
      event: { kind: 'assetDisposed', method: input.method, dataWiped: input.dataWiped, proceeds: money(input.proceeds) },
      audit: { status: 'disposed', method: input.method, dataWiped: input.dataWiped, proceeds: input.proceeds },
    }),
  );
}

/** 登记丢失: the asset is lost (its last holder stays on record). */
export async function loseAsset(platform: P, ctx: Ctx, id: number, input: { version: number; note?: string }) {
  await operate(
    platform,
    ctx,
    id,
    input.version,
    { name: 'lose', from: ASSET_OPERATIONS.lose, pending: 'none' },
    () => ({ status: 'lost' }),
    async () => ({ event: { kind: 'assetLost', note: input.note }, audit: { status: 'lost', note: input.note } }),
  );
}
