import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { assetsInScope } from './access.js';
import { toSummary, withSummaryColumns } from './queries.js';

/** 我的资产: what I hold (not yet disposed) and what waits for my receipt or transfer-in. */
export async function myAssets(db: Database, actor: Actor) {
  const me = actor.userId;
  const [holding, waiting] = await Promise.all([
    withSummaryColumns(db.selectFrom('assets as a'))
      .where('a.custodian_id', '=', me)
      .where('a.status', 'in', ['in_use', 'in_repair'])
      .orderBy('a.tag')
      .limit(500)
      .execute(),
    withSummaryColumns(db.selectFrom('assets as a'))
      .leftJoin('users as fu', 'fu.id', 'p.from_user_id')
      .select(['p.from_user_id', 'fu.display_name as from_name', 'p.requested_by'])
      .where('p.user_id', '=', me)
      .orderBy('p.created_at')
      .limit(500)
      .execute(),
  ]);
  return {
    holding: holding.filter((r) => !(r.pending_kind === 'receipt')).map(toSummary),
    waiting: waiting.map((r) => ({
      ...toSummary(r),
      fromUser: r.from_user_id ? { id: r.from_user_id, name: r.from_name ?? '' } : null,
    })),
  };
}

/** Scrap requests waiting for a decision (asset.approve holders), oldest first. */
export async function scrapApprovals(db: Database, actor: Actor) {
  const rows = await withSummaryColumns(assetsInScope(db, actor))
    .leftJoin('users as rq', 'rq.id', 'p.requested_by')
    .select(['p.reason', 'p.requested_by', 'rq.display_name as requested_name', 'p.created_at as requested_at'])
    .where('p.kind', '=', 'scrap')
    .orderBy('p.created_at')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      ...toSummary(r),
      reason: r.reason ?? null,
      requestedBy: r.requested_by ? { id: r.requested_by, name: r.requested_name ?? '' } : null,
      requestedAt: new Date(r.requested_at ?? 0).toISOString(),
    })),
  };
}

/** Home to-do counts: receipts and transfers waiting for me; scrap approvals for approvers. */
export async function assetTodoCounts(db: Database, actor: Actor) {
  const me = actor.userId;
  const approves = actor.permissions.has('asset.approve');
  const row = await db
    .selectFrom('asset_pending_actions')
    .select([
      sql<number>`count(*) FILTER (WHERE user_id = ${me} AND kind = 'receipt')`.as('receipts'),
      sql<number>`count(*) FILTER (WHERE user_id = ${me} AND kind = 'transfer')`.as('transfers'),
      sql<number>`count(*) FILTER (WHERE kind = 'scrap' AND ${approves})`.as('scraps'),
    ])
    .executeTakeFirstOrThrow();
  const items: { key: string; count: number; link: string }[] = [];
  if (Number(row.receipts) > 0) items.push({ key: 'assetReceipts', count: Number(row.receipts), link: '/assets/mine' });
  if (Number(row.transfers) > 0) items.push({ key: 'assetTransfers', count: Number(row.transfers), link: '/assets/mine' });
  if (approves) items.push({ key: 'assetScrapApprovals', count: Number(row.scraps), link: '/assets/scrap-approvals' });
  return items;
}
