import type { AssetDetail, AssetStatus } from '@shuyun/shared';
import { ASSET_OPERATIONS } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { businessDay } from '../../platform/numbering/numbering.js';
import { ticketsInScope } from '../tickets/queries.js';
import { assetsInScope } from './access.js';
import { depreciation } from './depreciation.js';
import { dayOf, toSummary, withSummaryColumns } from './queries.js';

/** The operations the caller may take on an asset now: by its status, what it waits for, and who the caller is. */
export function allowedOperations(
  actor: Actor,
  asset: { status: string; custodian_id: number | null },
  pending: { kind: string; user_id: number | null } | null,
): string[] {
  const manage = actor.permissions.has('asset.manage');
  const out: string[] = [];
  if (manage) out.push('edit');
  if (pending) {
    if ((pending.kind === 'receipt' || pending.kind === 'transfer') && pending.user_id === actor.userId)
      out.push(pending.kind === 'receipt' ? 'receive' : 'acceptTransfer');
    if (pending.kind === 'transfer' && pending.user_id === actor.userId) out.push('declineTransfer');
    if (pending.kind === 'scrap' && actor.permissions.has('asset.approve')) out.push('approveScrap', 'rejectScrap');
    // An issue not yet signed for can still be taken back.
    if (pending.kind === 'receipt' && manage) out.push('return');
    return out;
  }
  for (const [operation, from] of Object.entries(ASSET_OPERATIONS)) {
    if (!(from as readonly string[]).includes(asset.status)) continue;
    if (operation === 'transfer' ? manage || asset.custodian_id === actor.userId : manage) out.push(operation);
  }
  return out;
}

/** One asset with its net book value, what it waits for, the allowed operations and linked tickets (404 outside scope). */
export async function getAssetDetail(db: Database, actor: Actor, id: number, timeZone: string): Promise<AssetDetail> {
  const row = await withSummaryColumns(assetsInScope(db, actor))
    .innerJoin('asset_categories as cat', 'cat.id', 'a.category_id')
    .leftJoin('it_systems as s', 's.id', 'a.system_id')
    .select(['a.note', 'a.created_at', 'cat.useful_life_months', 'cat.residual_rate', 'a.system_id', 's.name as system_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const pending = await db
    .selectFrom('asset_pending_actions as p')
    .leftJoin('users as pu', 'pu.id', 'p.user_id')
    .leftJoin('users as pf', 'pf.id', 'p.from_user_id')
    .leftJoin('users as pr', 'pr.id', 'p.requested_by')
    .select([
      'p.kind',
      'p.user_id',
      'pu.display_name as user_name',
      'p.from_user_id',
      'pf.display_name as from_name',
      'p.requested_by',
      'pr.display_name as requested_name',
      'p.reason',
      'p.created_at',
    ])
    .where('p.asset_id', '=', id)
    .executeTakeFirst();
  const person = (pid: number | null, name: string | null) => (pid ? { id: pid, name: name ?? '' } : null);
  const purchaseDate = dayOf(row.purchase_date);
  const price = row.purchase_price === null ? null : Number(row.purchase_price);
  const dep =
    price !== null && purchaseDate
      ? depreciation(price, purchaseDate, businessDay(new Date(), timeZone), row.useful_life_months, Number(row.residual_rate))
      : null;
  const links = await db
    .selectFrom('record_links')
    .select(['from_type', 'from_id', 'to_type', 'to_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('from_type', '=', 'asset'), eb('from_id', '=', id), eb('to_type', '=', 'ticket')]),
        eb.and([eb('to_type', '=', 'asset'), eb('to_id', '=', id), eb('from_type', '=', 'ticket')]),
      ]),
    )
    .execute();
  const ticketIds = links.map((l) => (l.from_type === 'ticket' ? l.from_id : l.to_id));
  const tickets = ticketIds.length
    ? await ticketsInScope(db, actor)
        .select(['t.id', 't.number', 't.title', 't.status'])
        .where('t.id', 'in', ticketIds)
        .orderBy('t.id', 'desc')
        .execute()
    : [];
  return {
    ...toSummary(row),
    status: row.status as AssetStatus,
    vendor: row.vendor,
    note: row.note,
    system: row.system_id ? { id: row.system_id, name: row.system_name ?? '' } : null,
    netValue: dep ? dep.netValue : null,
    depreciation: dep
      ? { usefulLifeMonths: dep.usefulLifeMonths, residualRate: dep.residualRate, monthsUsed: dep.monthsUsed, monthly: dep.monthly }
      : null,
    pendingAction: pending
      ? {
          kind: pending.kind,
          user: person(pending.user_id, pending.user_name),
          fromUser: person(pending.from_user_id, pending.from_name),
          requestedBy: person(pending.requested_by, pending.requested_name),
          reason: pending.reason,
          createdAt: new Date(pending.created_at).toISOString(),
        }
      : null,
    allowed: allowedOperations(actor, row, pending ?? null),
    tickets: tickets.map((t) => ({ id: t.id, number: t.number, title: t.title, status: t.status })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
