import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type AssetWorld, assetWorld, registerAsset } from './test-fixtures.js';

// Migration 0021 checks an asset's category, location and creator once per statement instead of with
// row-level foreign keys. These tests hold it to what the foreign keys guaranteed.
let t: TestContext;
let w: AssetWorld;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await assetWorld(t);
});
afterAll(() => t.close());

const pgError = async (run: Promise<unknown>) => {
  const error = await run.then(
    () => null,
    (e: { code?: string; constraint?: string }) => e,
  );
  return error && { code: error.code, constraint: error.constraint };
};

/**
 * Runs `remove` while `insert` is open in another transaction: checks that the delete waits on the
 * insert's KEY SHARE lock (as with a foreign key), lets the insert commit, and answers the delete's error.
 */
async function deleteWhileOpen(insert: ReturnType<typeof sql>, remove: ReturnType<typeof sql>) {
  let inserted!: () => void;
  const open = new Promise<void>((resolve) => {
    inserted = resolve;
  });
  let commit!: () => void;
  const mayCommit = new Promise<void>((resolve) => {
    commit = resolve;
  });
  const writer = t.platform.db.transaction().execute(async (trx) => {
    await insert.execute(trx);
    inserted();
    await mayCommit;
  });
  await open;
  const deleting = pgError(remove.execute(t.platform.db));
  const early = await Promise.race([deleting.then(() => 'finished'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
  expect(early).toBe('waiting');
  commit();
  await writer;
  return deleting;
}

const insert = (categoryId: number, locationId: number | null, createdBy: number | null, tag = `ZT-${Math.random()}`) =>
  sql`INSERT INTO assets (tag, category_id, name, location_id, created_by) VALUES (${tag}, ${categoryId}, 'x', ${locationId}, ${createdBy})`.execute(
    t.platform.db,
  );

describe('asset references checked per statement', () => {
  it('an insert naming a category, location or creator that does not exist is refused as a foreign-key violation, and nothing is written', async () => {
    const before = await t.countRows('assets');
    expect(await pgError(insert(9_999_999, w.location.store, w.admin.id))).toEqual({
      code: '23503',
      constraint: 'assets_category_id_fkey',
    });
    expect(await pgError(insert(w.category.laptop, 9_999_999, w.admin.id))).toEqual({
      code: '23503',
      constraint: 'assets_location_id_fkey',
    });
    expect(await pgError(insert(w.category.laptop, w.location.store, 9_999_999))).toEqual({
      code: '23503',
      constraint: 'assets_created_by_fkey',
    });
    // One bad row among good ones in a multi-row statement: the whole statement is refused.
    const many = sql`INSERT INTO assets (tag, category_id, name, location_id)
      SELECT 'ZT-MANY-' || g, CASE WHEN g = 77 THEN 9999999 ELSE ${w.category.laptop}::bigint END, 'x', ${w.location.store}::bigint
      FROM generate_series(1, 100) g`.execute(t.platform.db);
    expect(await pgError(many)).toEqual({ code: '23503', constraint: 'assets_category_id_fkey' });
    expect(await t.countRows('assets')).toBe(before);
    expect(await pgError(insert(w.category.laptop, null, null))).toBeNull();
  });

  it('an update to a category or location that does not exist is refused; other updates are not checked', async () => {
    const asset = await registerAsset(w.adminApi, w);
    const update = (set: ReturnType<typeof sql>) => sql`UPDATE assets SET ${set} WHERE id = ${asset.id}`.execute(t.platform.db);
    expect(await pgError(update(sql`location_id = 9999999`))).toEqual({ code: '23503', constraint: 'assets_location_id_fkey' });
    expect(await pgError(update(sql`category_id = 9999999`))).toEqual({ code: '23503', constraint: 'assets_category_id_fkey' });
    expect(await pgError(update(sql`location_id = ${w.location.room}`))).toBeNull();
    expect(await pgError(update(sql`note = 'checked'`))).toBeNull();
  });

  it('a category, location or person an asset names cannot be deleted; an unused one can', async () => {
    await registerAsset(w.adminApi, w, { locationId: w.location.room });
    const del = (table: 'asset_categories' | 'asset_locations' | 'users', id: number) =>
      sql`DELETE FROM ${sql.table(table)} WHERE id = ${id}`.execute(t.platform.db);
    expect(await pgError(del('asset_categories', w.category.laptop))).toEqual({ code: '23503', constraint: 'assets_category_id_fkey' });
    expect(await pgError(del('asset_locations', w.location.room))).toEqual({ code: '23503', constraint: 'assets_location_id_fkey' });
    expect(await pgError(del('users', w.admin.id))).toMatchObject({ code: '23503' });
    const unused = (await w.adminApi.post('/api/assets/categories', { code: 'UNUSED-1', name: '未使用类别', usefulLifeMonths: 12 })).json()
      .id;
    expect(await pgError(del('asset_categories', unused))).toBeNull();
  });

  it('a delete racing an uncommitted insert that names the row waits for it, then is refused — no asset is left naming nothing', async () => {
    const category = (await w.adminApi.post('/api/assets/categories', { code: 'RACE-1', name: '竞争类别', usefulLifeMonths: 12 })).json()
      .id;
    const deleting = await deleteWhileOpen(
      sql`INSERT INTO assets (tag, category_id, name, location_id) VALUES ('ZT-RACE', ${category}, 'x', ${w.location.store})`,
      sql`DELETE FROM asset_categories WHERE id = ${category}`,
    );
    expect(deleting).toEqual({ code: '23503', constraint: 'assets_category_id_fkey' });
    const orphans = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM assets a WHERE NOT EXISTS (SELECT 1 FROM asset_categories c WHERE c.id = a.category_id)`.execute(
      t.platform.db,
    );
    expect(orphans.rows[0]?.n).toBe(0);
  });
});

// Migration 0023: the history's actor and an asset's department, custodian and IT system, likewise.
describe('history actors and the optional asset references checked per statement', () => {
  const history = (actorId: number | null) =>
    sql`INSERT INTO activity (record_type, record_id, actor_id, kind) VALUES ('asset', 1, ${actorId}, 'updated')`.execute(t.platform.db);
  const withOptional = (column: 'department_id' | 'custodian_id' | 'system_id', id: number) =>
    sql`INSERT INTO assets (tag, category_id, name, location_id, ${sql.ref(column)})
        VALUES (${`ZT-${Math.random()}`}, ${w.category.laptop}, 'x', ${w.location.store}, ${id})`.execute(t.platform.db);

  it('a history entry by nobody, or an asset naming a department, custodian or system that does not exist, is refused and nothing is written', async () => {
    const [assets, activity] = [await t.countRows('assets'), await t.countRows('activity')];
    expect(await pgError(history(9_999_999))).toEqual({ code: '23503', constraint: 'activity_actor_id_fkey' });
    const many = sql`INSERT INTO activity (record_type, record_id, actor_id, kind)
      SELECT 'asset', g, CASE WHEN g = 40 THEN 9999999 ELSE ${w.admin.id}::bigint END, 'updated' FROM generate_series(1, 50) g`.execute(
      t.platform.db,
    );
    expect(await pgError(many)).toEqual({ code: '23503', constraint: 'activity_actor_id_fkey' });
    expect(await pgError(withOptional('department_id', 9_999_999))).toEqual({ code: '23503', constraint: 'assets_department_id_fkey' });
    expect(await pgError(withOptional('custodian_id', 9_999_999))).toEqual({ code: '23503', constraint: 'assets_custodian_id_fkey' });
    expect(await pgError(withOptional('system_id', 9_999_999))).toEqual({ code: '23503', constraint: 'assets_system_id_fkey' });
    expect([await t.countRows('assets'), await t.countRows('activity')]).toEqual([assets, activity]);
    // A machine's entry (no actor) and real references pass.
    expect(await pgError(history(null))).toBeNull();
    expect(await pgError(withOptional('custodian_id', w.admin.id))).toBeNull();
  });

  it('an update to a department, custodian or actor that does not exist is refused', async () => {
    const asset = await registerAsset(w.adminApi, w);
    const update = (set: ReturnType<typeof sql>) => sql`UPDATE assets SET ${set} WHERE id = ${asset.id}`.execute(t.platform.db);
    expect(await pgError(update(sql`department_id = 9999999`))).toEqual({ code: '23503', constraint: 'assets_department_id_fkey' });
    expect(await pgError(update(sql`custodian_id = 9999999`))).toEqual({ code: '23503', constraint: 'assets_custodian_id_fkey' });
    expect(await pgError(update(sql`custodian_id = ${w.admin.id}`))).toBeNull();
    const entry = await sql<{
      id: number;
    }>`SELECT id FROM activity WHERE record_type = 'asset' AND record_id = ${asset.id} LIMIT 1`.execute(t.platform.db);
    const entryId = entry.rows[0]?.id as number;
    expect(await pgError(sql`UPDATE activity SET actor_id = 9999999 WHERE id = ${entryId}`.execute(t.platform.db))).toEqual({
      code: '23503',
      constraint: 'activity_actor_id_fkey',
    });
  });

  it('a department an asset names, or a person who holds an asset or wrote history, cannot be deleted', async () => {
    const department = await t.createDepartment(`资产部门 ${Math.random()}`);
    const asset = await registerAsset(w.adminApi, w);
    await sql`UPDATE assets SET department_id = ${department} WHERE id = ${asset.id}`.execute(t.platform.db);
    expect(await pgError(sql`DELETE FROM departments WHERE id = ${department}`.execute(t.platform.db))).toEqual({
      code: '23503',
      constraint: 'assets_department_id_fkey',
    });
    const holder = await t.createUser();
    await sql`UPDATE assets SET custodian_id = ${holder.id} WHERE id = ${asset.id}`.execute(t.platform.db);
    expect(await pgError(sql`DELETE FROM users WHERE id = ${holder.id}`.execute(t.platform.db))).toEqual({
      code: '23503',
      constraint: 'assets_custodian_id_fkey',
    });
    const writer = await t.createUser();
    await history(writer.id);
    expect(await pgError(sql`DELETE FROM users WHERE id = ${writer.id}`.execute(t.platform.db))).toEqual({
      code: '23503',
      constraint: 'activity_actor_id_fkey',
    });
    // Someone who neither holds an asset nor wrote history can be (once their role grants are gone).
    const nobody = await t.createUser();
    const removeNobody = t.platform.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM user_roles WHERE user_id = ${nobody.id}`.execute(trx);
      await sql`DELETE FROM users WHERE id = ${nobody.id}`.execute(trx);
    });
    expect(await pgError(removeNobody)).toBeNull();
  });

  it('a person deleted while an uncommitted history entry names them waits for it, then is refused', async () => {
    const person = await t.createUser();
    const deleting = await deleteWhileOpen(
      sql`INSERT INTO activity (record_type, record_id, actor_id, kind) VALUES ('asset', 1, ${person.id}, 'updated')`,
      sql`DELETE FROM users WHERE id = ${person.id}`,
    );
    expect(deleting).toEqual({ code: '23503', constraint: 'activity_actor_id_fkey' });
  });
});
