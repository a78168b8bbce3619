import { inflateRawSync } from 'node:zlib';

/** What an upload may inflate to, all parts together: a 50,000-row sheet is ~25 MB of XML. */
export const XLSX_MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * A reader for what imports need from an .xlsx: every sheet's cells as text, in row order. ExcelJS's
 * workbook model spent ~6 s on a 50,000-row import before the first row was checked; this reads the
 * zip's central directory itself, inflates only the parts it needs with node:zlib (within
 * XLSX_MAX_INFLATED_BYTES, so a zip bomb is refused, not inflated), and scans the XML with indexOf —
 * linear in the input, so an unclosed tag is an error at once, never a rescan. It reads values, not
 * formatting: a number in a date format becomes `YYYY-MM-DD` (or `YYYY-MM-DD HH:mm:ss` with a time;
 * the 1904 date system too), a formula its cached result, a boolean `TRUE`/`FALSE`. Throws on anything
 * that is not a readable workbook.
 */
export type XlsxRow = { row: number; cells: Map<number, string> };

/**
 * …each sheet's rows produced as they are scanned, so a caller can check and write a chunk while the
 * next is read (the sheet's XML is inflated here, its rows on iteration; a malformed row throws then).
 */
export function readXlsx(buffer: Buffer): Map<string, Iterable<XlsxRow>> {
  const part = unzip(buffer);
  const workbook = part('xl/workbook.xml');
  if (workbook === undefined) throw new Error('not an xlsx workbook');
  const rels = new Map<string, string>();
  for (const { attrs } of elements(part('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')) {
    const id = attr(attrs, 'Id');
    const target = attr(attrs, 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const shared = sharedStrings(part('xl/sharedStrings.xml'));
  const dateStyles = dateStyleIndexes(part('xl/styles.xml'));
  const pr = first(workbook, 'workbookPr');
  const date1904 = pr ? ['1', 'true'].includes(attr(pr.attrs, 'date1904') ?? '') : false;

  const sheets = new Map<string, Iterable<XlsxRow>>();
  for (const { attrs } of elements(workbook, 'sheet')) {
    const rid = attr(attrs, 'r:id');
    const xml = rid ? part(rels.get(rid) ?? '') : undefined;
    if (xml === undefined) continue;
    sheets.set(decode(attr(attrs, 'name') ?? ''), { [Symbol.iterator]: () => sheetRows(xml, shared, dateStyles, date1904) });
  }
  return sheets;
}

function* sheetRows(xml: string, shared: string[], dateStyles: Set<number>, date1904: boolean): Generator<XlsxRow> {
  let rowNumber = 0;
  for (const r of elements(xml, 'row')) {
    const rAttr = attr(r.attrs, 'r');
    rowNumber = rAttr ? Number(rAttr) : rowNumber + 1;
    const cells = new Map<number, string>();
    const body = r.body ?? '';
    let column = 0;
    // The row's <c> elements, scanned in place (a sheet has hundreds of thousands of them).
    for (let i = body.indexOf('<c'); i !== -1; ) {
      const after = body.charCodeAt(i + 2);
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        i = body.indexOf('<c', i + 2);
        continue;
      }
      const tagEnd = body.indexOf('>', i);
      if (tagEnd === -1) throw new Error('unclosed <c');
      const selfClosing = body.charCodeAt(tagEnd - 1) === 47;
      let cellBody = '';
      let end = tagEnd + 1;
      if (!selfClosing) {
        const stop = body.indexOf('</c>', end);
        if (stop === -1) throw new Error('unclosed <c>');
        cellBody = body.slice(end, stop);
        end = stop + 4;
      }
      cellAttributes(body, i + 2, selfClosing ? tagEnd - 1 : tagEnd);
      i = body.indexOf('<c', end);
      column = cellRef ? columnIndex(cellRef) : column + 1;
      let value: string;
      if (cellType === 'inlineStr') value = runs(first(cellBody, 'is')?.body ?? '');
      else {
        const v = cellValue(cellBody);
        if (v === undefined) continue;
        if (cellType === 's') value = shared[Number(v)] ?? '';
        else if (cellType === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
        else if (cellType === 'str' || cellType === 'e') value = decode(v);
        else {
          const style = Number(cellStyle ?? 0);
          value = dateStyles.has(style) && v !== '' ? serialDate(Number(v) + (date1904 ? 1462 : 0)) : v;
        }
      }
      cells.set(column, value);
    }
    yield { row: rowNumber, cells };
  }
}

// The attributes of the cell being read, set by cellAttributes (one cell at a time, no object per cell).
let cellRef: string | undefined;
let cellType: string | undefined;
let cellStyle: string | undefined;

/** Reads `r`, `t` and `s` from the attributes of a `<c` tag, xml[from, to). */
function cellAttributes(xml: string, from: number, to: number) {
  cellRef = cellType = cellStyle = undefined;
  let i = from;
  while (i < to) {
    const eq = xml.indexOf('="', i);
    if (eq === -1 || eq >= to) return;
    const close = xml.indexOf('"', eq + 2);
    if (close === -1 || close >= to) return;
    const name = xml.slice(i, eq).trim();
    if (name === 'r') cellRef = xml.slice(eq + 2, close);
    else if (name === 't') cellType = xml.slice(eq + 2, close);
    else if (name === 's') cellStyle = xml.slice(eq + 2, close);
    i = close + 1;
  }
}

/** A cell's `<v>` text (undefined when it has none). */
function cellValue(body: string): string | undefined {
  if (body.startsWith('<v>')) {
    const stop = body.indexOf('</v>', 3);
    if (stop !== -1) return body.slice(3, stop);
  }
  return first(body, 'v')?.body ?? undefined;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return Array.from(elements(xml, 'si'), (si) => plainText(si.body ?? '') ?? runs(si.body ?? ''));
}

/** The text of a string item that is one plain `<t>` (what most writers produce), without the general scan. */
function plainText(body: string): string | undefined {
  const open = body.startsWith('<t>') ? 3 : body.startsWith('<t xml:space="preserve">') ? 24 : 0;
  if (!open || !body.endsWith('</t>') || body.indexOf('<', open) !== body.length - 4) return undefined;
  return decode(body.slice(open, -4));
}

/** The text of a string item: its <t>, or all its rich-text runs' <t> joined; phonetic hints (<rPh>) left out. */
function runs(xml: string): string {
  let out = '';
  let at = 0;
  for (const ph of elements(xml, 'rPh')) {
    out += texts(xml.slice(at, ph.start));
    at = ph.end;
  }
  return decode(out + texts(xml.slice(at)));
}

function texts(xml: string): string {
  let out = '';
  for (const t of elements(xml, 't')) out += t.body ?? '';
  return out;
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
  for (const { attrs } of elements(xml, 'numFmt')) {
    const code = decode(attr(attrs, 'formatCode') ?? '')
      .replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
      .toLowerCase();
    if (/[ymdhs]/.test(code)) custom.add(Number(attr(attrs, 'numFmtId')));
  }
  let i = 0;
  for (const { attrs } of elements(first(xml, 'cellXfs')?.body ?? '', 'xf')) {
    const id = Number(attr(attrs, 'numFmtId') ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id) || custom.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** An Excel serial day (1900 system) as YYYY-MM-DD, with HH:mm:ss when it has a time of day. */
function serialDate(serial: number): string {
  if (!Number.isFinite(serial) || Math.abs(serial) > 3_000_000) return String(serial);
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

interface Element {
  attrs: string;
  /** null for a self-closing element. */
  body: string | null;
  start: number;
  end: number;
}

/**
 * The `<tag …>…</tag>` elements of one name, in order, found with indexOf. Elements of that name
 * must not nest (true of every one read here); an unclosed one makes the file unreadable.
 */
function* elements(xml: string, tag: string): Generator<Element> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let i = xml.indexOf(open);
  while (i !== -1) {
    const next = xml.charCodeAt(i + open.length);
    // `<t` must not match `<tableParts`: the name ends at a space, `>` or `/`.
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      i = xml.indexOf(open, i + open.length);
      continue;
    }
    const tagEnd = xml.indexOf('>', i);
    if (tagEnd === -1) throw new Error(`unclosed <${tag}`);
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      yield { attrs: xml.slice(i + open.length, tagEnd - 1), body: null, start: i, end: tagEnd + 1 };
      i = xml.indexOf(open, tagEnd + 1);
      continue;
    }
    const stop = xml.indexOf(close, tagEnd + 1);
    if (stop === -1) throw new Error(`unclosed <${tag}>`);
    yield { attrs: xml.slice(i + open.length, tagEnd), body: xml.slice(tagEnd + 1, stop), start: i, end: stop + close.length };
    i = xml.indexOf(open, stop + close.length);
  }
}

function first(xml: string, tag: string): Element | undefined {
  for (const element of elements(xml, tag)) return element;
  return undefined;
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
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (entity, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? entity;
    const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/**
 * The parts of a zip archive (stored or deflated), read through its central directory and inflated
 * only when asked for, all of them together within XLSX_MAX_INFLATED_BYTES.
 */
function unzip(buffer: Buffer): (name: string) => string | undefined {
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
  const entries = new Map<string, { method: number; start: number; size: number }>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip directory');
    const method = buffer.readUInt16LE(p + 10);
    const size = buffer.readUInt32LE(p + 20);
    const nameLength = buffer.readUInt16LE(p + 28);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
    if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error('bad zip entry');
    entries.set(name, { method, start: local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28), size });
  }
  let budget = XLSX_MAX_INFLATED_BYTES;
  return (name) => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    const data = buffer.subarray(entry.start, entry.start + entry.size);
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`unsupported zip method ${entry.method}`);
    // Over the budget, inflateRawSync throws instead of filling memory.
    const bytes = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
    budget -= bytes.length;
    if (budget < 0) throw new Error('workbook too large once inflated');
    return bytes.toString('utf8');
  };
}
