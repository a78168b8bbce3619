import { type RawBuilder, sql } from 'kysely';
import { indexTerms, type ParsedQuery } from './segment.js';

export type Weight = 'A' | 'B' | 'C' | 'D';

// PostgreSQL keeps positions 1..16383 and at most 256 per lexeme; a few per lexeme suffice for ranking.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 32;

/** A lexeme quoted for tsvector / tsquery input: no parsing, no normalisation, exactly this text. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A `tsvector` literal of the texts' index terms (segments and CJK bigrams), each position weighted
 * by the part it came from (e.g. title A, tags B, body C). Store it with `::tsvector`.
 */
export function buildTsvector(parts: { text: string; weight: Weight }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const part of parts) {
    for (const term of indexTerms(part.text)) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(term) ?? [];
      if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${position}${part.weight}`);
      positions.set(term, list);
    }
  }
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${[...new Set(list)].join(',')}`).join(' ');
}

/** The `tsquery` literal for parsed groups: `all` ANDs them, `any` ORs them; null when there is nothing to search. */
export function buildTsquery(query: ParsedQuery, mode: 'all' | 'any'): string | null {
  const groups = query.groups.map((g) => {
    const terms = g.terms.map((t) => `${quoteLexeme(t)}${g.prefix ? ':*' : ''}`);
    return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' & ')})`;
  });
  if (!groups.length) return null;
  return groups.join(mode === 'all' ? ' & ' : ' | ');
}

/** `column @@ query` for a tsquery literal. */
export function matches(column: string, tsquery: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} @@ ${tsquery}::tsquery`;
}

/** ts_rank with the default weights (A 1.0, B 0.4, C 0.2, D 0.1): title over tags over body. */
export function rank(column: string, tsquery: string): RawBuilder<number> {
  return sql<number>`ts_rank(${sql.ref(column)}, ${tsquery}::tsquery)`;
}

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Whether a query should also be tried by trigram / substring on short fields (titles, numbers):
 * short terms and anything with a digit (error codes, record numbers, models) that word
 * segmentation may cut differently than the person typed it.
 */
export function wantsTrigram(raw: string): boolean {
  const q = raw.trim();
  if (q.length < 2 || q.length > 40) return false;
  return /\d/.test(q) || [...q].length <= 3;
}
