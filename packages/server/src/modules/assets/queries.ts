import type { AssetListQuery, AssetStatus } from '@shuyun/shared';
import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import { containsPattern } from '../../platform/search/index.js';
import { assetsInScope, type Db } from './access.js';

type AssetQuery = ReturnType<typeof assetsInScope>;
export type AssetFilter = Omit<AssetListQuery, 'page' | 'pageSize'>;

/** `YYYY-MM-DD` of a date column as read by pg (a Date at local midnight) or already text. */
export function dayOf(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The ids of a tree node and everything below it (departments and locations share the path scheme). */
function subtree(table: 'departments' | 'asset_locations', id: number) {
  return sql`(SELECT s.id FROM ${sql.table(table)} s, ${sql.table(table)} n
    WHERE n.id = ${id} AND (s.id = n.id OR (n.path <> '/' AND s.path LIKE n.path || '%')))`;
}

/**
 * Whether an import's rows still wait for their search entries (migration 0022). Asked before a keyword
 * search: only then does the search also read those rows' own columns — a branch that, present, keeps
 * the planner from estimating the entries' matches and so from its best plan.
 */
export async function searchPending(db: Db, filter: AssetFilter): Promise<boolean> {
  if (!filter.q) return false;
  return !!(await db.selectFrom('asset_search_pending').select('id').limit(1).executeTakeFirst());
}

/** The list's filters (all optional) on top of the caller's scope; `pending` from searchPending. */
export function applyAssetFilters(query: AssetQuery, filter: AssetFilter, timeZone: string, pending: boolean): AssetQuery {
  let q = query;
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.categoryId) q = q.where('a.category_id', '=', filter.categoryId);
  if (filter.custodianId) q = q.where('a.custodian_id', '=', filter.custodianId);
  if (filter.departmentId) q = q.where(sql<SqlBool>`a.department_id IN ${subtree('departments', filter.departmentId)}`);
  if (filter.locationId) q = q.where(sql<SqlBool>`a.location_id IN ${subtree('asset_locations', filter.locationId)}`);
  const today = sql`(now() AT TIME ZONE ${timeZone})::date`;
  if (filter.warranty === 'expired') q = q.where(sql<SqlBool>`a.warranty_end < ${today}`);
  if (filter.warranty === 'expiring')
    q = q.where(sql<SqlBool>`a.warranty_end >= ${today} AND a.warranty_end <= ${today} + ${filter.warrantyDays}::int`);
  if (filter.purchasedFrom) q = q.where(sql<SqlBool>`a.purchase_date >= ${filter.purchasedFrom}::date`);
  if (filter.purchasedTo) q = q.where(sql<SqlBool>`a.purchase_date <= ${filter.purchasedTo}::date`);
  if (filter.q) {
    // Tag, serial, name and model: the search entries (trigram index), and while there are any, the
    // assets an import has registered whose entries the catch-up job has not written yet.
    const pattern = containsPattern(filter.q.toLowerCase());
    const entries = sql`SELECT s.asset_id FROM asset_search s WHERE s.text LIKE ${pattern}`;
    q = q.where(
      pending
        ? sql<SqlBool>`a.id IN (${entries}
            UNION ALL
            SELECT x.id FROM asset_search_pending p JOIN assets x ON x.id BETWEEN p.first_id AND p.last_id
            WHERE asset_search_text(x.tag, x.serial_no, x.name, x.model) LIKE ${pattern})`
        : sql<SqlBool>`a.id IN (${entries})`,
    );
  }
  return q;
}

const SORTS = {
  tag: 'a.tag',
  purchaseDate: 'a.purchase_date',
  price: 'a.purchase_price',
  warrantyEnd: 'a.warranty_end',
} as const;

export function applyAssetSort<Q extends AssetQuery>(query: Q, sort: AssetFilter['sort']): Q {
  const desc = sort.startsWith('-');
  const column = SORTS[(desc ? sort.slice(1) : sort) as keyof typeof SORTS];
  // The tag is never null, so its index serves both directions; the others keep blanks last either way.
  const direction = column === 'a.tag' ? sql.raw(desc ? 'DESC' : 'ASC') : sql.raw(desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST');
  return query.orderBy(sql`${sql.ref(column)} ${direction}`).orderBy('a.id', desc ? 'desc' : 'asc') as Q;
}

/** What a list row shows: the asset with the names it refers to (joined, no N+1). */
export function withSummaryColumns(query: AssetQuery) {
  return query
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .leftJoin('asset_locations as l', 'l.id', 'a.location_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('users as u', 'u.id', 'a.custodian_id')
    .leftJoin('asset_pending_actions as p', 'p.asset_id', 'a.id')
    .select([
      'a.id',
      'a.tag',
      'a.name',
      'a.status',
      'a.category_id',
      'c.name as category_name',
      'a.model',
      'a.serial_no',
      'a.vendor',
      'a.purchase_date',
      'a.purchase_price',
      'a.warranty_end',
      'a.location_id',
      'l.name as location_name',
      'a.department_id',
      'd.name as department_name',
      'a.custodian_id',
      'u.display_name as custodian_name',
      'p.kind as pending_kind',
      'a.version',
    ]);
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

export function toSummary(r: SummaryRow) {
  return {
    id: r.id,
    tag: r.tag,
    name: r.name,
    status: r.status as AssetStatus,
    category: { id: r.category_id, name: r.category_name },
    model: r.model,
    serialNo: r.serial_no,
    purchaseDate: dayOf(r.purchase_date),
    purchasePrice: r.purchase_price === null ? null : Number(r.purchase_price),
    warrantyEnd: dayOf(r.warranty_end),
    location: r.location_id ? { id: r.location_id, name: r.location_name ?? '' } : null,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? '' } : null,
    custodian: r.custodian_id ? { id: r.custodian_id, name: r.custodian_name ?? '' } : null,
    pending: (r.pending_kind ?? null) as 'receipt' | 'transfer' | 'scrap' | null,
    version: r.version,
  };
}

/** One page of the register: the rows in scope that match, and how many match in all. */
export async function listAssets(db: Db, actor: Actor, query: AssetListQuery, timeZone: string) {
  const filtered = applyAssetFilters(assetsInScope(db, actor), query, timeZone, await searchPending(db, query));
  // Sort and cut the page on the assets alone, then join the names for those rows only.
  const page = applyAssetSort(filtered.selectAll('a'), query.sort)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, count] = await Promise.all([
    applyAssetSort(withSummaryColumns(db.selectFrom(page.as('a')) as unknown as AssetQuery), query.sort).execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}
