import { describe, expect, it } from 'vitest';
import { decodeEntities, highlightPieces } from './highlight';

describe('search highlight', () => {
  it('reads only <mark> as markup', () => {
    expect(highlightPieces('打印机 <mark>卡纸</mark> 处理')).toEqual([
      { text: '打印机 ', marked: false },
      { text: '卡纸', marked: true },
      { text: ' 处理', marked: false },
    ]);
  });

  it('keeps escaped or stray tags as text', () => {
    const pieces = highlightPieces('&lt;img src=x onerror=alert(1)&gt; <mark>VPN</mark> <b>x</b>');
    expect(pieces.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)> VPN <b>x</b>');
    expect(pieces.filter((p) => p.marked).map((p) => p.text)).toEqual(['VPN']);
  });

  it('decodes numeric and named entities', () => {
    expect(decodeEntities('&#39;a&#39; &amp; &quot;b&quot; &#x4e2d; &unknown;')).toBe(`'a' & "b" 中 &unknown;`);
  });
});

describe('server highlights', () => {
  it('splits escaped text on the mark tags and decodes entities', () => {
    expect(highlightPieces('<mark>VPN</mark> 连接 &amp; 认证 &lt;错误&gt; &#39;809&#39;')).toEqual([
      { text: 'VPN', marked: true },
      { text: " 连接 & 认证 <错误> '809'", marked: false },
    ]);
  });

  it('keeps any other markup as text, so a script in a title is only shown', () => {
    const parts = highlightPieces('&lt;script&gt;alert(1)&lt;/script&gt;<mark>打印机</mark><img src=x onerror=alert(1)>');
    expect(parts).toEqual([
      { text: '<script>alert(1)</script>', marked: false },
      { text: '打印机', marked: true },
      { text: '<img src=x onerror=alert(1)>', marked: false },
    ]);
  });

  it('treats an unclosed mark as marked to the end and ignores a stray close', () => {
    expect(highlightPieces('a</mark>b<mark>c')).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: false },
      { text: 'c', marked: true },
    ]);
  });
});
