import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { type DemandWorld, deliver, demandWorld, submit, toApproval, toImplementing } from './test-fixtures.js';

let t: TestContext;
let w: DemandWorld;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await demandWorld(t);
});
afterAll(() => t.close());

/** Uploads a small text file onto a demand, as the browser's multipart form does. */
function attach(api: ApiClient, demandId: number) {
  const boundary = `----shuyun${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(field('recordType', 'demand') + field('recordId', String(demandId))),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="说明.txt"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(`需求补充说明 ${randomBytes(4).toString('hex')}`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return api.request('POST', '/api/files', { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/** Who got a bell entry for a demand event. */
async function notified(type: string, demandId: number) {
  const rows = await t.platform.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select('n.user_id')
    .where('e.type', '=', type)
    .where('e.record_id', '=', demandId)
    .execute();
  return rows.map((r) => r.user_id).sort();
}

async function kinds(id: number) {
  const res = await w.api.manager.get(`/api/timeline/demand/${id}`);
  return (res.json().items as { event: { kind: string; to?: string } }[]).map((e) =>
    e.event.kind === 'stateChanged' ? `→${e.event.to}` : e.event.kind,
  );
}

describe('the demand flow', () => {
  it('goes from submission through acceptance, evaluation and approval to implementation, telling each next person', async () => {
    const d = await submit(w.api.requester, w);
    expect(d.number).toMatch(/^XQ\d{8}-\d{4}$/);
    expect(d.status).toBe('submitted');
    expect(d.allowed).toEqual(['cancel']);
    expect(await notified('demand.submitted', d.id)).toEqual([w.user.analyst.id]);

    const asAnalyst = (await w.api.analyst.get(`/api/demands/${d.id}`)).json();
    expect(asAnalyst.allowed).toEqual(['accept', 'reject']);
    const accepted = (await w.api.analyst.post(`/api/demands/${d.id}/accept`, { version: d.version })).json();
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedAt).not.toBeNull();

    const evaluated = await w.api.analyst.post(`/api/demands/${d.id}/evaluate`, {
      version: accepted.version,
      solution: '收银界面增加积分抵现。',
      effortDays: 8,
      plannedDate: '2026-12-01',
      cost: 12000.5,
    });
    expect(evaluated.statusCode).toBe(200);
    // The requester's department (门店) has no head: the one above it (零售运营部) approves.
    expect(evaluated.json()).toMatchObject({
      status: 'pending_approval',
      supervisor: { id: w.user.supervisor.id },
      effortDays: 8,
      cost: 12000.5,
    });
    expect(await notified('demand.approvalRequested', d.id)).toEqual([w.user.supervisor.id]);

    const toApprove = (await w.api.supervisor.get('/api/demands?view=toApprove')).json();
    expect(toApprove.items.map((x: { id: number }) => x.id)).toContain(d.id);
    const approved = (await w.api.supervisor.post(`/api/demands/${d.id}/approve`, { version: evaluated.json().version })).json();
    expect(approved.status).toBe('implementing');
    expect(await notified('demand.approved', d.id)).toEqual([w.user.requester.id, w.user.analyst.id].sort());
    expect(await kinds(d.id)).toEqual(['created', '→accepted', 'demandEvaluated', '→pending_approval', '→implementing']);
  });

  it('tracks implementation: tasks move progress by their estimates, work hours total per person, test rounds number themselves', async () => {
    const d = await toImplementing(w);
    const dev = w.api.manager;
    let detail = (
      await dev.post(`/api/demands/${d.id}/tasks`, { title: '收银界面改造', developerId: w.user.developer.id, estimateHours: 30 })
    ).json();
    detail = (
      await dev.post(`/api/demands/${d.id}/tasks`, {
        title: '积分接口联调',
        developerId: w.user.developer.id,
        estimateHours: 10,
        dueDate: '2026-11-30',
      })
    ).json();
    expect(detail.tasks).toHaveLength(2);
    expect(detail.progress).toBe(0);
    expect(await notified('demand.taskAssigned', d.id)).toEqual([w.user.developer.id, w.user.developer.id]);

    // The developer now sees the demand through the task (own scope) and finishes the small task.
    const task = detail.tasks[1];
    const done = await w.api.developer.patch(`/api/demands/${d.id}/tasks/${task.id}`, { version: task.version, status: 'done' });
    expect(done.statusCode).toBe(200);
    expect(done.json().progress).toBe(25);
    const stale = await w.api.developer.patch(`/api/demands/${d.id}/tasks/${task.id}`, { version: task.version, status: 'doing' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');

    await w.api.developer.post(`/api/demands/${d.id}/work-logs`, { taskId: task.id, workDate: '2026-11-20', hours: 6, note: '联调' });
    await w.api.developer.post(`/api/demands/${d.id}/work-logs`, { workDate: '2026-11-21', hours: 2.5 });
    detail = (
      await w.api.manager.post(`/api/demands/${d.id}/work-logs`, { userId: w.user.analyst.id, workDate: '2026-11-21', hours: 1 })
    ).json();
    expect(detail.totalHours).toBe(9.5);
    expect(detail.hoursByPerson).toEqual([
      { user: { id: w.user.developer.id, name: expect.any(String) }, hours: 8.5 },
      { user: { id: w.user.analyst.id, name: expect.any(String) }, hours: 1 },
    ]);
    expect(detail.tasks[1].loggedHours).toBe(6);

    const round = { casesRun: 40, passed: 36, failed: 4, defects: 3, result: 'fail', testedOn: '2026-11-22' };
    await w.api.developer.post(`/api/demands/${d.id}/tests`, round);
    detail = (
      await w.api.developer.post(`/api/demands/${d.id}/tests`, { ...round, passed: 40, failed: 0, defects: 0, result: 'pass' })
    ).json();
    expect(detail.tests.map((x: { round: number; result: string }) => [x.round, x.result])).toEqual([
      [1, 'fail'],
      [2, 'pass'],
    ]);
    const bad = await w.api.developer.post(`/api/demands/${d.id}/tests`, { ...round, passed: 40 });
    expect(bad.statusCode).toBe(400);
    expect(await t.platform.db.selectFrom('demand_tests').select('id').where('demand_id', '=', d.id).execute()).toHaveLength(2);
  });

  it('lets the requester rate a delivered demand; a low rating reaches the analyst and the IT managers', async () => {
    const d = await toImplementing(w);
    await deliver(t, d.id);
    const delivered = (await w.api.requester.get(`/api/demands/${d.id}`)).json();
    expect(delivered.allowed).toEqual(['rate']);
    const todos = (await w.api.requester.get('/api/home/todos')).json();
    expect(todos.items ?? todos).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'demandsToRate' })]));
    expect((await w.api.analyst.post(`/api/demands/${d.id}/rate`, { version: delivered.version, rating: 5 })).statusCode).toBe(403);
    const rated = await w.api.requester.post(`/api/demands/${d.id}/rate`, {
      version: delivered.version,
      rating: 2,
      comment: '上线晚了两周',
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 2, ratingComment: '上线晚了两周' });
    expect(await notified('demand.lowRating', d.id)).toEqual(expect.arrayContaining([w.user.analyst.id, w.user.manager.id]));
  });

  it('auto-closes delivered demands left unrated, as not rated', async () => {
    const d = await toImplementing(w);
    await deliver(t, d.id, new Date(Date.now() - 8 * 86_400_000));
    const fresh = await toImplementing(w);
    await deliver(t, fresh.id);
    const { autoCloseDemandsJob } = await import('./jobs.js');
    await autoCloseDemandsJob(t.platform).handler({}, { id: 'test', retryCount: 0 });
    const rows = await t.platform.db
      .selectFrom('demands')
      .select(['id', 'status', 'rating', 'closed_at'])
      .where('id', 'in', [d.id, fresh.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.status, r.rating])).toEqual([
      ['closed', null],
      ['delivered', null],
    ]);
    expect(await kinds(d.id)).toContain('autoClosed');
  });

  it('lets the requester cancel only before acceptance; a supervisor can return for rework or reject', async () => {
    const d = await submit(w.api.requester, w);
    expect((await w.api.requester.post(`/api/demands/${d.id}/cancel`, { version: d.version })).json().status).toBe('cancelled');

    const late = await submit(w.api.requester, w);
    const accepted = (await w.api.analyst.post(`/api/demands/${late.id}/accept`, { version: late.version })).json();
    const refused = await w.api.requester.post(`/api/demands/${late.id}/cancel`, { version: accepted.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'demandStatusConflict',
      message: '需求当前状态为「评估中」，不能撤销（可能已被他人处理，请刷新）',
    });

    const p = await toApproval(w);
    const returned = await w.api.supervisor.post(`/api/demands/${p.id}/return`, { version: p.version, comment: '请补充成本测算' });
    expect(returned.json().status).toBe('accepted');
    expect(await notified('demand.returned', p.id)).toEqual([w.user.analyst.id]);
    const again = (
      await w.api.analyst.post(`/api/demands/${p.id}/evaluate`, {
        version: returned.json().version,
        solution: '补充测算',
        effortDays: 10,
        plannedDate: '2026-12-20',
      })
    ).json();
    const rejected = await w.api.supervisor.post(`/api/demands/${p.id}/disapprove`, { version: again.version, reason: '今年预算不足' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '今年预算不足' });
    expect(await notified('demand.rejected', p.id)).toEqual([w.user.requester.id, w.user.analyst.id].sort());
  });
});

describe('who may do what', () => {
  it('refuses actions without the permission (403) and demands outside the scope are not found (404)', async () => {
    const d = await toApproval(w);
    // A requester holds no demand.handle / demand.approve / demand.implement.
    expect((await w.api.requester.post(`/api/demands/${d.id}/accept`, { version: d.version })).statusCode).toBe(403);
    expect((await w.api.requester.post(`/api/demands/${d.id}/approve`, { version: d.version })).statusCode).toBe(403);
    expect(
      (await w.api.requester.post(`/api/demands/${d.id}/tasks`, { title: 'x', developerId: w.user.developer.id, estimateHours: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await w.api.requester.get('/api/demands/export')).statusCode).toBe(403);
    expect((await w.api.requester.get('/api/demands/metrics?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    // Another analyst (scope all) sees it but it is not theirs to evaluate; another department's supervisor never sees it.
    const other = await w.api.otherAnalyst.post(`/api/demands/${d.id}/return`, { version: d.version, comment: 'x' });
    expect(other.statusCode).toBe(403);
    expect((await w.api.otherSupervisor.get(`/api/demands/${d.id}`)).statusCode).toBe(404);
    expect((await w.api.otherSupervisor.post(`/api/demands/${d.id}/approve`, { version: d.version })).statusCode).toBe(404);
    expect((await w.api.colleague.get(`/api/demands/${d.id}`)).statusCode).toBe(404);
    expect((await w.api.colleague.get(`/api/timeline/demand/${d.id}`)).statusCode).toBe(404);
    expect((await w.api.developer.get(`/api/demands/${d.id}`)).statusCode).toBe(404);
    const colleagueList = (await w.api.colleague.get('/api/demands')).json();
    expect(colleagueList.items.map((x: { id: number }) => x.id)).not.toContain(d.id);
    // The supervisor's department scope covers the store below it.
    expect((await w.api.supervisor.get(`/api/demands/${d.id}`)).statusCode).toBe(200);
    expect((await t.platform.db.selectFrom('demands').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe(
      'pending_approval',
    );
  });

  it('nobody decides on a demand they requested — not even a demand.manage holder (localised 403), in both languages', async () => {
    // An IT manager in the store asks for something themselves; the analyst evaluates it as usual.
    const boss = await t.createUser({ roles: ['it_manager'], departmentId: w.dept.store });
    const bossApi = await t.login(boss);
    const mine = await submit(bossApi, w);
    const accepted = (await w.api.analyst.post(`/api/demands/${mine.id}/accept`, { version: mine.version })).json();
    const evaluated = (
      await w.api.analyst.post(`/api/demands/${mine.id}/evaluate`, {
        version: accepted.version,
        solution: '自己提的需求',
        effortDays: 3,
        plannedDate: '2026-12-01',
      })
    ).json();
    expect(evaluated.status).toBe('pending_approval');
    expect((await bossApi.get(`/api/demands/${mine.id}`)).json().allowed).toEqual([]);
    const audits = await t.countRows('audit_log');
    for (const [action, body] of [
      ['approve', {}],
      ['disapprove', { reason: '不做了' }],
      ['return', { comment: '再评估' }],
    ] as const) {
      const res = await bossApi.post(`/api/demands/${mine.id}/${action}`, { version: evaluated.version, ...body });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'demandOwnApproval', message: '不能审核自己提出的需求，请由其他审核人处理' });
    }
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', boss.id).execute();
    const en = await bossApi.post(`/api/demands/${mine.id}/approve`, { version: evaluated.version });
    expect(en.json().error.message).toBe('You cannot approve, reject or return a demand you requested; another approver must decide');
    expect(await t.countRows('audit_log')).toBe(audits);
    const row = await t.platform.db.selectFrom('demands').select(['status', 'version']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending_approval', version: evaluated.version });
    // The business supervisor still decides it, and the same manager still decides other people's demands.
    expect((await w.api.supervisor.post(`/api/demands/${mine.id}/approve`, { version: evaluated.version })).statusCode).toBe(200);
    const theirs = await toApproval(w);
    expect((await bossApi.post(`/api/demands/${theirs.id}/approve`, { version: theirs.version })).statusCode).toBe(200);
  });

  it('attachments: only people working on an open demand add files; other readers (auditor, administrator) get 404', async () => {
    const d = await submit(w.api.requester, w);
    const auditorApi = await t.login(await t.createUser({ roles: ['auditor'] }));
    const adminApi = await t.login(await t.createUser({ roles: ['system_admin'] }));
    expect((await auditorApi.get(`/api/demands/${d.id}`)).statusCode).toBe(200);
    const files = await t.countRows('attachments');
    for (const api of [auditorApi, adminApi, w.api.colleague]) {
      const res = await attach(api, d.id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('记录不存在或您无权查看');
    }
    expect(await t.countRows('attachments')).toBe(files);
    expect((await attach(w.api.requester, d.id)).statusCode).toBe(201);
    expect((await attach(w.api.analyst, d.id)).statusCode).toBe(201);
    expect((await attach(w.api.otherAnalyst, d.id)).statusCode).toBe(201); // demand.handle, scope all
    expect(await t.countRows('attachments')).toBe(files + 3);
    // Once the demand is final nobody adds to it any more; its files stay readable.
    const cancelled = await w.api.requester.post(`/api/demands/${d.id}/cancel`, { version: d.version });
    expect(cancelled.json().status).toBe('cancelled');
    for (const api of [w.api.requester, w.api.analyst, w.api.manager]) expect((await attach(api, d.id)).statusCode).toBe(404);
    expect(await t.countRows('attachments')).toBe(files + 3);
    expect((await w.api.requester.get(`/api/files?recordType=demand&recordId=${d.id}`)).json().items).toHaveLength(3);
  });

  it('refuses bad input with a localised message and changes nothing', async () => {
    const before = await t.countRows('demands');
    const zh = await w.api.requester.post('/api/demands', { systemId: w.systemId, kind: 'change', title: '', background: '' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe('输入有误，请检查后重试');
    // A signed-in user's own locale decides the language.
    const english = await t.createUser({ departmentId: w.dept.store });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', english.id).execute();
    const enApi = await t.login(english);
    const en = await enApi.post('/api/demands', { systemId: w.systemId, kind: 'wish', title: 'x', background: 'y' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error).toMatchObject({ message: 'Some input is invalid; please check and try again', details: [{ path: 'kind' }] });
    const orphan = await enApi.post('/api/demands', {
      systemId: w.orphanSystemId,
      kind: 'change',
      title: '新报表',
      background: '月度报表',
    });
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().error.code).toBe('demandNoAnalyst');
    expect(orphan.json().error.message).toMatch(/^The IT system “无人负责系统\w+” has no business analyst yet/);
    const orphanZh = await w.api.requester.post('/api/demands', {
      systemId: w.orphanSystemId,
      kind: 'change',
      title: '新报表',
      background: '月度报表',
    });
    expect(orphanZh.json().error.message).toMatch(/^应用系统「无人负责系统\w+」尚未指定需求负责人/);
    const d = await toApproval(w);
    const noReason = await w.api.supervisor.post(`/api/demands/${d.id}/disapprove`, { version: d.version, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(await t.countRows('demands')).toBe(before + 1);
    expect((await t.platform.db.selectFrom('demands').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe(
      'pending_approval',
    );
    // Tasks only while implementing.
    const early = await w.api.manager.post(`/api/demands/${d.id}/tasks`, {
      title: '开发',
      developerId: w.user.developer.id,
      estimateHours: 8,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('需求当前状态为「待审核」，只有实现中的需求可以派工、记录工作量和登记测试');
  });
});
