import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { approvedRelease, makeDemand, type ReleaseWorld, releaseWorld, requestRelease, windowIn } from './test-fixtures.js';

let t: TestContext;
let w: ReleaseWorld;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await releaseWorld(t);
});
afterAll(() => t.close());

describe('who may do what', () => {
  it('without release.manage: 403 on request, edit, actions and export — and nothing is written', async () => {
    const r = await requestRelease(w.analystApi, w);
    const engineer = await t.login(w.engineer);
    const releases = await t.countRows('releases');
    const denied = [
      await engineer.post('/api/releases', { systemId: w.system.erp, versionLabel: 'V1', title: 'x', ...windowIn() }),
      await engineer.patch(`/api/releases/${r.id}`, { version: r.version, title: '改' }),
      await engineer.post(`/api/releases/${r.id}/submit`, { version: r.version }),
      await engineer.post(`/api/releases/${r.id}/cancel`, { version: r.version }),
      await engineer.post(`/api/releases/${r.id}/approve`, { version: r.version }),
      await engineer.get('/api/releases/export'),
      await engineer.get(`/api/releases/demand-options?systemId=${w.system.erp}`),
    ];
    for (const res of denied) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('您没有执行此操作的权限');
    }
    expect(await t.countRows('releases')).toBe(releases);
    expect((await w.analystApi.get(`/api/releases/${r.id}`)).json()).toMatchObject({ title: 'ERP 财务模块上线', version: r.version });
  });

  it('a requester without release.read: no list or calendar; a release is found only when it includes their demand', async () => {
    const d = await makeDemand(t, w);
    const theirs = await requestRelease(w.analystApi, w, { demandIds: [d.id] });
    const notTheirs = await requestRelease(w.analystApi, w);
    const requester = await t.login(w.requester);
    const stranger = await t.login(w.otherRequester);
    expect((await requester.get('/api/releases')).statusCode).toBe(403);
    expect((await requester.get('/api/releases/calendar?from=2026-01-01&to=2026-01-31')).statusCode).toBe(403);
    const seen = await requester.get(`/api/releases/${theirs.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowed).toEqual([]);
    for (const res of [await requester.get(`/api/releases/${notTheirs.id}`), await stranger.get(`/api/releases/${theirs.id}`)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('记录不存在或您无权查看');
    }
    // Out of scope looks exactly like missing, for the timeline too.
    expect((await stranger.get(`/api/timeline/release/${theirs.id}`)).statusCode).toBe(404);
    expect((await requester.get(`/api/timeline/release/${theirs.id}`)).statusCode).toBe(200);
    // …and a remark from someone whose demand is not in it is refused, from one whose is, before success, too.
    const remark = await stranger.post(`/api/releases/${theirs.id}/remarks`, { result: 'passed', comment: '好' });
    expect(remark.statusCode).toBe(404);
    const early = await requester.post(`/api/releases/${theirs.id}/remarks`, { result: 'passed', comment: '好' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('发布当前为「草稿」，不能填写验收意见（可能已被他人处理，请刷新）');
  });

  it('an IT staff member without a demand in it but with release.read cannot add a remark', async () => {
    const r = await approvedRelease(w);
    const ok = await w.analystApi.post(`/api/releases/${r.id}/succeed`, { version: r.version });
    expect(ok.statusCode).toBe(200);
    const res = await (await t.login(w.engineer)).post(`/api/releases/${r.id}/remarks`, { result: 'passed', comment: '好' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('只有本次发布所含需求的提出人可以填写验收意见');
  });

  it('a requester reading a release through their demand sees only the number and status of what else it links to', async () => {
    const mine = await makeDemand(t, w);
    const theirs = await makeDemand(t, w, { requester: w.otherRequester });
    const r = await approvedRelease(w, { demandIds: [mine.id, theirs.id] });
    await w.analystApi.post(`/api/releases/${r.id}/fail`, { version: r.version, rolledBack: true, note: '回滚' });
    const fault = await t.platform.db
      .insertInto('faults')
      .values({
        number: `GZ-A-${r.id}`,
        title: '财务接口大面积超时',
        severity: 'P2',
        reporter_id: w.engineer.id,
        started_at: new Date(),
        detected_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.platform.db.updateTable('releases').set({ fault_id: fault.id }).where('id', '=', r.id).execute();

    const seen = (await (await t.login(w.requester)).get(`/api/releases/${r.id}`)).json();
    const byId = (id: number) => seen.demands.find((d: { id: number }) => d.id === id);
    expect(byId(mine.id)).toMatchObject({ number: mine.number, title: expect.stringMatching(/^需求 /), requester: { id: w.requester.id } });
    expect(byId(theirs.id)).toEqual({ id: theirs.id, number: theirs.number, title: null, status: 'implementing', requester: null });
    expect(seen.fault).toEqual({ id: fault.id, number: `GZ-A-${r.id}`, title: null, status: null });
    // IT staff who may read the demands and the fault see them whole.
    const full = (await w.analystApi.get(`/api/releases/${r.id}`)).json();
    expect(full.demands.every((d: { title: string | null; requester: unknown }) => d.title && d.requester)).toBe(true);
    expect(full.fault).toMatchObject({ title: '财务接口大面积超时', status: 'new' });
  });

  it('only the requester of a release edits and submits it — another release manager gets a localised 403', async () => {
    const r = await requestRelease(w.analystApi, w);
    const other = await t.login(w.manager2);
    const audits = await t.countRows('audit_log');
    const denied = [
      await other.patch(`/api/releases/${r.id}`, { version: r.version, title: '被人改了' }),
      await other.post(`/api/releases/${r.id}/submit`, { version: r.version }),
    ];
    for (const res of denied) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'releaseNotOwnRequest', message: '只有发布申请人本人可以编辑或提交该发布' });
    }
    expect(await t.countRows('audit_log')).toBe(audits);
    const now = (await other.get(`/api/releases/${r.id}`)).json();
    expect(now).toMatchObject({ title: 'ERP 财务模块上线', status: 'draft', version: r.version });
    expect(now.allowed).toEqual(['cancel']);
    expect((await w.analystApi.get(`/api/releases/${r.id}`)).json().allowed).toEqual(['submit', 'cancel', 'edit']);
    // …so an approver can no longer rewrite someone else's request and approve it themselves.
    expect((await w.analystApi.post(`/api/releases/${r.id}/submit`, { version: r.version })).statusCode).toBe(200);
  });

  it('nobody approves their own release (localised 403), in both languages', async () => {
    const r = await requestRelease(w.managerApi, w);
    const submitted = (await w.managerApi.post(`/api/releases/${r.id}/submit`, { version: r.version })).json();
    const zh = await w.managerApi.post(`/api/releases/${submitted.id}/approve`, { version: submitted.version });
    expect(zh.statusCode).toBe(403);
    expect(zh.json().error).toMatchObject({ code: 'releaseOwnApproval', message: '不能审批自己提交的发布，请由其他审批人处理' });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', w.manager.id).execute();
    const en = await w.managerApi.post(`/api/releases/${submitted.id}/reject`, { version: submitted.version, comment: 'no' });
    await t.platform.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', w.manager.id).execute();
    expect(en.statusCode).toBe(403);
    expect(en.json().error.message).toBe('You cannot approve a release you requested; another approver must decide');
    expect((await w.managerApi.get(`/api/releases/${r.id}`)).json().status).toBe('pending_approval');
  });
});

describe('bad input changes nothing', () => {
  it('refuses a window that has ended, or ends before it starts, in zh-CN and en-US', async () => {
    const before = await t.countRows('releases');
    const past = new Date(Date.now() - 3 * 3_600_000);
    const body = {
      systemId: w.system.erp,
      versionLabel: 'V1',
      title: '过期窗口',
      windowStart: past.toISOString(),
      windowEnd: new Date(past.getTime() + 3_600_000).toISOString(),
    };
    const zh = await w.analystApi.post('/api/releases', body);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([{ path: 'windowEnd', code: 'ended', message: '发布窗口已结束，请选择尚未结束的窗口' }]);
    const start = windowIn().windowStart;
    const english = await t.createUser({ roles: ['analyst'] });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', english.id).execute();
    const en = await (await t.login(english)).post('/api/releases', { ...body, windowStart: start, windowEnd: start });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0].message).toBe('The window must end after it starts');
    expect(await t.countRows('releases')).toBe(before);
  });

  it('refuses unknown fields, missing titles and bad risks with field messages', async () => {
    const before = await t.countRows('releases');
    const res = await w.analystApi.post('/api/releases', {
      systemId: w.system.erp,
      versionLabel: '',
      risk: 'huge',
      extra: 1,
      ...windowIn(),
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['versionLabel', 'title', 'risk']));
    expect(await t.countRows('releases')).toBe(before);
  });

  it('refuses demands of another system or not implementing, and one already in an open release', async () => {
    const crmDemand = await makeDemand(t, w, { systemId: w.system.crm });
    const done = await makeDemand(t, w, { status: 'released' });
    const before = await t.countRows('release_demands');
    for (const id of [crmDemand.id, done.id]) {
      const res = await w.analystApi.post('/api/releases', {
        systemId: w.system.erp,
        versionLabel: 'V1',
        title: 'x',
        demandIds: [id],
        ...windowIn(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].message).toMatch(/^需求 XQ-T.* 不属于该系统或不在「实现中」状态$/);
    }
    const d = await makeDemand(t, w);
    const first = await requestRelease(w.analystApi, w, { demandIds: [d.id] });
    const releases = await t.countRows('releases');
    const second = await w.analystApi.post('/api/releases', {
      systemId: w.system.erp,
      versionLabel: 'V2',
      title: 'y',
      demandIds: [d.id],
      ...windowIn(),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe(`需求 ${d.number} 已在发布 ${first.number} 中，一个需求只能在一个未完成的发布中`);
    expect(await t.countRows('releases')).toBe(releases);
    expect(await t.countRows('release_demands')).toBe(before + 1);
    // The demand picker offers it to its own release only; cancelling frees it.
    const options = async (releaseId?: number) =>
      (await w.analystApi.get(`/api/releases/demand-options?systemId=${w.system.erp}${releaseId ? `&releaseId=${releaseId}` : ''}`))
        .json()
        .items.map((i: { id: number }) => i.id);
    expect(await options()).not.toContain(d.id);
    expect(await options(first.id)).toContain(d.id);
    await w.analystApi.post(`/api/releases/${first.id}/cancel`, { version: first.version });
    expect(await options()).toContain(d.id);
  });

  it('edits only drafts and rejected releases; a stale version is a conflict', async () => {
    const r = await approvedRelease(w);
    const res = await w.analystApi.patch(`/api/releases/${r.id}`, { version: r.version, title: '改标题' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('发布当前为「已批准」，不能编辑（可能已被他人处理，请刷新）');
    const draft = await requestRelease(w.analystApi, w);
    const stale = await w.analystApi.patch(`/api/releases/${draft.id}`, { version: draft.version + 5, title: '改标题' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect((await w.analystApi.get(`/api/releases/${draft.id}`)).json().title).toBe('ERP 财务模块上线');
  });

  it('refuses an execution time in the future or before the approval, naming the field; nothing changes', async () => {
    const d = await makeDemand(t, w);
    const r = await approvedRelease(w, { demandIds: [d.id] });
    const { approved_at } = await t.platform.db
      .selectFrom('releases')
      .select('approved_at')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const early = new Date(new Date(approved_at as Date).getTime() - 3_600_000).toISOString();
    const audits = await t.countRows('audit_log');
    for (const [path, body, message] of [
      ['succeed', { executedAt: future }, '执行时间不能晚于当前时间'],
      ['succeed', { executedAt: early }, '执行时间不能早于发布获批的时间'],
      ['fail', { executedAt: future, note: '失败', rolledBack: true }, '执行时间不能晚于当前时间'],
      ['fail', { executedAt: early, note: '失败', rolledBack: true }, '执行时间不能早于发布获批的时间'],
    ] as const) {
      const res = await w.analystApi.post(`/api/releases/${r.id}/${path}`, { version: r.version, ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'executedAt', code: expect.any(String), message }]);
    }
    expect(await t.countRows('audit_log')).toBe(audits);
    expect((await w.analystApi.get(`/api/releases/${r.id}`)).json()).toMatchObject({
      status: 'approved',
      version: r.version,
      executedAt: null,
    });
    const demand = await t.platform.db
      .selectFrom('demands')
      .select(['status', 'released_at'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(demand).toEqual({ status: 'implementing', released_at: null });
    // A time between the approval and now (within a minute's clock skew) is taken.
    const at = new Date(Date.now() + 30_000).toISOString();
    const ok = await w.analystApi.post(`/api/releases/${r.id}/succeed`, { version: r.version, executedAt: at });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().executedAt).toBe(at);
  });

  it('calendar: more than 62 days at once is refused', async () => {
    const res = await w.analystApi.get('/api/releases/calendar?from=2026-01-01&to=2026-06-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('日历一次最多查询 62 天');
  });
});
