import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { DEMO_LOW_ITEM } from './demo-data.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.platform.db, { tickets: 600 });
}, 120_000);
afterAll(() => t.close());

const count = async (sqlText: string) => Number((await sql.raw<{ n: string }>(sqlText).execute(t.platform.db)).rows[0]?.n);

describe('demo spare parts', () => {
  it('has items in two warehouses with a history whose balances equal the stock, one item low', async () => {
    expect(await count('SELECT count(*) AS n FROM spare_items')).toBeGreaterThan(30);
    expect(await count('SELECT count(*) AS n FROM spare_warehouses')).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM spare_movements WHERE kind = 'issue' AND ticket_id IS NOT NULL`)).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) AS n FROM activity WHERE record_type = 'ticket' AND kind = 'spareIssued'`)).toBe(
      await count(`SELECT count(*) AS n FROM spare_movements WHERE kind = 'issue' AND ticket_id IS NOT NULL`),
    );
    // The last balance of every item × warehouse is its stock, and each balance is the running sum.
    expect(
      await count(`SELECT count(*) AS n FROM (
        SELECT item_id, warehouse_id, balance_after, sum(quantity) OVER (PARTITION BY item_id, warehouse_id ORDER BY id) AS running FROM spare_movements
      ) m WHERE balance_after <> running`),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM spare_stock s WHERE quantity <> (SELECT coalesce(sum(quantity), 0) FROM spare_movements m WHERE m.item_id = s.item_id AND m.warehouse_id = s.warehouse_id)`,
      ),
    ).toBe(0);
    const low = await sql<{
      code: string;
    }>`SELECT code FROM spare_items i WHERE coalesce((SELECT sum(quantity) FROM spare_stock s WHERE s.item_id = i.id), 0) < min_stock`.execute(
      t.platform.db,
    );
    expect(low.rows.map((r) => r.code)).toEqual([DEMO_LOW_ITEM]);
  });

  it('lets the demo asset admin and an engineer work on top of it: new numbers do not collide', async () => {
    const linna = await t.login({ username: 'linna', password: DEMO_PASSWORD });
    const item = (await linna.get('/api/spares/items?q=BJ-MS-001')).json().items[0];
    const todos = (await linna.get('/api/home/todos')).json();
    expect(todos.items ?? todos).toContainEqual(expect.objectContaining({ key: 'sparesLowStock', count: 1 }));
    const engineer = await t.login({ username: 'zhoujie', password: DEMO_PASSWORD });
    const me = (await engineer.get('/api/auth/me')).json();
    const res = await engineer.post('/api/spares/issues', {
      itemId: item.id,
      warehouseId: item.stock[0].warehouse.id,
      quantity: 1,
      target: { type: 'person', userId: me.user?.id ?? me.id },
    });
    expect(res.statusCode).toBe(201);
  });
});
