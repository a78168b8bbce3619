import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { act, type KnowledgeFixture, knowledgeBase, publish } from './test-fixtures.js';

let t: TestContext;
let f: KnowledgeFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await knowledgeBase(t);
});
afterAll(() => t.close());

/** A ticket the requester submits and engineerA (team A) claims and, with a solution, resolves. */
async function ticket(title: string, description: string, solution?: string) {
  const requester = await t.login(f.requester);
  const res = await requester.post('/api/tickets', { title, description, catalogItemId: f.itemId, formValues: { symptom: 'no_power' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  let tk = res.json();
  const engineer = await t.login(f.engineerA);
  tk = (await engineer.post(`/api/tickets/${tk.id}/actions/claim`, { version: tk.version })).json();
  if (solution) tk = (await engineer.post(`/api/tickets/${tk.id}/actions/resolve`, { version: tk.version, solution })).json();
  return tk as { id: number; number: string; version: number };
}
const timeline = async (ticketId: number, who = f.engineerA) =>
  (await (await t.login(who)).get(`/api/timeline/ticket/${ticketId}`)).json().items as {
    internal: boolean;
    event: Record<string, unknown>;
  }[];

describe('capture 知识沉淀', () => {
  it('pre-fills a draft from a ticket and links both ways', async () => {
    const tk = await ticket(
      '笔记本电脑蓝屏 0x0000007B',
      '开机后蓝屏，提示 INACCESSIBLE_BOOT_DEVICE',
      '进入 BIOS 将硬盘模式改回 AHCI 后恢复',
    );
    const engineer = await t.login(f.engineerA);
    const res = await engineer.post('/api/knowledge/capture', { recordType: 'ticket', recordId: tk.id });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ status: 'draft', revision: 1, author: { id: f.engineerA.id } });
    expect(v.content).toMatchObject({
      title: '笔记本电脑蓝屏 0x0000007B',
      type: 'known_error',
      symptom: '<p>开机后蓝屏，提示 INACCESSIBLE_BOOT_DEVICE</p>',
      fix: '<p>进入 BIOS 将硬盘模式改回 AHCI 后恢复</p>',
      tags: ['电脑故障报修'],
    });
    // The ticket's timeline (internal: requesters do not see drafts) and the article's both say so.
    const entry = (await timeline(tk.id)).find((e) => e.event.kind === 'knowledgeCaptured');
    expect(entry).toMatchObject({ internal: true, event: { articleNumber: v.articleNumber } });
    expect((await timeline(tk.id, f.requester)).some((e) => e.event.kind === 'knowledgeCaptured')).toBe(false);
    const article = (await engineer.get(`/api/knowledge/articles/${v.articleId}`)).json();
    expect(article.linkedRecords).toEqual([
      { type: 'ticket', id: tk.id, number: tk.number, title: '笔记本电脑蓝屏 0x0000007B', link: `/tickets/${tk.id}`, relation: 'source' },
    ]);
    const related = (await engineer.get(`/api/knowledge/related?recordType=ticket&recordId=${tk.id}`)).json();
    expect(related.linked).toEqual([
      { id: v.articleId, number: v.articleNumber, title: '笔记本电脑蓝屏 0x0000007B', relation: 'source', audience: 'everyone' },
    ]);
  });

  it('refuses a ticket the caller cannot see (404) and requesters altogether (403), writing nothing', async () => {
    const tk = await ticket('显示器闪屏', '显示器一直闪');
    const count = () => t.countRows('knowledge_articles');
    const before = await count();
    const outsider = await t.login(f.engineerB); // other team, team scope
    expect((await outsider.post('/api/knowledge/capture', { recordType: 'ticket', recordId: tk.id })).statusCode).toBe(404);
    const requester = await t.login(f.requester);
    expect((await requester.post('/api/knowledge/capture', { recordType: 'ticket', recordId: tk.id })).statusCode).toBe(403);
    expect((await outsider.post('/api/knowledge/capture', { recordType: 'asset', recordId: 1 })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('application 知识应用 and self-service', () => {
  it('counts an application once per ticket, links it and notes it on the ticket, only for handlers', async () => {
    const writer = await t.login(f.engineerA);
    const articleId = await publish(writer, await t.login(f.reviewer), {
      title: '电脑无法开机的排查步骤',
      categoryId: f.categories.accounts,
      body: '<p>检查电源适配器与插座</p>',
    });
    const tk = await ticket('电脑无法开机', '按电源键没反应');
    const requester = await t.login(f.requester);
    expect(
      (await requester.post(`/api/knowledge/articles/${articleId}/applications`, { recordType: 'ticket', recordId: tk.id })).statusCode,
    ).toBe(403);
    const outsider = await t.login(f.engineerB);
    expect(
      (await outsider.post(`/api/knowledge/articles/${articleId}/applications`, { recordType: 'ticket', recordId: tk.id })).statusCode,
    ).toBe(404);

    const first = await writer.post(`/api/knowledge/articles/${articleId}/applications`, { recordType: 'ticket', recordId: tk.id });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ counted: true, stats: { applications: 1 } });
    const again = await writer.post(`/api/knowledge/articles/${articleId}/applications`, { recordType: 'ticket', recordId: tk.id });
    expect(again.json()).toMatchObject({ counted: false, stats: { applications: 1 } });
    const entry = (await timeline(tk.id, f.requester)).find((e) => e.event.kind === 'knowledgeApplied');
    expect(entry).toMatchObject({ internal: false, event: { articleTitle: '电脑无法开机的排查步骤' } });
    const related = (await writer.get(`/api/knowledge/related?recordType=ticket&recordId=${tk.id}`)).json();
    expect(related.linked).toContainEqual(expect.objectContaining({ id: articleId, relation: 'applied' }));
    expect(related.articles[0]).toMatchObject({ id: articleId, linked: true });
    const rows = await t.platform.db.selectFrom('knowledge_applications').selectAll().where('article_id', '=', articleId).execute();
    expect(rows).toHaveLength(1);
  });

  it('suggests similar resolved tickets within the reader’s scope', async () => {
    const resolved = await ticket('Outlook 打不开，提示配置文件损坏', '双击 Outlook 没反应', '重建 Outlook 配置文件后恢复');
    const open = await ticket('Outlook 打不开', '早上开始 Outlook 打不开');
    const engineer = await t.login(f.engineerA);
    const related = (await engineer.get(`/api/knowledge/related?recordType=ticket&recordId=${open.id}`)).json();
    expect(related.similar[0]).toMatchObject({ type: 'ticket', id: resolved.id, solution: '重建 Outlook 配置文件后恢复' });
    // engineerB cannot see team A's tickets at all.
    expect((await (await t.login(f.engineerB)).get(`/api/knowledge/related?recordType=ticket&recordId=${open.id}`)).statusCode).toBe(404);
  });

  it('counts a deflection once per person, article and day, with a row for analytics', async () => {
    const articleId = await publish(await t.login(f.engineerA), await t.login(f.reviewer), {
      title: '如何连接会议室投屏',
      categoryId: f.categories.accounts,
    });
    const requester = await t.login(f.requester);
    const first = await requester.post(`/api/knowledge/articles/${articleId}/deflection`, { query: '会议室投屏不能用', channel: 'mobile' });
    expect(first.json()).toMatchObject({ counted: true, stats: { deflections: 1 } });
    const again = await requester.post(`/api/knowledge/articles/${articleId}/deflection`, {});
    expect(again.json()).toMatchObject({ counted: false, stats: { deflections: 1 } });
    const other = await (await t.login(f.otherRequester)).post(`/api/knowledge/articles/${articleId}/deflection`, {});
    expect(other.json()).toMatchObject({ counted: true, stats: { deflections: 2 } });
    const rows = await t.platform.db.selectFrom('knowledge_deflections').selectAll().where('article_id', '=', articleId).execute();
    expect(rows.map((r) => [r.user_id, r.query, r.channel])).toEqual(
      expect.arrayContaining([
        [f.requester.id, '会议室投屏不能用', 'mobile'],
        [f.otherRequester.id, null, null],
      ]),
    );
  });

  it('keeps one changeable helpful vote per person and counts views, not the author’s', async () => {
    const writer = await t.login(f.engineerA);
    const articleId = await publish(writer, await t.login(f.reviewer), { title: '打印机脱机怎么办', categoryId: f.categories.printers });
    const requester = await t.login(f.requester);
    expect((await requester.post(`/api/knowledge/articles/${articleId}/helpful`, { helpful: true })).json()).toMatchObject({
      myVote: true,
      stats: { helpful: 1, notHelpful: 0 },
    });
    expect((await requester.post(`/api/knowledge/articles/${articleId}/helpful`, { helpful: true })).json().stats).toMatchObject({
      helpful: 1,
    });
    expect((await requester.post(`/api/knowledge/articles/${articleId}/helpful`, { helpful: false })).json()).toMatchObject({
      myVote: false,
      stats: { helpful: 0, notHelpful: 1 },
    });
    await writer.get(`/api/knowledge/articles/${articleId}`);
    await requester.get(`/api/knowledge/articles/${articleId}`);
    const page = (await requester.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(page.stats.views).toBe(1);
    expect(page.myVote).toBe(false);
  });

  it('shows IT-only applied articles on the ticket timeline as internal notes only', async () => {
    const writer = await t.login(f.engineerA);
    const articleId = await publish(writer, await t.login(f.reviewer), {
      title: '内部：BIOS 管理员密码清单位置',
      categoryId: f.categories.accounts,
      audience: 'it_staff',
    });
    const tk = await ticket('BIOS 密码', '需要进 BIOS');
    await writer.post(`/api/knowledge/articles/${articleId}/applications`, { recordType: 'ticket', recordId: tk.id });
    expect((await timeline(tk.id, f.requester)).some((e) => e.event.kind === 'knowledgeApplied')).toBe(false);
    expect((await timeline(tk.id)).find((e) => e.event.kind === 'knowledgeApplied')).toMatchObject({ internal: true });
    const related = (await (await t.login(f.requester)).get(`/api/knowledge/related?recordType=ticket&recordId=${tk.id}`)).json();
    expect(related.linked).toEqual([]);
    expect(related.articles.map((a: { id: number }) => a.id)).not.toContain(articleId);
  });

  it('reviewers see versions through the article’s history after approving', async () => {
    const writer = await t.login(f.engineerA);
    const reviewer = await t.login(f.reviewer);
    const articleId = await publish(writer, reviewer, { title: '历史可见性', categoryId: f.categories.mail });
    const v = (await writer.post(`/api/knowledge/articles/${articleId}/versions`, {})).json();
    await act(writer, v.id, 'submit');
    const rejected = await act(reviewer, v.id, 'reject', { comment: '不需要修改' });
    expect(rejected.status).toBe('rejected');
    await act(writer, v.id, 'discard');
    const history = (await writer.get(`/api/knowledge/articles/${articleId}/versions`)).json().items;
    expect(history.map((h: { status: string }) => h.status)).toEqual(['discarded', 'published']);
    expect((await writer.post(`/api/knowledge/articles/${articleId}/versions`, {})).statusCode).toBe(201);
  });
});
