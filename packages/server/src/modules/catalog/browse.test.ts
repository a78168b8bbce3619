import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { createCategory, createItem, field, label, uniq } from './test-helpers.js';

let t: TestContext;
let admin: ApiClient;

// The company: 集团 → 销售部 → 华东大区; 人力资源部 beside it.
let sales: number;
let east: number;
let hr: number;
// One category holding an item for everyone, one for 销售部 (and below), one for IT managers.
let categoryId: number;
let everyone: number;
let salesOnly: number;
let managersOnly: number;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
  const hq = await t.createDepartment('集团');
  sales = await t.createDepartment('销售部', hq);
  east = await t.createDepartment('华东大区', sales);
  hr = await t.createDepartment('人力资源部', hq);
  categoryId = (await createCategory(admin, { name: label('可见性测试', 'Visibility tests') })).id;
  everyone = (await createItem(admin, categoryId, { name: label('公共服务', 'Public service') })).id;
  salesOnly = (
    await createItem(admin, categoryId, {
      name: label('销售专属服务'),
      keywords: ['绝密关键词'],
      visibility: { kind: 'departments', departmentIds: [sales] },
    })
  ).id;
  managersOnly = (
    await createItem(admin, categoryId, { name: label('经理专属服务'), visibility: { kind: 'roles', roleKeys: ['it_manager'] } })
  ).id;
});
afterAll(() => t.close());

const person = async (options: Parameters<TestContext['createUser']>[0]) => t.login(await t.createUser(options));

/** Item ids in the catalogue tree the client sees. */
async function visibleIds(client: ApiClient): Promise<number[]> {
  const res = await client.get('/api/catalog');
  expect(res.statusCode, res.body).toBe(200);
  const tree = res.json() as { categories: { items: { id: number }[]; children: { items: { id: number }[] }[] }[] };
  return tree.categories.flatMap((c) => [...c.items, ...c.children.flatMap((s) => s.items)].map((i) => i.id));
}

