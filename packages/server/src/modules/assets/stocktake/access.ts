import { type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import { registerRecordAccess } from '../../../platform/access/records.js';
import { scopeFilter } from '../../../platform/access/scope.js';
import type { Actor } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';

/**
 * Who sees a stocktake: holders of `asset.stocktake` within their grant's scope (own: the ones they
 * own; department: owned in their department or below; all: every one), and its counters always.
 * Anything else is simply not found (404).
 */
export function stocktakeVisible(actor: Actor) {
  const scoped = scopeFilter<'stocktakes'>(actor, 'asset.stocktake', {
    users: ['stocktakes.owner_id'],
    department: 'stocktakes.department_id',
  });
  return (eb: ExpressionBuilder<DB, 'stocktakes'>) =>
    eb.and([
      sql<SqlBool>`${actor.permissions.has('asset.stocktake')}`,
      eb.or([scoped(eb), sql<SqlBool>`${actor.userId} = ANY(stocktakes.counter_ids)`]),
    ]);
}

/** The stocktake if the actor may see it, else 404. Pass `lock` inside a transaction to hold it against a concurrent start/complete. */
export async function loadStocktake(db: Kysely<DB>, actor: Actor, id: number, lock?: 'share' | 'update') {
  let query = db.selectFrom('stocktakes').selectAll().where('id', '=', id).where(stocktakeVisible(actor));
  if (lock === 'share') query = query.forShare();
  if (lock === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
export type StocktakeRow = Awaited<ReturnType<typeof loadStocktake>>;

/** Managing (start, complete, cancel, apply, correct) is the owner's. */
export function requireOwner(actor: Actor, stocktake: StocktakeRow): void {
  if (stocktake.owner_id !== actor.userId) throw new AppError('notStocktakeOwner');
}

/** The status a step needs; another status is a 409 naming the current one. */
export function requireStatus(stocktake: StocktakeRow, ...allowed: StocktakeRow['status'][]): void {
  if (!allowed.includes(stocktake.status))
    throw new AppError('stocktakeNotRunning', { status: `i18n:stocktake.status.${stocktake.status}` });
}

/** Lets the timeline serve a stocktake's entries to whoever may see the stocktake. */
export function registerStocktakeRecords(): void {
  registerRecordAccess('stocktake', {
    canRead: async (db: Database, actor, id) =>
      !!(await db.selectFrom('stocktakes').select('id').where('id', '=', id).where(stocktakeVisible(actor)).executeTakeFirst()),
    canWrite: async () => false,
    canSeeInternal: () => false,
  });
}

/** A `date` column as `YYYY-MM-DD` (pg reads it as local midnight). */
export function dayText(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
