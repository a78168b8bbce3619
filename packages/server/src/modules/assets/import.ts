import { ASSET_TAG_PREFIX, type FieldIssue, type Locale, translate } from '@shuyun/shared';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, rethrowUnique } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { SEARCH_CATCH_UP_JOB } from './jobs.js';

type Ctx = ActionContext & { actor: Actor };

/** One row of an import as text, keyed like the template's columns; `row` is the Excel row number. */
export interface AssetImportRow {
  row: number;
  category?: string;
  name?: string;
  model?: string;
  serialNo?: string;
  vendor?: string;
  purchaseDate?: string;
  purchasePrice?: string;
  warrantyEnd?: string;
  location?: string;
  departmentCode?: string;
  custodianUsername?: string;
  note?: string;
}

export const IMPORT_COLUMNS = [
  'category',
  'name',
  'model',
  'serialNo',
  'vendor',
  'purchaseDate',
  'purchasePrice',
  'warrantyEnd',
  'location',
  'departmentCode',
  'custodianUsername',
  'note',
] as const;
const REQUIRED = new Set(['category', 'name', 'location']);
const LIMITS: Record<string, number> = { name: 200, model: 200, serialNo: 100, vendor: 200, note: 2000 };
const CHUNKS = [250, 1000, 2500];

/** `YYYY-MM-DD` from what people type (2024-03-01, 2024/3/1, 2024.3.1) or a date cell's text; null when it is not a date. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  let y: number;
  let mo: number;
  let d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const parsed = /\d{4}/.test(text) ? new Date(text) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) return null;
    [y, mo, d] = [parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate()];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Looks names and codes up case-insensitively; a value matching two different records by name is ambiguous. */
function lookup(rows: { id: number; code: string; name: string }[]) {
  const byCode = new Map(rows.map((r) => [r.code.toLowerCase(), r.id]));
  const byName = new Map<string, number | null>();
  for (const r of rows) {
    const key = r.name.toLowerCase();
    byName.set(key, byName.has(key) && byName.get(key) !== r.id ? null : r.id);
  }
  return (value: string) => byCode.get(value.toLowerCase()) ?? byName.get(value.toLowerCase()) ?? undefined;
}

type GoodRow = {
  categoryId: number;
  name: string;
  model: string | null;
  serialNo: string | null;
  vendor: string | null;
  purchaseDate: string | null;
  price: string | null;
  warrantyEnd: string | null;
  locationId: number;
  departmentId: number | null;
  custodianId: number | null;
  note: string | null;
};

