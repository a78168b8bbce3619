import ExcelJS from 'exceljs';
import { readXlsx } from './xlsx-read.js';

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

/** Reads every sheet's rows as text keyed by the header cell (row 1); `row` is the Excel row number. */
export async function readWorkbook(buffer: Buffer): Promise<Map<string, { row: number; cells: Record<string, string> }[]>> {
  const sheets = new Map<string, { row: number; cells: Record<string, string> }[]>();
  for (const [name, sheetRows] of readXlsx(buffer)) {
    const headers = new Map<number, string>();
    for (const [column, text] of sheetRows.find((r) => r.row === 1)?.cells ?? []) headers.set(column, text.trim());
    const rows: { row: number; cells: Record<string, string> }[] = [];
    for (const { row, cells: values } of sheetRows) {
      if (row === 1) continue;
      const cells: Record<string, string> = {};
      for (const [column, text] of values) {
        const header = headers.get(column);
        if (header) cells[header] = text.trim();
      }
      if (Object.values(cells).some((v) => v !== '')) rows.push({ row, cells });
    }
    sheets.set(name, rows);
  }
  return sheets;
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
