import type { ApiClient, TestContext, TestUser } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from '../tickets/test-fixtures.js';

export interface SparesFixture extends DeskFixture {
  /** asset_admin: spare.read, spare.manage, spare.issue. */
  keeper: TestUser;
  keeperApi: ApiClient;
  warehouses: { main: number; branch: number };
}

/** The service desk plus an asset admin and two warehouses made through the API. */
export async function sparesBase(t: TestContext): Promise<SparesFixture> {
  const desk = await serviceDesk(t);
  const keeper = await t.createUser({ roles: ['asset_admin'] });
  const keeperApi = await t.login(keeper);
  const warehouse = async (code: string, name: string) => {
    const res = await keeperApi.post('/api/spares/warehouses', { code, name, place: '总部 B1' });
    if (res.statusCode !== 201) throw new Error(`warehouse ${code}: ${res.statusCode} ${res.body}`);
    return res.json().id as number;
  };
  return {
    ...desk,
    keeper,
    keeperApi,
    warehouses: { main: await warehouse('WH-MAIN', '总部备件库'), branch: await warehouse('WH-SH', '上海分部备件库') },
  };
}

let counter = 0;

/** Makes an item through the API; returns its id. */
export async function makeItem(api: ApiClient, extra: Record<string, unknown> = {}): Promise<number> {
  counter++;
  const res = await api.post('/api/spares/items', {
    code: `BJ-T${counter}-${Date.now() % 100000}`,
    name: `测试备件${counter}`,
    unit: '个',
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`item: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Receives `quantity` of an item into a warehouse through the API. */
export async function receive(api: ApiClient, warehouseId: number, itemId: number, quantity: number) {
  const res = await api.post('/api/spares/receipts', { warehouseId, lines: [{ itemId, quantity, unitPrice: 10 }] });
  if (res.statusCode !== 201) throw new Error(`receipt: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A ticket submitted by the desk's requester; returns its id. */
export async function makeTicket(t: TestContext, f: DeskFixture, title = '电脑无法开机'): Promise<number> {
  const api = await t.login(f.requester);
  const res = await api.post('/api/tickets', {
    title,
    description: '按电源键没有反应',
    catalogItemId: f.itemId,
    formValues: { symptom: 'no_power' },
  });
  if (res.statusCode !== 201) throw new Error(`ticket: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
