import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, snippet } from './highlight.js';
import { cjkBigrams, indexTerms, parseQuery, segment } from './segment.js';
import { buildTsquery, buildTsvector, containsPattern, quoteLexeme, wantsTrigram } from './vector.js';

const terms = (q: string, prefixLast = false) => parseQuery(q, { prefixLast }).groups.map((g) => g.terms.join('&') + (g.prefix ? '*' : ''));

describe('segment', () => {
  it('keeps word-like segments, lower-cases Latin and adds the characters of Chinese words', () => {
    expect(segment('VPN 连接失败')).toEqual(['vpn', '连接', '连', '接', '失败', '失', '败']);
    expect(segment('ERP，登录！')).toEqual(['erp', '登录', '登', '录']);
    expect(segment('错误代码 0x0000011B')).toContain('0x0000011b');
  });

  it('indexes the bigrams of each Chinese run, so any query word matches however ICU split the text', () => {
    expect(cjkBigrams('打印机卡纸 ok 网络')).toEqual(['打印', '印机', '机卡', '卡纸', '网络']);
    const index = indexTerms('三楼打印机频繁卡纸');
    for (const t of ['打印', '印机', '卡纸', '频繁', '打', '纸']) expect(index).toContain(t);
  });
});

describe('parseQuery', () => {
  it('makes the issue’s queries into word groups', () => {
    expect(terms('VPN 连接失败')).toEqual(['vpn', '连接', '失败']);
    expect(terms('打印机 卡纸')).toEqual(['打印&印机', '卡纸']);
    expect(terms('ERP 登录')).toEqual(['erp', '登录']);
  });

  it('re-joins characters ICU splits off and drops function words', () => {
    expect(terms('打印机卡纸了怎么办')).toEqual(['打印&印机', '卡纸']);
    expect(terms('POS收银机无法打开钱箱')).toEqual(['pos', '收银&银机', '无法', '打开', '钱箱']);
    expect(terms('怎么')).toEqual([]);
  });

  it('matches the last Latin word as a prefix while typing', () => {
    expect(terms('打印机 hp', true)).toEqual(['打印&印机', 'hp*']);
    expect(terms('打印机 hp ', true)).toEqual(['打印&印机', 'hp']);
  });
});

describe('tsvector and tsquery literals', () => {
  it('weights positions by part and quotes lexemes safely', () => {
    const vector = buildTsvector([
      { text: 'VPN', weight: 'A' },
      { text: "it's \\ 网络", weight: 'C' },
    ]);
    expect(vector).toContain("'vpn':1A");
    expect(vector).toContain("'it''s':2C");
    expect(vector).toContain("'网络':3C");
    expect(quoteLexeme("a'b\\c")).toBe("'a''b\\\\c'");
  });

  it('ANDs or ORs the groups', () => {
    const q = parseQuery('打印机 卡纸');
    expect(buildTsquery(q, 'all')).toBe("('打印' & '印机') & '卡纸'");
    expect(buildTsquery(q, 'any')).toBe("('打印' & '印机') | '卡纸'");
    expect(buildTsquery(parseQuery('的'), 'all')).toBeNull();
  });

  it('tries trigrams for short terms and anything with a digit, and escapes LIKE wildcards', () => {
    expect(wantsTrigram('11b')).toBe(true);
    expect(wantsTrigram('ZS20261122-0001')).toBe(true);
    expect(wantsTrigram('打印')).toBe(true);
    expect(wantsTrigram('打印机无法连接网络')).toBe(false);
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('highlighting', () => {
  it('escapes HTML and marks matches', () => {
    const q = parseQuery('打印机 卡纸');
    expect(highlight('<b>打印机</b>卡纸', q)).toBe('&lt;b&gt;<mark>打印机</mark>&lt;/b&gt;<mark>卡纸</mark>');
    expect(highlight('<script>alert(1)</script>', parseQuery('script'))).toBe(
      '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;',
    );
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('cuts a snippet around the matches', () => {
    const text = `${'无关内容。'.repeat(40)}VPN 连接失败时先检查网络。${'其他说明。'.repeat(40)}`;
    const s = snippet(text, parseQuery('VPN 连接失败'), { length: 60 });
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>VPN</mark> <mark>连接失败</mark>');
  });
});
