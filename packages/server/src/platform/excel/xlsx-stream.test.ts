import { setTimeout as sleep } from 'node:timers/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from './excel.js';
import { streamWorkbook } from './xlsx-stream.js';

const spec = {
  name: '工单导出',
  columns: [
    { key: 'number', header: '工单号' },
    { key: 'title', header: '标题', width: 40 },
    { key: 'rating', header: '评分' },
  ],
};

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Every entry of a zip, inflated, with its stored checksum checked against the content. */
function unzip(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const content = inflateRawSync(zip.subarray(dataStart, dataStart + compressed));
    expect(content.length, name).toBe(size);
    expect(crc32(content) >>> 0, name).toBe(crc);
    files.set(name, content.toString('utf8'));
    at += 46 + nameLength;
  }
  return files;
}

describe('streamed .xlsx', () => {
  it('writes a valid workbook that reads back cell for cell, with text XML cannot hold made safe', async () => {
    const rows = [
      { number: 'GD20261122-0001', title: '打印机 <卡纸> & "缺墨"', rating: 5 },
      { number: 'GD20261122-0002', title: '  前后有空格  ', rating: null },
      { number: 'GD20261122-0003', title: `控制字符\u0001\u0008删掉，表情 🖨️ 保留`, rating: 0 },
      { number: 'GD20261122-0004', title: '', rating: 3 },
    ];
    const zip = await collect(streamWorkbook(spec, from(rows)));
    const files = unzip(zip);
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(files.get('xl/worksheets/sheet1.xml')).toContain('state="frozen"');

    const sheets = await readWorkbook(zip);
    expect([...sheets.keys()]).toEqual(['工单导出']);
    expect(sheets.get('工单导出')).toEqual([
      { row: 2, cells: { 工单号: 'GD20261122-0001', 标题: '打印机 <卡纸> & "缺墨"', 评分: '5' } },
      { row: 3, cells: { 工单号: 'GD20261122-0002', 标题: '前后有空格' } }, // readWorkbook trims
      { row: 4, cells: { 工单号: 'GD20261122-0003', 标题: '控制字符删掉，表情 🖨️ 保留', 评分: '0' } },
      { row: 5, cells: { 工单号: 'GD20261122-0004', 评分: '3' } },
    ]);
    expect(files.get('xl/worksheets/sheet1.xml')).toContain('<t xml:space="preserve">  前后有空格  </t>');
  });

  it('sends the first rows while later ones are still being read', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* rows() {
      for (let i = 0; i < 5000; i++) yield { number: `GD-${i}`, title: `第 ${i} 张工单：${(i * 7919).toString(36)}`, rating: i % 5 };
      await held; // the database is slow to hand over the rest
      yield { number: 'GD-last', title: '最后一张', rating: 1 };
    }
    const stream = streamWorkbook(spec, rows());
    let received = 0;
    const parts: Buffer[] = [];
    stream.on('data', (part: Buffer) => {
      received += part.length;
      parts.push(part);
    });
    const ended = new Promise((resolve) => stream.on('end', resolve));
    for (let i = 0; i < 100 && received < 20_000; i++) await sleep(20);
    expect(received).toBeGreaterThan(20_000);
    release();
    await ended;
    const sheet = (await readWorkbook(Buffer.concat(parts))).get('工单导出') ?? [];
    expect(sheet).toHaveLength(5001);
    expect(sheet.at(-1)?.cells.工单号).toBe('GD-last');
  });

  it('pulls rows only as fast as the reader takes them', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield { number: `GD-${pulled}`, title: '一直有工单', rating: 4 };
      }
    }
    const stream = streamWorkbook(spec, endless()); // nobody reads it
    let before = -1;
    while (pulled !== before) {
      before = pulled;
      await sleep(50);
    }
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(100_000);
    stream.destroy();
  });

  it('stops reading rows, and lets their source close, when the reader goes away', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield { number: `GD-${i}`, title: '数据库游标', rating: 2 };
      } finally {
        closed = true; // a database cursor would be closed here and its connection returned
      }
    }
    const stream = streamWorkbook(spec, endless());
    let received = 0;
    stream.on('data', (part: Buffer) => {
      received += part.length;
      if (received > 50_000) stream.destroy(); // the browser tab was closed mid-sheet
    });
    for (let i = 0; i < 100 && !closed; i++) await sleep(20);
    expect(closed).toBe(true);
  });
});
