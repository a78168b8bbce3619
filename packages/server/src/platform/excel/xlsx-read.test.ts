import { crc32, deflateRawSync } from 'node:zlib';
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

/** A zip of the given parts (deflated), as a spreadsheet program writes one. */
function zip(parts: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(raw), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(raw.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(raw), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, data);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const workbookParts = (sheet: string, extra: Record<string, string> = {}, workbookPr = '') => ({
  'xl/workbook.xml': `<workbook>${workbookPr}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
  'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${sheet}</sheetData></worksheet>`,
  ...extra,
});

describe('reading hostile or unusual workbooks', () => {
  it('refuses an unclosed row at once instead of rescanning the rest of the file for each one', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>' + '<row>'.repeat(200_000);
    // 200,000 open tags are one indexOf each; a lazy regex rescanned to the end for each (minutes,
    // well past the test's time-out, while the server's event loop stood still).
    await expect(readWorkbook(zip(workbookParts(rows)))).rejects.toThrow(/unclosed/);
  });

  it('refuses a part that inflates past the budget instead of filling memory', async () => {
    const huge = Buffer.alloc(300 * 1024 * 1024, 0x20); // 300 MB of spaces: ~300 KB deflated
    await expect(readWorkbook(zip({ ...workbookParts(''), 'xl/sharedStrings.xml': huge }))).rejects.toThrow();
  });

  it('keeps shared-string positions for empty items, and reads dates of the 1904 system', async () => {
    const shared = '<sst><si><t>甲</t></si><si/><si><t>丙</t></si></sst>';
    const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>日期</t></is></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="D2" s="1"><v>45306</v></c></row>';
    const sheets = await readWorkbook(
      zip(workbookParts(sheet, { 'xl/sharedStrings.xml': shared, 'xl/styles.xml': styles }, '<workbookPr date1904="1"/>')),
    );
    // Header B1 is the empty item: no column for it; C1 is still 丙.
    expect(sheets.get('S')).toEqual([{ row: 2, cells: { 甲: '丙', 日期: '2028-01-16' } }]);
  });
});
