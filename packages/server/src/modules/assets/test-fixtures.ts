import { randomBytes } from 'node:crypto';
import type { ApiClient, TestContext, TestUser } from '../../test/harness.js';

/** An asset world in one call: categories, a location tree, departments, an asset admin, an approver. */
export async function assetWorld(t: TestContext) {
  const u = () => randomBytes(3).toString('hex');
  const hq = await t.createDepartment('总部');
  const it = await t.createDepartment('信息部', hq);
  const network = await t.createDepartment('网络组', it);
  const sales = await t.createDepartment('销售部');
  const admin = await t.createUser({ roles: ['asset_admin'], departmentId: it });
  const manager = await t.createUser({ roles: ['it_manager'], departmentId: it });
  const adminApi = await t.login(admin);
  const laptop = (
    await adminApi.post('/api/assets/categories', {
      code: `LAPTOP-${u()}`,
      name: `笔记本电脑${u()}`,
      usefulLifeMonths: 36,
      residualRate: 0.05,
    })
  ).json().id as number;
  const monitor = (await adminApi.post('/api/assets/categories', { code: `MON-${u()}`, name: `显示器${u()}`, usefulLifeMonths: 60 })).json()
    .id as number;
  const building = (await adminApi.post('/api/assets/locations', { code: `HQ-${u()}`, name: `总部大楼${u()}` })).json().id as number;
  const room = (await adminApi.post('/api/assets/locations', { code: `IT-ROOM-${u()}`, name: `三楼机房${u()}`, parentId: building })).json()
    .id as number;
  const store = (await adminApi.post('/api/assets/locations', { code: `STORE-${u()}`, name: `IT 库房${u()}` })).json().id as number;
  return { dept: { hq, it, network, sales }, admin, manager, adminApi, category: { laptop, monitor }, location: { building, room, store } };
}

export type AssetWorld = Awaited<ReturnType<typeof assetWorld>>;

/** Registers an asset through the API (inbound) and returns its detail. */
export async function registerAsset(api: ApiClient, world: AssetWorld, fields: Record<string, unknown> = {}) {
  const res = await api.post('/api/assets', {
    categoryId: world.category.laptop,
    name: 'ThinkPad T14',
    model: 'T14 Gen 4',
    purchaseDate: '2025-11-01',
    purchasePrice: 6000,
    warrantyEnd: '2028-10-31',
    locationId: world.location.store,
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; tag: string; version: number; status: string };
}

/** Issues an asset to a user and has them confirm receipt; returns the asset's version after. */
export async function issuedTo(t: TestContext, world: AssetWorld, assetId: number, user: TestUser): Promise<number> {
  const detail = (await world.adminApi.get(`/api/assets/${assetId}`)).json();
  const issued = await world.adminApi.post(`/api/assets/${assetId}/issue`, { version: detail.version, userId: user.id });
  if (issued.statusCode !== 200) throw new Error(`issue failed: ${issued.body}`);
  const received = await (await t.login(user)).post(`/api/assets/${assetId}/receive`, { version: issued.json().version });
  if (received.statusCode !== 200) throw new Error(`receive failed: ${received.body}`);
  return received.json().version;
}
