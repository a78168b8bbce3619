import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../../test/harness.js';
import { createAsset, newStocktake, type StocktakeFixture, stocktakeWorld } from './test-fixtures.js';

let t: TestContext;
let f: StocktakeFixture;
let stId: number;
let lineId: number;
let tag: string;
beforeAll(async () => {
  t = await setupTestApp();
  f = await stocktakeWorld(t);
  const a = await createAsset(t, { categoryId: f.categories.laptop, departmentId: f.departments.hqIt, locationId: f.locations.floor3 });
  tag = a.tag;
  const st = await newStocktake(await t.login(f.owner), { counterIds: [f.counter.id] });
  stId = st.id;
  const line = await t.platform.db.selectFrom('stocktake_lines').select('id').where('stocktake_id', '=', stId).executeTakeFirstOrThrow();
  lineId = line.id;
});
afterAll(() => t.close());

const routes = () =>
  [
    ['GET', '/api/stocktakes'],
    ['GET', '/api/stocktakes/options'],
    ['POST', '/api/stocktakes', { name: 'x', counterIds: [f.counter.id] }],
    ['GET', `/api/stocktakes/${stId}`],
    ['GET', `/api/stocktakes/${stId}/progress`],
    ['POST', `/api/stocktakes/${stId}/actions/complete`, { version: 2 }],
    ['POST', `/api/stocktakes/${stId}/scans`, { tag }],
    ['GET', `/api/stocktakes/${stId}/lines`],
    ['POST', `/api/stocktakes/${stId}/lines/${lineId}/reset`],
    ['POST', `/api/stocktakes/${stId}/lines/${lineId}/apply`],
    ['POST', `/api/stocktakes/${stId}/apply`, {}],
    ['GET', `/api/stocktakes/${stId}/export`],
  ] as const;

