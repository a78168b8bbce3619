/**
 * Chinese-aware text segmentation for full-text search, shared by every module that searches.
 *
 * Strategy (why it works for "VPN 连接失败", "打印机 卡纸", "ERP 登录"):
 * - `Intl.Segmenter('zh', { granularity: 'word' })` splits text into word-like segments; Latin words
 *   and numbers come out whole ("VPN", "0x0000011b") and are lower-cased.
 * - ICU's Chinese dictionary is coarse and context-dependent: "打印机卡纸" gives 打印 / 机 / 卡 / 纸,
 *   while "卡纸" elsewhere may come out differently. So the index also holds every character bigram
 *   of each contiguous CJK run (打印 印机 机卡 卡纸) and every single CJK character. Any Chinese
 *   query word then matches as the AND of its bigrams, however ICU happened to split either side.
 * - A query is segmented the same way; consecutive CJK segments are re-joined into query words
 *   (single characters attach to their neighbour: 打印+机 → 打印机, 卡+纸 → 卡纸), function words
 *   (的 了 吗 怎么 如何…) are dropped, and each word becomes a group: a Latin word or number itself,
 *   one character itself, or the AND of the word's bigrams. Groups are ANDed; when nothing matches
 *   them all, searches fall back to OR and rank by how much matched.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
/** Longest token kept (PostgreSQL refuses lexemes over 2 KB; nobody searches for such tokens). */
const MAX_TOKEN = 60;

export const isCjk = (text: string): boolean => CJK.test(text);

export interface Segment {
  text: string;
  index: number;
}

/** ICU word-like segments with their offsets, Latin lower-cased. */
export function wordSegments(text: string): Segment[] {
  const out: Segment[] = [];
  for (const s of segmenter.segment(text.normalize('NFKC'))) {
    if (!s.isWordLike) continue;
    const word = s.segment.toLowerCase();
    if (word.length > MAX_TOKEN) continue;
    out.push({ text: word, index: s.index });
  }
  return out;
}

/**
 * The word-like segments of `text`, lower-cased, plus the single characters of multi-character
 * CJK words (so a one-character query finds them). Order follows the text; duplicates are kept.
 */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const { text: word } of wordSegments(text)) {
    out.push(word);
    if (word.length > 1 && isCjk(word)) for (const ch of word) if (isCjk(ch)) out.push(ch);
  }
  return out;
}

/** Every character bigram of each contiguous run of CJK characters. */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(CJK_RUN)) {
    const chars = [...match[0]];
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/** What the index stores for a text: its segments and its CJK bigrams, in text order. */
export function indexTerms(text: string): string[] {
  return [...segment(text), ...cjkBigrams(text)];
}

// Words that carry no meaning in a question; dropped from queries (never from the index).
const STOP_WORDS = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '么',
  '嘛',
  '着',
  '过',
  '和',
  '与',
  '或',
  '及',
  '在',
  '是',
  '我',
  '你',
  '他',
  '她',
  '它',
  '我们',
  '我的',
  '怎么',
  '怎么办',
  '怎样',
  '如何',
  '什么',
  '为什么',
  '请问',
  '一下',
  '时候',
  '时',
  '后',
  '之后',
  '以后',
  '这个',
  '那个',
  '总是',
  '老是',
  '一直',
  'the',
  'a',
  'an',
  'to',
  'of',
  'is',
  'how',
  'and',
  'or',
]);

/** One query word and the index terms that must all be present for it to match. */
export interface QueryGroup {
  /** The word as the user wrote it (lower-cased): what snippets highlight. */
  word: string;
  /** Index terms ANDed for this word: itself (Latin, number, one character) or its bigrams. */
  terms: string[];
  /** The last Latin word while typing: matched as a prefix. */
  prefix: boolean;
}

export interface ParsedQuery {
  groups: QueryGroup[];
}

/**
 * Turns what someone typed into query groups (see the strategy above). `prefixLast` makes the last
 * Latin word a prefix match, for suggestions while typing.
 */
export function parseQuery(text: string, options: { prefixLast?: boolean } = {}): ParsedQuery {
  // Split into words: Latin words and numbers as they are; CJK segments by adjacency, where a run of
  // single characters forms a word of its own (卡+纸 → 卡纸), and after a multi-character word
  // an odd run gives it its first character (打印+机 → 打印机).
  const words: string[] = [];
  let chunk: Segment[] = [];
  const flushChunk = () => {
    let singles: string[] = [];
    const flushSingles = () => {
      // After a word, an odd run gives its first character to that word: 打印+机卡纸 → 打印机 卡纸.
      if (singles.length % 2 === 1 && lastWasCjkWord && words.length) words[words.length - 1] += singles.shift() ?? '';
      if (singles.length) words.push(singles.join(''));
      singles = [];
    };
    let lastWasCjkWord = false;
    for (const seg of chunk) {
      if ([...seg.text].length === 1) {
        singles.push(seg.text);
        continue;
      }
      flushSingles();
      words.push(seg.text);
      lastWasCjkWord = true;
    }
    flushSingles();
    chunk = [];
  };
  for (const seg of wordSegments(text.slice(0, 500))) {
    const previous = chunk[chunk.length - 1];
    if (STOP_WORDS.has(seg.text) || !isCjk(seg.text)) {
      flushChunk();
      if (!STOP_WORDS.has(seg.text)) words.push(seg.text);
      continue;
    }
    if (previous && previous.index + previous.text.length !== seg.index) flushChunk();
    chunk.push(seg);
  }
  flushChunk();

  const seen = new Set<string>();
  let groups: QueryGroup[] = [];
  for (const word of words) {
    if (seen.has(word)) continue;
    seen.add(word);
    const chars = [...word];
    const terms = isCjk(word) && chars.length > 2 ? unique(cjkBigrams(word)) : [word];
    groups.push({ word, terms, prefix: false });
  }
  // A lone character among real words is noise (怎么 办 → 办); keep it only when it is all there is.
  if (groups.some((g) => [...g.word].length > 1 || !isCjk(g.word))) {
    groups = groups.filter((g) => !(isCjk(g.word) && [...g.word].length === 1));
  }
  const last = groups[groups.length - 1];
  if (options.prefixLast && last && !isCjk(last.word) && /\S$/.test(text)) last.prefix = true;
  return { groups: groups.slice(0, 12) };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