/** A PostgreSQL array literal of values (what node-postgres would send for an array, made by us ahead of time). */
function arrayLiteral(values: (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** A chunk's columns as the write statement's array parameters. */
function arrays(good: GoodRow[]) {
  const of = (pick: (g: GoodRow) => string | number | null) => arrayLiteral(good.map(pick));
  return {
    categoryId: of((g) => g.categoryId),
    name: of((g) => g.name),
    model: of((g) => g.model),
    serialNo: of((g) => g.serialNo),
    vendor: of((g) => g.vendor),
    purchaseDate: of((g) => g.purchaseDate),
    price: of((g) => g.price),
    warrantyEnd: of((g) => g.warrantyEnd),
    locationId: of((g) => g.locationId),
    departmentId: of((g) => g.departmentId),
    custodianId: of((g) => g.custodianId),
    note: of((g) => g.note),
  };
}

/** The rows in chunks of the given sizes, the last repeated (small ones first, so the database starts early). */
function* chunks<T>(rows: Iterable<T>, sizes: number[]): Generator<T[]> {
  let chunk: T[] = [];
  let n = 0;
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === sizes[Math.min(n, sizes.length - 1)]) {
      yield chunk;
      chunk = [];
      n++;
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * Batch inbound 入库 (SPEC §3.6), all or nothing: every row is checked — category and location by code
 * or name, department by code, custodian by username, dates, price, serials unique in the file and the
 * register — and if any is bad, nothing is kept and the error lists each bad row. A row with a custodian
 * comes in as in use by that person (an existing hand-out being put on the books); otherwise in stock.
 *
 * The rows arrive as they are read and are written in chunks (250, 1,000, then 2,500 each), in one
 * transaction: while the database writes one chunk (tags from the ZC sequence, whose row stays locked
 * so the import's tags are consecutive, the assets and their history entries, all in one statement),
 * Node reads and checks the next. After the first bad row nothing more is written; the rest is still
 * checked so the error lists every bad row, then the transaction is rolled back. One audit entry names
 * the count and tag range. The rows' keyword-search entries are left to the `assets.searchCatchUp` job,
 * enqueued in the same transaction (migration 0022); the search finds the rows meanwhile.
 */
export async function importAssets(platform: Platform, ctx: Ctx, rows: Iterable<AssetImportRow>, locale: Locale = ctx.actor.locale) {
  const { db } = platform;
  const t = (key: string, values?: Record<string, unknown>) => translate(locale, key, values);
  const issues: FieldIssue[] = [];
  const issue = (row: number, column: string, message: string) =>
    issues.push({ row, column: t(`assets.import.columns.${column}`), path: column, code: 'invalid', message });

  const [categories, locations, departments] = await Promise.all([
    db.selectFrom('asset_categories').select(['id', 'code', 'name']).where('active', '=', true).execute(),
    db.selectFrom('asset_locations').select(['id', 'code', 'name']).where('active', '=', true).execute(),
    db.selectFrom('departments').select(['id', 'code', 'name']).execute(),
  ]);
  const category = lookup(categories);
  const location = lookup(locations);
  const departmentByCode = new Map(departments.map((d) => [d.code.toLowerCase(), d.id]));
  const firstRowOfSerial = new Map<string, number>();

  /** Custodians and serials already registered, for one chunk: read outside the import's transaction, beside its writes. */
  async function lookups(chunk: AssetImportRow[]) {
    const usernames = [...new Set(chunk.map((r) => r.custodianUsername?.trim().toLowerCase()).filter((u): u is string => !!u))];
    const serials = [...new Set(chunk.map((r) => r.serialNo?.trim().toLowerCase()).filter((s): s is string => !!s))];
    const [users, taken] = await Promise.all([
      usernames.length
        ? db
            .selectFrom('users')
            .select(['id', 'username', 'department_id'])
            .where(sql<boolean>`lower(username) = ANY(${usernames}::text[])`)
            .where('active', '=', true)
            .execute()
        : [],
      serials.length
        ? db
            .selectFrom('assets')
            .select(sql<string>`lower(serial_no)`.as('s'))
            .where(sql<boolean>`lower(serial_no) = ANY(${serials}::text[])`)
            .execute()
        : [],
    ]);
    return { userByName: new Map(users.map((u) => [u.username.toLowerCase(), u])), taken: new Set(taken.map((f) => f.s)) };
  }

  function check(r: AssetImportRow, { userByName, taken }: Awaited<ReturnType<typeof lookups>>): GoodRow | null {
    const values = {} as Record<(typeof IMPORT_COLUMNS)[number], string>;
    for (const column of IMPORT_COLUMNS) values[column] = (r[column] ?? '').trim();
    const v = (key: (typeof IMPORT_COLUMNS)[number]) => values[key];
    let ok = true;
    const bad = (column: string, message: string) => {
      ok = false;
      issue(r.row, column, message);
    };
    for (const column of IMPORT_COLUMNS) {
      if (REQUIRED.has(column) && !v(column)) bad(column, t('validation.required'));
      const max = LIMITS[column];
      if (max && v(column).length > max) bad(column, t('validation.tooLong', { max }));
    }
    const categoryId = v('category') ? category(v('category')) : undefined;
    if (v('category') && !categoryId) bad('category', t('assets.import.unknownCategory', { value: v('category') }));
    const locationId = v('location') ? location(v('location')) : undefined;
    if (v('location') && !locationId) bad('location', t('assets.import.unknownLocation', { value: v('location') }));
    const departmentId = v('departmentCode') ? departmentByCode.get(v('departmentCode').toLowerCase()) : undefined;
    if (v('departmentCode') && !departmentId) bad('departmentCode', t('assets.import.unknownDepartment', { value: v('departmentCode') }));
    const custodian = v('custodianUsername') ? userByName.get(v('custodianUsername').toLowerCase()) : undefined;
    if (v('custodianUsername') && !custodian) bad('custodianUsername', t('assets.import.unknownUser', { value: v('custodianUsername') }));
    const purchaseDate = v('purchaseDate') ? parseDay(v('purchaseDate')) : null;
    if (v('purchaseDate') && !purchaseDate) bad('purchaseDate', t('assets.import.badDate', { value: v('purchaseDate') }));
    const warrantyEnd = v('warrantyEnd') ? parseDay(v('warrantyEnd')) : null;
    if (v('warrantyEnd') && !warrantyEnd) bad('warrantyEnd', t('assets.import.badDate', { value: v('warrantyEnd') }));
    const priceText = v('purchasePrice').replace(/[,，¥￥\s]/g, '');
    if (priceText && !/^\d{1,12}(\.\d{1,2})?$/.test(priceText))
      bad('purchasePrice', t('assets.import.badPrice', { value: v('purchasePrice') }));
    const serial = v('serialNo');
    if (serial) {
      const key = serial.toLowerCase();
      const first = firstRowOfSerial.get(key);
      if (first !== undefined) bad('serialNo', t('assets.import.serialRepeated', { value: serial, row: first }));
      else firstRowOfSerial.set(key, r.row);
      if (taken.has(key)) bad('serialNo', t('assets.import.serialTaken', { value: serial }));
    }
    if (!ok || !categoryId || !locationId) return null;
    return {
      categoryId,
      name: v('name'),
      model: v('model') || null,
      serialNo: serial || null,
      vendor: v('vendor') || null,
      purchaseDate,
      price: priceText || null,
      warrantyEnd,
      locationId,
      departmentId: departmentId ?? custodian?.department_id ?? null,
      custodianId: custodian?.id ?? null,
      note: v('note') || null,
    };
  }

  const me = ctx.actor.userId;
  const tagOf = (n: number) => `${ASSET_TAG_PREFIX}-${String(n).padStart(6, '0')}`;
  return db.transaction().execute(async (trx) => {
    // The rows' search entries are left to a job after commit (migration 0022); until it has run the
    // search reads these rows' own columns.
    await sql`SET LOCAL shuyun.asset_search = 'deferred'`.execute(trx);
    /**
     * One statement per chunk, sent as soon as it is called: the chunk's block of tags from the ZC
     * sequence (whose row stays locked until commit), the assets and their history entries.
     */
    async function write(n: number, a: ReturnType<typeof arrays>): Promise<{ first: number; last: number }> {
      const { rows: written } = await sql<{ last: string }>`
        WITH block AS (
          INSERT INTO number_sequences (prefix, day, last) VALUES (${ASSET_TAG_PREFIX}, '1970-01-01', ${n})
          ON CONFLICT (prefix, day) DO UPDATE SET last = number_sequences.last + ${n}
          RETURNING last
        ), input AS (
          SELECT t.*, block.last - ${n}::bigint + t.ord AS seq FROM block, unnest(
            ${a.categoryId}::bigint[], ${a.name}::text[], ${a.model}::text[], ${a.serialNo}::text[], ${a.vendor}::text[],
            ${a.purchaseDate}::date[], ${a.price}::numeric[], ${a.warrantyEnd}::date[], ${a.locationId}::bigint[],
            ${a.departmentId}::bigint[], ${a.custodianId}::bigint[], ${a.note}::text[]
          ) WITH ORDINALITY AS t(category_id, name, model, serial_no, vendor, purchase_date, purchase_price, warranty_end,
                                 location_id, department_id, custodian_id, note, ord)
        ), inserted AS (
          INSERT INTO assets (tag, category_id, name, model, serial_no, vendor, purchase_date, purchase_price, warranty_end,
                              status, location_id, department_id, custodian_id, note, created_by)
          SELECT ${`${ASSET_TAG_PREFIX}-`} || lpad(seq::text, greatest(6, length(seq::text)), '0'), category_id, name, model,
                 serial_no, vendor, purchase_date, purchase_price, warranty_end,
                 CASE WHEN custodian_id IS NULL THEN 'in_stock' ELSE 'in_use' END, location_id, department_id, custodian_id, note, ${me}
          FROM input ORDER BY seq
          RETURNING id, tag, location_id
        ), history AS (
          INSERT INTO activity (record_type, record_id, actor_id, kind, payload)
          SELECT 'asset', i.id, ${me}, 'assetRegistered', jsonb_build_object('tag', i.tag, 'location', l.name, 'imported', true)
          FROM inserted i JOIN asset_locations l ON l.id = i.location_id
        )
        SELECT last FROM block
      `
        .execute(trx)
        // A serial registered by someone else since the check: reported like any duplicate, nothing written.
        .catch((error) => rethrowUnique(error, { assets_serial_key: 'serialNo', assets_tag_key: 'tag' }));
      const last = Number(written[0]?.last);
      return { first: last - n + 1, last };
    }

    // At most one chunk in the database at a time; the next is read and checked meanwhile.
    let writing: Promise<{ first: number; last: number }> | null = null;
    let firstTag = 0;
    let lastTag = 0;
    const settle = async () => {
      if (!writing) return;
      const done = await writing;
      writing = null;
      firstTag ||= done.first;
      lastTag = done.last;
    };
    let count = 0;
    for (const chunk of chunks(rows, CHUNKS)) {
      count += chunk.length;
      const found = await lookups(chunk);
      const good: GoodRow[] = [];
      for (const r of chunk) {
        const g = check(r, found);
        if (g) good.push(g);
      }
      if (issues.length) continue;
      // The statement's parameters are made now, while the database still writes the previous chunk.
      const columns = arrays(good);
      await settle();
      writing = write(good.length, columns);
      // Awaited by settle(); until then a failure must not count as unhandled.
      writing.catch(() => {});
      // Reading the next chunk blocks the event loop: let the statement reach the database first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await settle();
    if (!count) throw new AppError('importInvalid', { count: 1 }, [{ row: 0, code: 'empty', message: t('assets.import.empty') }]);
    if (issues.length) throw new AppError('importInvalid', { count: issues.length }, issues);
    const result = { count, firstTag: tagOf(firstTag), lastTag: tagOf(lastTag) };
    await platform.jobs.enqueue(trx, SEARCH_CATCH_UP_JOB, {});
    await writeAudit(trx, ctx, {
      action: 'asset.import',
      objectType: 'asset',
      objectLabel: `${result.firstTag} ~ ${result.lastTag}`,
      after: result,
    });
    return result;
  });
}
