import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { auditFor, createCategory, createItem, field, label, rowCount, uniq } from './test-helpers.js';

let t: TestContext;
let admin: ApiClient;
let requester: ApiClient;
let adminId: number;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  const adminUser = await t.createUser({ roles: ['system_admin'] });
  adminId = adminUser.id;
  admin = await t.login(adminUser);
  requester = await t.login(await t.createUser({ roles: ['requester'] }));
});
afterAll(() => t.close());

const itemRow = (id: number) => t.platform.db.selectFrom('catalog_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const categoryRow = (id: number) =>
  t.platform.db.selectFrom('catalog_categories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const paths = (body: string) => (JSON.parse(body).error.details as { path: string }[]).map((d) => d.path);

describe('categories', () => {
  it('creates a top-level category and a sub-category, lists them and audits each', async () => {
    const top = await createCategory(admin, { name: label('电脑与外设', 'Computers'), icon: 'laptop' });
    const sub = await createCategory(admin, { parentId: top.id, name: label('打印与扫描') });
    expect(top).toMatchObject({ parentId: null, icon: 'laptop', active: true, version: 1, itemCount: 0 });
    expect(sub).toMatchObject({ parentId: top.id, name: { 'zh-CN': '打印与扫描' }, icon: null });
    const list = (await admin.get('/api/catalog/admin')).json();
    expect(list.categories.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([top.id, sub.id]));
    expect((await auditFor(t, 'catalogCategory', sub.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', adminId]]);
  });

  it('gives a new category the next sort order among its siblings', async () => {
    const top = await createCategory(admin);
    const a = await createCategory(admin, { parentId: top.id });
    const b = await createCategory(admin, { parentId: top.id });
    expect(b.sortOrder).toBeGreaterThan(a.sortOrder);
  });

  it('keeps the tree two levels deep: no category under a sub-category, and nothing changes', async () => {
    const top = await createCategory(admin);
    const sub = await createCategory(admin, { parentId: top.id });
    const before = await rowCount(t, 'catalog_categories');
    const res = await admin.post('/api/catalog/admin/categories', { code: `C-${uniq()}`, name: label('第三级'), parentId: sub.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'parentId', code: 'tooDeep', message: expect.stringContaining('两级') }]);
    expect(await rowCount(t, 'catalog_categories')).toBe(before);
  });

  it('refuses to move a category that has sub-categories under another, or a category under itself', async () => {
    const [a, b] = [await createCategory(admin), await createCategory(admin)];
    await createCategory(admin, { parentId: a.id });
    const moved = await admin.patch(`/api/catalog/admin/categories/${a.id}`, { parentId: b.id, version: a.version });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0]).toMatchObject({ path: 'parentId', code: 'hasChildren' });
    const self = await admin.patch(`/api/catalog/admin/categories/${b.id}`, { parentId: b.id, version: b.version });
    expect(self.statusCode).toBe(400);
    expect(paths(self.body)).toEqual(['parentId']);
    expect(await categoryRow(a.id)).toMatchObject({ parent_id: null, version: 1 });
    expect(await categoryRow(b.id)).toMatchObject({ parent_id: null, version: 1 });
  });

  it('moves a childless category under a top-level one, and back to the top', async () => {
    const [a, b] = [await createCategory(admin), await createCategory(admin)];
    const down = await admin.patch(`/api/catalog/admin/categories/${a.id}`, { parentId: b.id, version: 1 });
    expect(down.statusCode, down.body).toBe(200);
    expect(down.json()).toMatchObject({ parentId: b.id, version: 2 });
    const up = await admin.patch(`/api/catalog/admin/categories/${a.id}`, { parentId: null, version: 2 });
    expect(up.json()).toMatchObject({ parentId: null, version: 3 });
  });

  it('answers an unknown parent with 400 naming parentId', async () => {
    const res = await admin.post('/api/catalog/admin/categories', { code: `C-${uniq()}`, name: label('x'), parentId: 999_999 });
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual(['parentId']);
  });

  it('refuses a duplicate code in any case with 409 duplicate, on create and on edit', async () => {
    const code = `Dup-${uniq()}`;
    const first = await createCategory(admin, { code });
    const before = await rowCount(t, 'catalog_categories');
    const again = await admin.post('/api/catalog/admin/categories', { code: code.toUpperCase(), name: label('重复') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate', message: 'code 已存在' });
    expect(await rowCount(t, 'catalog_categories')).toBe(before);
    const other = await createCategory(admin);
    const renamed = await admin.patch(`/api/catalog/admin/categories/${other.id}`, { code: code.toLowerCase(), version: 1 });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.code).toBe('duplicate');
    expect(await categoryRow(other.id)).toMatchObject({ version: 1 });
    expect(first.id).toBeGreaterThan(0);
  });

  it('refuses a stale version with 409 versionConflict and changes nothing', async () => {
    const c = await createCategory(admin, { name: label('原名') });
    expect((await admin.patch(`/api/catalog/admin/categories/${c.id}`, { name: label('新名'), version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/catalog/admin/categories/${c.id}`, { name: label('覆盖'), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect(await categoryRow(c.id)).toMatchObject({ name: '新名', version: 2 });
    expect((await auditFor(t, 'catalogCategory', c.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('deactivates and reactivates, audited as such', async () => {
    const c = await createCategory(admin);
    const off = await admin.patch(`/api/catalog/admin/categories/${c.id}`, { active: false, version: 1 });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    await admin.patch(`/api/catalog/admin/categories/${c.id}`, { active: true, version: 2 });
    expect((await auditFor(t, 'catalogCategory', c.id)).map((a) => a.action)).toEqual(['create', 'deactivate', 'reactivate']);
  });

  it('answers 404 for an unknown category', async () => {
    const res = await admin.patch('/api/catalog/admin/categories/999999', { name: label('x'), version: 1 });
    expect(res.statusCode).toBe(404);
  });
});

describe('items', () => {
  let categoryId: number;
  let teamId: number;
  beforeAll(async () => {
    categoryId = (await createCategory(admin)).id;
    teamId = await t.createTeam('桌面支持组', []);
  });

  const form = [
    field('asset', 'asset', { required: true, label: label('资产编号', 'Asset tag'), placeholder: label('如 ZC-000123') }),
    field('symptom', 'select', {
      required: true,
      options: [
        { value: 'no_power', label: label('无法开机', 'Does not start') },
        { value: 'slow', label: label('运行缓慢', 'Slow') },
      ],
    }),
    field('qty', 'number', { min: 1, max: 5 }),
    field('details', 'textarea', { maxLength: 2000, help: label('尽量详细') }),
    field('photos', 'attachment'),
  ];

  it('creates an item with its form, team, price and visibility; reads it back whole and audits it', async () => {
    const dept = await t.createDepartment('销售部');
    const res = await admin.post('/api/catalog/admin/items', {
      categoryId,
      code: `PC-REPAIR-${uniq()}`,
      name: label('电脑故障报修', 'Computer repair'),
      description: label('电脑**无法开机**等', 'Computer will not start'),
      keywords: ['电脑', '报修', '电脑'],
      defaultPriority: 'P2',
      defaultTeamId: teamId,
      approvalRequired: true,
      price: 6500.5,
      visibility: { kind: 'departments', departmentIds: [dept, dept] },
      form,
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      categoryId,
      name: { 'zh-CN': '电脑故障报修', 'en-US': 'Computer repair' },
      description: { 'zh-CN': '电脑**无法开机**等' },
      keywords: ['电脑', '报修'],
      defaultPriority: 'P2',
      defaultTeamId: teamId,
      defaultTeamName: '桌面支持组',
      slaPolicyId: null,
      approvalRequired: true,
      price: 6500.5,
      visibility: { kind: 'departments', departmentIds: [dept] },
      active: true,
      version: 1,
    });
    expect(item.form).toEqual(form);
    expect((await admin.get(`/api/catalog/admin/items/${item.id}`)).json()).toEqual(item);
    const [entry] = await auditFor(t, 'catalogItem', item.id);
    expect(entry).toMatchObject({ action: 'create', actor_id: adminId, after: expect.objectContaining({ price: 6500.5 }) });
  });

  it('defaults: P3, no team, default SLA, no approval, free, everyone, empty form', async () => {
    const item = await createItem(admin, categoryId);
    expect(item).toMatchObject({
      defaultPriority: 'P3',
      defaultTeamId: null,
      slaPolicyId: null,
      approvalRequired: false,
      price: 0,
      visibility: { kind: 'everyone' },
      form: [],
      description: { 'zh-CN': '' },
      keywords: [],
    });
  });

  const badForms: [string, unknown[], string, string][] = [
    ['a repeated key', [field('a', 'text'), field('a', 'number')], 'form.1.key', 'duplicateKey'],
    ['a select without options', [field('a', 'text'), field('pick', 'select')], 'form.1.options', 'optionsRequired'],
    ['a multiselect with an empty option list', [field('pick', 'multiselect', { options: [] })], 'form.0.options', 'optionsRequired'],
    [
      'a repeated option value',
      [
        field('pick', 'select', {
          options: [
            { value: 'x', label: label('甲') },
            { value: 'x', label: label('乙') },
          ],
        }),
      ],
      'form.0.options.1.value',
      'duplicateOption',
    ],
    [
      'options on a text field',
      [field('a', 'text', { options: [{ value: 'x', label: label('甲') }] })],
      'form.0.options',
      'optionsNotAllowed',
    ],
    ['min above max', [field('n', 'number', { min: 5, max: 1 })], 'form.0.min', 'minAboveMax'],
    ['bounds on a date', [field('d', 'date', { max: 3 })], 'form.0.max', 'boundsNotAllowed'],
    ['maxLength on a number', [field('n', 'number', { maxLength: 3 })], 'form.0.maxLength', 'maxLengthNotAllowed'],
    ['a key with capitals', [field('Bad-Key', 'text')], 'form.0.key', 'invalid_format'],
    ['a key not starting with a letter', [field('__proto__', 'text')], 'form.0.key', 'invalid_format'],
    ['an unknown field type', [{ ...field('a', 'text'), type: 'colour' }], 'form.0.type', 'invalid_value'],
    ['a field without a label', [{ key: 'a', type: 'text' }], 'form.0.label', 'invalid_type'],
    ['an unknown property', [{ ...field('a', 'text'), colour: 'red' }], 'form.0.colour', 'unrecognized_keys'],
  ];
  for (const [what, badForm, path, code] of badForms) {
    it(`refuses a form with ${what}: 400 naming ${path}, nothing written`, async () => {
      const before = await rowCount(t, 'catalog_items');
      const res = await admin.post('/api/catalog/admin/items', { categoryId, code: `BAD-${uniq()}`, name: label('坏表单'), form: badForm });
      expect(res.statusCode, res.body).toBe(400);
      const details = res.json().error.details as { path: string; code: string; message: string }[];
      expect(details).toContainEqual(expect.objectContaining({ path, code }));
      for (const d of details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await rowCount(t, 'catalog_items')).toBe(before);
    });
  }

  it('refuses a bad form on edit too, leaving the item as it was', async () => {
    const item = await createItem(admin, categoryId, { form: [field('a', 'text')] });
    const res = await admin.patch(`/api/catalog/admin/items/${item.id}`, { form: [field('a', 'text'), field('a', 'text')], version: 1 });
    expect(res.statusCode).toBe(400);
    expect(paths(res.body)).toEqual(['form.1.key']);
    expect(await itemRow(item.id)).toMatchObject({ version: 1, form: [field('a', 'text')] });
  });

  it('words form-definition problems in the reader’s language', async () => {
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', adminId).execute();
    try {
      const res = await admin.post('/api/catalog/admin/items', {
        categoryId,
        code: `X-${uniq()}`,
        name: label('x'),
        form: [field('k', 'text'), field('k', 'date')],
      });
      expect(res.json().error.details[0].message).toBe('Field key "k" is used twice');
    } finally {
      await t.platform.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', adminId).execute();
    }
  });

  const badRefs: [string, () => Promise<Record<string, unknown>>, string][] = [
    ['an unknown category', async () => ({ categoryId: 999_999 }), 'categoryId'],
    ['an unknown team', async () => ({ defaultTeamId: 999_999 }), 'defaultTeamId'],
    ['an unknown SLA policy', async () => ({ slaPolicyId: 999_999 }), 'slaPolicyId'],
    [
      'a deactivated team',
      async () => {
        const id = await t.createTeam('已撤销的组', []);
        await t.platform.db.updateTable('teams').set({ active: false }).where('id', '=', id).execute();
        return { defaultTeamId: id };
      },
      'defaultTeamId',
    ],
    ['an unknown department', async () => ({ visibility: { kind: 'departments', departmentIds: [999_999] } }), 'visibility.departmentIds'],
    ['an unknown role', async () => ({ visibility: { kind: 'roles', roleKeys: ['requester', 'no_such_role'] } }), 'visibility.roleKeys'],
    ['an empty department list', async () => ({ visibility: { kind: 'departments', departmentIds: [] } }), 'visibility.departmentIds'],
    ['a price with fractions of a fen', async () => ({ price: 1.005 }), 'price'],
    ['a negative price', async () => ({ price: -1 }), 'price'],
    ['an unknown priority', async () => ({ defaultPriority: 'P5' }), 'defaultPriority'],
  ];
  for (const [what, body, path] of badRefs) {
    it(`refuses ${what} with 400 naming ${path}, nothing written`, async () => {
      const before = await rowCount(t, 'catalog_items');
      const res = await admin.post('/api/catalog/admin/items', {
        categoryId,
        code: `REF-${uniq()}`,
        name: label('引用'),
        ...(await body()),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(paths(res.body)).toContain(path);
      expect(await rowCount(t, 'catalog_items')).toBe(before);
    });
  }

  it('takes an existing SLA policy, and null for the default one', async () => {
    const policy = await t.platform.db.selectFrom('sla_policies').select('id').executeTakeFirstOrThrow();
    const item = await createItem(admin, categoryId, { slaPolicyId: policy.id });
    expect(item).toMatchObject({ slaPolicyId: policy.id });
    const res = await admin.patch(`/api/catalog/admin/items/${item.id}`, { slaPolicyId: null, version: 1 });
    expect(res.json()).toMatchObject({ slaPolicyId: null, version: 2 });
  });

  it('names the unknown role in the message', async () => {
    const res = await admin.post('/api/catalog/admin/items', {
      categoryId,
      code: `R-${uniq()}`,
      name: label('x'),
      visibility: { kind: 'roles', roleKeys: ['ghost_role'] },
    });
    expect(res.json().error.details[0].message).toBe('角色「ghost_role」不存在');
  });

  it('edits replace the form and visibility whole, bump the version and audit before/after', async () => {
    const item = await createItem(admin, categoryId, { form, visibility: { kind: 'roles', roleKeys: ['it_manager'] } });
    const res = await admin.patch(`/api/catalog/admin/items/${item.id}`, {
      name: label('新名称', 'New name'),
      form: [field('only', 'date', { required: true })],
      visibility: { kind: 'everyone' },
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: { 'zh-CN': '新名称' }, visibility: { kind: 'everyone' }, version: 2 });
    expect(res.json().form).toEqual([field('only', 'date', { required: true })]);
    expect(await itemRow(item.id)).toMatchObject({ visible_role_keys: [], visibility: 'everyone' });
    const audit = await auditFor(t, 'catalogItem', item.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]?.before).toMatchObject({ name: { 'zh-CN': '测试服务' }, visibility: { kind: 'roles' } });
    expect(audit[1]?.after).toMatchObject({ name: { 'zh-CN': '新名称' } });
  });

  it('refuses a stale version with 409 versionConflict: nothing changed, nothing audited', async () => {
    const item = await createItem(admin, categoryId, { price: 10 });
    expect((await admin.patch(`/api/catalog/admin/items/${item.id}`, { price: 20, version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/catalog/admin/items/${item.id}`, { price: 30, form: [field('x', 'text')], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toEqual({ code: 'versionConflict', message: '该记录已被他人修改，请刷新后再保存' });
    expect(await itemRow(item.id)).toMatchObject({ price: '20.00', version: 2, form: [] });
    expect((await auditFor(t, 'catalogItem', item.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuses a duplicate item code in any case with 409, on create and on edit', async () => {
    const code = `Item-Dup-${uniq()}`;
    await createItem(admin, categoryId, { code });
    const before = await rowCount(t, 'catalog_items');
    const again = await admin.post('/api/catalog/admin/items', { categoryId, code: code.toLowerCase(), name: label('重复') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate' });
    expect(await rowCount(t, 'catalog_items')).toBe(before);
    const other = await createItem(admin, categoryId);
    const edit = await admin.patch(`/api/catalog/admin/items/${other.id}`, { code: code.toUpperCase(), version: 1 });
    expect(edit.statusCode).toBe(409);
    expect(await itemRow(other.id)).toMatchObject({ code: other.code, version: 1 });
  });

  it('deactivates an item (audited as deactivate) and lists it for admins still', async () => {
    const item = await createItem(admin, categoryId);
    const res = await admin.patch(`/api/catalog/admin/items/${item.id}`, { active: false, version: 1 });
    expect(res.json()).toMatchObject({ active: false, version: 2 });
    const list = (await admin.get('/api/catalog/admin')).json();
    expect(list.items.find((i: { id: number }) => i.id === item.id)).toMatchObject({ active: false });
    expect((await auditFor(t, 'catalogItem', item.id)).map((a) => a.action)).toEqual(['create', 'deactivate']);
  });

  it('answers 404 for an unknown item, on read and on edit', async () => {
    expect((await admin.get('/api/catalog/admin/items/999999')).statusCode).toBe(404);
    expect((await admin.patch('/api/catalog/admin/items/999999', { price: 1, version: 1 })).statusCode).toBe(404);
  });
});

describe('reorder', () => {
  it('puts items in the listed order, versioning and auditing only those that moved', async () => {
    const category = await createCategory(admin);
    const [a, b, c] = [await createItem(admin, category.id), await createItem(admin, category.id), await createItem(admin, category.id)];
    expect([a.sortOrder, b.sortOrder, c.sortOrder]).toEqual([10, 20, 30]);
    const res = await admin.post('/api/catalog/admin/reorder', {
      kind: 'item',
      order: [a, c, b].map(({ id, version }) => ({ id, version })),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { id: a.id, sortOrder: 10, version: 1 },
      { id: c.id, sortOrder: 20, version: 2 },
      { id: b.id, sortOrder: 30, version: 2 },
    ]);
    expect(await itemRow(c.id)).toMatchObject({ sort_order: 20, version: 2 });
    expect(await itemRow(a.id)).toMatchObject({ sort_order: 10, version: 1 });
    expect((await auditFor(t, 'catalogItem', c.id)).map((x) => [x.action, x.before, x.after])).toEqual([
      ['create', null, expect.anything()],
      ['update', { sortOrder: 30 }, { sortOrder: 20 }],
    ]);
    expect(await auditFor(t, 'catalogItem', a.id)).toHaveLength(1);
  });

  it('refuses the whole reorder when one entry is stale, changing nothing', async () => {
    const [x, y] = [await createCategory(admin), await createCategory(admin)];
    await admin.patch(`/api/catalog/admin/categories/${y.id}`, { icon: 'mail', version: 1 });
    const res = await admin.post('/api/catalog/admin/reorder', {
      kind: 'category',
      order: [
        { id: y.id, version: 1 },
        { id: x.id, version: 1 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('versionConflict');
    expect(await categoryRow(x.id)).toMatchObject({ sort_order: x.sortOrder, version: 1 });
    expect(await categoryRow(y.id)).toMatchObject({ sort_order: y.sortOrder, version: 2 });
  });

  it('refuses a list naming a record twice (400) or an unknown record (404)', async () => {
    const c = await createCategory(admin);
    const twice = await admin.post('/api/catalog/admin/reorder', {
      kind: 'category',
      order: [
        { id: c.id, version: 1 },
        { id: c.id, version: 1 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(paths(twice.body)).toEqual(['order']);
    const unknown = await admin.post('/api/catalog/admin/reorder', { kind: 'item', order: [{ id: 999_999, version: 1 }] });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('who may manage the catalogue', () => {
  it('a requester gets 403 on every admin route and nothing changes', async () => {
    const category = await createCategory(admin);
    const item = await createItem(admin, category.id);
    const before = [await rowCount(t, 'catalog_categories'), await rowCount(t, 'catalog_items')];
    const attempts = [
      requester.get('/api/catalog/admin'),
      requester.get(`/api/catalog/admin/items/${item.id}`),
      requester.post('/api/catalog/admin/categories', { code: `C-${uniq()}`, name: label('x') }),
      requester.patch(`/api/catalog/admin/categories/${category.id}`, { active: false, version: 1 }),
      requester.post('/api/catalog/admin/items', { categoryId: category.id, code: `I-${uniq()}`, name: label('x') }),
      requester.patch(`/api/catalog/admin/items/${item.id}`, { active: false, version: 1 }),
      requester.post('/api/catalog/admin/reorder', { kind: 'item', order: [{ id: item.id, version: 1 }] }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect([await rowCount(t, 'catalog_categories'), await rowCount(t, 'catalog_items')]).toEqual(before);
    expect(await itemRow(item.id)).toMatchObject({ active: true, version: 1 });
    expect(await categoryRow(category.id)).toMatchObject({ active: true, version: 1 });
  });

  it('an IT manager (no catalog.manage) is refused too; nobody signed in gets 401', async () => {
    const manager = await t.login(await t.createUser({ roles: ['it_manager'] }));
    expect((await manager.get('/api/catalog/admin')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/catalog/admin')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/catalog')).statusCode).toBe(401);
  });
});
