import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { multipart } from '../org/test-helpers.js';
import { parseDay } from './import.js';
import { ASSET_SHEET } from './import-workbook.js';
import { catchUpAssetSearch, SEARCH_CATCH_UP_JOB } from './jobs.js';
import { type AssetWorld, assetWorld, registerAsset } from './test-fixtures.js';

let t: TestContext;
let w: AssetWorld;
let categoryCode = '';
let locationName = '';

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await assetWorld(t);
  categoryCode = (await w.adminApi.get('/api/assets/categories')).json().items.find((c: { id: number }) => c.id === w.category.laptop).code;
  locationName = (await w.adminApi.get('/api/assets/locations')).json().items.find((l: { id: number }) => l.id === w.location.store).name;
});
afterAll(() => t.close());

async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(ASSET_SHEET.name);
  sheet.columns = ASSET_SHEET.columns.map((c) => ({ header: c.header, key: c.key }));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = async (rows: Record<string, string>[], api = w.adminApi) =>
  api.request('POST', '/api/assets/import', multipart(await workbook(rows), 'assets.xlsx'));

const row = (i: number, extra: Record<string, string> = {}) => ({
  category: categoryCode,
  name: `导入笔记本 ${i}`,
  serialNo: `IMP-${i}`,
  purchaseDate: '2026-01-15',
  purchasePrice: '5999.5',
  warrantyEnd: '2029/1/14',
  location: locationName,
  ...extra,
});

