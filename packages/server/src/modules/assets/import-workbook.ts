import { type Locale, translate } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { readWorkbookSheets, type WorkbookRow, workbookBuffer } from '../../platform/excel/excel.js';
import type { Platform } from '../../platform/http/types.js';
import { type AssetImportRow, IMPORT_COLUMNS, importAssets } from './import.js';

// Headers are bilingual so one template serves both languages; the importer reads the key behind each.
export const ASSET_SHEET = {
  name: '资产 Assets',
  columns: IMPORT_COLUMNS.map((key) => ({
    key,
    header: `${translate('zh-CN', `assets.import.columns.${key}`)} ${translate('en-US', `assets.import.columns.${key}`)}`,
    width: key === 'name' ? 28 : 18,
  })),
};

/** The import template with one sample row naming a real category and location. */
export async function assetImportTemplate(db: Database, _locale: Locale): Promise<Buffer> {
  const category = await db
    .selectFrom('asset_categories')
    .select('code')
    .where('active', '=', true)
    .orderBy('sort_order')
    .executeTakeFirst();
  const location = await db.selectFrom('asset_locations').select('code').where('active', '=', true).orderBy('id').executeTakeFirst();
  return workbookBuffer([
    {
      ...ASSET_SHEET,
      rows: [
        {
          category: category?.code ?? 'LAPTOP',
          name: '联想 ThinkPad T14（示例）',
          model: 'ThinkPad T14 Gen 4',
          serialNo: 'SAMPLE-SN-0001',
          vendor: '联想',
          purchaseDate: '2026-01-15',
          purchasePrice: '7999.00',
          warrantyEnd: '2029-01-14',
          location: location?.code ?? '',
        },
      ],
    },
  ]);
}

/** Reads an uploaded template and imports it (all or nothing) while reading; a wrong file is a row-0 error. */
export async function importAssetWorkbook(platform: Platform, ctx: ActionContext & { actor: Actor }, buffer: Buffer, locale: Locale) {
  const t = (key: string) => translate(locale, key);
  const fileError = () => new AppError('importInvalid', { count: 1 }, [{ row: 0, code: 'file', message: t('errors.fileType') }]);
  let sheets: ReturnType<typeof readWorkbookSheets>;
  try {
    sheets = readWorkbookSheets(buffer);
  } catch {
    throw fileError();
  }
  const rows = sheets.get(ASSET_SHEET.name) ?? [...sheets.values()][0];
  if (!rows) throw new AppError('importInvalid', { count: 1 }, [{ row: 0, code: 'missingSheet', message: t('assets.import.empty') }]);
  function* parsed(source: Iterable<WorkbookRow>): Generator<AssetImportRow> {
    try {
      for (const { row, cells } of source) {
        const out: AssetImportRow = { row };
        for (const { header, key } of ASSET_SHEET.columns) {
          const value = cells[header];
          if (value !== undefined) out[key] = value;
        }
        yield out;
      }
    } catch {
      // A sheet that breaks off part-way is the wrong file, whatever was checked before it.
      throw fileError();
    }
  }
  return importAssets(platform, ctx, parsed(rows), locale);
}
