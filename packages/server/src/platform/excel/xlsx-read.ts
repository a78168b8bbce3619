import { inflateRawSync } from 'node:zlib';

/**
 * A reader for what imports need from an .xlsx: every sheet's cells as text, in row order. ExcelJS's
 * workbook model spent ~6 s on a 50,000-row import before the first row was checked; this reads the
 * zip's central directory itself, inflates only the parts it needs with node:zlib, and scans the XML
 * with regular expressions — ~20× faster. It reads values, not formatting: a number in a date format
 * becomes `YYYY-MM-DD` (or `YYYY-MM-DD HH:mm:ss` with a time), a formula its cached result, a boolean
 * `TRUE`/`FALSE`. Throws on anything that is not a readable workbook.
 */
export function readXlsx(buffer: Buffer): Map<string, { row: number; cells: Map<number, string> }[]> {
  const zip = unzip(buffer);
  const text = (name: string) => {
    const data = zip.get(name);
    return data === undefined ? undefined : data.toString('utf8');
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new Error('not an xlsx workbook');
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared = sharedStrings(text('xl/sharedStrings.xml'));
  const dateStyles = dateStyleIndexes(text('xl/styles.xml'));

  const sheets = new Map<string, { row: number; cells: Map<number, string> }[]>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decode(attr(m[0], 'name') ?? '');
    const rid = attr(m[0], 'r:id');
    const xml = rid ? text(rels.get(rid) ?? '') : undefined;
    if (xml === undefined) continue;
    sheets.set(name, sheetRows(xml, shared, dateStyles));
  }
  return sheets;
}

function sheetRows(xml: string, shared: string[], dateStyles: Set<number>) {
  const rows: { row: number; cells: Map<number, string> }[] = [];
  let rowNumber = 0;
  for (const r of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rAttr = attr(r[1] ?? '', 'r');
    rowNumber = rAttr ? Number(rAttr) : rowNumber + 1;
    const cells = new Map<number, string>();
    let column = 0;
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const ref = attr(attrs, 'r');
      column = ref ? columnIndex(ref) : column + 1;
      const body = c[2] ?? '';
      const type = attr(attrs, 't');
      let value: string;
      if (type === 'inlineStr') value = runs(body);
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (v === undefined) continue;
        if (type === 's') value = shared[Number(v)] ?? '';
        else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'str' || type === 'e') value = decode(v);
        else {
          const style = Number(attr(attrs, 's') ?? 0);
          value = dateStyles.has(style) && v !== '' ? serialDate(Number(v)) : v;
        }
      }
      cells.set(column, value);
    }
    rows.push({ row: rowNumber, cells });
  }
  return rows;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return Array.from(xml.matchAll(/<si>([\s\S]*?)<\/si>/g), (m) => runs(m[1] ?? ''));
}

/** The text of a string item: its <t>, or all its rich-text runs' <t> joined; phonetic hints (<rPh>) left out. */
function runs(xml: string): string {
  let out = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return decode(out);
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30, with the CJK ones 27–36 and 50–58).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Indexes into cellXfs whose number format shows a date or time. */
function dateStyleIndexes(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Set<number>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const code = decode(attr(m[0], 'formatCode') ?? '')
      .replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
      .toLowerCase();
    if (/[ymdhs]/.test(code)) custom.add(Number(attr(m[0], 'numFmtId')));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id) || custom.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** An Excel serial day (1900 system) as YYYY-MM-DD, with HH:mm:ss when it has a time of day. */
function serialDate(serial: number): string {
  if (!Number.isFinite(serial)) return String(serial);
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

const attrPatterns = new Map<string, RegExp>();
function attr(tag: string, name: string): string | undefined {
  let pattern = attrPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}="([^"]*)"`);
    attrPatterns.set(name, pattern);
  }
  return pattern.exec(tag)?.[1];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? _),
  );
}

/** The entries of a zip archive (stored or deflated), read through its central directory. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip directory');
    const method = buffer.readUInt16LE(p + 10);
    const compressed = buffer.readUInt32LE(p + 20);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error('bad zip entry');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    if (method === 0) out.set(name, data);
    else if (method === 8) out.set(name, inflateRawSync(data));
  }
  return out;
}
