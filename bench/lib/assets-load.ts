// The asset scenarios' requests: the register list as an asset admin browses it (filters, keyword,
// subtrees, sorts, a few pages deep), and the Excel import's workbook (the module's own template).
import { ASSET_SORTS } from '@shuyun/shared';
import { ASSET_SHEET } from '../../packages/server/src/modules/assets/import-workbook.js';
import { workbookBuffer } from '../../packages/server/src/platform/excel/excel.js';
import type { Rng } from './prng.js';

export interface AssetLookups {
  categories: { id: number; code: string }[];
  departments: number[];
  /** Sites (roots of the location tree) and their floors, machine rooms and stores. */
  locations: { id: number; code: string; root: boolean }[];
  serials: string[];
}

const WORDS = ['ThinkPad', '联想', 'MacBook', '戴尔', '华为', '打印机', 'OptiPlex', 'UltraSharp', 'PowerEdge', '交换机'];

/** One list request of the mix: mostly filtered first pages, as people narrow the register down. */
export function assetListPath(r: Rng, l: AssetLookups): string {
  const p = new URLSearchParams({ pageSize: '50' });
  const kind = r.int(10);
  if (kind <= 1) p.set('status', r.pick(['in_use', 'in_stock', 'in_repair'] as const));
  if (kind === 1 || kind === 2) p.set('categoryId', String(r.pick(l.categories).id));
  if (kind === 3) p.set('departmentId', String(r.pick(l.departments)));
  if (kind === 4) p.set('locationId', String(r.pick(l.locations.filter((x) => x.root)).id));
  if (kind === 5) p.set('locationId', String(r.pick(l.locations).id));
  if (kind === 6) p.set('q', r.pick(WORDS));
  if (kind === 7) p.set('q', r.next() < 0.5 ? `ZC-0${r.int(10)}${r.int(10)}` : r.pick(l.serials).slice(0, 8));
  if (kind === 8) {
    p.set('warranty', r.next() < 0.5 ? 'expiring' : 'expired');
    p.set('warrantyDays', '90');
  }
  if (r.next() < 0.3) p.set('sort', r.pick(ASSET_SORTS));
  if (r.next() < 0.2) p.set('page', String(2 + r.int(4)));
  return `/api/assets?${p}`;
}

/** The import template filled with `count` new assets (unique serials), as an asset admin would upload it. */
export async function importWorkbook(count: number, l: AssetLookups, r: Rng, runId: string): Promise<Buffer> {
  const rows = Array.from({ length: count }, (_, i) => {
    const category = r.pick(l.categories);
    const bought = new Date(Date.UTC(2026, r.int(10), 1 + r.int(28)));
    return {
      category: category.code,
      name: `${category.code === 'LAPTOP' ? 'ThinkPad T14' : '办公设备'}（批量入库 ${i + 1}）`,
      model: 'Gen 5',
      serialNo: `IMP${runId}-${String(i + 1).padStart(6, '0')}`,
      vendor: '联想',
      purchaseDate: bought.toISOString().slice(0, 10),
      purchasePrice: (3000 + r.int(6000)).toFixed(2),
      warrantyEnd: new Date(bought.getTime() + 3 * 365 * 86_400_000).toISOString().slice(0, 10),
      location: r.pick(l.locations.filter((x) => !x.root)).code,
      departmentCode: '',
      custodianUsername: '',
      note: '',
    };
  });
  return workbookBuffer([{ ...ASSET_SHEET, rows }]);
}
