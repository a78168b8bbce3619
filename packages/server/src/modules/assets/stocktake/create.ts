import type { CreateStocktakeInput } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../../platform/context.js';
import { fieldError } from '../../../platform/errors.js';
import { nextRecordNumber } from '../../../platform/numbering/numbering.js';
import { appendTimeline } from '../../../platform/timeline/timeline.js';

export type Ctx = ActionContext & { actor: Actor };

/** Active users among `ids` who hold `asset.stocktake` (counters need it to scan). */
export async function usersWithStocktake(trx: Transaction<DB> | Database, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('ur.user_id', 'in', ids)
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('asset.stocktake'), '=', eb.fn.any('r.permissions')))
    .execute();
  return rows.map((r) => r.user_id);
}

async function checkScope(trx: Transaction<DB>, input: CreateStocktakeInput): Promise<void> {
  const exists = async (table: 'asset_categories' | 'departments' | 'asset_locations', ids: number[], path: string) => {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    const found = await trx.selectFrom(table).select('id').where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw fieldError(path, 'notFound', 'errors.notFound');
  };
  await exists('asset_categories', input.categoryIds, 'categoryIds');
  await exists('departments', input.departmentIds, 'departmentIds');
  await exists('asset_locations', input.locationIds, 'locationIds');
  const counters = [...new Set(input.counterIds)];
  const allowed = new Set(await usersWithStocktake(trx, counters));
  if (counters.some((id) => !allowed.has(id)))
    throw fieldError('counterIds', 'counterWithoutPermission', 'stocktake.errors.counterWithoutPermission');
}

/** Creates a draft stocktake (number PD…); audited, with a timeline entry. */
export async function createStocktake(db: Database, ctx: Ctx, input: CreateStocktakeInput, timeZone: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkScope(trx, input);
    const number = await nextRecordNumber(trx, 'stocktake', timeZone);
    const row = await trx
      .insertInto('stocktakes')
      .values({
        number,
        name: input.name,
        category_ids: [...new Set(input.categoryIds)],
        department_ids: [...new Set(input.departmentIds)],
        location_ids: [...new Set(input.locationIds)],
        counter_ids: [...new Set(input.counterIds)],
        due_date: input.dueDate ?? null,
        owner_id: ctx.actor.userId,
        department_id: ctx.actor.departmentId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('stocktake_progress').values({ stocktake_id: row.id }).execute();
    await appendTimeline(trx, { type: 'stocktake', id: row.id }, ctx.actor.userId, { kind: 'created' });
    await writeAudit(trx, ctx, {
      action: 'create',
      objectType: 'stocktake',
      objectId: row.id,
      objectLabel: `${number} ${input.name}`,
      after: input,
    });
    return row.id;
  });
}
