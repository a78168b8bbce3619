import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { makeItem, makeTicket, receive, type SparesFixture, sparesBase } from './test-fixtures.js';

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

/** What a refused request must leave untouched. */
const snapshot = async () => ({
  movements: await t.countRows('spare_movements'),
  documents: await t.countRows('spare_documents'),
  stock: await t.platform.db.selectFrom('spare_stock').selectAll().orderBy('item_id').orderBy('warehouse_id').execute(),
  audit: await t.countRows('audit_log'),
  activity: await t.countRows('activity'),
});

describe('inbound receipts', () => {
  it('books several lines in one receipt with one number, each with its balance after', async () => {
    const disk = await makeItem(f.keeperApi, { name: '固态硬盘 512G', unit: '块' });
    const ram = await makeItem(f.keeperApi, { name: '内存条 16G', unit: '条' });
    await receive(f.keeperApi, f.warehouses.main, disk, 4);
    const res = await f.keeperApi.post('/api/spares/receipts', {
      warehouseId: f.warehouses.main,
      supplier: '京东企业购',
      lines: [
        { itemId: disk, quantity: 6, unitPrice: 329.5 },
        { itemId: ram, quantity: 10, unitPrice: 289 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.number).toMatch(/^BJ\d{8}-\d{4}$/);
    expect(body.movements).toEqual([
      expect.objectContaining({
        kind: 'inbound',
        quantity: 6,
        balanceAfter: 10,
        unitPrice: '329.50',
        supplier: '京东企业购',
        number: body.number,
      }),
      expect.objectContaining({ kind: 'inbound', quantity: 10, balanceAfter: 10, unitPrice: '289.00' }),
    ]);
    const item = (await f.keeperApi.get(`/api/spares/items/${disk}`)).json();
    expect(item).toMatchObject({ total: 10, stock: [{ warehouse: { id: f.warehouses.main }, quantity: 10 }] });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_label'])
      .where('action', '=', 'spare.inbound')
      .execute();
    expect(audit.map((a) => a.object_label)).toContain(body.number);
  });

  it('refuses a receipt with a bad line as a whole, changing nothing', async () => {
    const item = await makeItem(f.keeperApi);
    const before = await snapshot();
    for (const lines of [
      [{ itemId: item, quantity: 0 }],
      [{ itemId: item, quantity: -2 }],
      [{ itemId: item, quantity: 1.5 }],
      [],
      [
        { itemId: item, quantity: 3 },
        { itemId: 999_999, quantity: 1 },
      ],
    ]) {
      const res = await f.keeperApi.post('/api/spares/receipts', { warehouseId: f.warehouses.main, lines });
      expect(res.statusCode, JSON.stringify(lines)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
    const unknown = await f.keeperApi.post('/api/spares/receipts', {
      warehouseId: f.warehouses.main,
      lines: [
        { itemId: item, quantity: 3 },
        { itemId: 999_999, quantity: 1 },
      ],
    });
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ path: 'lines.1.itemId', message: '备件不存在' })]);
    const noWarehouse = await f.keeperApi.post('/api/spares/receipts', { warehouseId: 999_999, lines: [{ itemId: item, quantity: 1 }] });
    expect(noWarehouse.json().error.details).toEqual([expect.objectContaining({ path: 'warehouseId', message: '仓库不存在' })]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('issuing parts', () => {
  it('issues to a ticket: the balance drops, the ticket timeline says so, the ticket lists its parts', async () => {
    const item = await makeItem(f.keeperApi, { name: '电源适配器 65W', unit: '个' });
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const ticketId = await makeTicket(t, f);
    const engineer = await t.login(f.engineerA);
    const res = await engineer.post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 2,
      target: { type: 'ticket', ticketId },
      note: '更换损坏的适配器',
    });
    expect(res.statusCode).toBe(201);
    const [movement] = res.json().movements;
    expect(movement).toMatchObject({ kind: 'issue', quantity: -2, balanceAfter: 3, ticket: { id: ticketId }, returnable: 2 });
    expect(await stockOf(item, f.warehouses.main)).toBe(3);

    const timeline = (await engineer.get(`/api/timeline/ticket/${ticketId}`)).json().items;
    expect(timeline.at(-1).event).toEqual({
      kind: 'spareIssued',
      number: res.json().number,
      itemName: '电源适配器 65W',
      quantity: 2,
      unit: '个',
    });
    const parts = (await engineer.get(`/api/spares/tickets/${ticketId}/movements`)).json().items;
    expect(parts).toEqual([expect.objectContaining({ id: movement.id, quantity: -2 })]);
  });

  it('refuses more than is in stock with a message naming what is there, and changes nothing', async () => {
    const item = await makeItem(f.keeperApi, { name: '无线鼠标', unit: '个' });
    await receive(f.keeperApi, f.warehouses.main, item, 3);
    const engineer = await t.login(f.engineerA);
    const before = await snapshot();
    const res = await engineer.post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 4,
      target: { type: 'person', userId: f.requester.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'insufficientStock', details: { available: 3, requested: 4 } });
    expect(res.json().error.message).toBe('库存不足：总部备件库的「无线鼠标」现有 3 个，不够领用 4 个');
    const english = await engineer.request('POST', '/api/spares/issues', {
      body: { itemId: item, warehouseId: f.warehouses.branch, quantity: 1, target: { type: 'person', userId: f.requester.id } },
      headers: { 'accept-language': 'en-US' },
    });
    expect(english.json().error.code).toBe('insufficientStock');
    expect(await snapshot()).toEqual(before);
  });

  it('issues for an asset repair by tag and to a person; refuses unknown targets with nothing changed', async () => {
    const item = await makeItem(f.keeperApi, { name: '笔记本键盘', unit: '个' });
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const category = await t.platform.db
      .insertInto('asset_categories')
      .values({ code: 'NB', name: '笔记本电脑' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const asset = await t.platform.db
      .insertInto('assets')
      .values({ tag: 'ZC-000777', category_id: category.id, name: 'ThinkPad T14' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const engineer = await t.login(f.engineerA);
    const forAsset = await engineer.post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 1,
      target: { type: 'asset', assetTag: 'zc-000777' },
    });
    expect(forAsset.statusCode).toBe(201);
    expect(forAsset.json().movements[0].asset).toEqual({ id: asset.id, tag: 'ZC-000777', name: 'ThinkPad T14' });
    const toPerson = await engineer.post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 1,
      target: { type: 'person', userId: f.requester.id },
    });
    expect(toPerson.json().movements[0]).toMatchObject({ recipient: { id: f.requester.id }, balanceAfter: 3 });

    const before = await snapshot();
    const bad = [
      [{ type: 'asset', assetTag: 'ZC-404404' }, 'target.assetTag'],
      [{ type: 'person', userId: 999_999 }, 'target.userId'],
    ] as const;
    for (const [target, path] of bad) {
      const res = await engineer.post('/api/spares/issues', { itemId: item, warehouseId: f.warehouses.main, quantity: 1, target });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    for (const quantity of [0, -1, 0.5]) {
      const res = await engineer.post('/api/spares/issues', {
        itemId: item,
        warehouseId: f.warehouses.main,
        quantity,
        target: { type: 'person', userId: f.requester.id },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('quantity');
    }
    const unknownItem = await engineer.post('/api/spares/issues', {
      itemId: 999_999,
      warehouseId: f.warehouses.main,
      quantity: 1,
      target: { type: 'person', userId: f.requester.id },
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().error.details[0]).toMatchObject({ path: 'itemId', message: '备件不存在' });
    expect(await snapshot()).toEqual(before);
  });

  it('returns part of an issue, never more than is still out', async () => {
    const item = await makeItem(f.keeperApi, { name: '网线 3米', unit: '根' });
    await receive(f.keeperApi, f.warehouses.branch, item, 10);
    const ticketId = await makeTicket(t, f, '会议室网络不通');
    const engineer = await t.login(f.engineerA);
    const issued = (
      await engineer.post('/api/spares/issues', {
        itemId: item,
        warehouseId: f.warehouses.branch,
        quantity: 4,
        target: { type: 'ticket', ticketId },
      })
    ).json().movements[0];
    const back = await engineer.post('/api/spares/returns', { issueId: issued.id, quantity: 3, note: '多领了' });
    expect(back.statusCode).toBe(201);
    expect(back.json().movements[0]).toMatchObject({ kind: 'return', quantity: 3, balanceAfter: 9, ticket: { id: ticketId } });
    const before = await snapshot();
    const tooMany = await engineer.post('/api/spares/returns', { issueId: issued.id, quantity: 2 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error).toMatchObject({ code: 'returnExceedsIssued', message: '退库数量超过尚未退回的数量（还可退 1 根）' });
    expect((await engineer.post('/api/spares/returns', { issueId: 999_999, quantity: 1 })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const kinds = (await engineer.get(`/api/timeline/ticket/${ticketId}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds.slice(-2)).toEqual(['spareIssued', 'spareReturned']);
  });
});

describe('transfers and count adjustments', () => {
  it('transfers between warehouses, refusing a transfer to the same warehouse or beyond the stock', async () => {
    const item = await makeItem(f.keeperApi, { name: '硒鼓 HP 88A', unit: '个' });
    await receive(f.keeperApi, f.warehouses.main, item, 6);
    const res = await f.keeperApi.post('/api/spares/transfers', {
      itemId: item,
      fromWarehouseId: f.warehouses.main,
      toWarehouseId: f.warehouses.branch,
      quantity: 4,
    });
    expect(res.statusCode).toBe(201);
    expect(
      res.json().movements.map((m: { kind: string; quantity: number; balanceAfter: number }) => [m.kind, m.quantity, m.balanceAfter]),
    ).toEqual([
      ['transferOut', -4, 2],
      ['transferIn', 4, 4],
    ]);
    const before = await snapshot();
    const same = await f.keeperApi.post('/api/spares/transfers', {
      itemId: item,
      fromWarehouseId: f.warehouses.main,
      toWarehouseId: f.warehouses.main,
      quantity: 1,
    });
    expect(same.statusCode).toBe(400);
    const beyond = await f.keeperApi.post('/api/spares/transfers', {
      itemId: item,
      fromWarehouseId: f.warehouses.main,
      toWarehouseId: f.warehouses.branch,
      quantity: 3,
    });
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().error.code).toBe('insufficientStock');
    expect(await snapshot()).toEqual(before);
  });

  it('adjusts to a count with a reason; refuses a stale count or a missing reason', async () => {
    const item = await makeItem(f.keeperApi, { name: 'USB 键盘', unit: '个' });
    await receive(f.keeperApi, f.warehouses.main, item, 8);
    const before = await snapshot();
    const noReason = await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.main,
      expectedQuantity: 8,
      countedQuantity: 7,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    const stale = await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.main,
      expectedQuantity: 9,
      countedQuantity: 7,
      reason: '盘亏',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stockChanged');
    const same = await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.main,
      expectedQuantity: 8,
      countedQuantity: 8,
      reason: '无差异',
    });
    expect(same.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    const ok = await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.main,
      expectedQuantity: 8,
      countedQuantity: 7,
      reason: '年终盘点盘亏 1 个',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().movements[0]).toMatchObject({ kind: 'adjust', quantity: -1, balanceAfter: 7, note: '年终盘点盘亏 1 个' });
    // Found in a warehouse that had none of it.
    const found = await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.branch,
      expectedQuantity: 0,
      countedQuantity: 2,
      reason: '盘盈',
    });
    expect(found.json().movements[0]).toMatchObject({ quantity: 2, balanceAfter: 2 });
  });
});

describe('the ledger', () => {
  it('has balances equal to the stock after any sequence of movements', async () => {
    const items = [await makeItem(f.keeperApi), await makeItem(f.keeperApi), await makeItem(f.keeperApi)];
    const engineer = await t.login(f.engineerA);
    const whs = [f.warehouses.main, f.warehouses.branch];
    let seed = 20261122;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const issued: number[] = [];
    for (let step = 0; step < 80; step++) {
      const item = items[random(3)] as number;
      const wh = whs[random(2)] as number;
      const quantity = 1 + random(6);
      const op = random(5);
      if (op === 0) await receive(f.keeperApi, wh, item, quantity);
      else if (op === 1) {
        const res = await engineer.post('/api/spares/issues', {
          itemId: item,
          warehouseId: wh,
          quantity,
          target: { type: 'person', userId: f.requester.id },
        });
        expect([201, 409]).toContain(res.statusCode);
        if (res.statusCode === 201) issued.push(res.json().movements[0].id);
      } else if (op === 2) {
        const res = await f.keeperApi.post('/api/spares/transfers', {
          itemId: item,
          fromWarehouseId: wh,
          toWarehouseId: whs[1 - whs.indexOf(wh)],
          quantity,
        });
        expect([201, 409]).toContain(res.statusCode);
      } else if (op === 3 && issued.length) {
        const res = await engineer.post('/api/spares/returns', { issueId: issued[random(issued.length)], quantity: 1 });
        expect([201, 409]).toContain(res.statusCode);
      } else {
        const current = await stockOf(item, wh);
        const counted = Math.max(0, current + (random(2) ? 1 : -1));
        if (counted !== current)
          expect(
            (
              await f.keeperApi.post('/api/spares/adjustments', {
                itemId: item,
                warehouseId: wh,
                expectedQuantity: current,
                countedQuantity: counted,
                reason: '盘点',
              })
            ).statusCode,
          ).toBe(201);
      }
    }
    for (const item of items) {
      for (const wh of whs) {
        const rows = await t.platform.db
          .selectFrom('spare_movements')
          .select(['quantity', 'balance_after'])
          .where('item_id', '=', item)
          .where('warehouse_id', '=', wh)
          .orderBy('id')
          .execute();
        let running = 0;
        for (const r of rows) {
          running += r.quantity;
          expect(r.balance_after).toBe(running);
        }
        expect(await stockOf(item, wh)).toBe(running);
      }
      // The ledger page shows the same thing the stock does.
      const ledger = (await f.keeperApi.get(`/api/spares/ledger?itemId=${item}&pageSize=200`)).json();
      const total = (await f.keeperApi.get(`/api/spares/items/${item}`)).json().total;
      expect(ledger.items.reduce((s: number, m: { quantity: number }) => s + m.quantity, 0)).toBe(total);
    }
  });

  it('filters by kind, warehouse and date, and exports to Excel', async () => {
    const item = await makeItem(f.keeperApi, { name: '台式机内存 8G' });
    await receive(f.keeperApi, f.warehouses.branch, item, 2);
    const byKind = (await f.keeperApi.get(`/api/spares/ledger?itemId=${item}&kind=inbound&warehouseId=${f.warehouses.branch}`)).json();
    expect(byKind.items).toHaveLength(1);
    expect((await f.keeperApi.get(`/api/spares/ledger?itemId=${item}&kind=issue`)).json().items).toHaveLength(0);
    expect((await f.keeperApi.get(`/api/spares/ledger?itemId=${item}&to=2020-01-01`)).json().items).toHaveLength(0);
    expect((await f.keeperApi.get('/api/spares/ledger?kind=sold')).statusCode).toBe(400);
    const file = await f.keeperApi.get(`/api/spares/ledger/export?itemId=${item}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
