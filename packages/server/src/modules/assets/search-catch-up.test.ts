import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleRecurringJobs } from '../../platform/jobs/registry.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { multipart } from '../org/test-helpers.js';
import { ASSET_SHEET } from './import-workbook.js';
import { catchUpAssetSearch, SEARCH_CATCH_UP_JOB } from './jobs.js';
import { type AssetWorld, assetWorld } from './test-fixtures.js';

// The whole path with the job workers running, as the server runs it: an import's search entries are
// written by the job it enqueued, without anyone asking (import.test.ts covers the job's rules).
let t: TestContext;
let w: AssetWorld;

beforeAll(async () => {
  t = await setupTestApp();
  w = await assetWorld(t);
});
afterAll(() => t.close());

describe('the search entries of an import', () => {
  it('are written by the job the import enqueued, shortly after it answers', async () => {
    const category = (await w.adminApi.get('/api/assets/categories')).json().items.find((c: { id: number }) => c.id === w.category.laptop);
    const location = (await w.adminApi.get('/api/assets/locations')).json().items.find((l: { id: number }) => l.id === w.location.store);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(ASSET_SHEET.name);
    sheet.columns = ASSET_SHEET.columns.map((c) => ({ header: c.header, key: c.key }));
    for (let i = 1; i <= 30; i++)
      sheet.addRow({ category: category.code, name: `后台补写 ${i}`, serialNo: `BG-CATCHUP-${i}`, location: location.name });
    const res = await w.adminApi.request(
      'POST',
      '/api/assets/import',
      multipart(Buffer.from(await book.xlsx.writeBuffer()), 'assets.xlsx'),
    );
    expect(res.statusCode).toBe(200);

    const entries = async () =>
      (
        await t.platform.db
          .selectFrom('asset_search as s')
          .innerJoin('assets as a', 'a.id', 's.asset_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('a.serial_no', 'like', 'BG-CATCHUP-%')
          .executeTakeFirstOrThrow()
      ).n;
    const deadline = Date.now() + 20_000;
    while (Number(await entries()) < 30 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Number(await entries())).toBe(30);
    expect(await t.countRows('asset_search_pending')).toBe(0);
    const found = (await w.adminApi.get('/api/assets?q=bg-catchup-17')).json().items.map((a: { name: string }) => a.name);
    expect(found).toEqual(['后台补写 17']);
  });

  it('are also caught up every ten minutes, for what a job that ran out of retries left behind', async () => {
    await scheduleRecurringJobs(t.platform, 'Asia/Shanghai');
    const schedules = (await t.platform.jobs.boss.getSchedules()).filter((s) => s.name === SEARCH_CATCH_UP_JOB);
    expect(schedules).toMatchObject([{ name: SEARCH_CATCH_UP_JOB, cron: '*/10 * * * *', timezone: 'Asia/Shanghai' }]);
    // Idle, the scheduled run finds nothing to do.
    expect(await catchUpAssetSearch(t.platform)).toBe(0);
  });
});