describe('stocktake access', () => {
  it('refuses every route to someone without asset.stocktake, and changes nothing', async () => {
    const api = await t.login(f.requester);
    const before = [await t.countRows('stocktakes'), await t.countRows('stocktake_lines')];
    for (const [method, url, body] of routes()) {
      const res = await api.request(method, url, { body: body ?? (method === 'POST' ? {} : undefined) });
      expect([method, url, res.statusCode]).toEqual([method, url, 403]);
    }
    expect([await t.countRows('stocktakes'), await t.countRows('stocktake_lines')]).toEqual(before);
    expect((await t.anonymous().get('/api/stocktakes')).statusCode).toBe(401);
  });

  it('hides a stocktake from a holder whose scope does not reach it (404 on every route of it)', async () => {
    const api = await t.login(f.outsider);
    for (const [method, url, body] of routes().filter(([, url]) => url.includes(`/${stId}`))) {
      const res = await api.request(method, url, { body: body ?? (method === 'POST' ? {} : undefined) });
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
    }
    expect((await api.get('/api/stocktakes')).json().items).toEqual([]);
    expect((await api.get(`/api/timeline/stocktake/${stId}`)).statusCode).toBe(404);
    expect((await (await t.login(f.owner)).get('/api/stocktakes/999999')).statusCode).toBe(404);
  });

  it('lets counters see and scan but not manage; others holding the permission may not scan', async () => {
    const counter = await t.login(f.counter);
    expect((await counter.get(`/api/stocktakes/${stId}`)).json()).toMatchObject({ isCounter: true, isOwner: false });
    const mine = (await counter.get('/api/stocktakes?mine=counter&status=in_progress')).json();
    expect(mine.items.map((s: { id: number }) => s.id)).toContain(stId);
    const complete = await counter.post(`/api/stocktakes/${stId}/actions/complete`, { version: 2 });
    expect(complete.statusCode).toBe(403);
    expect(complete.json().error.code).toBe('notStocktakeOwner');
    // counter2 holds asset.stocktake with scope all (sees it) but is not one of its counters.
    const other = await t.login(f.counter2);
    const scan = await other.post(`/api/stocktakes/${stId}/scans`, { tag });
    expect(scan.statusCode).toBe(403);
    expect(scan.json().error).toMatchObject({ code: 'notCounter', message: '您不是该盘点单的盘点人' });
    expect((await counter.get(`/api/stocktakes/${stId}/progress`)).json().found).toBe(0);
  });

  it('answers bad input with a localised 400 and changes nothing', async () => {
    const owner = await t.login(f.owner);
    const counter = await t.login(f.counter);
    const before = [await t.countRows('stocktakes'), await t.countRows('stocktake_lines'), await t.countRows('audit_log')];
    const cases: [string, unknown][] = [
      ['/api/stocktakes', { name: '', counterIds: [f.counter.id] }],
      ['/api/stocktakes', { name: '盘点', counterIds: [] }],
      ['/api/stocktakes', { name: '盘点', counterIds: [f.requester.id] }],
      ['/api/stocktakes', { name: '盘点', counterIds: [f.counter.id], categoryIds: [999999] }],
      ['/api/stocktakes', { name: '盘点', counterIds: [f.counter.id], dueDate: '2026-13-40' }],
      ['/api/stocktakes', { name: '盘点', counterIds: [f.counter.id], colour: 'red' }],
    ];
    for (const [url, body] of cases) {
      const res = await owner.post(url, body);
      expect([JSON.stringify(body), res.statusCode]).toEqual([JSON.stringify(body), 400]);
    }
    const noPermission = await owner.post('/api/stocktakes', { name: '盘点', counterIds: [f.requester.id] });
    expect(noPermission.json().error.details).toEqual([
      { path: 'counterIds', code: 'counterWithoutPermission', message: '所选盘点人没有「资产盘点」权限' },
    ]);
    for (const body of [{ tag: '' }, { tag: tag, locationId: 999999 }, { tag: 'x'.repeat(65) }, { tag, extra: 1 }]) {
      const res = await counter.post(`/api/stocktakes/${stId}/scans`, body);
      expect([JSON.stringify(body), res.statusCode]).toEqual([JSON.stringify(body), 400]);
    }
    expect([await t.countRows('stocktakes'), await t.countRows('stocktake_lines'), await t.countRows('audit_log')]).toEqual(before);
    expect((await counter.get(`/api/stocktakes/${stId}/progress`)).json().found).toBe(0);
  });

  it('exports the results as a workbook in the reader’s language, one row per line, and audits it', async () => {
    const owner = await t.login(f.owner);
    const res = await owner.get(`/api/stocktakes/${stId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('资产编号');
    const total = (await owner.get(`/api/stocktakes/${stId}/lines`)).json().total;
    expect((sheet?.rowCount ?? 0) - 1).toBe(total);
    const tags = Array.from({ length: total }, (_, i) => sheet?.getRow(i + 2).getCell(1).value);
    expect(tags).toContain(tag);
    expect(sheet?.getRow(tags.indexOf(tag) + 2).getCell(3).value).toBe('待盘');
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'export')
      .where('object_type', '=', 'stocktake')
      .execute();
    expect(audited.map((r) => Number(r.object_id))).toContain(stId);
  });

  it('counts stocktakes in progress where I count on my home to-do list', async () => {
    const todos = (await (await t.login(f.counter)).get('/api/home/todos')).json();
    const items = (Array.isArray(todos) ? todos : todos.items) as { key: string; count: number; link: string }[];
    expect(items.find((i) => i.key === 'stocktakesToCount')).toEqual({
      key: 'stocktakesToCount',
      count: 1,
      link: '/stocktakes?mine=counter',
    });
    const owners = (await (await t.login(f.owner)).get('/api/home/todos')).json();
    expect(JSON.stringify(owners)).not.toContain('stocktakesToCount');
  });
});

describe('what a stocktake may show and change', () => {
  it('snapshots only the assets its owner may open, and applying results needs asset.manage', async () => {
    // 资产盘点员: counts without managing the register (asset.read own + asset.stocktake).
    const role = await t.platform.db
      .insertInto('roles')
      .values({ key: `counter_only_${Date.now()}`, name: '资产盘点员', scope: 'own', permissions: ['asset.read', 'asset.stocktake'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const counterOnly = await t.createUser({ roles: ['requester'], departmentId: f.departments.hqIt });
    await t.platform.db.insertInto('user_roles').values({ user_id: counterOnly.id, role_id: role.id }).execute();
    const mine = await createAsset(t, { categoryId: f.categories.monitor, custodianId: counterOnly.id, locationId: f.locations.floor3 });
    const api = await t.login(counterOnly);
    // No scope at all on the stocktake: still only what the owner holds, not the company's register.
    const st = await newStocktake(api, { counterIds: [counterOnly.id] });
    const lines = (await api.get(`/api/stocktakes/${st.id}/lines?pageSize=100`)).json().items as { tag: string }[];
    expect(lines.map((l) => l.tag)).toEqual([mine.tag]);
    const detail = (await api.get(`/api/stocktakes/${st.id}`)).json();
    expect((await api.post(`/api/stocktakes/${st.id}/actions/complete`, { version: detail.version })).statusCode).toBe(200);
    const line = (await api.get(`/api/stocktakes/${st.id}/lines?result=missing`)).json().items[0] as { id: number };
    expect((await api.post(`/api/stocktakes/${st.id}/apply`, {})).statusCode).toBe(403);
    expect((await api.post(`/api/stocktakes/${st.id}/lines/${line.id}/apply`)).statusCode).toBe(403);
    const asset = await t.platform.db.selectFrom('assets').select('status').where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(asset.status).toBe('in_use');
  });

  it('does not mark lost an asset that waits for someone (a scrap decision): a localised 409, the asset unchanged', async () => {
    const waiting = await createAsset(t, { categoryId: f.categories.laptop, locationId: f.locations.warehouse, status: 'in_stock' });
    await t.platform.db
      .insertInto('asset_pending_actions')
      .values({ asset_id: waiting.id, kind: 'scrap', requested_by: f.owner.id })
      .execute();
    const owner = await t.login(f.owner);
    const st = await newStocktake(owner, { locationIds: [f.locations.warehouse], counterIds: [f.counter.id] });
    const detail = (await owner.get(`/api/stocktakes/${st.id}`)).json();
    await owner.post(`/api/stocktakes/${st.id}/actions/complete`, { version: detail.version });
    const missing = (await owner.get(`/api/stocktakes/${st.id}/lines?result=missing&pageSize=100`)).json().items as {
      id: number;
      tag: string;
    }[];
    const line = missing.find((l) => l.tag === waiting.tag);
    const res = await owner.post(`/api/stocktakes/${st.id}/lines/${line?.id}/apply`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'assetPendingAction', message: '该资产有待处理的报废审批，请先处理' });
    const bulk = (await owner.post(`/api/stocktakes/${st.id}/apply`, { lineIds: [line?.id] })).json();
    expect(bulk).toMatchObject({ applied: 0, conflicts: [{ tag: waiting.tag }] });
    const asset = await t.platform.db
      .selectFrom('assets')
      .select(['status', 'version'])
      .where('id', '=', waiting.id)
      .executeTakeFirstOrThrow();
    expect(asset).toEqual({ status: 'in_stock', version: waiting.version });
  });
});
