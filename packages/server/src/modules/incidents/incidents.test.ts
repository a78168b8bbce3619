import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { makeTicket } from '../spares/test-fixtures.js';
import { act, type IncidentFixture, incidentBase, makeIncident } from './test-fixtures.js';

let t: TestContext;
let f: IncidentFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await incidentBase(t);
});
afterAll(() => t.close());

describe('registering', () => {
  it('computes the priority from impact × urgency, numbers it SJ…, requires a review for P1/P2 and notifies the team', async () => {
    const p1 = await makeIncident(f.managerApi, { impact: 'high', urgency: 'high', teamId: f.teamA, systemId: f.systemId });
    expect(p1.number).toMatch(/^SJ\d{8}-\d{4}$/);
    expect(p1.priority).toBe('P1');
    const detail = (await f.managerApi.get(`/api/incidents/${p1.id}`)).json();
    expect(detail).toMatchObject({
      status: 'new',
      reviewRequired: true,
      source: 'manual',
      system: { id: f.systemId },
      team: { id: f.teamA },
    });
    const p3 = await makeIncident(f.engineerApi, { impact: 'high', urgency: 'low' });
    expect(p3.priority).toBe('P3');
    expect((await f.engineerApi.get(`/api/incidents/${p3.id}`)).json().reviewRequired).toBe(false);
    const bells = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['n.user_id'])
      .where('e.type', '=', 'incident.major')
      .where('e.record_id', '=', p1.id)
      .execute();
    expect(bells.map((b) => b.user_id).sort()).toEqual([f.engineerA.id, f.engineerA2.id].sort());
  });

  it('from a ticket: source ticket, a record link both ways and a timeline entry on both', async () => {
    const ticketId = await makeTicket(t, f, '财务共享中心打印机全部离线');
    const incident = await makeIncident(f.engineerApi, { ticketId, title: '财务打印服务中断', category: 'service' });
    const detail = (await f.engineerApi.get(`/api/incidents/${incident.id}`)).json();
    expect(detail.source).toBe('ticket');
    expect(detail.ticket.id).toBe(ticketId);
    const links = (await f.engineerApi.get(`/api/incidents/${incident.id}/links`)).json().items;
    expect(links).toEqual([expect.objectContaining({ type: 'ticket', id: ticketId })]);
    const ticketTimeline = (await f.engineerApi.get(`/api/timeline/ticket/${ticketId}`)).json().items;
    expect(
      ticketTimeline.some(
        (e: { event: { kind: string; incidentNumber?: string } }) =>
          e.event.kind === 'incidentRegistered' && e.event.incidentNumber === incident.number,
      ),
    ).toBe(true);
    const byTicket = (await f.engineerApi.get(`/api/incidents/by-ticket/${ticketId}`)).json().items;
    expect(byTicket.map((i: { id: number }) => i.id)).toEqual([incident.id]);
  });

  it('a ticket the caller may not read is 404 and nothing is written', async () => {
    const ticketId = await makeTicket(t, f, '别的组的工单');
    // engineerB (team B, scope team) cannot see a team-A ticket
    const api = await t.login(f.engineerB);
    const before = await t.countRows('incidents');
    const res = await api.post('/api/incidents', { title: 'x', category: 'service', impact: 'low', urgency: 'low', ticketId });
    expect(res.statusCode).toBe(404);
    expect(await t.countRows('incidents')).toBe(before);
  });

  it('bad input: a localised 400 in zh-CN and en-US, nothing written', async () => {
    const before = await t.countRows('incidents');
    const zh = await f.engineerApi.post('/api/incidents', { title: '', category: 'nope', impact: 'high', urgency: 'high' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe('输入有误，请检查后重试');
    const en = await f.engineerApi.request('POST', '/api/incidents', {
      body: { title: '断网', category: 'network', impact: 'high', urgency: 'high', teamId: f.teamA, assigneeId: f.engineerB.id },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details[0]).toMatchObject({ path: 'assigneeId' });
    // the session's saved locale is zh-CN unless changed; the field message is in the reader's language
    expect(typeof en.json().error.details[0].message).toBe('string');
    expect(await t.countRows('incidents')).toBe(before);
  });
});

describe('handling', () => {
  it('accept → priority → hold → resume → resolve → close needs the review → complete review → close', async () => {
    const inc = await makeIncident(f.managerApi, { impact: 'medium', urgency: 'medium', teamId: f.teamA });
    const accepted = await act(f.engineerApi, inc.id, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'in_progress', assignee: { id: f.engineerA.id } });
    expect(accepted.json().respondedAt).not.toBeNull();

    const raised = await act(f.engineerApi, inc.id, { action: 'priority', priority: 'P2', reason: '影响扩大到全部门店' });
    expect(raised.json()).toMatchObject({ priority: 'P2', reviewRequired: true });
    expect((await act(f.engineerApi, inc.id, { action: 'hold', reason: '等待厂商回复' })).json().status).toBe('on_hold');
    expect((await act(f.engineerApi, inc.id, { action: 'resume' })).json().status).toBe('in_progress');
    const resolved = await act(f.engineerApi, inc.id, { action: 'resolve', resolution: '重启应用服务器', cause: '连接池耗尽' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: '重启应用服务器', cause: '连接池耗尽' });
    // an engineer may not close (incident.manage); the manager may not close before the review
    expect((await act(f.engineerApi, inc.id, { action: 'close' })).statusCode).toBe(403);
    const early = await act(f.managerApi, inc.id, { action: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'incidentReviewRequired', message: '该事件须先完成复盘才能关闭' });

    const incomplete = await f.engineerApi.post(`/api/incidents/${inc.id}/review/complete`, { version: 1 });
    expect(incomplete.statusCode).toBe(400);
    const saved = await f.engineerApi.put(`/api/incidents/${inc.id}/review`, {
      version: 0,
      summary: '09:10 起 ERP 登录缓慢',
      narrative: '09:10 告警；09:20 受理；10:05 重启恢复',
      cause: '连接池配置过小',
      lessons: '容量基线需要按月复核',
    });
    expect(saved.statusCode).toBe(200);
    const withAction = await f.engineerApi.post(`/api/incidents/${inc.id}/review/actions`, {
      title: '连接池扩容到 200',
      ownerId: f.engineerA2.id,
      dueDate: '2099-01-31',
    });
    expect(withAction.statusCode).toBe(201);
    const completed = await f.engineerApi.post(`/api/incidents/${inc.id}/review/complete`, { version: saved.json().version });
    expect(completed.json()).toMatchObject({ status: 'completed', completedBy: { id: f.engineerA.id } });
    const closed = await act(f.managerApi, inc.id, { action: 'close' });
    expect(closed.json().status).toBe('closed');

    // the action item's owner marks it done after the close; it leaves their to-do list
    const owner = await t.login(f.engineerA2);
    const todosBefore = (await owner.get('/api/home/todos')).json();
    expect(JSON.stringify(todosBefore)).toContain('incidentReviewActions');
    const actionId = withAction.json().actions[0].id;
    const done = await owner.put(`/api/incidents/${inc.id}/review/actions/${actionId}`, { done: true });
    expect(done.json().actions[0]).toMatchObject({ done: true });
    expect(JSON.stringify((await owner.get('/api/home/todos')).json())).not.toContain('incidentReviewActions');

    const kinds = (await f.engineerApi.get(`/api/timeline/incident/${inc.id}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'created',
        'assigned',
        'stateChanged',
        'incidentPriorityChanged',
        'incidentReviewCompleted',
        'incidentReviewActionDone',
      ]),
    );
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'incident')
      .where('object_id', '=', String(inc.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['incident.create', 'incident.accept', 'incident.priority', 'incident.resolve', 'incident.close']),
    );
  });

  it('reopen, comments, work log, links by number, cancel by a manager only', async () => {
    const inc = await makeIncident(f.engineerApi, { teamId: f.teamA, assigneeId: f.engineerA.id });
    await act(f.engineerApi, inc.id, { action: 'resolve', resolution: '清理缓存' });
    expect((await act(f.engineerApi, inc.id, { action: 'reopen', reason: '问题复现' })).json()).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
    });
    expect((await f.engineerApi.post(`/api/incidents/${inc.id}/comments`, { body: '已联系 DBA' })).statusCode).toBe(201);
    expect((await f.engineerApi.post(`/api/incidents/${inc.id}/work-logs`, { minutes: 45, note: '排查日志' })).statusCode).toBe(201);
    expect((await f.engineerApi.get(`/api/incidents/${inc.id}`)).json().workMinutes).toBe(45);
    const other = await makeIncident(f.engineerApi, { teamId: f.teamA });
    expect((await f.engineerApi.post(`/api/incidents/${inc.id}/links`, { number: other.number })).statusCode).toBe(201);
    expect((await f.engineerApi.post(`/api/incidents/${inc.id}/links`, { number: other.number })).statusCode).toBe(409);
    expect((await f.engineerApi.get(`/api/incidents/${other.id}/links`)).json().items).toEqual([
      expect.objectContaining({ type: 'incident', id: inc.id }),
    ]);
    const unknown = await f.engineerApi.post(`/api/incidents/${inc.id}/links`, { number: 'GD20000101-9999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].message).toContain('GD20000101-9999');
    expect((await f.engineerApi.delete(`/api/incidents/${inc.id}/links/incident/${other.id}`)).statusCode).toBe(200);
    expect((await act(f.engineerApi, inc.id, { action: 'cancel', reason: '重复登记' })).statusCode).toBe(403);
    expect((await act(f.managerApi, inc.id, { action: 'cancel', reason: '重复登记' })).json().status).toBe('cancelled');
  });

  it('a handler assigns within their own team only; the assignee is notified', async () => {
    const inc = await makeIncident(f.engineerApi, { teamId: f.teamA });
    const outside = await act(f.engineerApi, inc.id, { action: 'assign', teamId: f.teamB, assigneeId: f.engineerB.id });
    expect(outside.statusCode).toBe(400);
    const inside = await act(f.engineerApi, inc.id, { action: 'assign', teamId: f.teamA, assigneeId: f.engineerA2.id });
    expect(inside.json().assignee.id).toBe(f.engineerA2.id);
    const bell = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select('n.user_id')
      .where('e.type', '=', 'incident.assigned')
      .where('e.record_id', '=', inc.id)
      .execute();
    expect(bell.map((b) => b.user_id)).toEqual([f.engineerA2.id]);
    // the manager moves it to team B: engineer A can no longer see it (204)
    const moved = await act(f.managerApi, inc.id, { action: 'assign', teamId: f.teamB, assigneeId: null });
    expect(moved.statusCode).toBe(200);
  });

  it('a stale version is a localised 409 (zh-CN and en-US) and changes nothing', async () => {
    const inc = await makeIncident(f.engineerApi, { teamId: f.teamA });
    await act(f.engineerApi, inc.id, { action: 'accept' });
    const stale = await f.engineerApi.post(`/api/incidents/${inc.id}/actions`, { action: 'hold', version: inc.version, reason: '等待' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该记录已被他人修改，请刷新后再保存');
    const anonymousEn = await f.managerApi.request('POST', `/api/incidents/${inc.id}/actions`, {
      body: { action: 'accept', version: 2 },
      headers: { 'accept-language': 'en-US' },
    });
    expect(anonymousEn.statusCode).toBe(409);
    expect(anonymousEn.json().error.code).toBe('incidentStatusConflict');
    expect((await f.engineerApi.get(`/api/incidents/${inc.id}`)).json().status).toBe('in_progress');
  });
});

describe('access', () => {
  it('403 without incident.read / incident.handle / incident.manage', async () => {
    const requester = await t.login(f.requester);
    const inc = await makeIncident(f.managerApi, { teamId: f.teamA });
    for (const [method, url, body] of [
      ['GET', '/api/incidents'],
      ['GET', `/api/incidents/${inc.id}`],
      ['GET', '/api/incidents/stats?from=2026-01-01&to=2026-12-31'],
      ['POST', '/api/incidents', { title: 'x', category: 'service', impact: 'low', urgency: 'low' }],
      ['POST', `/api/incidents/${inc.id}/actions`, { action: 'accept', version: 1 }],
    ] as const) {
      expect((await requester.request(method, url, { body })).statusCode, url).toBe(403);
    }
    const before = await t.countRows('incident_settings');
    expect((await f.engineerApi.get('/api/incidents/export')).statusCode).toBe(403);
    expect((await f.engineerApi.get('/api/incidents/settings')).statusCode).toBe(403);
    expect((await f.engineerApi.post('/api/incidents/settings/token')).statusCode).toBe(403);
    expect(await t.countRows('incident_settings')).toBe(before);
  });

  it('out of scope is 404 everywhere (a team-B engineer and a team-A incident)', async () => {
    const inc = await makeIncident(f.managerApi, { teamId: f.teamA });
    const api = await t.login(f.engineerB);
    const timelineBefore = await t.countRows('activity');
    for (const [method, url, body] of [
      ['GET', `/api/incidents/${inc.id}`],
      ['GET', `/api/incidents/${inc.id}/review`],
      ['GET', `/api/incidents/${inc.id}/links`],
      ['GET', `/api/timeline/incident/${inc.id}`],
      ['POST', `/api/incidents/${inc.id}/actions`, { action: 'accept', version: 1 }],
      ['POST', `/api/incidents/${inc.id}/comments`, { body: '看看' }],
      ['POST', `/api/incidents/${inc.id}/work-logs`, { minutes: 5 }],
      ['PUT', `/api/incidents/${inc.id}/review`, { version: 0, summary: 'a', narrative: '', cause: '', lessons: '' }],
    ] as const) {
      expect((await api.request(method, url, { body })).statusCode, url).toBe(404);
    }
    expect(await t.countRows('activity')).toBe(timelineBefore);
    const list = (await api.get('/api/incidents?pageSize=200')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(inc.id);
  });

  it('an action item owner outside the incident scope marks their item done and sees only their own items; others still 404', async () => {
    const inc = await makeIncident(f.managerApi, { teamId: f.teamA });
    const saved = await f.engineerApi.put(`/api/incidents/${inc.id}/review`, {
      version: 0,
      summary: '核心交换机故障',
      narrative: '',
      cause: '固件缺陷',
      lessons: '',
    });
    expect(saved.statusCode).toBe(200);
    const addAction = (title: string, ownerId: number) =>
      f.engineerApi.post(`/api/incidents/${inc.id}/review/actions`, { title, ownerId, dueDate: '2099-01-31' });
    const hers = (await addAction('升级交换机固件', f.engineerB.id)).json().actions[0];
    const notHers = (await addAction('补充监控', f.engineerA2.id)).json().actions[1];
    const owner = await t.login(f.engineerB);
    expect((await owner.get(`/api/incidents/${inc.id}`)).statusCode).toBe(404);
    const mine = (await owner.get('/api/incidents/review-actions/mine')).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: hers.id, incident: expect.objectContaining({ id: inc.id }) })]);

    // someone else's item on an incident they cannot read: 404, nothing written
    const activityBefore = await t.countRows('activity');
    expect((await owner.put(`/api/incidents/${inc.id}/review/actions/${notHers.id}`, { done: true })).statusCode).toBe(404);
    expect(await t.countRows('activity')).toBe(activityBefore);

    const done = await owner.put(`/api/incidents/${inc.id}/review/actions/${hers.id}`, { done: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ summary: '', cause: '', actions: [{ id: hers.id, done: true }] });
    expect(done.json().actions).toHaveLength(1);
    expect((await owner.get('/api/incidents/review-actions/mine')).json().items).toEqual([]);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_type', '=', 'incident')
      .where('object_id', '=', String(inc.id))
      .where('action', '=', 'incident.reviewActionDone')
      .execute();
    expect(audit).toEqual([{ action: 'incident.reviewActionDone', actor_id: f.engineerB.id }]);
    // those who work the incident see the whole review, the item done
    const review = (await f.engineerApi.get(`/api/incidents/${inc.id}/review`)).json();
    expect(review).toMatchObject({
      summary: '核心交换机故障',
      actions: [
        { id: hers.id, done: true },
        { id: notHers.id, done: false },
      ],
    });
  });
});

describe('races', () => {
  it('20 handlers accept one incident at once: one wins, 19 get a localised 409, one responded_at', async () => {
    const engineers = await Promise.all(Array.from({ length: 20 }, () => t.createUser({ roles: ['engineer'] })));
    const team = await t.createTeam(
      '值班组',
      engineers.map((e) => e.id),
    );
    const inc = await makeIncident(f.managerApi, { teamId: team });
    const apis = await Promise.all(engineers.map((e) => t.login(e)));
    const results = await Promise.all(
      apis.map((api) => api.post(`/api/incidents/${inc.id}/actions`, { action: 'accept', version: inc.version })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(['versionConflict', 'incidentStatusConflict']).toContain(r.json().error.code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const row = await t.platform.db.selectFrom('incidents').selectAll().where('id', '=', inc.id).executeTakeFirstOrThrow();
    const winner = engineers[codes.indexOf(200)];
    expect(row).toMatchObject({ status: 'in_progress', assignee_id: winner?.id, version: inc.version + 1 });
    const accepts = await t.platform.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'incident.accept')
      .where('object_id', '=', String(inc.id))
      .execute();
    expect(accepts).toHaveLength(1);
  });
});

describe('lists, figures, export', () => {
  it('filters, keyword, my view, team unassigned; stats equal the records behind them; export streams an xlsx', async () => {
    const a = await makeIncident(f.managerApi, {
      title: '邮件服务无法发送外部邮件',
      category: 'service',
      impact: 'high',
      urgency: 'medium',
      teamId: f.teamA,
    });
    await act(f.engineerApi, a.id, { action: 'accept' });
    await makeIncident(f.managerApi, { title: '机房温度过高', category: 'hardware', impact: 'low', urgency: 'low', teamId: f.teamA });
    const byKeyword = (await f.engineerApi.get(`/api/incidents?q=${encodeURIComponent('外部邮件')}`)).json();
    expect(byKeyword.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect((await f.engineerApi.get(`/api/incidents?q=${a.number}`)).json().total).toBe(1);
    const mine = (await f.engineerApi.get('/api/incidents?view=mine&pageSize=200')).json();
    expect(mine.items.every((i: { assignee: { id: number } }) => i.assignee.id === f.engineerA.id)).toBe(true);
    const unassigned = (await f.engineerApi.get('/api/incidents?view=teamUnassigned&pageSize=200')).json();
    expect(unassigned.items.every((i: { assignee: unknown; team: { id: number } }) => i.assignee === null && i.team.id === f.teamA)).toBe(
      true,
    );
    expect(
      (await f.engineerApi.get('/api/incidents?priority=P2&category=service&sort=priority&order=asc')).json().items.length,
    ).toBeGreaterThan(0);

    const today = '2100-01-01';
    const stats = (await f.managerApi.get(`/api/incidents/stats?from=2000-01-01&to=${today}`)).json();
    const all = (await f.managerApi.get(`/api/incidents?occurredFrom=2000-01-01&occurredTo=${today}&pageSize=200`)).json();
    const notCancelled = all.items.filter((i: { status: string }) => i.status !== 'cancelled');
    expect(stats.total).toBe(notCancelled.length);
    for (const p of stats.byPriority) {
      expect(p.count, p.priority).toBe(notCancelled.filter((i: { priority: string }) => i.priority === p.priority).length);
    }
    expect(stats.total).toBeGreaterThan(5);
    expect(stats.mttaMinutes).not.toBeNull();

    const xlsx = await f.managerApi.get('/api/incidents/export?status=open');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const todos = (await f.engineerApi.get('/api/home/todos')).json();
    expect(JSON.stringify(todos)).toContain('incidentsMine');
  });
});
