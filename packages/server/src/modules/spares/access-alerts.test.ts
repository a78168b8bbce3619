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

const lowStockBells = async (userId: number, itemId: number) =>
  t.platform.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select(['e.data'])
    .where('n.user_id', '=', userId)
    .where('e.type', '=', 'spare.lowStock')
    .where('e.record_id', '=', itemId)
    .execute();

describe('who may do what', () => {
  it('refuses every route to someone without the permission, and manage routes to engineers', async () => {
    const item = await makeItem(f.keeperApi);
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const ticketId = await makeTicket(t, f);
    const requester = await t.login(f.requester);
    const engineer = await t.login(f.engineerA);
    const reads = [
      '/api/spares/items',
      '/api/spares/categories',
      `/api/spares/items/${item}`,
      '/api/spares/warehouses',
      '/api/spares/ledger',
      '/api/spares/ledger/export',
      `/api/spares/tickets/${ticketId}/movements`,
    ];
    for (const url of reads) expect((await requester.get(url)).statusCode, url).toBe(403);
    for (const url of reads) expect((await engineer.get(url)).statusCode, url).toBe(200);

    const before = {
      movements: await t.countRows('spare_movements'),
      items: await t.countRows('spare_items'),
      warehouses: await t.countRows('spare_warehouses'),
    };
    const manage: [string, string, unknown][] = [
      ['POST', '/api/spares/items', { code: 'X-1', name: '不该建成', unit: '个' }],
      ['PATCH', `/api/spares/items/${item}`, { version: 1, name: '改名' }],
      ['POST', '/api/spares/warehouses', { code: 'WH-X', name: '不该建成' }],
      ['PATCH', `/api/spares/warehouses/${f.warehouses.main}`, { version: 1, name: '改名' }],
      ['POST', '/api/spares/receipts', { warehouseId: f.warehouses.main, lines: [{ itemId: item, quantity: 1 }] }],
      [
        'POST',
        '/api/spares/transfers',
        { itemId: item, fromWarehouseId: f.warehouses.main, toWarehouseId: f.warehouses.branch, quantity: 1 },
      ],
      [
        'POST',
        '/api/spares/adjustments',
        { itemId: item, warehouseId: f.warehouses.main, expectedQuantity: 5, countedQuantity: 4, reason: '盘亏' },
      ],
    ];
    for (const [method, url, body] of manage) {
      expect((await engineer.request(method, url, { body })).statusCode, url).toBe(403);
      expect((await requester.request(method, url, { body })).statusCode, url).toBe(403);
    }
    const issue = { itemId: item, warehouseId: f.warehouses.main, quantity: 1, target: { type: 'person', userId: f.requester.id } };
    expect((await requester.post('/api/spares/issues', issue)).statusCode).toBe(403);
    expect((await requester.post('/api/spares/returns', { issueId: 1, quantity: 1 })).statusCode).toBe(403);
    expect({
      movements: await t.countRows('spare_movements'),
      items: await t.countRows('spare_items'),
      warehouses: await t.countRows('spare_warehouses'),
    }).toEqual(before);
  });

  it('answers 404 for a ticket outside the caller’s scope: its parts, issuing to it, returning from it', async () => {
    const item = await makeItem(f.keeperApi);
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const ticketId = await makeTicket(t, f);
    const inTeam = await t.login(f.engineerA);
    const otherTeam = await t.login(f.engineerB);
    const issued = (
      await inTeam.post('/api/spares/issues', {
        itemId: item,
        warehouseId: f.warehouses.main,
        quantity: 2,
        target: { type: 'ticket', ticketId },
      })
    ).json();
    const before = await t.countRows('spare_movements');
    expect((await otherTeam.get(`/api/spares/tickets/${ticketId}/movements`)).statusCode).toBe(404);
    expect((await otherTeam.get('/api/spares/tickets/999999/movements')).statusCode).toBe(404);
    const refused = await otherTeam.post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 1,
      target: { type: 'ticket', ticketId },
    });
    expect(refused.statusCode).toBe(404);
    expect((await otherTeam.post('/api/spares/returns', { issueId: issued.movements[0].id, quantity: 1 })).statusCode).toBe(404);
    expect(await t.countRows('spare_movements')).toBe(before);
    expect((await f.keeperApi.get('/api/spares/items/999999')).statusCode).toBe(404);

    // The ledger shows the issue to everyone who reads spare parts, but the ticket's title only to
    // those who may open the ticket.
    const ledgerRow = async (api: typeof inTeam) =>
      ((await api.get(`/api/spares/ledger?itemId=${item}&kind=issue`)).json().items as { ticket: { number: string; title: string } }[])[0];
    expect((await ledgerRow(inTeam))?.ticket.title).toBe('电脑无法开机');
    const hidden = await ledgerRow(otherTeam);
    expect(hidden?.ticket.number).toMatch(/^GD\d{8}-\d{4}$/);
    expect(hidden?.ticket.title).toBe('');
  });

  it('refuses issuing to a closed ticket', async () => {
    const item = await makeItem(f.keeperApi);
    await receive(f.keeperApi, f.warehouses.main, item, 5);
    const ticketId = await makeTicket(t, f);
    await t.platform.db.updateTable('tickets').set({ status: 'closed' }).where('id', '=', ticketId).execute();
    const res = await (await t.login(f.engineerA)).post('/api/spares/issues', {
      itemId: item,
      warehouseId: f.warehouses.main,
      quantity: 1,
      target: { type: 'ticket', ticketId },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('items and warehouses', () => {
  it('creates, searches, edits with a version check and refuses a duplicate code', async () => {
    const created = await f.keeperApi.post('/api/spares/items', {
      code: 'HDD-SSD-1T',
      name: '固态硬盘 1TB',
      model: 'Samsung 870 EVO',
      unit: '块',
      category: '存储',
      minStock: 2,
    });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ total: 0, low: true, version: 1 });
    const dup = await f.keeperApi.post('/api/spares/items', { code: 'hdd-ssd-1t', name: '重复', unit: '块' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
    expect((await f.keeperApi.get('/api/spares/items?q=870%20evo')).json().items.map((i: { id: number }) => i.id)).toEqual([item.id]);
    expect((await f.keeperApi.get('/api/spares/items?category=存储')).json().total).toBe(1);
    expect((await f.keeperApi.get('/api/spares/categories')).json().items).toContain('存储');
    const edited = await f.keeperApi.patch(`/api/spares/items/${item.id}`, { version: 1, minStock: 3 });
    expect(edited.json()).toMatchObject({ minStock: 3, version: 2 });
    const stale = await f.keeperApi.patch(`/api/spares/items/${item.id}`, { version: 1, name: '旧版本的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect((await f.keeperApi.get(`/api/spares/items/${item.id}`)).json().name).toBe('固态硬盘 1TB');
    const bad = await f.keeperApi.post('/api/spares/items', { code: '', name: '没有编码', unit: '个', minStock: -1 });
    expect(bad.statusCode).toBe(400);
    const history = (await f.keeperApi.get(`/api/timeline/spareItem/${item.id}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(history).toEqual(['created', 'updated']);
  });

  it('refuses movements of an inactive item or into an inactive warehouse', async () => {
    const item = await makeItem(f.keeperApi);
    await f.keeperApi.patch(`/api/spares/items/${item}`, { version: 1, active: false });
    const res = await f.keeperApi.post('/api/spares/receipts', { warehouseId: f.warehouses.main, lines: [{ itemId: item, quantity: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toContain('已停用');
    const wh = (await f.keeperApi.post('/api/spares/warehouses', { code: 'WH-OLD', name: '旧仓库' })).json();
    await f.keeperApi.patch(`/api/spares/warehouses/${wh.id}`, { version: 1, active: false });
    const item2 = await makeItem(f.keeperApi);
    expect(
      (await f.keeperApi.post('/api/spares/receipts', { warehouseId: wh.id, lines: [{ itemId: item2, quantity: 1 }] })).statusCode,
    ).toBe(400);
  });
});

describe('low-stock alerts', () => {
  it('notify the spare managers once per crossing below the minimum, and show on their home page', async () => {
    const item = await makeItem(f.keeperApi, { name: '硒鼓 12A', minStock: 5 });
    const engineer = await t.login(f.engineerA);
    const issue = (quantity: number) =>
      engineer.post('/api/spares/issues', {
        itemId: item,
        warehouseId: f.warehouses.main,
        quantity,
        target: { type: 'person', userId: f.requester.id },
      });
    await receive(f.keeperApi, f.warehouses.main, item, 10);
    expect((await issue(3)).statusCode).toBe(201); // 7
    expect(await lowStockBells(f.keeper.id, item)).toEqual([]);
    expect((await issue(3)).statusCode).toBe(201); // 4: crosses
    expect(await lowStockBells(f.keeper.id, item)).toEqual([{ data: { total: 4, minStock: 5, unit: '个' } }]);
    expect((await issue(1)).statusCode).toBe(201); // 3: still below, no second alert
    expect(await lowStockBells(f.keeper.id, item)).toHaveLength(1);
    expect(await lowStockBells(f.engineerA.id, item)).toEqual([]);

    const low = (await f.keeperApi.get('/api/spares/items?lowOnly=true')).json().items.map((i: { id: number }) => i.id);
    expect(low).toContain(item);
    const todos = (await f.keeperApi.get('/api/home/todos')).json();
    expect(todos.items ?? todos).toContainEqual(expect.objectContaining({ key: 'sparesLowStock' }));
    const engineerTodos = (await engineer.get('/api/home/todos')).json();
    expect(engineerTodos.items ?? engineerTodos).not.toContainEqual(expect.objectContaining({ key: 'sparesLowStock' }));

    await receive(f.keeperApi, f.warehouses.main, item, 2); // 5: back at the minimum
    expect((await f.keeperApi.get('/api/spares/items?lowOnly=true')).json().items.map((i: { id: number }) => i.id)).not.toContain(item);
    expect((await issue(1)).statusCode).toBe(201); // 4: a new crossing
    expect(await lowStockBells(f.keeper.id, item)).toHaveLength(2);
  });

  it('alerts once when a transfer or an adjustment takes the total below, not when stock only moves', async () => {
    const item = await makeItem(f.keeperApi, { minStock: 3 });
    await receive(f.keeperApi, f.warehouses.main, item, 4);
    await f.keeperApi.post('/api/spares/transfers', {
      itemId: item,
      fromWarehouseId: f.warehouses.main,
      toWarehouseId: f.warehouses.branch,
      quantity: 4,
    });
    const other = await t.createUser({ roles: ['asset_admin'] });
    expect(await lowStockBells(other.id, item)).toEqual([]);
    await f.keeperApi.post('/api/spares/adjustments', {
      itemId: item,
      warehouseId: f.warehouses.branch,
      expectedQuantity: 4,
      countedQuantity: 2,
      reason: '盘亏',
    });
    expect(await lowStockBells(other.id, item)).toHaveLength(1);
  });
});
