import type { StocktakeLineView } from '@shuyun/shared';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/context.js';
import { dayText, loadStocktake, stocktakeVisible } from './access.js';
import { usersWithStocktake } from './create.js';

type ProgressRow = DB['stocktake_progress'] extends infer T ? { [K in keyof T]: unknown } : never;

export function progressOf(p: Partial<ProgressRow> | undefined) {
  const n = (v: unknown) => Number(v ?? 0);
  const wrongLocation = n(p?.wrong_location);
  const wrongUser = n(p?.wrong_user);
  const surplus = n(p?.surplus);
  const missing = n(p?.missing);
  return {
    expected: n(p?.expected),
    pending: n(p?.pending),
    found: n(p?.found),
    wrongLocation,
    wrongUser,
    surplus,
    missing,
    anomalies: wrongLocation + wrongUser + surplus + missing,
    applied: n(p?.applied),
  };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function summaryQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('stocktakes')
    .innerJoin('users as o', 'o.id', 'stocktakes.owner_id')
    .leftJoin('stocktake_progress as p', 'p.stocktake_id', 'stocktakes.id')
    .selectAll('stocktakes')
    .select(['o.display_name as owner_name'])
    .select(['p.expected', 'p.pending', 'p.found', 'p.wrong_location', 'p.wrong_user', 'p.surplus', 'p.missing', 'p.applied'])
    .where(stocktakeVisible(actor));
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summary(r: SummaryRow) {
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    status: r.status,
    dueDate: dayText(r.due_date),
    owner: { id: r.owner_id, displayName: r.owner_name },
    progress: progressOf(r),
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
  };
}

