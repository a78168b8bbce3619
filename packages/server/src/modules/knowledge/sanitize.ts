import sanitizeHtml from 'sanitize-html';

/** Images may come from our own file store (access-checked) or be small inline pictures. */
const IMAGE_SRC = /^(\/api\/files\/\d+(\/thumbnail)?|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+)$/;
const LINK_HREF = /^(https?:\/\/|mailto:)/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'u',
    's',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Dropped with their content, not just unwrapped.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'svg',
    'math',
    'template',
    'object',
    'embed',
    'title',
    'head',
  ],
  disallowedTagsMode: 'discard',
  transformTags: {
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    div: 'p',
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const kept: sanitizeHtml.Attributes = LINK_HREF.test(href) ? { href, rel: 'noopener noreferrer', target: '_blank' } : {};
      return { tagName, attribs: kept };
    },
    img: (tagName, attribs) => {
      const src = (attribs.src ?? '').trim();
      const kept: sanitizeHtml.Attributes = IMAGE_SRC.test(src) ? { src } : {};
      if (kept.src && attribs.alt) kept.alt = attribs.alt.slice(0, 200);
      return { tagName, attribs: kept };
    },
  },
  // An image whose source was refused is removed entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * Rich text as the server stores and returns it: only the safe subset of tags and attributes,
 * links only to http(s) and mailto (opened with rel=noopener), images only from /api/files/… or
 * inline png/jpeg/gif/webp. Scripts, styles, frames, SVG, event handlers and javascript: URLs are gone.
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Plain text of sanitised HTML (for search, snippets and diffs): blocks and <br> become line breaks. */
export function htmlToText(safeHtml: string): string {
  return safeHtml
    .replace(/<img[^>]*>/g, ' ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|h2|h3|h4|li|blockquote|pre|tr|table|ul|ol)>/g, '\n')
    .replace(/<\/t[hd]>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? entity;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Ids of our own files an article's HTML shows (`/api/files/:id`). */
export function referencedFileIds(safeHtml: string): number[] {
  return [...new Set([...safeHtml.matchAll(/src="\/api\/files\/(\d+)/g)].map((m) => Number(m[1])))];
}

/** Plain text as safe HTML paragraphs (what capture puts into a draft). */
export function textToHtml(text: string): string {
  const escapeText = (s: string) => s.replace(/[&<>"']/g, (c) => `&${ENTITIES_BACK[c]};`);
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeText(p).replace(/\n/g, '<br />')}</p>`)
    .join('');
}
const ENTITIES_BACK: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' };
