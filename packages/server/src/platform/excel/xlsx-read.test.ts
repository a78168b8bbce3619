import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from './excel.js';
import { streamWorkbook } from './xlsx-stream.js';

async function excelJsWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('资产 Assets');
  sheet.columns = [
    { header: '名称 Name', key: 'name' },
    { header: '购置日期 Purchase date', key: 'bought' },
    { header: '价格 Price', key: 'price' },
    { header: '备注 Note', key: 'note' },
    { header: '在用 In use', key: 'inUse' },
  ];
  sheet.addRow({
    name: 'ThinkPad T14 <Gen 4> & "Pro"',
    bought: new Date(Date.UTC(2026, 0, 15)),
    price: 7999.5,
    note: '  前后空格  ',
    inUse: true,
  });
  sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
  // A row with a gap (no price), a formula with its cached result, a date and time, rich text.
  sheet.addRow({
    name: { richText: [{ text: '华为 ' }, { text: 'MateBook', font: { bold: true } }] },
    bought: new Date(Date.UTC(2025, 11, 31, 9, 30)),
  });
  sheet.getCell('B3').numFmt = 'yyyy/m/d h:mm';
  sheet.getCell('C3').value = { formula: '1+2', result: 3 };
  sheet.addRow({}); // empty rows are skipped
  sheet.addRow({ name: '第五行' });
  workbook.addWorksheet('Second').addRow(['只有表头']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading an uploaded workbook', () => {
  it('gives every sheet its rows as text under the header row, with Excel row numbers', async () => {
    const sheets = await readWorkbook(await excelJsWorkbook());
    expect([...sheets.keys()]).toEqual(['资产 Assets', 'Second']);
    expect(sheets.get('资产 Assets')).toEqual([
      {
        row: 2,
        cells: {
          '名称 Name': 'ThinkPad T14 <Gen 4> & "Pro"',
          '购置日期 Purchase date': '2026-01-15',
          '价格 Price': '7999.5',
          '备注 Note': '前后空格',
          '在用 In use': 'TRUE',
        },
      },
      { row: 3, cells: { '名称 Name': '华为 MateBook', '购置日期 Purchase date': '2025-12-31 09:30:00', '价格 Price': '3' } },
      { row: 5, cells: { '名称 Name': '第五行' } },
    ]);
    expect(sheets.get('Second')).toEqual([]);
  });

  it('reads what the streamed export writes (inline strings), so an export can be re-imported', async () => {
    const parts: Buffer[] = [];
    const stream = streamWorkbook(
      {
        name: '导出',
        columns: [
          { key: 'a', header: '编号' },
          { key: 'b', header: '数量' },
        ],
      },
      (async function* () {
        yield { a: 'ZC-000001', b: 3 };
        yield { a: 'a\tb & <c>', b: null };
      })(),
    );
    for await (const part of stream) parts.push(part as Buffer);
    const sheets = await readWorkbook(Buffer.concat(parts));
    expect(sheets.get('导出')).toEqual([
      { row: 2, cells: { 编号: 'ZC-000001', 数量: '3' } },
      { row: 3, cells: { 编号: 'a\tb & <c>' } },
    ]);
  });

  it('refuses what is not a workbook', async () => {
    await expect(readWorkbook(Buffer.from('name,serial\nThinkPad,SN1\n'))).rejects.toThrow();
    const zipOfNothing = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');
    await expect(readWorkbook(zipOfNothing)).rejects.toThrow();
  });
});
