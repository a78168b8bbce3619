import type { KnowledgeSearchQuery } from '@shuyun/shared';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import {
  buildTsquery,
  containsPattern,
  highlight,
  type ParsedQuery,
  parseQuery,
  snippet,
  wantsTrigram,
} from '../../platform/search/index.js';
import { audiencesFor, readableArticles } from './access.js';
import { CARD_COLUMNS, type CardRow, categoryWithDescendants, statsOf, toCards } from './queries.js';

type Filters = Pick<KnowledgeSearchQuery, 'categoryId' | 'type' | 'systemId' | 'tag'>;
type Base = ReturnType<typeof readableArticles>;

async function filtered(db: Database, actor: Actor, filters: Filters): Promise<Base> {
  let q = readableArticles(db, actor);
  if (filters.categoryId) q = q.where('a.category_id', 'in', await categoryWithDescendants(db, filters.categoryId));
  if (filters.type) q = q.where('a.type', '=', filters.type);
  if (filters.systemId) q = q.where(sql<boolean>`${filters.systemId}::bigint = ANY(a.system_ids)`);
  if (filters.tag) q = q.where(sql<boolean>`${filters.tag} = ANY(a.tags)`);
  return q;
}

/** A text query compiled for SQL: the full-text match, its rank, and the trigram branch for short terms and numbers. */
interface Compiled {
  parsed: ParsedQuery;
  where: RawBuilder<boolean>;
  score: RawBuilder<number>;
  extra: string[];
}

function compile(raw: string, parsed: ParsedQuery, mode: 'all' | 'any'): Compiled | null {
  const tsquery = buildTsquery(parsed, mode);
  // Substring matching needs three characters to use the trigram indexes; a shorter pattern made
  // PostgreSQL read every article (with its search vector) for 密码 or 蓝屏, which the word index
  // already finds: every Chinese pair of a title is one of its index terms.
  const trigram = wantsTrigram(raw) && [...raw.trim()].length >= 3;
  if (!tsquery && !trigram) return null;
  const pattern = containsPattern(raw.trim());
  // Match on the stripped copy (its own GIN index, small enough to stay in the row); rank on the full vector.
  const fts = tsquery ? sql<boolean>`a.search_terms @@ ${tsquery}::tsquery` : sql<boolean>`false`;
  const tri = trigram ? sql<boolean>`(a.title ILIKE ${pattern} OR a.number ILIKE ${pattern})` : sql<boolean>`false`;
  const rank = tsquery ? sql<number>`ts_rank(a.search_vector, ${tsquery}::tsquery)` : sql<number>`0`;
  // Relevance first; then a little for helpfulness and views, and for recency (a year halves it).
  const score = sql<number>`((${rank}) + CASE WHEN ${tri} THEN 0.5 ELSE 0 END)
    * (1 + 0.15 * ln(1 + greatest(a.helpful_count - a.not_helpful_count, 0)) + 0.03 * ln(1 + a.view_count))
    * (0.8 + 0.2 / (1 + extract(epoch FROM (now() - coalesce(a.published_at, a.created_at))) / 31536000.0))`;
  return { parsed, where: sql<boolean>`(${fts} OR ${tri})`, score, extra: trigram ? [raw.trim()] : [] };
}

/**
 * Searches published articles the caller may read: every query word must match (AND); when nothing
 * does, any may (OR, `mode: 'any'`). Ranked by relevance (title over tags over body), helpfulness,
 * views and recency; each hit has a highlighted title and snippet. Without `q`, a browse list.
 */
