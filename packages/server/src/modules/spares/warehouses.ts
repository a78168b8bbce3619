import type { SpareWarehouseUpdateBody } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { fieldError, notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';
import type { Ctx } from './stock.js';

export interface WarehouseInput {
  code: string;
  name: string;
  place?: string | null;
  keeperId?: number | null;
}

/** Every warehouse (inactive ones too, marked), with how many items it holds. */
export async function listWarehouses(db: Database) {
  const rows = await db
    .selectFrom('spare_warehouses as w')
    .leftJoin('users as u', 'u.id', 'w.keeper_id')
    .select([
      'w.id',
      'w.code',
      'w.name',
      'w.place',
      'w.keeper_id',
      'u.display_name',
      'w.active',
      'w.version',
      (eb) =>
        eb
          .selectFrom('spare_stock as s')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('s.warehouse_id', '=', 'w.id')
          .where('s.quantity', '>', 0)
          .as('item_count'),
    ])
    .orderBy('w.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    place: r.place,
    keeper: r.keeper_id ? { id: r.keeper_id, displayName: r.display_name ?? '' } : null,
    active: r.active,
    itemCount: Number(r.item_count ?? 0),
    version: r.version,
  }));
}

async function checkKeeper(trx: Transaction<DB>, keeperId: number | null | undefined) {
  if (!keeperId) return;
  const user = await trx.selectFrom('users').select('id').where('id', '=', keeperId).where('active', '=', true).executeTakeFirst();
  if (!user) throw fieldError('keeperId', 'notFound', 'spares.errors.unknownPerson');
}

const UNIQUE = { spare_warehouses_code_key: 'code' };

/** Adds a warehouse (spare managers); audited. */
export async function createWarehouse(db: Database, ctx: Ctx, input: WarehouseInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await checkKeeper(trx, input.keeperId);
    const row = await trx
      .insertInto('spare_warehouses')
      .values({ code: input.code, name: input.name, place: input.place || null, keeper_id: input.keeperId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => rethrowUnique(error, UNIQUE));
    await writeAudit(trx, ctx, { action: 'create', objectType: 'spareWarehouse', objectId: row.id, objectLabel: input.code, after: input });
    return row.id;
  });
}

/** Edits a warehouse (version-checked); audited. */
export async function updateWarehouse(db: Database, ctx: Ctx, id: number, input: SpareWarehouseUpdateBody): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('spare_warehouses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    await checkKeeper(trx, input.keeperId);
    const row = await trx
      .updateTable('spare_warehouses')
      .set({
        code: input.code,
        name: input.name,
        place: input.place === undefined ? undefined : input.place || null,
        keeper_id: input.keeperId,
        active: input.active,
        version: input.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('code')
      .executeTakeFirst()
      .catch((error: unknown) => rethrowUnique(error, UNIQUE));
    if (!row) throw versionConflict();
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, { action: 'update', objectType: 'spareWarehouse', objectId: id, objectLabel: row.code, before, after });
  });
}