/** Stocktakes the actor may see, newest first; `mine=counter`: those where the actor counts. */
export async function listStocktakes(db: Database, actor: Actor, q: { status?: string; mine?: 'counter'; page: number; pageSize: number }) {
  let query = summaryQuery(db, actor);
  if (q.status) query = query.where('stocktakes.status', '=', q.status as never);
  if (q.mine === 'counter') query = query.where(sql<boolean>`${actor.userId} = ANY(stocktakes.counter_ids)`);
  const [rows, total] = await Promise.all([
    query
      .orderBy('stocktakes.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(summary), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

/** One stocktake with its scope named, its counters and its progress (404 outside the actor's sight). */
export async function stocktakeDetail(db: Database, actor: Actor, id: number) {
  await loadStocktake(db, actor, id);
  const r = await summaryQuery(db, actor).where('stocktakes.id', '=', id).executeTakeFirstOrThrow();
  const named = async (table: 'asset_categories' | 'departments' | 'asset_locations', ids: number[]) =>
    ids.length ? await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids.map(Number)).orderBy('id').execute() : [];
  const counterIds = r.counter_ids.map(Number);
  const counters = counterIds.length
    ? await db.selectFrom('users').select(['id', 'display_name as displayName']).where('id', 'in', counterIds).orderBy('id').execute()
    : [];
  return {
    ...summary(r),
    categories: await named('asset_categories', r.category_ids),
    departments: await named('departments', r.department_ids),
    locations: await named('asset_locations', r.location_ids),
    counters,
    version: r.version,
    isOwner: r.owner_id === actor.userId,
    isCounter: counterIds.includes(actor.userId),
  };
}

export async function stocktakeProgress(db: Database, stocktakeId: number) {
  return progressOf(await db.selectFrom('stocktake_progress').selectAll().where('stocktake_id', '=', stocktakeId).executeTakeFirst());
}

/** The lines with names joined, for the results table, the phone's not-yet-found list and the export. */
export function linesQuery(db: Database, stocktakeId: number, filter: { result?: string; applied?: 'true' | 'false' }) {
  let query = db
    .selectFrom('stocktake_lines as l')
    .leftJoin('assets as a', 'a.id', 'l.asset_id')
    .leftJoin('asset_locations as el', 'el.id', 'l.expected_location_id')
    .leftJoin('departments as ed', 'ed.id', 'l.expected_department_id')
    .leftJoin('users as ec', 'ec.id', 'l.expected_custodian_id')
    .leftJoin('asset_locations as sl', 'sl.id', 'l.scanned_location_id')
    .leftJoin('users as sb', 'sb.id', 'l.scanned_by')
    .leftJoin('users as ab', 'ab.id', 'l.applied_by')
    .select([
      'l.id',
      'l.tag',
      'l.asset_id',
      'a.name as asset_name',
      'l.expected',
      'l.result',
      'l.expected_location_id',
      'el.name as expected_location_name',
      'l.expected_department_id',
      'ed.name as expected_department_name',
      'l.expected_custodian_id',
      'ec.display_name as expected_custodian_name',
      'l.scanned_location_id',
      'sl.name as scanned_location_name',
      'l.custodian_confirmed',
      'l.note',
      'l.scanned_by',
      'sb.display_name as scanned_by_name',
      'l.scanned_at',
      'l.applied_by',
      'ab.display_name as applied_by_name',
      'l.applied_at',
    ])
    .where('l.stocktake_id', '=', stocktakeId);
  if (filter.result === 'anomalies') query = query.where('l.result', 'in', ['wrong_location', 'wrong_user', 'surplus', 'missing']);
  else if (filter.result) query = query.where('l.result', '=', filter.result as never);
  if (filter.applied === 'true') query = query.where('l.applied_at', 'is not', null);
  if (filter.applied === 'false') query = query.where('l.applied_at', 'is', null);
  return query;
}
type LineRow = Awaited<ReturnType<ReturnType<typeof linesQuery>['executeTakeFirstOrThrow']>>;

export function lineView(r: LineRow): StocktakeLineView {
  const named = (id: number | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  const person = (id: number | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  return {
    id: r.id,
    tag: r.tag,
    assetId: r.asset_id,
    assetName: r.asset_name,
    expected: r.expected,
    result: r.result,
    expectedLocation: named(r.expected_location_id, r.expected_location_name),
    expectedDepartment: named(r.expected_department_id, r.expected_department_name),
    expectedCustodian: person(r.expected_custodian_id, r.expected_custodian_name),
    scannedLocation: named(r.scanned_location_id, r.scanned_location_name),
    custodianConfirmed: r.custodian_confirmed,
    note: r.note,
    scannedBy: person(r.scanned_by, r.scanned_by_name),
    scannedAt: iso(r.scanned_at),
    appliedAt: iso(r.applied_at),
    appliedBy: person(r.applied_by, r.applied_by_name),
  };
}

export async function listLines(
  db: Database,
  actor: Actor,
  id: number,
  q: { result?: string; applied?: 'true' | 'false'; page: number; pageSize: number },
) {
  await loadStocktake(db, actor, id);
  const query = linesQuery(db, id, q);
  const [rows, total] = await Promise.all([
    query
      .orderBy('l.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    (query as unknown as SelectQueryBuilder<DB, 'stocktake_lines', object>)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow() as Promise<{ n: number }>,
  ]);
  return { items: rows.map(lineView), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}

export async function getLine(db: Database, stocktakeId: number, lineId: number) {
  return lineView(await linesQuery(db, stocktakeId, {}).where('l.id', '=', lineId).executeTakeFirstOrThrow());
}

/** What the create form and the phone's location picker choose from. */
export async function stocktakeOptions(db: Database) {
  const [categories, locations, departments, holders] = await Promise.all([
    db.selectFrom('asset_categories').select(['id', 'name']).where('active', '=', true).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('asset_locations').select(['id', 'name', 'parent_id as parentId']).where('active', '=', true).orderBy('path').execute(),
    db.selectFrom('departments').select(['id', 'name', 'parent_id as parentId']).orderBy('path').execute(),
    db
      .selectFrom('user_roles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select('ur.user_id')
      .distinct()
      .where((eb) => eb(eb.val('asset.stocktake'), '=', eb.fn.any('r.permissions')))
      .execute(),
  ]);
  const ids = await usersWithStocktake(
    db,
    holders.map((h) => h.user_id),
  );
  const counters = ids.length
    ? await db.selectFrom('users').select(['id', 'display_name as displayName']).where('id', 'in', ids).orderBy('display_name').execute()
    : [];
  return { categories, locations, departments, counters };
}
