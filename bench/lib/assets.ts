// IT assets at bench scale: categories with depreciation lives, a location tree (sites → buildings →
// floors, machine rooms, stores), and the register, each asset with its history as the assets module
// writes it (timeline kinds asset*, record_type 'asset'), loaded with COPY. Deterministic for a seed.
import { ASSET_TAG_PREFIX, type TimelineEvent } from '@shuyun/shared';
import pg from 'pg';
import { CopyWriter } from './copy.js';
import type { Org, Region, User } from './org.js';
import { rng } from './prng.js';

const DAY = 86_400_000;
type Model = readonly [name: string, model: string, vendor: string];
type Category = {
  code: string;
  name: string;
  lifeMonths: number;
  weight: number;
  price: readonly [number, number];
  models: readonly Model[];
  /** Kept in a machine room by IT, not held by a person. */
  infrastructure?: boolean;
};

const CATEGORIES: readonly Category[] = [
  {
    code: 'LAPTOP',
    name: '笔记本电脑',
    lifeMonths: 48,
    weight: 30,
    price: [4500, 13_000],
    models: [
      ['ThinkPad T14', 'ThinkPad T14 Gen 4', '联想'],
      ['ThinkPad X1 Carbon', 'X1 Carbon Gen 11', '联想'],
      ['MacBook Pro 14', 'MacBook Pro 14 M3', 'Apple'],
      ['Latitude 5440', 'Dell Latitude 5440', '戴尔'],
      ['MateBook 14', 'HUAWEI MateBook 14 2024', '华为'],
    ],
  },
  {
    code: 'DESKTOP',
    name: '台式电脑',
    lifeMonths: 60,
    weight: 24,
    price: [3500, 7500],
    models: [
      ['OptiPlex 7010', 'Dell OptiPlex 7010 MT', '戴尔'],
      ['ThinkCentre M920t', 'ThinkCentre M920t', '联想'],
      ['EliteDesk 800 G9', 'HP EliteDesk 800 G9', '惠普'],
    ],
  },
  {
    code: 'MONITOR',
    name: '显示器',
    lifeMonths: 60,
    weight: 20,
    price: [900, 2600],
    models: [
      ['UltraSharp U2723QE', 'Dell U2723QE', '戴尔'],
      ['ThinkVision P24h-30', 'ThinkVision P24h-30', '联想'],
      ['27UP850', 'LG 27UP850-W', 'LG'],
    ],
  },
  {
    code: 'PRINTER',
    name: '打印机',
    lifeMonths: 60,
    weight: 5,
    price: [1500, 9000],
    models: [
      ['LaserJet Pro M404dn', 'HP LaserJet Pro M404dn', '惠普'],
      ['imageRUNNER 2630', 'Canon iR 2630', '佳能'],
      ['奔图 M7400', 'Pantum M7400', '奔图'],
    ],
  },
  {
    code: 'PHONE',
    name: '电话与手机',
    lifeMonths: 36,
    weight: 6,
    price: [600, 6500],
    models: [
      ['IP 电话 8841', 'Cisco IP Phone 8841', '思科'],
      ['Mate 60', 'HUAWEI Mate 60', '华为'],
    ],
  },
  { code: 'POS', name: '收银终端', lifeMonths: 60, weight: 4, price: [3000, 8000], models: [['收银一体机 T2s', 'SUNMI T2s', '商米']] },
  {
    code: 'TABLET',
    name: '平板电脑',
    lifeMonths: 36,
    weight: 2,
    price: [2500, 7000],
    models: [['iPad 10', 'iPad (10th generation)', 'Apple']],
  },
  {
    code: 'SERVER',
    name: '服务器',
    lifeMonths: 72,
    weight: 3,
    price: [25_000, 150_000],
    infrastructure: true,
    models: [
      ['PowerEdge R750', 'Dell PowerEdge R750', '戴尔'],
      ['FusionServer 2288H V6', 'Huawei 2288H V6', '华为'],
      ['ThinkSystem SR650 V2', 'Lenovo SR650 V2', '联想'],
    ],
  },
  {
    code: 'STORAGE',
    name: '存储设备',
    lifeMonths: 72,
    weight: 0.5,
    price: [80_000, 400_000],
    infrastructure: true,
    models: [
      ['OceanStor 5310', 'Huawei OceanStor 5310', '华为'],
      ['Unity XT 380', 'Dell EMC Unity XT 380', '戴尔'],
    ],
  },
  {
    code: 'NETWORK',
    name: '网络设备',
    lifeMonths: 72,
    weight: 4,
    price: [2000, 60_000],
    infrastructure: true,
    models: [
      ['S5735 交换机', 'Huawei S5735-L48T4S', '华为'],
      ['AirEngine 5761 无线 AP', 'Huawei AirEngine 5761', '华为'],
      ['USG6555F 防火墙', 'Huawei USG6555F', '华为'],
      ['Catalyst 9300 交换机', 'Cisco C9300-48P', '思科'],
    ],
  },
  {
    code: 'UPS',
    name: 'UPS 电源',
    lifeMonths: 60,
    weight: 1,
    price: [3000, 30_000],
    infrastructure: true,
    models: [['UPS 3kVA', 'APC SRV3KI', 'APC']],
  },
  {
    code: 'LICENSE',
    name: '软件许可',
    lifeMonths: 36,
    weight: 1.5,
    price: [500, 20_000],
    models: [
      ['Microsoft 365 E3', 'Microsoft 365 E3 年度订阅', '微软'],
      ['WPS 365 专业版', 'WPS 365 专业版', '金山办公'],
      ['AutoCAD 2025', 'AutoCAD 2025 单机版', 'Autodesk'],
    ],
  },
];

