import { CatalogItemBody, formDefinitionIssues } from '@shuyun/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { seedCatalogDemo } from './demo.js';
import { DEMO_CATALOG, type DemoCategory } from './demo-data.js';
import { catalogItemNames } from './service.js';

const allCategories = (list: DemoCategory[]): DemoCategory[] => list.flatMap((c) => [c, ...allCategories(c.children ?? [])]);
const allItems = allCategories(DEMO_CATALOG).flatMap((c) => c.items);

describe('the demo catalogue data', () => {
  it('has unique codes and only forms and items the admin API would accept', () => {
    const codes = allItems.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of allItems) {
      const body = CatalogItemBody.safeParse({
        categoryId: 1,
        code: item.code,
        name: item.name,
        description: item.description,
        keywords: item.keywords,
        defaultPriority: item.priority,
        price: item.price ?? 0,
        approvalRequired: item.approval ?? false,
        form: item.form,
      });
      expect(body.error?.issues, item.code).toBeUndefined();
      expect(formDefinitionIssues(item.form), item.code).toEqual([]);
    }
  });
});

describe('seedCatalogDemo', () => {
  let t: TestContext;
  let summary: { categories: number; items: number };
  const dept: Record<string, number> = {};
  const teams: Record<string, number> = {};

  beforeAll(async () => {
    t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
    const { db } = t.platform;
    for (const code of ['SD', 'DESKTOP', 'INFRA', 'APP']) {
      teams[code] = (await db.insertInto('teams').values({ code, name: code }).returning('id').executeTakeFirstOrThrow()).id;
    }
    for (const code of ['HR', 'IT', 'RETAIL', 'SALES']) {
      const { id } = await db.insertInto('departments').values({ code, name: code, path: '/' }).returning('id').executeTakeFirstOrThrow();
      await db
        .updateTable('departments')
        .set({ path: `/${id}/` })
        .where('id', '=', id)
        .execute();
      dept[code] = id;
    }
    summary = await db.transaction().execute((trx) => seedCatalogDemo(trx));
  });
  afterAll(() => t.close());

  const requesterIn = async (code: string) => t.login(await t.createUser({ roles: ['requester'], departmentId: dept[code] }));
  const search = async (client: ApiClient, q: string) => {
    const res = await client.get(`/api/catalog/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { code: string; name: string; categoryPath: string[] }[];
  };

  it('loads every category and item, with the default teams found by code, and audits the load', async () => {
    expect(summary).toEqual({ categories: allCategories(DEMO_CATALOG).length, items: allItems.length });
    const rows = await t.platform.db.selectFrom('catalog_items').select(['code', 'default_team_id']).execute();
    expect(rows).toHaveLength(allItems.length);
    for (const item of allItems) {
      expect(rows.find((r) => r.code === item.code)?.default_team_id, item.code).toBe(teams[item.team]);
    }
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_type'])
      .where('object_type', '=', 'catalogItem')
      .execute();
    expect(audit).toEqual([{ action: 'import', object_type: 'catalogItem' }]);
  });

  it('reads back whole through the admin API', async () => {
    const admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
    const res = await admin.get('/api/catalog/admin');
    expect(res.statusCode, res.body).toBe(200);
    const newPc = res.json().items.find((i: { code: string }) => i.code === 'DEV-NEW-PC');
    expect(newPc).toMatchObject({ approvalRequired: true, price: 6500, defaultTeamId: teams.DESKTOP, name: { 'en-US': 'New computer' } });
  });

  it('finds 打印 in a printer problem, first', async () => {
    const found = await search(await requesterIn('SALES'), '打印');
    expect(found[0]).toMatchObject({ code: 'DEV-PRINTER', name: '打印机故障', categoryPath: ['电脑与外设'] });
  });

  it('finds VPN in any case, VPN access first', async () => {
    const client = await requesterIn('SALES');
    expect((await search(client, 'VPN'))[0]?.code).toBe('NET-VPN');
    expect((await search(client, 'vpn'))[0]?.code).toBe('NET-VPN');
  });

  it('finds 账号 in names and keywords, leaving out what HR keeps for itself', async () => {
    const sales = (await search(await requesterIn('SALES'), '账号')).map((i) => i.code);
    expect(sales).toEqual(expect.arrayContaining(['ACC-PASSWORD', 'ACC-PERMISSION', 'NET-GUEST-WIFI']));
    expect(sales).not.toContain('ACC-ONBOARD');
    expect(sales).not.toContain('ACC-OFFBOARD');
    const hr = (await search(await requesterIn('HR'), '账号')).map((i) => i.code);
    expect(hr).toEqual(expect.arrayContaining(['ACC-ONBOARD', 'ACC-OFFBOARD', 'ACC-PASSWORD']));
  });

  it('finds words from descriptions, and several words together', async () => {
    const hr = await requesterIn('HR');
    expect((await search(hr, '入职前')).map((i) => i.code)).toEqual(['ACC-ONBOARD']);
    expect((await search(hr, '电脑 申领')).map((i) => i.code)).toEqual(['DEV-NEW-PC']);
    expect(await search(hr, '量子计算')).toEqual([]);
  });

  it('shows POS only to the stores and IT, under 业务系统 › 门店零售', async () => {
    const store = await requesterIn('RETAIL');
    const [pos] = await search(store, 'POS');
    expect(pos).toMatchObject({ code: 'APP-POS', categoryPath: ['业务系统', '门店零售'] });
    expect((await search(await requesterIn('SALES'), 'POS')).map((i) => i.code)).not.toContain('APP-POS');
    const tree = (await store.get('/api/catalog')).json();
    const business = tree.categories.find((c: { code: string }) => c.code === 'BUSINESS');
    expect(business.children.map((c: { code: string }) => c.code)).toEqual(['BIZ-ERP', 'BIZ-RETAIL', 'BIZ-SALES']);
  });

  it('offers English to English readers', async () => {
    const user = await t.createUser({ roles: ['requester'], departmentId: dept.SALES });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', user.id).execute();
    const tree = (await (await t.login(user)).get('/api/catalog')).json();
    expect(tree.categories.map((c: { name: string }) => c.name)).toEqual([
      'Accounts and access',
      'Computers and peripherals',
      'Network and remote access',
      'Mail and collaboration',
      'Business systems',
      'Other',
    ]);
  });

  it('names many items at once in the reader’s language, leaving unknown ids out', async () => {
    const rows = await t.platform.db
      .selectFrom('catalog_items')
      .select(['id', 'code'])
      .where('code', 'in', ['NET-VPN', 'DEV-PRINTER'])
      .execute();
    const ids = rows.map((r) => r.id);
    const byCode = (names: Map<number, string>, code: string) => names.get(rows.find((r) => r.code === code)?.id ?? 0);
    const zh = await catalogItemNames(t.platform.db, [...ids, ...ids, 999_999], 'zh-CN');
    expect(zh.size).toBe(2);
    expect(byCode(zh, 'NET-VPN')).toBe('VPN 开通');
    const en = await catalogItemNames(t.platform.db, ids, 'en-US');
    expect(byCode(en, 'DEV-PRINTER')).toBe('Printer problem');
    expect(await catalogItemNames(t.platform.db, [], 'zh-CN')).toEqual(new Map());
  });
});
