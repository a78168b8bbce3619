import ExcelJS from 'exceljs';
import { readXlsx, type XlsxRow } from './xlsx-read.js';

export interface SheetSpec {
  name: string;
  columns: { header: string; key: string; width?: number }[];
}

/** Builds a small workbook (templates) in memory. */
export async function workbookBuffer(sheets: (SheetSpec & { rows?: Record<string, unknown>[] })[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of spec.rows ?? []) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type WorkbookRow = { row: number; cells: Record<string, string> };

/** Reads every sheet's rows as text keyed by the header cell (row 1); `row` is the Excel row number. */
export async function readWorkbook(buffer: Buffer): Promise<Map<string, WorkbookRow[]>> {
  return new Map([...readWorkbookSheets(buffer)].map(([name, rows]) => [name, [...rows]]));
}

/**
 * The same, each sheet's rows produced while they are read (blank rows skipped): a large import checks
 * and writes one chunk while the next is read. Iterating throws on a malformed sheet.
 */
export function readWorkbookSheets(buffer: Buffer): Map<string, Iterable<WorkbookRow>> {
  const sheets = new Map<string, Iterable<WorkbookRow>>();
  for (const [name, sheetRows] of readXlsx(buffer)) sheets.set(name, { [Symbol.iterator]: () => keyedRows(sheetRows) });
  return sheets;
}

function* keyedRows(sheetRows: Iterable<XlsxRow>): Generator<WorkbookRow> {
  const headers = new Map<number, string>();
  for (const { row, cells: values } of sheetRows) {
    if (row === 1) {
      for (const [column, text] of values) headers.set(column, text.trim());
      continue;
    }
    const cells: Record<string, string> = {};
    let blank = true;
    for (const [column, text] of values) {
      const header = headers.get(column);
      if (!header) continue;
      const value = text.trim();
      cells[header] = value;
      if (value !== '') blank = false;
    }
    if (!blank) yield { row, cells };
  }
}

/** Column letter for a 1-based index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