// Sites by region: [code, name, buildings, floors per building]. Each site also has a machine room and a store.
const SITES: Record<Region, readonly (readonly [string, string, number, number])[]> = {
  east: [
    ['SH', '上海总部园区', 3, 8],
    ['HZ', '杭州办公室', 1, 3],
    ['SZF', '苏州工厂', 2, 3],
  ],
  north: [
    ['BJ', '北京分公司', 1, 5],
    ['TJ', '天津办公室', 1, 2],
  ],
  south: [
    ['GZ', '广州分公司', 1, 5],
    ['SZ', '深圳办公室', 1, 3],
  ],
  central: [
    ['WH', '武汉分公司', 1, 4],
    ['WHF', '武汉工厂', 2, 2],
  ],
  west: [
    ['CD', '成都分公司', 1, 4],
    ['CQ', '重庆办公室', 1, 2],
  ],
};

const STATUSES = [
  ['in_use', 72],
  ['in_stock', 14],
  ['in_repair', 2],
  ['scrapped', 6],
  ['disposed', 5],
  ['lost', 1],
] as const;

export const ASSET_COLUMNS = [
  'id',
  'tag',
  'category_id',
  'name',
  'model',
  'serial_no',
  'vendor',
  'purchase_date',
  'purchase_price',
  'warranty_end',
  'status',
  'location_id',
  'department_id',
  'custodian_id',
  'system_id',
  'custom_fields',
  'note',
  'created_by',
  'version',
  'created_at',
  'updated_at',
] as const;

interface Location {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  path: string;
}

interface Site {
  floors: Location[];
  machineRoom: Location;
  store: Location;
}