const searchIds = async (client: ApiClient, q: string) => {
  const res = await client.get(`/api/catalog/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: number }[]).map((i) => i.id);
};

describe('who sees what', () => {
  it('someone in a sub-department of a listed department sees the item, in list, search and by id', async () => {
    const seller = await person({ roles: ['requester'], departmentId: east });
    expect(await visibleIds(seller)).toEqual(expect.arrayContaining([everyone, salesOnly]));
    expect(await visibleIds(seller)).not.toContain(managersOnly);
    expect(await searchIds(seller, '绝密关键词')).toEqual([salesOnly]);
    expect((await seller.get(`/api/catalog/items/${salesOnly}`)).statusCode).toBe(200);
  });

  it('someone in the listed department itself sees it too', async () => {
    const seller = await person({ roles: ['requester'], departmentId: sales });
    expect(await visibleIds(seller)).toContain(salesOnly);
  });

  it('someone outside the listed subtree does not: absent from list and search, 404 by id exactly like a missing item', async () => {
    const recruiter = await person({ roles: ['requester'], departmentId: hr });
    expect(await visibleIds(recruiter)).toEqual([everyone]);
    expect(await searchIds(recruiter, '绝密关键词')).toEqual([]);
    expect(await searchIds(recruiter, '专属服务')).toEqual([]);
    const hidden = await recruiter.get(`/api/catalog/items/${salesOnly}`);
    const missing = await recruiter.get('/api/catalog/items/999999');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
  });

  it('someone in no department sees only what is for everyone', async () => {
    const nobody = await person({ roles: ['requester'], departmentId: null });
    expect(await visibleIds(nobody)).toEqual([everyone]);
  });

  it('holders of a listed role see a role-restricted item; others do not', async () => {
    const manager = await person({ roles: ['requester', 'it_manager'], departmentId: hr });
    expect(await visibleIds(manager)).toEqual(expect.arrayContaining([everyone, managersOnly]));
    expect(await searchIds(manager, '经理专属')).toEqual([managersOnly]);
    expect((await manager.get(`/api/catalog/items/${managersOnly}`)).statusCode).toBe(200);
    const plain = await person({ roles: ['requester'], departmentId: sales });
    expect(await visibleIds(plain)).not.toContain(managersOnly);
    expect(await searchIds(plain, '经理专属')).toEqual([]);
    expect((await plain.get(`/api/catalog/items/${managersOnly}`)).statusCode).toBe(404);
  });

  it('follows department moves: a user moved out of the subtree loses the item', async () => {
    const user = await t.createUser({ roles: ['requester'], departmentId: east });
    const client = await t.login(user);
    expect(await visibleIds(client)).toContain(salesOnly);
    await t.platform.db.updateTable('users').set({ department_id: hr }).where('id', '=', user.id).execute();
    expect(await visibleIds(client)).not.toContain(salesOnly);
  });

  it('a catalogue administrator browses as a requester too (hidden items stay out of the requester views)', async () => {
    expect(await visibleIds(admin)).not.toContain(salesOnly);
  });
});

describe('withdrawn items and categories', () => {
  it('an inactive item, or one in an inactive category or under an inactive parent, is gone for requesters', async () => {
    const requester = await person({ roles: ['requester'] });
    const top = await createCategory(admin, { name: label('临时分类') });
    const sub = await createCategory(admin, { parentId: top.id, name: label('临时子分类') });
    const inTop = await createItem(admin, top.id, { name: label('停用测试甲') });
    const inSub = await createItem(admin, sub.id, { name: label('停用测试乙') });
    expect(await visibleIds(requester)).toEqual(expect.arrayContaining([inTop.id, inSub.id]));

    await admin.patch(`/api/catalog/admin/items/${inTop.id}`, { active: false, version: 1 });
    expect(await visibleIds(requester)).not.toContain(inTop.id);
    expect((await requester.get(`/api/catalog/items/${inTop.id}`)).statusCode).toBe(404);
    expect(await searchIds(requester, '停用测试甲')).toEqual([]);

    await admin.patch(`/api/catalog/admin/categories/${top.id}`, { active: false, version: 1 });
    expect(await visibleIds(requester)).not.toContain(inSub.id);
    expect((await requester.get(`/api/catalog/items/${inSub.id}`)).statusCode).toBe(404);
    expect(await searchIds(requester, '停用测试乙')).toEqual([]);
  });

  it('leaves out categories with nothing the reader may request', async () => {
    const requester = await person({ roles: ['requester'], departmentId: hr });
    const empty = await createCategory(admin, { name: label('空分类') });
    const hiddenOnly = await createCategory(admin, { name: label('只有隐藏项') });
    await createItem(admin, hiddenOnly.id, { visibility: { kind: 'departments', departmentIds: [sales] } });
    const ids = ((await requester.get('/api/catalog')).json().categories as { id: number }[]).map((c) => c.id);
    expect(ids).toContain(categoryId);
    expect(ids).not.toContain(empty.id);
    expect(ids).not.toContain(hiddenOnly.id);
  });
});

describe('the requester’s view', () => {
  it('nests sub-categories under their category in sort order, items in sort order', async () => {
    const requester = await person({ roles: ['requester'] });
    const top = await createCategory(admin, { name: label('树形测试'), icon: 'laptop' });
    const second = await createCategory(admin, { parentId: top.id, name: label('第二子类') });
    const first = await createCategory(admin, { parentId: top.id, name: label('第一子类') });
    await admin.post('/api/catalog/admin/reorder', {
      kind: 'category',
      order: [
        { id: first.id, version: 1 },
        { id: second.id, version: 1 },
      ],
    });
    const direct = await createItem(admin, top.id, { name: label('直属服务') });
    const b = await createItem(admin, first.id, { name: label('服务乙') });
    const a = await createItem(admin, first.id, { name: label('服务甲'), sortOrder: 1 });
    await createItem(admin, second.id, { name: label('服务丙') });
    const tree = (await requester.get('/api/catalog')).json();
    const node = tree.categories.find((c: { id: number }) => c.id === top.id);
    expect(node).toMatchObject({ name: '树形测试', icon: 'laptop', items: [{ id: direct.id, name: '直属服务' }] });
    expect(node.children.map((c: { name: string }) => c.name)).toEqual(['第一子类', '第二子类']);
    expect(node.children[0].items.map((i: { id: number }) => i.id)).toEqual([a.id, b.id]);
  });

  it('shows an item with its form in the reader’s language, falling back to Chinese where no English was given', async () => {
    const top = await createCategory(admin, { name: label('电脑与外设', 'Computers') });
    const sub = await createCategory(admin, { parentId: top.id, name: label('维修') });
    const item = await createItem(admin, sub.id, {
      name: label('电脑故障报修', 'Computer repair'),
      description: { 'zh-CN': '电脑无法开机', 'en-US': 'Computer will not start' },
      approvalRequired: true,
      price: 99.9,
      defaultPriority: 'P2',
      form: [
        field('symptom', 'select', {
          required: true,
          label: label('故障现象', 'Symptom'),
          options: [
            { value: 'no_power', label: label('无法开机', 'Does not start') },
            { value: 'other', label: label('其他') },
          ],
          help: label('选最接近的', 'Pick the closest'),
        }),
        field('qty', 'number', { label: label('数量'), min: 1, max: 3, placeholder: label('1-3') }),
      ],
    });
    const englishUser = await t.createUser({ roles: ['requester'] });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', englishUser.id).execute();
    const en = (await (await t.login(englishUser)).get(`/api/catalog/items/${item.id}`)).json();
    expect(en).toEqual({
      id: item.id,
      code: item.code,
      categoryId: sub.id,
      categoryPath: ['Computers', '维修'],
      name: 'Computer repair',
      description: 'Computer will not start',
      defaultPriority: 'P2',
      approvalRequired: true,
      price: 99.9,
      version: 1,
      form: [
        {
          key: 'symptom',
          label: 'Symptom',
          type: 'select',
          required: true,
          options: [
            { value: 'no_power', label: 'Does not start' },
            { value: 'other', label: '其他' },
          ],
          help: 'Pick the closest',
        },
        { key: 'qty', label: '数量', type: 'number', required: false, min: 1, max: 3, placeholder: '1-3' },
      ],
    });
    const zh = (await (await person({ roles: ['requester'] })).get(`/api/catalog/items/${item.id}`)).json();
    expect(zh).toMatchObject({ name: '电脑故障报修', description: '电脑无法开机', categoryPath: ['电脑与外设', '维修'] });
    expect(zh.form[0].options[0].label).toBe('无法开机');
  });

  it('refuses a bad search with 400: empty, too long, unknown parameters', async () => {
    const requester = await person({ roles: ['requester'] });
    expect((await requester.get('/api/catalog/search?q=')).statusCode).toBe(400);
    expect((await requester.get('/api/catalog/search?q=%20%20')).statusCode).toBe(400);
    expect((await requester.get(`/api/catalog/search?q=${'长'.repeat(101)}`)).statusCode).toBe(400);
    expect((await requester.get('/api/catalog/search?q=a&x=1')).statusCode).toBe(400);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const requester = await person({ roles: ['requester'] });
    const odd = await createItem(admin, categoryId, { name: label(`折扣100%_${uniq()}`) });
    expect(await searchIds(requester, '%')).toEqual([odd.id]);
    expect(await searchIds(requester, '0%_')).toEqual([odd.id]);
  });
});
