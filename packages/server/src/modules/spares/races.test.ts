import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { makeItem, receive, type SparesFixture, sparesBase } from './test-fixtures.js';

let t: TestContext;
let f: SparesFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await sparesBase(t);
});
afterAll(() => t.close());

const stockOf = async (itemId: number, warehouseId: number) =>
  (
    await t.platform.db
      .selectFrom('spare_stock')
      .select('quantity')
      .where('item_id', '=', itemId)
      .where('warehouse_id', '=', warehouseId)
      .executeTakeFirst()
  )?.quantity ?? 0;
const issues = (itemId: number) =>
  t.platform.db.selectFrom('spare_movements').select(['balance_after']).where('item_id', '=', itemId).where('kind', '=', 'issue').execute();

describe('concurrent issues', () => {
  it('the last part: 100 concurrent issues of one in stock → one succeeds, 99 insufficientStock, one ledger row', async () => {
    const item = await makeItem(f.keeperApi, { name: '最后一块主板' });
    await receive(f.keeperApi, f.warehouses.main, item, 1);
    const engineer = await t.login(f.engineerA);
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        engineer.post('/api/spares/issues', {
          itemId: item,
          warehouseId: f.warehouses.main,
          quantity: 1,
          target: { type: 'person', userId: f.requester.id },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['insufficientStock']));
    expect(await stockOf(item, f.warehouses.main)).toBe(0);
    expect(await issues(item)).toEqual([{ balance_after: 0 }]);
  });

  it('50 concurrent issues of one against 30 in stock → exactly 30 succeed, balances 29…0 each once', async () => {
    const item = await makeItem(f.keeperApi, { name: '鼠标' });
    await receive(f.keeperApi, f.warehouses.main, item, 30);
    const engineer = await t.login(f.engineerA);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        engineer.post('/api/spares/issues', {
          itemId: item,
          warehouseId: f.warehouses.main,
          quantity: 1,
          target: { type: 'person', userId: f.requester.id },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(30);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(20);
    expect(await stockOf(item, f.warehouses.main)).toBe(0);
    const balances = (await issues(item)).map((r) => r.balance_after).sort((a, b) => a - b);
    expect(balances).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('concurrent returns of one issue never give back more than was issued', async () => {
    const item = await makeItem(f.keeperApi, { name: '网线' });
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const engineer = await t.login(f.engineerA);
    const issued = (
      await engineer.post('/api/spares/issues', {
        itemId: item,
        warehouseId: f.warehouses.main,
        quantity: 5,
        target: { type: 'person', userId: f.requester.id },
      })
    ).json().movements[0];
    const results = await Promise.all(
      Array.from({ length: 20 }, () => engineer.post('/api/spares/returns', { issueId: issued.id, quantity: 1 })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(await stockOf(item, f.warehouses.main)).toBe(5);
  });
});

describe('concurrent transfers', () => {
  it('never create or lose stock, and the ledger agrees with the stock', async () => {
    const item = await makeItem(f.keeperApi, { name: '交换机电源' });
    const { main, branch } = f.warehouses;
    await receive(f.keeperApi, main, item, 20);
    await receive(f.keeperApi, branch, item, 20);
    const engineer = await t.login(f.engineerA);
    const requests = Array.from({ length: 60 }, (_, i) => {
      if (i % 5 === 4)
        return engineer.post('/api/spares/issues', {
          itemId: item,
          warehouseId: i % 2 ? main : branch,
          quantity: 1,
          target: { type: 'person', userId: f.requester.id },
        });
      const [from, to] = i % 2 ? [main, branch] : [branch, main];
      return f.keeperApi.post('/api/spares/transfers', { itemId: item, fromWarehouseId: from, toWarehouseId: to, quantity: 1 + (i % 7) });
    });
    const results = await Promise.all(requests);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    const issuedCount = results.filter((r, i) => i % 5 === 4 && r.statusCode === 201).length;
    expect((await stockOf(item, main)) + (await stockOf(item, branch))).toBe(40 - issuedCount);
    for (const wh of [main, branch]) {
      const rows = await t.platform.db
        .selectFrom('spare_movements')
        .select(['quantity', 'balance_after'])
        .where('item_id', '=', item)
        .where('warehouse_id', '=', wh)
        .orderBy('id')
        .execute();
      // In id order the balances may interleave across transactions; the sum is exact, and every
      // balance is what that warehouse held right after its own write.
      expect(rows.reduce((s, r) => s + r.quantity, 0)).toBe(await stockOf(item, wh));
      expect(rows.every((r) => r.balance_after >= 0)).toBe(true);
    }
    const outs = await t.platform.db
      .selectFrom('spare_movements')
      .select((eb) => eb.fn.sum<string>('quantity').as('n'))
      .where('item_id', '=', item)
      .where('kind', 'in', ['transferOut', 'transferIn'])
      .executeTakeFirstOrThrow();
    expect(Number(outs.n)).toBe(0);
  });
});
