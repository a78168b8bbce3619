import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';
import { columnLetter, type SheetSpec } from './excel.js';

// An .xlsx is a zip of XML parts. ExcelJS's "streaming" writer keeps the whole sheet in memory
// until the workbook is committed (measured: 0.66 kB per row, nothing sent before the end; see
// bench/README.md, finding 2), so exports write the parts themselves: the sheet's rows are deflated
// and sent as they come, the zip's sizes and checksums follow each entry in a data descriptor, and
// the directory comes last. Memory stays flat and the first bytes leave at once.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Rows per chunk handed to the compressor. */
const ROWS_PER_CHUNK = 200;
/** Without Zip64 an entry must stay below 4 GiB (about 20 million rows of a ticket export). */
const MAX_ENTRY_BYTES = 0xffff_ffff;

// Characters XML 1.0 does not allow, even escaped.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cellXml(ref: string, value: unknown, style = ''): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  const text = xmlText(value instanceof Date ? value.toISOString() : String(value));
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ in them. */
function sheetName(name: string): string {
  return xmlText(
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1',
  );
}

function staticParts(spec: SheetSpec): [string, string][] {
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheetName(spec.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      // Style 0: the default; style 1: bold, for the header row.
      `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

/** The sheet's XML, a chunk of rows at a time: header row (bold, frozen), then the rows as they come. */
async function* sheetXml(spec: SheetSpec, rows: AsyncIterable<Record<string, unknown>>): AsyncGenerator<string> {
  const letters = spec.columns.map((_, i) => columnLetter(i + 1));
  const cols = spec.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 18}" customWidth="1"/>`).join('');
  const header = spec.columns.map((c, i) => cellXml(`${letters[i]}1`, c.header, ' s="1"')).join('');
  yield `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData><row r="1">${header}</row>`;
  let n = 1;
  let chunk = '';
  let inChunk = 0;
  for await (const row of rows) {
    n++;
    chunk += `<row r="${n}">`;
    for (let i = 0; i < spec.columns.length; i++) chunk += cellXml(`${letters[i]}${n}`, row[spec.columns[i]?.key ?? '']);
    chunk += '</row>';
    if (++inChunk === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** DOS date and time, as zip headers keep them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Writes zip entries into `out` as they are produced, honouring its backpressure. */
class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly out: PassThrough) {}

  /** Writes, waiting while the reader is behind; fails once the reader has gone (so the rows' cursor is closed). */
  private async put(buffer: Buffer): Promise<void> {
    if (this.out.destroyed) throw new Error('the reader went away');
    this.offset += buffer.length;
    if (this.out.write(buffer)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.out.off('drain', done);
        this.out.off('close', gone);
        if (error) reject(error);
        else resolve();
      };
      const gone = () => done(new Error('the reader went away'));
      this.out.once('drain', done);
      this.out.once('close', gone);
    });
  }

  async entry(path: string, content: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(this.stamp.time, 10);
    local.writeUInt16LE(this.stamp.date, 12);
    local.writeUInt16LE(name.length, 26);
    await this.put(Buffer.concat([local, name]));

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = createDeflateRaw();
    const sending = (async () => {
      for await (const piece of deflate as AsyncIterable<Buffer>) {
        compressed += piece.length;
        await this.put(piece);
      }
    })();
    try {
      for await (const text of content) {
        const data = Buffer.from(text, 'utf8');
        crc = crc32(data, crc);
        size += data.length;
        if (size > MAX_ENTRY_BYTES) throw new Error(`${path} is larger than a zip without Zip64 can hold`);
        if (!deflate.write(data)) await Promise.race([once(deflate, 'drain'), sending]);
      }
      deflate.end();
      await sending;
    } catch (error) {
      deflate.destroy();
      throw error;
    }

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.put(descriptor);
    this.entries.push({ name, crc: crc >>> 0, compressed, size, offset });
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by: 2.0
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0808, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(e.crc, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      header.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([header, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    this.out.end();
  }
}

/**
 * Streams rows into a one-sheet .xlsx as they come (any number of rows, flat memory): the returned
 * stream is piped to the HTTP response while `rows` is consumed, and rows are pulled only as fast
 * as the reader takes them. Strings are written inline; numbers as numbers.
 */
export function streamWorkbook(spec: SheetSpec, rows: AsyncIterable<Record<string, unknown>>): Readable {
  const out = new PassThrough();
  const zip = new ZipWriter(out);
  (async () => {
    for (const [path, xml] of staticParts(spec)) await zip.entry(path, [xml]);
    await zip.entry('xl/worksheets/sheet1.xml', sheetXml(spec, rows));
    await zip.finish();
  })().catch((error) => out.destroy(error as Error));
  return out;
}
