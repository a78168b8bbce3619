import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Decodes the few entities the server's escaper writes (and numeric ones); anything else stays as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (entity, name: string) => {
    if (/^#x/i.test(name)) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? entity;
  });
}

/**
 * The server's highlight markup (escaped text, matches in `<mark>`) split into pieces. Only `<mark>`
 * and `</mark>` are read as markup; any other `<` would have been escaped by the server, and if one
 * were not, it is shown as text.
 */
export function highlightPieces(markup: string): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const part of markup.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push({ text: decodeEntities(part), marked });
  }
  return out;
}

/** Shows a search title or snippet with its matches marked, as React text: never as HTML. */
export function Highlighted({ markup, className }: { markup: string; className?: string }) {
  let at = 0;
  const nodes: ReactNode[] = highlightPieces(markup).map((piece) => {
    const key = at;
    at += piece.text.length;
    return piece.marked ? (
      <mark key={key} className="kb-mark">
        {piece.text}
      </mark>
    ) : (
      <span key={key}>{piece.text}</span>
    );
  });
  return <span className={className}>{nodes}</span>;
}
