import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { eventually } from '../tickets/test-fixtures.js';
import { REVIEW_DUE_JOB } from './jobs.js';
import { act, draft, type KnowledgeFixture, knowledgeBase, publish } from './test-fixtures.js';

let t: TestContext;
let f: KnowledgeFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await knowledgeBase(t);
});
afterAll(() => t.close());

const count = (table: 'knowledge_articles' | 'knowledge_versions') => t.countRows(table);
const bell = async (userId: number) =>
  (
    await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['e.type', 'e.record_id', 'e.data'])
      .where('n.user_id', '=', userId)
      .execute()
  ).map((r) => ({ type: r.type, recordId: r.record_id, data: r.data as Record<string, unknown> }));

describe('review workflow', () => {
  it('goes draft → submitted → rejected (with a comment) → resubmitted → published, notifying each side', async () => {
    const writer = await t.login(f.engineerA);
    const reviewer = await t.login(f.reviewer);
    const v = await draft(writer, { title: '如何重置域账号密码', categoryId: f.categories.accounts, body: '<p>第一步</p>' });
    expect(v).toMatchObject({ status: 'draft', revision: 1, articleStatus: 'draft', allowedActions: ['submit', 'discard'] });
    expect(v.articleNumber).toMatch(/^ZS\d{8}-\d{4}$/);

    // Drafts are invisible to others, including reviewers, until submitted.
    expect((await reviewer.get(`/api/knowledge/versions/${v.id}`)).statusCode).toBe(404);
    expect((await (await t.login(f.requester)).get(`/api/knowledge/articles/${v.articleId}`)).statusCode).toBe(404);

    await act(writer, v.id, 'submit');
    expect(await bell(f.reviewer.id)).toContainEqual(expect.objectContaining({ type: 'knowledge.reviewRequested', recordId: v.articleId }));
    const queue = (await reviewer.get('/api/knowledge/review-queue')).json();
    expect(queue.items.map((i: { versionId: number }) => i.versionId)).toContain(v.id);
    expect((await writer.get('/api/knowledge/review-queue')).json().items).toEqual([]);

    // A rejection needs a comment; without one nothing changes.
    const current = (await reviewer.get(`/api/knowledge/versions/${v.id}`)).json();
    const noComment = await reviewer.post(`/api/knowledge/versions/${v.id}/actions/reject`, { version: current.version, comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.code).toBe('reasonRequired');
    expect((await reviewer.get(`/api/knowledge/versions/${v.id}`)).json().status).toBe('submitted');

    const rejected = await act(reviewer, v.id, 'reject', { comment: '请补充截图' });
    expect(rejected).toMatchObject({ status: 'rejected', reviewComment: '请补充截图', reviewer: { id: f.reviewer.id } });
    expect(await bell(f.engineerA.id)).toContainEqual(
      expect.objectContaining({ type: 'knowledge.rejected', recordId: v.articleId, data: { reason: '请补充截图' } }),
    );
    const mine = (await writer.get('/api/knowledge/mine?status=rejected')).json();
    expect(mine.items[0]).toMatchObject({ versionId: v.id, reviewComment: '请补充截图' });

    const saved = await writer.patch(`/api/knowledge/versions/${v.id}`, { version: rejected.version, body: '<p>第一步</p><p>第二步</p>' });
    expect(saved.statusCode).toBe(200);
    await act(writer, v.id, 'submit');
    const published = await act(reviewer, v.id, 'approve');
    expect(published).toMatchObject({ status: 'published', articleStatus: 'published' });
    expect(await bell(f.engineerA.id)).toContainEqual(expect.objectContaining({ type: 'knowledge.approved' }));
    const article = (await (await t.login(f.requester)).get(`/api/knowledge/articles/${v.articleId}`)).json();
    expect(article.content.body).toBe('<p>第一步</p><p>第二步</p>');
    const kinds = (await writer.get(`/api/timeline/knowledge/${v.articleId}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toEqual(['created', 'stateChanged', 'stateChanged', 'updated', 'stateChanged', 'stateChanged']);
  });

  it('refuses self-approval, by author or owner, even for a manager', async () => {
    const managerApi = await t.login(f.manager);
    const v = await draft(managerApi, { title: '经理自己写的知识', categoryId: f.categories.accounts });
    await act(managerApi, v.id, 'submit');
    const current = (await managerApi.get(`/api/knowledge/versions/${v.id}`)).json();
    expect(current.allowedActions).not.toContain('approve');
    const self = await managerApi.post(`/api/knowledge/versions/${v.id}/actions/approve`, { version: current.version });
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({ code: 'ownWork', message: '不能审核自己编写或负责的内容，请由其他审核人处理' });
    expect((await managerApi.get(`/api/knowledge/versions/${v.id}`)).json().status).toBe('submitted');
    expect((await managerApi.get('/api/knowledge/review-queue')).json().items.map((i: { versionId: number }) => i.versionId)).not.toContain(
      v.id,
    );
    // Another reviewer may.
    await act(await t.login(f.reviewer), v.id, 'approve');
  });

  it('sends a category with named reviewers to them only', async () => {
    const writer = await t.login(f.engineerA);
    const v = await draft(writer, { title: 'Wi-Fi 访客账号申请', categoryId: f.categories.network });
    await act(writer, v.id, 'submit');
    const general = await t.login(f.reviewer);
    expect((await general.get('/api/knowledge/review-queue')).json().items.map((i: { versionId: number }) => i.versionId)).not.toContain(
      v.id,
    );
    expect((await general.get(`/api/knowledge/versions/${v.id}`)).statusCode).toBe(404);
    expect((await general.post(`/api/knowledge/versions/${v.id}/actions/approve`, { version: 2 })).statusCode).toBe(404);
    const named = await t.login(f.networkReviewer);
    expect((await named.get('/api/knowledge/review-queue')).json().items.map((i: { versionId: number }) => i.versionId)).toContain(v.id);
    await act(named, v.id, 'approve');
  });

  it('lets no requester write, publish or review', async () => {
    const requester = await t.login(f.requester);
    const before = await count('knowledge_articles');
    expect(
      (await requester.post('/api/knowledge/articles', { title: '我也想写', type: 'faq', categoryId: f.categories.accounts })).statusCode,
    ).toBe(403);
    expect(await count('knowledge_articles')).toBe(before);
    const writer = await t.login(f.engineerA);
    const v = await draft(writer, { title: '待审核的知识', categoryId: f.categories.mail });
    await act(writer, v.id, 'submit');
    const approve = await requester.post(`/api/knowledge/versions/${v.id}/actions/approve`, { version: 2 });
    expect(approve.statusCode).toBe(404);
    expect((await requester.get('/api/knowledge/review-queue')).json().items).toEqual([]);
    expect((await requester.post('/api/knowledge/categories', { name: '新分类' })).statusCode).toBe(403);
    expect((await writer.get(`/api/knowledge/versions/${v.id}`)).json().status).toBe('submitted');
  });
});

describe('editing', () => {
  it('lets only one of two concurrent saves of a draft win; the other gets 409 and changes nothing', async () => {
    const owner = await t.login(f.engineerA);
    const v = await draft(owner, { title: '并发编辑测试', categoryId: f.categories.mail, body: '<p>原文</p>' });
    const other = await t.login(f.engineerA);
    const results = await Promise.all([
      owner.patch(`/api/knowledge/versions/${v.id}`, { version: v.version, body: '<p>甲的修改</p>' }),
      other.patch(`/api/knowledge/versions/${v.id}`, { version: v.version, body: '<p>乙的修改</p>' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(loser?.json().error.code).toBe('versionConflict');
    const winner = results.find((r) => r.statusCode === 200)?.json();
    const now = (await owner.get(`/api/knowledge/versions/${v.id}`)).json();
    expect(now.content.body).toBe(winner.content.body);
    expect(now.version).toBe(v.version + 1);
  });

  it('edits a published article as a new version that is reviewed while the published one stays visible; diff and restore', async () => {
    const writer = await t.login(f.engineerA);
    const reviewer = await t.login(f.reviewer);
    const requester = await t.login(f.requester);
    const articleId = await publish(writer, reviewer, {
      title: '邮箱密码修改',
      categoryId: f.categories.mail,
      body: '<p>登录网页邮箱</p><p>点击设置</p>',
      tags: ['邮件'],
    });
    const started = await writer.post(`/api/knowledge/articles/${articleId}/versions`, {});
    expect(started.statusCode).toBe(201);
    const v2 = started.json();
    expect(v2).toMatchObject({ revision: 2, status: 'draft', basedOnRevision: 1 });
    // One working version at a time.
    const again = await writer.post(`/api/knowledge/articles/${articleId}/versions`, {});
    expect(again.statusCode).toBe(409);
    await writer.patch(`/api/knowledge/versions/${v2.id}`, { version: v2.version, body: '<p>登录网页邮箱</p><p>点击账号安全</p>' });
    await act(writer, v2.id, 'submit');

    let page = (await requester.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(page.content.body).toBe('<p>登录网页邮箱</p><p>点击设置</p>');
    expect(page.working).toBeNull();
    const writerPage = (await writer.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(writerPage.working).toMatchObject({ id: v2.id, status: 'submitted' });

    await act(reviewer, v2.id, 'approve');
    page = (await requester.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(page.content.body).toBe('<p>登录网页邮箱</p><p>点击账号安全</p>');
    expect(page.shown).toMatchObject({ revision: 2, status: 'published' });

    const history = (await writer.get(`/api/knowledge/articles/${articleId}/versions`)).json().items;
    expect(history.map((h: { revision: number; status: string }) => [h.revision, h.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const v1 = history[1].id;
    const diff = (await writer.get(`/api/knowledge/articles/${articleId}/diff?from=${v1}&to=${v2.id}`)).json();
    const body = diff.fields.find((d: { field: string }) => d.field === 'body');
    expect(body.lines).toEqual([
      { op: 'equal', text: '登录网页邮箱' },
      { op: 'delete', text: '点击设置' },
      { op: 'insert', text: '点击账号安全' },
    ]);
    expect(diff.fields.find((d: { field: string }) => d.field === 'title').changed).toBe(false);

    const restored = await writer.post(`/api/knowledge/articles/${articleId}/versions`, { fromVersionId: v1 });
    expect(restored.statusCode).toBe(201);
    expect(restored.json()).toMatchObject({ revision: 3, basedOnRevision: 1, status: 'draft' });
    expect(restored.json().content.body).toBe('<p>登录网页邮箱</p><p>点击设置</p>');
    const kinds = (await writer.get(`/api/timeline/knowledge/${articleId}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toContain('versionCreated');
    expect(kinds).toContain('versionRestored');
  });

  it('archives (owner) and publishes again (manager); archived articles leave search', async () => {
    const writer = await t.login(f.engineerA);
    const articleId = await publish(writer, await t.login(f.reviewer), { title: '旧版 VPN 客户端下载地址', categoryId: f.categories.mail });
    const page = (await writer.get(`/api/knowledge/articles/${articleId}`)).json();
    expect(page.allowedActions).toEqual(['archive']);
    const archived = await writer.post(`/api/knowledge/articles/${articleId}/actions/archive`, { version: page.version });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    const requester = await t.login(f.requester);
    expect((await requester.get(`/api/knowledge/articles/${articleId}`)).statusCode).toBe(404);
    expect((await requester.get(`/api/knowledge/search?q=${encodeURIComponent('旧版客户端')}`)).json().total).toBe(0);
    const writerAgain = await writer.post(`/api/knowledge/articles/${articleId}/actions/unarchive`, { version: archived.json().version });
    expect(writerAgain.statusCode).toBe(403);
    const managerApi = await t.login(f.manager);
    const back = await managerApi.post(`/api/knowledge/articles/${articleId}/actions/unarchive`, { version: archived.json().version });
    expect(back.statusCode).toBe(200);
    expect((await requester.get(`/api/knowledge/articles/${articleId}`)).statusCode).toBe(200);
  });
});

describe('review-by dates', () => {
  it('list overdue articles and remind the owner once per date', async () => {
    const writer = await t.login(f.engineerA);
    const articleId = await publish(writer, await t.login(f.reviewer), { title: '打印机驱动下载', categoryId: f.categories.printers });
    const page = (await writer.get(`/api/knowledge/articles/${articleId}`)).json();
    // Published a year ahead; move it into the past as time would.
    await t.platform.db.updateTable('knowledge_articles').set({ review_by: '2020-01-01' }).where('id', '=', articleId).execute();
    const due = (await writer.get('/api/knowledge/needs-review')).json();
    expect(due.items.map((i: { id: number }) => i.id)).toContain(articleId);
    expect(due.items.find((i: { id: number }) => i.id === articleId).overdueDays).toBeGreaterThan(300);
    expect((await writer.get('/api/knowledge/needs-review?view=all')).statusCode).toBe(403);
    expect((await (await t.login(f.manager)).get('/api/knowledge/needs-review?view=all')).json().total).toBeGreaterThan(0);

    const reminders = async () =>
      (await bell(f.engineerA.id)).filter((n) => n.type === 'knowledge.reviewDue' && n.recordId === articleId).length;
    await t.platform.jobs.boss.send(REVIEW_DUE_JOB, {});
    await eventually(async () => expect(await reminders()).toBe(1));
    await t.platform.jobs.boss.send(REVIEW_DUE_JOB, {});
    await new Promise((r) => setTimeout(r, 1500));
    expect(await reminders()).toBe(1);

    const confirmed = await writer.post(`/api/knowledge/articles/${articleId}/confirm-review`, {
      version: page.version,
      reviewBy: '2099-01-01',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ reviewBy: '2099-01-01', needsReview: false });
    expect((await writer.get('/api/knowledge/needs-review')).json().items.map((i: { id: number }) => i.id)).not.toContain(articleId);
  });
});
