import type { ParsedQuery } from './segment.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** What to mark in a text: each query word, or its bigrams when the word itself does not occur. */
function needles(text: string, query: ParsedQuery, extra: string[]): string[] {
  const lower = text.toLowerCase();
  const out = new Set<string>();
  for (const g of query.groups) {
    if (lower.includes(g.word)) out.add(g.word);
    else for (const t of g.terms) if (lower.includes(t)) out.add(t);
  }
  for (const e of extra) if (e && lower.includes(e.toLowerCase())) out.add(e.toLowerCase());
  return [...out].sort((a, b) => b.length - a.length);
}

/** Ranges [start, end) of every needle occurrence, merged. */
function ranges(text: string, words: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const found: [number, number][] = [];
  for (const w of words) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + w.length)) found.push([i, i + w.length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

function mark(text: string, spans: [number, number][], offset: number): string {
  let out = '';
  let at = offset;
  for (const [s, e] of spans) {
    if (e <= at || s >= offset + text.length) continue;
    const start = Math.max(s, at);
    const end = Math.min(e, offset + text.length);
    out += escapeHtml(text.slice(at - offset, start - offset));
    out += `<mark>${escapeHtml(text.slice(start - offset, end - offset))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at - offset));
}

/** The whole text, HTML-escaped, with the query's matches in <mark>. */
export function highlight(text: string, query: ParsedQuery, extra: string[] = []): string {
  return mark(text, ranges(text, needles(text, query, extra)), 0);
}

/**
 * An excerpt of about `length` characters around the densest cluster of matches, HTML-escaped,
 * matches in <mark>, with … where it was cut. Without matches, the text's beginning.
 */
export function snippet(text: string, query: ParsedQuery, options: { length?: number; extra?: string[] } = {}): string {
  const length = options.length ?? 140;
  const clean = text.replace(/\s+/g, ' ').trim();
  const spans = ranges(clean, needles(clean, query, options.extra ?? []));
  let start = 0;
  if (spans.length) {
    // The window that covers the most matches, starting a little before its first one.
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < spans.length; i++) {
      const from = spans[i]?.[0] ?? 0;
      const count = spans.filter(([s, e]) => s >= from && e <= from + length).length;
      if (count > bestCount) {
        best = from;
        bestCount = count;
      }
    }
    start = Math.max(0, best - Math.floor(length / 5));
  }
  const end = Math.min(clean.length, start + length);
  const piece = clean.slice(start, end);
  return `${start > 0 ? '…' : ''}${mark(piece, spans, start)}${end < clean.length ? '…' : ''}`;
}