describe('batch inbound from Excel', () => {
  it('the template downloads for asset admins with bilingual headers; requesters are refused', async () => {
    const res = await w.adminApi.get('/api/assets/import/template');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getRow(1).getCell(1).text).toBe('资产类别* Category*');
    expect(book.worksheets[0]?.getRow(2).getCell(1).text).toBe(categoryCode);
    const requester = await t.login(await t.createUser());
    expect((await requester.get('/api/assets/import/template')).statusCode).toBe(403);
    expect((await upload([row(1)], requester)).statusCode).toBe(403);
  });

  it('any bad row means nothing is written; the answer names each row and problem in the reader’s language', async () => {
    await registerAsset(w.adminApi, w, { serialNo: 'ALREADY-THERE' });
    const assets = await t.countRows('assets');
    const activity = await t.countRows('activity');
    const seq = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'ZC').executeTakeFirstOrThrow();
    const res = await upload([
      row(1),
      row(2, { category: '不存在的类别' }),
      row(3, { purchaseDate: '2026-02-30' }),
      row(4, { serialNo: 'IMP-1' }),
      row(5, { serialNo: 'already-there', purchasePrice: '12.345' }),
      row(6, { name: '', location: '火星' }),
      row(7, { departmentCode: 'NOPE', custodianUsername: 'ghost' }),
    ]);
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('importInvalid');
    expect(error.message).toContain('未导入任何数据');
    const byRow = (r: number) => error.details.filter((d: { row: number }) => d.row === r).map((d: { message: string }) => d.message);
    // Excel rows: the header is row 1, so the n-th data row is row n + 1.
    expect(byRow(3)).toEqual(['找不到类别「不存在的类别」']);
    expect(byRow(4)[0]).toContain('2026-02-30');
    expect(byRow(5)).toEqual(['序列号「IMP-1」与第 2 行重复']);
    expect(byRow(6)).toHaveLength(2);
    expect(byRow(7)).toEqual(['必填', '找不到位置「火星」']);
    expect(byRow(8)).toHaveLength(2);
    expect(byRow(2)).toEqual([]);
    expect(await t.countRows('assets')).toBe(assets);
    expect(await t.countRows('activity')).toBe(activity);
    const after = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'ZC').executeTakeFirstOrThrow();
    expect(after.last).toBe(seq.last);
  });

  it('2,000 rows: consecutive tags, each asset in stock (or in use by its custodian) with its history, one audit entry', async () => {
    const holder = await t.createUser();
    const rows = Array.from({ length: 2000 }, (_, i) =>
      row(
        10_000 + i,
        i === 7
          ? { custodianUsername: holder.username.toUpperCase() }
          : i === 9
            ? { name: '特殊 "引号" \\反斜杠 {a,b} NULL', model: 'NULL' }
            : {},
      ),
    );
    const before = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'ZC').executeTakeFirstOrThrow();
    const res = await upload(rows);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    const tag = (n: number) => `ZC-${String(n).padStart(6, '0')}`;
    expect(result).toEqual({ count: 2000, firstTag: tag(before.last + 1), lastTag: tag(before.last + 2000) });
    const imported = await t.platform.db
      .selectFrom('assets')
      .select(['id', 'tag', 'serial_no', 'status', 'custodian_id', 'purchase_price'])
      .where('serial_no', 'like', 'IMP-1%')
      .orderBy('tag')
      .execute();
    expect(imported).toHaveLength(2000);
    expect(imported.map((a) => a.tag)).toEqual(Array.from({ length: 2000 }, (_, i) => tag(before.last + 1 + i)));
    // Rows keep the file's order: row i gets the i-th tag.
    expect(imported.map((a) => a.serial_no)).toEqual(rows.map((r) => r.serialNo));
    expect(imported[7]).toMatchObject({ status: 'in_use', custodian_id: holder.id });
    // Quotes, backslashes, braces and the word NULL arrive as typed.
    const special = await t.platform.db
      .selectFrom('assets')
      .select(['name', 'model'])
      .where('id', '=', imported[9]?.id as number)
      .executeTakeFirst();
    expect(special).toEqual({ name: '特殊 "引号" \\反斜杠 {a,b} NULL', model: 'NULL' });
    expect(imported.filter((a) => a.status === 'in_stock')).toHaveLength(1999);
    expect(imported[0]?.purchase_price).toBe('5999.50');
    const history = await t.platform.db
      .selectFrom('activity')
      .select(['record_id', 'kind', 'payload'])
      .where('record_type', '=', 'asset')
      .where(
        'record_id',
        'in',
        imported.map((a) => a.id),
      )
      .execute();
    expect(history).toHaveLength(2000);
    expect(new Set(history.map((h) => h.record_id)).size).toBe(2000);
    expect(history[0]).toMatchObject({ kind: 'assetRegistered', payload: { imported: true, location: locationName } });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['object_label', 'after'])
      .where('action', '=', 'asset.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.object_label).toBe(`${result.firstTag} ~ ${result.lastTag}`);
    // The next single inbound continues after the block.
    const next = await registerAsset(w.adminApi, w);
    expect(next.tag).toBe(tag(before.last + 2001));
  });

  it('a large file is written in chunks while it is read, still all or nothing: a bad row after two written chunks leaves nothing', async () => {
    const assets = await t.countRows('assets');
    const activity = await t.countRows('activity');
    const seq = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'ZC').executeTakeFirstOrThrow();
    // 12,000 rows are chunks of 250, 1,000 and 2,500: 10,250 rows are in the database before row 11,002 is read.
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      row(50_000 + i, i === 11_000 ? { purchaseDate: '2026-13-01' } : i === 11_500 ? { serialNo: 'IMP-50003' } : {}),
    );
    const res = await upload(rows);
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { row: number; message: string }[];
    expect(details.map((d) => d.row)).toEqual([11_002, 11_502]);
    expect(details[1]?.message).toBe('序列号「IMP-50003」与第 5 行重复');
    expect(await t.countRows('assets')).toBe(assets);
    expect(await t.countRows('activity')).toBe(activity);
    const after = await t.platform.db.selectFrom('number_sequences').select('last').where('prefix', '=', 'ZC').executeTakeFirstOrThrow();
    expect(after.last).toBe(seq.last);

    // The same file corrected: 12,000 consecutive tags across the chunks, in the file's order.
    rows[11_000] = row(61_000);
    rows[11_500] = row(61_500);
    const ok = await upload(rows);
    expect(ok.statusCode).toBe(200);
    const tag = (n: number) => `ZC-${String(n).padStart(6, '0')}`;
    expect(ok.json()).toEqual({ count: 12_000, firstTag: tag(seq.last + 1), lastTag: tag(seq.last + 12_000) });
    const written = await t.platform.db
      .selectFrom('assets')
      .select(['tag', 'serial_no'])
      .where('tag', '>=', tag(seq.last + 1))
      .orderBy('tag')
      .execute();
    expect(written.map((a) => a.serial_no)).toEqual(rows.map((r) => r.serialNo));
    expect(await t.countRows('activity')).toBe(activity + 12_000);
  });

  it('a file that is not a workbook is refused with a row-0 error', async () => {
    const res = await w.adminApi.request('POST', '/api/assets/import', multipart(Buffer.from('not excel'), 'x.xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('importInvalid');
  });
});

