import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type AssetWorld, assetWorld, issuedTo, registerAsset } from './test-fixtures.js';

let t: TestContext;
let w: AssetWorld;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await assetWorld(t);
});
afterAll(() => t.close());

describe('categories and locations', () => {
  it('an asset admin keeps categories (versioned) and a location tree; others may only read them', async () => {
    const list = (await w.adminApi.get('/api/assets/categories')).json().items;
    const laptop = list.find((c: { id: number }) => c.id === w.category.laptop);
    expect(laptop).toMatchObject({ usefulLifeMonths: 36, residualRate: 0.05, version: 1 });
    const edited = await w.adminApi.patch(`/api/assets/categories/${laptop.id}`, { version: 1, usefulLifeMonths: 48 });
    expect(edited.json()).toMatchObject({ usefulLifeMonths: 48, version: 2 });
    const stale = await w.adminApi.patch(`/api/assets/categories/${laptop.id}`, { version: 1, usefulLifeMonths: 24 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    await w.adminApi.patch(`/api/assets/categories/${laptop.id}`, { version: 2, usefulLifeMonths: 36 });

    const locations = (await w.adminApi.get('/api/assets/locations')).json().items;
    const room = locations.find((l: { id: number }) => l.id === w.location.room);
    expect(room.depth).toBe(1);
    expect(room.fullName).toMatch(/^总部大楼.* \/ 三楼机房/);

    const requester = await t.login(await t.createUser({ roles: ['requester'] }));
    expect((await requester.get('/api/assets/categories')).statusCode).toBe(200);
    const before = await t.countRows('asset_categories');
    const denied = await requester.post('/api/assets/categories', { code: 'X', name: '不许' });
    expect(denied.statusCode).toBe(403);
    expect((await requester.post('/api/assets/locations', { code: 'X', name: '不许' })).statusCode).toBe(403);
    expect((await requester.patch(`/api/assets/locations/${w.location.room}`, { version: 1, name: '改' })).statusCode).toBe(403);
    expect(await t.countRows('asset_categories')).toBe(before);
  });

  it('refuses a duplicate code and a location cycle with a clear 400/409, changing nothing', async () => {
    const code = (await w.adminApi.get('/api/assets/categories')).json().items[0].code;
    const dup = await w.adminApi.post('/api/assets/categories', { code, name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
    const cycle = await w.adminApi.patch(`/api/assets/locations/${w.location.building}`, { version: 1, parentId: w.location.room });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].path).toBe('parentId');
    const bad = await w.adminApi.post('/api/assets/categories', { code: 'BAD', name: '坏', residualRate: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBeTruthy();
  });
});

describe('registering and editing', () => {
  it('inbound gives the next ZC tag, status in stock at a location, a history entry and an audit entry', async () => {
    const a = await registerAsset(w.adminApi, w, { serialNo: 'PF-REG-1' });
    const b = await registerAsset(w.adminApi, w, { serialNo: 'PF-REG-2' });
    expect(a.tag).toMatch(/^ZC-\d{6}$/);
    expect(Number(b.tag.slice(3))).toBe(Number(a.tag.slice(3)) + 1);
    const detail = (await w.adminApi.get(`/api/assets/${a.id}`)).json();
    expect(detail).toMatchObject({ status: 'in_stock', location: { id: w.location.store }, custodian: null, serialNo: 'PF-REG-1' });
    const timeline = (await w.adminApi.get(`/api/timeline/asset/${a.id}`)).json();
    expect(timeline.items.map((e: { event: { kind: string } }) => e.event.kind)).toEqual(['assetRegistered']);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'asset')
      .where('object_id', '=', String(a.id))
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['create']);
  });

  it('bad input is a localised 400 and writes nothing; a taken serial is a duplicate', async () => {
    const before = await t.countRows('assets');
    const missing = await w.adminApi.post('/api/assets', { name: '无类别', locationId: w.location.store });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation');
    const english = await w.adminApi.request('POST', '/api/assets', {
      body: { categoryId: 999999, name: 'x', locationId: w.location.store },
      headers: { 'accept-language': 'en-US' },
    });
    expect(english.statusCode).toBe(400);
    expect(english.json().error.details[0]).toMatchObject({ path: 'categoryId' });
    const negative = await w.adminApi.post('/api/assets', {
      categoryId: w.category.laptop,
      name: 'x',
      locationId: w.location.store,
      purchasePrice: -1,
    });
    expect(negative.statusCode).toBe(400);
    await registerAsset(w.adminApi, w, { serialNo: 'SN-TAKEN' });
    const dup = await w.adminApi.post('/api/assets', {
      categoryId: w.category.laptop,
      name: 'x',
      locationId: w.location.store,
      serialNo: 'sn-taken',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('duplicate');
    expect(await t.countRows('assets')).toBe(before + 1);
  });

  it('edits are versioned: the stale editor gets a conflict and the history names the fields', async () => {
    const a = await registerAsset(w.adminApi, w);
    const ok = await w.adminApi.patch(`/api/assets/${a.id}`, { version: a.version, model: 'T14 Gen 5', vendor: '联想' });
    expect(ok.json()).toMatchObject({ model: 'T14 Gen 5', vendor: '联想', version: a.version + 1 });
    const stale = await w.adminApi.patch(`/api/assets/${a.id}`, { version: a.version, model: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect((await w.adminApi.get(`/api/assets/${a.id}`)).json().model).toBe('T14 Gen 5');
    const timeline = (await w.adminApi.get(`/api/timeline/asset/${a.id}`)).json().items;
    expect(timeline.at(-1).event).toEqual({ kind: 'updated', fields: ['model', 'vendor'] });
    const requester = await t.login(await t.createUser());
    expect((await requester.patch(`/api/assets/${a.id}`, { version: a.version + 1, model: 'x' })).statusCode).toBe(403);
  });
});

describe('net book value', () => {
  it('is straight-line by the category life and residual rate, as of today', async () => {
    const today = new Date();
    const y = today.getUTCFullYear() - 1;
    const m = String(today.getUTCMonth() + 1).padStart(2, '0');
    // Bought exactly 12 months ago on the 1st: 12 whole months used (the 1st has always been reached).
    const a = await registerAsset(w.adminApi, w, { purchaseDate: `${y}-${m}-01`, purchasePrice: 6000 });
    const detail = (await w.adminApi.get(`/api/assets/${a.id}`)).json();
    // 6,000 × 95 % over 36 months = 158.33 a month; 12 months → 6,000 − 1,900 = 4,100.
    expect(detail.depreciation).toMatchObject({ usefulLifeMonths: 36, residualRate: 0.05, monthsUsed: 12, monthly: 158.33 });
    expect(detail.netValue).toBe(4100);
    const noPrice = await registerAsset(w.adminApi, w, { purchasePrice: null });
    expect((await w.adminApi.get(`/api/assets/${noPrice.id}`)).json().netValue).toBeNull();
  });
});

describe('data scope of asset.read', () => {
  it('own, team, department and all each see exactly their assets; out of scope is 404', async () => {
    const holder = await t.createUser({ roles: ['requester'], departmentId: w.dept.network });
    const colleague = await t.createUser({ roles: ['requester'], departmentId: w.dept.network });
    const seller = await t.createUser({ roles: ['requester'], departmentId: w.dept.sales });
    const teammate = await t.createUser({ roles: ['requester'], departmentId: w.dept.sales });
    const engineer = await t.createUser({ roles: ['engineer'], departmentId: w.dept.hq });
    await t.createTeam(`桌面组${Math.random()}`, [engineer.id, teammate.id]);
    const supervisor = await t.createUser({ roles: ['supervisor'], departmentId: w.dept.it });

    const held = await registerAsset(w.adminApi, w, { name: '网络组的电脑' });
    await issuedTo(t, w, held.id, holder);
    const sellers = await registerAsset(w.adminApi, w, { name: '销售的电脑' });
    await issuedTo(t, w, sellers.id, seller);
    const teammates = await registerAsset(w.adminApi, w, { name: '组员的电脑' });
    await issuedTo(t, w, teammates.id, teammate);
    // Belongs to IT by department, held by nobody.
    const itStock = await registerAsset(w.adminApi, w, { name: '信息部库存', departmentId: w.dept.it });

    const visible = async (who: typeof holder) => {
      const api = await t.login(who);
      const res = (await api.get('/api/assets?pageSize=200')).json();
      return new Set(res.items.map((i: { id: number }) => i.id));
    };
    const own = await visible(holder);
    expect([...own]).toEqual([held.id]);
    expect((await visible(colleague)).size).toBe(0);
    const team = await visible(engineer);
    expect(team.has(teammates.id)).toBe(true);
    expect(team.has(sellers.id) || team.has(held.id)).toBe(false);
    const department = await visible(supervisor);
    expect(department.has(held.id) && department.has(itStock.id)).toBe(true);
    expect(department.has(sellers.id)).toBe(false);
    const all = await visible(w.admin);
    expect([held.id, sellers.id, teammates.id, itStock.id].every((id) => all.has(id))).toBe(true);

    const holderApi = await t.login(holder);
    const probe = await holderApi.get(`/api/assets/${sellers.id}`);
    expect(probe.statusCode).toBe(404);
    expect((await holderApi.get('/api/assets/99999999')).statusCode).toBe(404);
    expect((await holderApi.get(`/api/timeline/asset/${sellers.id}`)).statusCode).toBe(404);
    expect((await holderApi.post(`/api/assets/${sellers.id}/transfer`, { version: 1, userId: holder.id })).statusCode).toBe(404);
    expect((await holderApi.get(`/api/assets/${held.id}`)).json().tag).toBe(held.tag);
  });
});

describe('the list', () => {
  it('filters by status, category, location subtree, department subtree, warranty, purchase dates and keyword; sorts and pages', async () => {
    const cat = (await w.adminApi.post('/api/assets/categories', { code: 'LIST-CAT', name: '列表测试类' })).json().id;
    const mk = (f: Record<string, unknown>) => registerAsset(w.adminApi, w, { categoryId: cat, ...f });
    const soon = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
    const a = await mk({
      name: '戴尔显示器',
      model: 'U2723QE',
      serialNo: 'CN0ABC123',
      purchaseDate: '2023-01-10',
      purchasePrice: 3000,
      warrantyEnd: soon,
      locationId: w.location.room,
      departmentId: w.dept.network,
    });
    const b = await mk({
      name: '惠普打印机',
      purchaseDate: '2024-06-01',
      purchasePrice: 1500,
      warrantyEnd: '2020-01-01',
      locationId: w.location.store,
      departmentId: w.dept.sales,
    });
    const c = await mk({
      name: '华为交换机',
      purchaseDate: '2025-03-01',
      purchasePrice: 9000,
      warrantyEnd: '2030-01-01',
      locationId: w.location.building,
      departmentId: w.dept.it,
    });
    const ids = async (query: string) =>
      (await w.adminApi.get(`/api/assets?categoryId=${cat}&${query}`)).json().items.map((i: { id: number }) => i.id);

    expect(await ids('sort=price')).toEqual([b.id, a.id, c.id]);
    expect(await ids('sort=-purchaseDate')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=tag')).toEqual([a.id, b.id, c.id]);
    expect(await ids(`locationId=${w.location.building}&sort=tag`)).toEqual([a.id, c.id]);
    expect(await ids(`departmentId=${w.dept.it}&sort=tag`)).toEqual([a.id, c.id]);
    expect(await ids('warranty=expired')).toEqual([b.id]);
    expect(await ids('warranty=expiring&warrantyDays=30')).toEqual([a.id]);
    expect(await ids('purchasedFrom=2024-01-01&purchasedTo=2024-12-31')).toEqual([b.id]);
    expect(await ids('q=abc12')).toEqual([a.id]);
    expect(await ids('q=u2723')).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent(c.tag)}`)).toEqual([c.id]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids('status=in_use')).toEqual([]);
    const page2 = (await w.adminApi.get(`/api/assets?categoryId=${cat}&sort=tag&pageSize=2&page=2`)).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    expect((await w.adminApi.get('/api/assets?status=broken')).statusCode).toBe(400);
  });

  it('exports exactly the filtered rows to Excel for asset.export holders, audited; others are refused', async () => {
    const cat = (await w.adminApi.post('/api/assets/categories', { code: 'EXP-CAT', name: '导出测试类' })).json().id;
    const a = await registerAsset(w.adminApi, w, { categoryId: cat, name: '导出一', serialNo: 'EXP-1' });
    await registerAsset(w.adminApi, w, { categoryId: cat, name: '导出二', serialNo: 'EXP-2' });
    const res = await w.adminApi.get(`/api/assets/export?categoryId=${cat}&sort=tag`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toBe('资产编号');
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(1).text).toBe(a.tag);
    expect(sheet?.getRow(2).getCell(2).text).toBe('导出一');
    expect(sheet?.getRow(2).getCell(4).text).toBe('在库');
    const requester = await t.login(await t.createUser());
    expect((await requester.get('/api/assets/export')).statusCode).toBe(403);
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('action', '=', 'export')
      .where('object_type', '=', 'asset')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(1);
  });
});
