/** Content type from the first bytes; text types fall back to the extension, everything else to octet-stream. */
export function sniffMime(head: Buffer, fileName: string, claimed: string): string {
  const hex = head.subarray(0, 8).toString('hex');
  if (hex.startsWith('89504e470d0a1a0a')) return 'image/png';
  if (hex.startsWith('ffd8ff')) return 'image/jpeg';
  if (hex.startsWith('47494638')) return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (hex.startsWith('504b0304')) return officeType(fileName) ?? 'application/zip';
  if (hex.startsWith('d0cf11e0a1b11ae1')) return legacyOfficeType(fileName) ?? 'application/octet-stream';
  const ext = fileName.toLowerCase().split('.').pop();
  if (looksLikeText(head)) {
    if (looksLikeMarkup(head.toString('utf8'))) return 'text/html';
    if (ext === 'csv') return 'text/csv';
    if (ext === 'txt' || ext === 'log' || claimed === 'text/plain') return 'text/plain';
  }
  return 'application/octet-stream';
}

function officeType(fileName: string): string | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    zip: 'application/zip',
  }[ext ?? ''];
}

function legacyOfficeType(fileName: string): string | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return { xls: 'application/vnd.ms-excel', doc: 'application/msword', ppt: 'application/vnd.ms-powerpoint' }[ext ?? ''];
}

// What a browser would take for HTML at the start of a file (WHATWG MIME sniffing), and tags or
// declarations that make markup dangerous wherever they appear in the first bytes.
const LEADING_HTML = /^\uFEFF?\s*<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/i;
const DANGEROUS_MARKUP =
  /<(!doctype|\?xml|[a-z]+:script|(html|head|body|script|iframe|frame|frameset|svg|math|img|image|object|embed|applet|style|link|meta|base|form|input|video|audio|xsl:\w+)[\s/>])/i;

function looksLikeMarkup(text: string): boolean {
  return LEADING_HTML.test(text) || DANGEROUS_MARKUP.test(text);
}

/** True when a stretch of a text file contains markup a browser could run (for scanning past the first bytes). */
export function containsMarkup(text: string): boolean {
  return DANGEROUS_MARKUP.test(text);
}

function looksLikeText(head: Buffer): boolean {
  return !head.includes(0);
}