describe('keyword search of imported rows (their entries are written by a job after the import)', () => {
  const found = async (q: string) =>
    ((await w.adminApi.get(`/api/assets?q=${encodeURIComponent(q)}&pageSize=100`)).json().items as { tag: string; name: string }[])
      .map((a) => a.name)
      .sort();
  const entryOf = async (tag: string) =>
    (
      await sql<{ text: string | null; pending: boolean }>`
        SELECT s.text, EXISTS (SELECT 1 FROM asset_search_pending p WHERE a.id BETWEEN p.first_id AND p.last_id) AS pending
        FROM assets a LEFT JOIN asset_search s ON s.asset_id = a.id WHERE a.tag = ${tag}`.execute(t.platform.db)
    ).rows[0];

  it('finds the rows as soon as the import answers, and the same rows once the job has written their entries', async () => {
    const jobs = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${SEARCH_CATCH_UP_JOB}`.execute(t.platform.db))
        .rows[0]?.n;
    const queued = await jobs();
    const res = await upload([
      row(1, { name: '补写检索 甲', serialNo: 'CATCHUP-0001', model: 'OptiPlex 7010' }),
      row(2, { name: '补写检索 乙', serialNo: 'CATCHUP-0002' }),
      row(3, { name: '补写检索 丙', serialNo: 'CATCHUP-0003' }),
    ]);
    expect(res.statusCode).toBe(200);
    const { firstTag, lastTag } = res.json();
    // The import enqueued the job in its own transaction; no worker runs in this file, so it waits.
    expect(await jobs()).toBe((queued ?? 0) + 1);
    expect(await entryOf(firstTag)).toEqual({ text: null, pending: true });
    // Found by name, serial fragment, model and tag while pending, case-insensitively.
    expect(await found('补写检索')).toEqual(['补写检索 丙', '补写检索 乙', '补写检索 甲']);
    expect(await found('catchup-0002')).toEqual(['补写检索 乙']);
    expect(await found('optiplex')).toContain('补写检索 甲');
    expect(await found(lastTag)).toEqual(['补写检索 丙']);

    // Renamed before the job ran: the edit writes the entry, and the job keeps the new name.
    const first = (await w.adminApi.get(`/api/assets?q=${firstTag}`)).json().items[0];
    const renamed = await w.adminApi.patch(`/api/assets/${first.id}`, { version: first.version, name: '改名后的显示器' });
    expect(renamed.statusCode).toBe(200);
    expect((await entryOf(firstTag))?.text).toContain('改名后的显示器');

    expect(await catchUpAssetSearch(t.platform)).toBeGreaterThanOrEqual(3);
    expect(await t.countRows('asset_search_pending')).toBe(0);
    expect(await entryOf(firstTag)).toEqual({
      text: `${firstTag.toLowerCase()} catchup-0001 改名后的显示器 optiplex 7010`,
      pending: false,
    });
    expect(await found('补写检索')).toEqual(['补写检索 丙', '补写检索 乙']);
    expect(await found('改名后')).toEqual(['改名后的显示器']);
    expect(await found('catchup-0003')).toEqual(['补写检索 丙']);
    // Nothing left: running it again writes nothing.
    expect(await catchUpAssetSearch(t.platform)).toBe(0);
  });

  it('an edit that commits while the job is writing the entry wins: the entry is the edited asset, never the version it replaced', async () => {
    const res = await upload([row(4, { name: '并发补写 原名', serialNo: 'CATCHUP-0004' })]);
    const { firstTag } = res.json();
    const { id } = await t.platform.db.selectFrom('assets').select('id').where('tag', '=', firstTag).executeTakeFirstOrThrow();
    let job: Promise<number> | undefined;
    await t.platform.db.transaction().execute(async (trx) => {
      await trx.updateTable('assets').set({ name: '并发补写 新名' }).where('id', '=', id).execute();
      // The job starts while the rename is uncommitted and has to wait for it.
      job = catchUpAssetSearch(t.platform);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(await job).toBe(1);
    expect((await entryOf(firstTag))?.text).toContain('并发补写 新名');
    expect(await found('并发补写')).toEqual(['并发补写 新名']);
    expect(await found('原名')).toEqual([]);
  });

  it('an asset registered one at a time has its entry at once, nothing pending', async () => {
    const asset = await registerAsset(w.adminApi, w, { name: '单台登记 检索', serialNo: 'SINGLE-0001' });
    expect(await entryOf(asset.tag)).toEqual({ text: `${asset.tag.toLowerCase()} single-0001 单台登记 检索 t14 gen 4`, pending: false });
    expect(await found('single-0001')).toEqual(['单台登记 检索']);
  });
});

describe('dates people type', () => {
  it('reads the usual ways of writing a date and refuses impossible ones', () => {
    expect(parseDay('2026-01-05')).toBe('2026-01-05');
    expect(parseDay('2026/1/5')).toBe('2026-01-05');
    expect(parseDay('2026.1.5')).toBe('2026-01-05');
    expect(parseDay('2026年1月5日')).toBe('2026-01-05');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('明天')).toBeNull();
  });
});
