/** Tags the server's sanitiser keeps; a paste keeps only these (others unwrapped to their text). */
const KEPT = new Set([
  'P',
  'BR',
  'STRONG',
  'EM',
  'U',
  'S',
  'H2',
  'H3',
  'H4',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'CODE',
  'PRE',
  'A',
  'IMG',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
]);
const RENAMED: Record<string, string> = { B: 'strong', I: 'em', STRIKE: 's', DEL: 's', H1: 'h2', H5: 'h4', H6: 'h4', DIV: 'p' };
const DROPPED = new Set([
  'SCRIPT',
  'STYLE',
  'TEXTAREA',
  'NOSCRIPT',
  'IFRAME',
  'SVG',
  'MATH',
  'TEMPLATE',
  'OBJECT',
  'EMBED',
  'TITLE',
  'HEAD',
  'META',
  'LINK',
]);
const IMAGE_SRC = /^\/api\/files\/\d+(\/thumbnail)?$/;
const LINK_HREF = /^(https?:\/\/|mailto:)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function cleanNode(node: Node, doc: Document): Node[] {
  if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
  if (node.nodeType !== Node.ELEMENT_NODE) return [];
  const element = node as Element;
  const tag = element.tagName.toUpperCase();
  if (DROPPED.has(tag)) return [];
  const children = [...element.childNodes].flatMap((child) => cleanNode(child, doc));
  const name = RENAMED[tag] ?? (KEPT.has(tag) ? tag.toLowerCase() : null);
  if (!name) return children;
  const out = doc.createElement(name);
  if (name === 'a') {
    const href = element.getAttribute('href')?.trim() ?? '';
    if (LINK_HREF.test(href)) out.setAttribute('href', href);
  }
  if (name === 'img') {
    const src = element.getAttribute('src')?.trim() ?? '';
    // Pictures from elsewhere would be dropped by the server; paste files to upload them instead.
    if (!IMAGE_SRC.test(src)) return [];
    out.setAttribute('src', src);
    const alt = element.getAttribute('alt');
    if (alt) out.setAttribute('alt', alt.slice(0, 200));
  }
  for (const child of children) out.appendChild(child);
  return [out];
}

/**
 * Pasted HTML reduced to what the article keeps (the server sanitises again on save): no styles,
 * classes, handlers or foreign pictures. DOMParser documents run no scripts and load nothing.
 */
export function cleanPastedHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const target = document.implementation.createHTMLDocument('');
  const wrapper = target.createElement('div');
  for (const node of [...parsed.body.childNodes].flatMap((child) => cleanNode(child, target))) wrapper.appendChild(node);
  return wrapper.innerHTML;
}

/** Plain text as paragraphs (line breaks kept), escaped. */
export function textAsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