function buildLocations(): { locations: Location[]; sites: Map<Region, Site[]> } {
  const locations: Location[] = [];
  const add = (code: string, name: string, parent: Location | null) => {
    const id = locations.length + 1;
    const l = { id, code, name, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
    locations.push(l);
    return l;
  };
  const sites = new Map<Region, Site[]>();
  for (const [region, list] of Object.entries(SITES) as [Region, (typeof SITES)[Region]][]) {
    for (const [code, name, buildings, floors] of list) {
      const site = add(code, name, null);
      const floorList: Location[] = [];
      for (let b = 1; b <= buildings; b++) {
        const building = buildings > 1 ? add(`${code}-${String.fromCharCode(64 + b)}`, `${String.fromCharCode(64 + b)} 座`, site) : site;
        for (let f = 1; f <= floors; f++) {
          const prefix = buildings > 1 ? `${String.fromCharCode(64 + b)} 座 ` : '';
          floorList.push(add(`${building.code}-${f}F`, `${prefix}${f} 楼`, building));
        }
      }
      const machineRoom = add(`${code}-DC`, '机房', site);
      const store = add(`${code}-IT`, 'IT 库房', site);
      sites.set(region, [...(sites.get(region) ?? []), { floors: floorList, machineRoom, store }]);
    }
  }
  return { locations, sites };
}

const dateOnly = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface AssetOptions {
  url: string;
  org: Org;
  assets: number;
  seed: number;
  now: Date;
  /** The people who register and operate assets (granted the asset admin role by the caller). */
  admins: number[];
  /** IT system ids servers and storage may host. */
  systemIds: number[];
  /** COPY session settings (the generator loads as a replica: no triggers). */
  sessionSql: string[];
}

/** Writes categories, locations, `assets` assets and their history; returns the counts. */
export async function generateAssets(o: AssetOptions) {
  const r = rng(o.seed + 7);
  const now = o.now.getTime();
  const { locations, sites } = buildLocations();
  const client = new pg.Client({ connectionString: o.url, application_name: 'bench-generate' });
  await client.connect();
  const copy = async (table: string, columns: readonly string[], rows: unknown[][]) => {
    const w = new CopyWriter(o.url, table, columns, o.sessionSql);
    await w.open();
    for (const row of rows) await w.row(row);
    await w.close();
  };
  const created = new Date(now - 7 * 365 * DAY);
  await copy(
    'asset_categories',
    ['id', 'code', 'name', 'useful_life_months', 'residual_rate', 'sort_order', 'created_at', 'updated_at'],
    CATEGORIES.map((c, i) => [i + 1, c.code, c.name, c.lifeMonths, 0.05, i, created, created]),
  );
  await copy(
    'asset_locations',
    ['id', 'code', 'name', 'parent_id', 'path', 'sort_order', 'created_at', 'updated_at'],
    locations.map((l, i) => [l.id, l.code, l.name, l.parentId, l.path, i, created, created]),
  );

  const itOps = o.org.departments.find((d) => d.code === 'IT-OPS')?.id ?? null;
  const people = o.org.users;
  const name = new Map(people.map((u) => [u.id, u.displayName]));
  const siteOf = (region: Region) => r.pick(sites.get(region) ?? sites.get('east') ?? []);
  const categoryWeights = CATEGORIES.map((c, i) => [i, c.weight] as const);

  const assets = new CopyWriter(o.url, 'assets', ASSET_COLUMNS, o.sessionSql);
  const activity = new CopyWriter(o.url, 'activity', ['record_type', 'record_id', 'at', 'actor_id', 'kind', 'payload'], o.sessionSql);
  const counts: Record<string, number> = {};
  try {
    await assets.open();
    await activity.open();
    for (let id = 1; id <= o.assets; id++) {
      const c = CATEGORIES[r.weighted(categoryWeights)] as Category;
      const [label, model, vendor] = r.pick(c.models);
      const status = r.weighted(STATUSES);
      counts[status] = (counts[status] ?? 0) + 1;
      // Scrapped and disposed assets are the older ones; everything was bought in the last six years.
      const old = status === 'scrapped' || status === 'disposed';
      const ageDays = old ? 3 * 365 + r.int(3 * 365) : 20 + r.int(6 * 365 - 20);
      const bought = now - ageDays * DAY;
      const price = Math.round((c.price[0] + r.next() * (c.price[1] - c.price[0])) / 10) * 10;
      const tag = `${ASSET_TAG_PREFIX}-${String(id).padStart(6, '0')}`;
      const admin = r.pick(o.admins);
      const events: [number, number, TimelineEvent][] = [];
      let t = bought + (1 + r.int(10)) * DAY + r.int(8 * 3600_000);
      const step = (maxDays: number) => {
        t = Math.min(now - 3600_000, t + (1 + r.int(maxDays)) * DAY + r.int(8 * 3600_000));
        return t;
      };

      let holder: User | null = null;
      let location: Location;
      let department: number | null;
      if (c.infrastructure) {
        const site = siteOf(
          r.weighted([
            ['east', 5],
            ['north', 2],
            ['south', 2],
            ['central', 2],
            ['west', 1],
          ] as const),
        );
        location = site.machineRoom;
        department = itOps;
        events.push([t, admin, { kind: 'assetRegistered', tag, location: location.name }]);
      } else {
        holder = r.skewed(people, 1.1);
        const site = siteOf(holder.region);
        events.push([t, admin, { kind: 'assetRegistered', tag, location: site.store.name }]);
        const issued = status !== 'in_stock' || r.next() < 0.5;
        if (issued) {
          location = r.pick(site.floors);
          events.push([step(15), admin, { kind: 'assetIssued', toUser: holder.displayName, location: location.name }]);
          events.push([step(2), holder.id, { kind: 'assetReceived' }]);
          if (r.next() < 0.2) {
            const to = r.pick(people);
            events.push([step(400), holder.id, { kind: 'assetTransferRequested', fromUser: holder.displayName, toUser: to.displayName }]);
            events.push([step(3), to.id, { kind: 'assetTransferred', fromUser: holder.displayName, toUser: to.displayName }]);
            holder = to;
          }
        } else location = site.store;
        department = holder.departmentId;
        if (status === 'in_stock' && issued) {
          events.push([step(500), admin, { kind: 'assetReturned', fromUser: name.get(holder.id) ?? '', location: site.store.name }]);
          location = site.store;
          holder = null;
        }
      }
      if (status !== 'in_stock' && r.next() < 0.25) {
        events.push([step(300), admin, { kind: 'assetRepairStarted', vendor: `${vendor}售后`, fault: '无法开机' }]);
        events.push([step(14), admin, { kind: 'assetRepairCompleted', result: '更换主板后恢复', cost: String(200 + r.int(1500)) }]);
      }
      if (status === 'in_repair')
        events.push([step(200), admin, { kind: 'assetRepairStarted', vendor: `${vendor}售后`, fault: '屏幕花屏' }]);
      if (status === 'scrapped' || status === 'disposed') {
        if (holder) {
          const site = siteOf(holder.region);
          events.push([step(700), admin, { kind: 'assetReturned', fromUser: holder.displayName, location: site.store.name }]);
          location = site.store;
          holder = null;
        }
        events.push([step(200), admin, { kind: 'assetScrapRequested', reason: '超过使用年限，性能无法满足办公需要' }]);
        events.push([step(5), r.pick(o.admins), { kind: 'assetScrapApproved' }]);
        if (status === 'disposed') {
          const method = r.pick(['sale', 'recycling', 'destruction'] as const);
          events.push([
            step(60),
            admin,
            { kind: 'assetDisposed', method, dataWiped: true, proceeds: method === 'sale' ? String(50 + r.int(500)) : undefined },
          ]);
        }
      }
      if (status === 'lost') events.push([step(300), admin, { kind: 'assetLost', note: '年度盘点未找到' }]);

      const first = events[0]?.[0] ?? bought;
      const last = events.at(-1)?.[0] ?? first;
      const row = [
        id,
        tag,
        CATEGORIES.indexOf(c) + 1,
        label,
        model,
        c.code === 'LICENSE'
          ? null
          : `SN${(o.seed + id * 7919).toString(36).toUpperCase()}${id.toString(36).toUpperCase().padStart(4, '0')}`,
        vendor,
        dateOnly(bought),
        price,
        c.code === 'LICENSE' ? dateOnly(bought + 365 * DAY) : dateOnly(bought + 3 * 365 * DAY),
        status,
        location.id,
        department,
        status === 'in_use' || status === 'in_repair' ? (holder?.id ?? null) : null,
        c.code === 'SERVER' || c.code === 'STORAGE' ? r.pick(o.systemIds) : null,
        '{}',
        null,
        admin,
        events.length,
        new Date(first),
        new Date(last),
      ];
      const waits = [assets.row(row)];
      for (const [at, actor, event] of events) {
        const { kind, ...payload } = event;
        waits.push(activity.row(['asset', id, new Date(at), actor, kind, payload]));
      }
      for (const w of waits) if (w) await w;
    }
    await assets.close();
    await activity.close();
  } catch (error) {
    await assets.abort();
    await activity.abort();
    throw error;
  }
  // COPY ran as a replica, so the trigger that writes the keyword-search entries did not fire (migration 0022).
  await client.query('INSERT INTO asset_search (asset_id, text) SELECT id, asset_search_text(tag, serial_no, name, model) FROM assets');
  for (const table of ['asset_categories', 'asset_locations', 'assets']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (SELECT max(id) FROM ${table})))`);
  }
  // Tags made from now on continue after the generated ones (one sequence for the register).
  await client.query(
    `INSERT INTO number_sequences (prefix, day, last) VALUES ($1, '1970-01-01', $2)
     ON CONFLICT (prefix, day) DO UPDATE SET last = EXCLUDED.last`,
    [ASSET_TAG_PREFIX, o.assets],
  );
  await client.end();
  return { assets: o.assets, history: activity.rows, locations: locations.length, categories: CATEGORIES.length, byStatus: counts };
}

/** Removes the asset register and its history, for a re-run on an existing dataset. */
export async function clearAssets(url: string) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-generate' });
  await client.connect();
  await client.query(`DELETE FROM activity WHERE record_type = 'asset'`);
  await client.query('TRUNCATE assets, asset_search_pending, asset_locations, asset_categories RESTART IDENTITY CASCADE');
  await client.query(`DELETE FROM number_sequences WHERE prefix = $1`, [ASSET_TAG_PREFIX]);
  await client.end();
}

/** The people who hold the asset admin role in a generated dataset: members of 桌面支持组（华东） after its lead. */
export function assetAdmins(org: Org, count: number): number[] {
  return org.teams.find((t) => t.code === 'DESKTOP')?.members.slice(1, 1 + count) ?? [];
}
