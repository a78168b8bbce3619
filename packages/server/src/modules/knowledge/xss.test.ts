import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { sanitizeRichText } from './sanitize.js';
import { type KnowledgeFixture, knowledgeBase, publish } from './test-fixtures.js';

let t: TestContext;
let f: KnowledgeFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await knowledgeBase(t);
});
afterAll(() => t.close());

/** Payloads that must never survive as markup that runs. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/files/1" onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href=" JaVaScRiPt:alert(1)">click</a>',
  '<a href="data:text/html,<script>alert(1)</script>">click</a>',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<style>*{background:url("javascript:alert(1)")}</style>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<form action="https://evil.example"><input name=x></form>',
  '<div onmouseover="alert(1)">hover</div>',
  '<a href="//evil.example/x">protocol-relative</a>',
  '<img src="https://evil.example/track.png">',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
];

/** True when the HTML holds anything that could run or load from elsewhere. */
function dangerous(html: string): string | null {
  const checks: [RegExp, string][] = [
    [/<\s*(script|style|iframe|svg|math|object|embed|form|input|base|meta|noscript|link)\b/i, 'tag'],
    [/\son\w+\s*=/i, 'event handler'],
    [/javascript:/i, 'javascript: URL'],
    [/data:(?!image\/(png|jpeg|gif|webp);base64,)/i, 'data: URL'],
    [/\sstyle\s*=/i, 'style attribute'],
    [/src="(?!\/api\/files\/|data:image\/)/i, 'foreign image'],
    [/href="(?!https?:\/\/|mailto:)/i, 'unsafe link'],
  ];
  for (const [re, what] of checks) if (re.test(html)) return what;
  return null;
}

describe('sanitising rich text', () => {
  it('leaves nothing dangerous in any payload', () => {
    for (const payload of PAYLOADS) expect(dangerous(sanitizeRichText(payload)), payload).toBeNull();
  });

  it('keeps the safe subset', () => {
    const html =
      '<h2>步骤</h2><ol><li><strong>打开</strong>设置</li></ol><p><a href="https://example.com/a">文档</a> <img src="/api/files/12" alt="截图"></p><table><tbody><tr><td colspan="2">x</td></tr></tbody></table><pre><code>ipconfig /all</code></pre>';
    expect(sanitizeRichText(html)).toBe(
      '<h2>步骤</h2><ol><li><strong>打开</strong>设置</li></ol><p><a href="https://example.com/a" rel="noopener noreferrer" target="_blank">文档</a> <img src="/api/files/12" alt="截图" /></p><table><tbody><tr><td colspan="2">x</td></tr></tbody></table><pre><code>ipconfig /all</code></pre>',
    );
  });
});

describe('XSS payloads stored through the API', () => {
  it('come back harmless in every field, and titles stay text (escaped wherever the server makes HTML)', async () => {
    const writer = await t.login(f.engineerA);
    const evil = PAYLOADS.join('\n');
    const articleId = await publish(writer, await t.login(f.reviewer), {
      title: '<script>alert("title")</script> 打印机',
      categoryId: f.categories.printers,
      type: 'known_error',
      body: evil,
      symptom: evil,
      cause: evil,
      workaround: evil,
      fix: evil,
      tags: ['<img src=x onerror=alert(1)>'],
    });
    const requester = await t.login(f.requester);
    const page = (await requester.get(`/api/knowledge/articles/${articleId}`)).json();
    for (const field of ['body', 'symptom', 'cause', 'workaround', 'fix']) expect(dangerous(page.content[field]), field).toBeNull();
    expect(page.content.body).toContain('click');

    const stored = await t.platform.db.selectFrom('knowledge_versions').selectAll().where('article_id', '=', articleId).execute();
    for (const v of stored)
      for (const c of ['body_html', 'symptom_html', 'cause_html', 'workaround_html', 'fix_html'] as const)
        expect(dangerous(v[c])).toBeNull();

    const hits = (await requester.get(`/api/knowledge/search?q=${encodeURIComponent('script 打印机')}`)).json().items;
    const hit = hits.find((h: { id: number }) => h.id === articleId);
    expect(hit.titleHighlight).not.toMatch(/<script/i);
    expect(hit.titleHighlight).toContain('&lt;<mark>script</mark>&gt;');
    expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
    const suggestion = (await requester.get(`/api/knowledge/suggest?q=${encodeURIComponent('alert 打印机')}`)).json().items[0];
    expect(suggestion.titleHighlight).not.toMatch(/<(?!\/?mark>)/);
    expect(suggestion.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('refuses to show images from elsewhere and keeps our own uploads readable to readers', async () => {
    const writer = await t.login(f.engineerA);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const boundary = 'kb-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await writer.request('POST', '/api/files', {
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(upload.statusCode).toBe(201);
    const fileId = upload.json().id;
    const articleId = await publish(writer, await t.login(f.reviewer), {
      title: '带截图的知识',
      categoryId: f.categories.printers,
      body: `<p><img src="/api/files/${fileId}" alt="截图"><img src="https://evil.example/x.png"></p>`,
    });
    const requester = await t.login(f.requester);
    const page = (await requester.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(page.content.body).toBe(`<p><img src="/api/files/${fileId}" alt="截图" /></p>`);
    expect((await requester.get(`/api/files/${fileId}`)).statusCode).toBe(200);
  });
});
