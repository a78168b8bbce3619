import { ASSET_TAG_PREFIX } from '@shuyun/shared';
import { nextTag } from '../../../platform/numbering/numbering.js';
import type { ApiClient, TestContext, TestUser } from '../../../test/harness.js';

export interface StocktakeFixture {
  owner: TestUser;
  counter: TestUser;
  counter2: TestUser;
  /** asset.stocktake with scope own: sees only stocktakes they own or count. */
  outsider: TestUser;
  requester: TestUser;
  departments: { hq: number; hqIt: number; branch: number };
  locations: { tower: number; floor3: number; warehouse: number };
  categories: { laptop: number; monitor: number };
}

/** Owner, counters, an outsider and a requester; a department tree, a location tree and two categories. */
export async function stocktakeWorld(t: TestContext): Promise<StocktakeFixture> {
  const { db } = t.platform;
  const hq = await t.createDepartment('总部');
  const hqIt = await t.createDepartment('总部信息部', hq);
  const branch = await t.createDepartment('华东分公司');
  const owner = await t.createUser({ roles: ['asset_admin'], departmentId: hqIt });
  const counter = await t.createUser({ roles: ['asset_admin'], departmentId: hqIt });
  const counter2 = await t.createUser({ roles: ['asset_admin'], departmentId: hqIt });
  const outsider = await t.createUser({ roles: ['asset_admin'], scope: 'own', departmentId: branch });
  const requester = await t.createUser({ roles: ['requester'], departmentId: hqIt });
  const location = async (code: string, name: string, parent?: { id: number; path: string }) => {
    const row = await db
      .insertInto('asset_locations')
      .values({ code, name, parent_id: parent?.id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${row.id}/`;
    await db.updateTable('asset_locations').set({ path }).where('id', '=', row.id).execute();
    return { id: row.id, path };
  };
  const tower = await location(`T-${hq}`, '总部大楼');
  const floor3 = await location(`F3-${hq}`, '总部大楼 3 层', tower);
  const warehouse = await location(`W-${hq}`, '华东仓库');
  const category = async (code: string, name: string) =>
    (
      await db
        .insertInto('asset_categories')
        .values({ code: `${code}-${hq}`, name })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    owner,
    counter,
    counter2,
    outsider,
    requester,
    departments: { hq, hqIt, branch },
    locations: { tower: tower.id, floor3: floor3.id, warehouse: warehouse.id },
    categories: { laptop: await category('LT', '笔记本电脑'), monitor: await category('MN', '显示器') },
  };
}

export interface AssetSpec {
  categoryId: number;
  departmentId?: number | null;
  locationId?: number | null;
  custodianId?: number | null;
  status?: 'in_stock' | 'in_use' | 'in_repair' | 'scrapped' | 'disposed' | 'lost';
  name?: string;
}

/** Inserts an asset directly (the assets module's service is not ours to call); its tag from nextTag. */
export async function createAsset(t: TestContext, spec: AssetSpec) {
  const { db } = t.platform;
  const tag = await nextTag(db, ASSET_TAG_PREFIX);
  return db
    .insertInto('assets')
    .values({
      tag,
      name: spec.name ?? `资产 ${tag}`,
      category_id: spec.categoryId,
      department_id: spec.departmentId ?? null,
      location_id: spec.locationId ?? null,
      custodian_id: spec.custodianId ?? null,
      status: spec.status ?? 'in_use',
    })
    .returning(['id', 'tag', 'version'])
    .executeTakeFirstOrThrow();
}

/** Creates (and optionally starts) a stocktake through the API; returns its detail. */
export async function newStocktake(
  api: ApiClient,
  body: Record<string, unknown>,
  options: { start?: boolean } = { start: true },
): Promise<{
  id: number;
  number: string;
  version: number;
  status: string;
  progress: { expected: number; pending: number; found: number };
}> {
  const created = await api.post('/api/stocktakes', { name: '季度盘点', ...body });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const st = created.json();
  if (options.start === false) return st;
  const started = await api.post(`/api/stocktakes/${st.id}/actions/start`, { version: st.version });
  if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body}`);
  return started.json();
}