export async function searchArticles(db: Database, actor: Actor, query: KnowledgeSearchQuery) {
  const base = await filtered(db, actor, query);
  const offset = (query.page - 1) * query.pageSize;
  const raw = query.q?.trim() ?? '';
  const order = (q: Base, score: RawBuilder<number> | null) => {
    switch (query.sort === 'relevance' && !score ? 'recent' : query.sort) {
      case 'recent':
        return q.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc');
      case 'popular':
        return q.orderBy('a.view_count', 'desc').orderBy('a.id', 'desc');
      case 'helpful':
        return q.orderBy(sql`a.helpful_count - a.not_helpful_count`, 'desc').orderBy('a.id', 'desc');
      default:
        return q.orderBy(score as RawBuilder<number>, 'desc').orderBy('a.id', 'desc');
    }
  };

  if (!raw) {
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = (await order(base, null)
      .select([...CARD_COLUMNS, 'a.search_text'])
      .limit(query.pageSize)
      .offset(offset)
      .execute()) as (CardRow & {
      search_text: string;
    })[];
    const cards = await toCards(db, rows, actor.locale);
    const empty = parseQuery('');
    return {
      items: cards.map((c, i) => ({
        ...c,
        titleHighlight: highlight(c.title, empty),
        snippet: snippet(rows[i]?.search_text ?? '', empty),
        score: 0,
      })),
      total: Number(n),
      page: query.page,
      pageSize: query.pageSize,
      mode: 'browse' as const,
    };
  }

  const parsed = parseQuery(raw);
  let mode: 'all' | 'any' = 'all';
  let compiled = compile(raw, parsed, 'all');
  let total = compiled ? await countWhere(base, compiled) : 0;
  if (compiled && total === 0 && parsed.groups.length > 1) {
    mode = 'any';
    compiled = compile(raw, parsed, 'any');
    total = compiled ? await countWhere(base, compiled) : 0;
  }
  if (!compiled || total === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize, mode };
  const rows = (await order(base.where(compiled.where), compiled.score)
    .select([...CARD_COLUMNS, 'a.search_text', compiled.score.as('score')])
    .limit(query.pageSize)
    .offset(offset)
    .execute()) as (CardRow & { search_text: string; score: number })[];
  const cards = await toCards(db, rows, actor.locale);
  const hit = compiled;
  return {
    items: cards.map((c, i) => ({
      ...c,
      titleHighlight: highlight(c.title, hit.parsed, hit.extra),
      snippet: snippet(rows[i]?.search_text ?? '', hit.parsed, { extra: hit.extra }),
      score: Number(rows[i]?.score ?? 0),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    mode,
  };
}

async function countWhere(base: Base, compiled: Compiled): Promise<number> {
  const { n } = await base
    .where(compiled.where)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * The few best articles for what someone is typing (a ticket title on PC or mobile): the last Latin
 * word as a prefix, AND then OR, never an article outside the caller's audience.
 */
export async function suggestArticles(db: Database, actor: Actor, text: string, limit: number, options: { systemId?: number | null } = {}) {
  const parsed = parseQuery(text, { prefixLast: true });
  const base = readableArticles(db, actor);
  for (const mode of ['all', 'any'] as const) {
    if (mode === 'any' && parsed.groups.length < 2) break;
    const compiled = compile(text, parsed, mode);
    if (!compiled) return [];
    // The record's system, when known, is a tie-breaker.
    const boost = options.systemId
      ? sql<number>`CASE WHEN ${options.systemId}::bigint = ANY(a.system_ids) THEN 1.2 ELSE 1 END`
      : sql<number>`1`;
    const rows = (await base
      .where(compiled.where)
      .$if(mode === 'any', (q) => q.where(enoughWords(parsed)))
      .select([...CARD_COLUMNS, 'a.search_text', sql<number>`(${compiled.score}) * ${boost}`.as('score')])
      .orderBy('score', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute()) as (CardRow & { search_text: string })[];
    if (rows.length) {
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        titleHighlight: highlight(r.title, parsed, compiled.extra),
        snippet: snippet(r.search_text, parsed, { length: 90, extra: compiled.extra }),
        type: r.type as 'how_to',
        stats: statsOf(r),
      }));
    }
  }
  return [];
}

/**
 * For suggestions when not every word matches: an article must still share several of the words
 * (one of two, two of three to six, a third of more), so that a long ticket text does not suggest
 * everything that mentions "系统" or "提示".
 */
function enoughWords(parsed: ParsedQuery): RawBuilder<boolean> {
  const n = parsed.groups.length;
  const needed = n <= 2 ? 1 : Math.max(2, Math.ceil(n / 3));
  const hits = parsed.groups.map((g) => sql<number>`(a.search_terms @@ ${buildTsquery({ groups: [g] }, 'all')}::tsquery)::int`);
  return sql<boolean>`(${sql.join(hits, sql` + `)}) >= ${needed}`;
}

/** Tags in use on articles the caller may read, most used first (for filters and the editor). */
export async function listTags(db: Database, actor: Actor, q: string | undefined, limit: number) {
  const filter = q ? sql`AND t.tag ILIKE ${containsPattern(q)}` : sql``;
  const { rows } = await sql<{ tag: string; count: number }>`
    SELECT t.tag, count(*)::int AS count
    FROM knowledge_articles a, unnest(a.tags) AS t(tag)
    WHERE a.status = 'published' AND a.audience = ANY(${audiencesFor(actor)}) ${filter}
    GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
