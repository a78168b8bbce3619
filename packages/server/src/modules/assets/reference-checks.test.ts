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
    let release!: () => void;
    const inserted = new Promise<void>((resolve) => {
      release = resolve;
    });
    let proceed!: () => void;
    const mayCommit = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const writer = t.platform.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO assets (tag, category_id, name, location_id) VALUES ('ZT-RACE', ${category}, 'x', ${w.location.store})`.execute(
        trx,
      );
      release();
      await mayCommit;
    });
    await inserted;
    const deleting = pgError(sql`DELETE FROM asset_categories WHERE id = ${category}`.execute(t.platform.db));
    // The delete is blocked on the insert's KEY SHARE lock while the insert is open.
    const early = await Promise.race([deleting.then(() => 'finished'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(early).toBe('waiting');
    proceed();
    await writer;
    expect(await deleting).toEqual({ code: '23503', constraint: 'assets_category_id_fkey' });
    const orphans = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM assets a WHERE NOT EXISTS (SELECT 1 FROM asset_categories c WHERE c.id = a.category_id)`.execute(
      t.platform.db,
    );
    expect(orphans.rows[0]?.n).toBe(0);
  });
});
