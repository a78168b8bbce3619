import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { checkOverdueFaults } from './jobs.js';
import { type FaultWorld, faultWorld, minutesAgo, registerFault } from './test-fixtures.js';

let t: TestContext;
let w: FaultWorld;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await faultWorld(t);
});
afterAll(() => t.close());

const timeline = async (type: string, id: number) =>
  (
    await t.platform.db
      .selectFrom('activity')
      .select('kind')
      .where('record_type', '=', type)
      .where('record_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((r) => r.kind);

describe('register and handle a fault', () => {
  it('registers with a GZ number and a response due time from the severity target; the life cycle runs to closed', async () => {
    const detectedAt = minutesAgo(20);
    const fault = await registerFault(w.api.engineer, w, { severity: 'P2', detectedAt });
    expect(fault.number).toMatch(/^GZ\d{8}-\d{4}$/);
    expect(new Date(fault.responseDueAt).getTime() - new Date(detectedAt).getTime()).toBe(240 * 60_000);
    expect(fault.status).toBe('new');

    let res = await w.api.engineer.post(`/api/faults/${fault.id}/respond`, { version: fault.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_progress', assignee: { id: w.users.engineer.id } });
    res = await w.api.engineer.post(`/api/faults/${fault.id}/recover`, { version: res.json().version, resolution: '重启应用服务器' });
    expect(res.json().status).toBe('recovered');
    // P2: closing needs the cause, then a completed review.
    let close = await w.api.manager.post(`/api/faults/${fault.id}/close`, { version: res.json().version });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('faultCauseRequired');
    const cause = { causeCategory: 'software', rootCause: '连接池耗尽' };
    close = await w.api.manager.post(`/api/faults/${fault.id}/close`, { version: res.json().version, ...cause });
    expect(close.json().error).toMatchObject({ code: 'faultReviewRequired', message: 'P1/P2 故障须先完成复盘才能关闭' });

    const review = {
      summary: '连接池耗尽导致登录超时',
      narrative: '9:00 告警',
      analysis: '连接泄漏',
      lessons: '加监控',
      noActionNeeded: false,
    };
    expect((await w.api.engineer.post(`/api/faults/${fault.id}/review`, { version: 0, ...review })).statusCode).toBe(200);
    let complete = await w.api.engineer.post(`/api/faults/${fault.id}/review/complete`, { version: 1 });
    expect(complete.json().error.code).toBe('reviewNeedsActions');
    const action = await w.api.engineer.post(`/api/faults/${fault.id}/review-actions`, {
      title: '连接池监控告警',
      ownerId: w.users.lead.id,
      dueDate: '2020-01-01',
    });
    expect(action.statusCode).toBe(200);
    complete = await w.api.engineer.post(`/api/faults/${fault.id}/review/complete`, { version: 1 });
    expect(complete.statusCode).toBe(200);
    expect(complete.json().review.completedAt).not.toBeNull();
    // frozen once completed
    expect((await w.api.engineer.post(`/api/faults/${fault.id}/review`, { version: 2, ...review })).json().error.code).toBe(
      'reviewCompleted',
    );

    // the owner sees the action as a to-do and in the overdue list, and completes it
    const todos = (await w.api.lead.get('/api/home/todos')).json();
    expect(JSON.stringify(todos)).toContain('faultActionsMine');
    const overdue = (await w.api.manager.get('/api/faults/review-actions?view=overdue')).json().items;
    const mine = overdue.find((a: { title: string }) => a.title === '连接池监控告警');
    expect(mine.overdue).toBe(true);
    expect(
      (await w.api.lead.post(`/api/faults/review-actions/${mine.id}/done`, { version: mine.version, note: '已上线' })).statusCode,
    ).toBe(200);
    expect((await w.api.requester.post(`/api/faults/review-actions/${mine.id}/done`, { version: 2, note: 'x' })).statusCode).toBe(403);

    close = await w.api.manager.post(`/api/faults/${fault.id}/close`, { version: complete.json().version, ...cause });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 'closed', causeCategory: 'software', rootCause: '连接池耗尽' });
    expect(await timeline('fault', fault.id)).toEqual(
      expect.arrayContaining(['created', 'stateChanged', 'assigned', 'faultActionAdded', 'faultReviewCompleted', 'faultActionDone']),
    );
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'fault')
      .where('object_id', '=', String(fault.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'fault.respond', 'fault.recover', 'fault.close', 'fault.completeReview']),
    );
  });

  it('bad input is refused with a localised 400 and nothing is written', async () => {
    const before = await t.countRows('faults');
    let res = await w.api.engineer.post('/api/faults', {
      title: '邮件收发失败',
      severity: 'P3',
      systemIds: [w.systems.mail],
      startedAt: minutesAgo(10),
      detectedAt: minutesAgo(30),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'detectedAt', message: '发现时间不能早于发生时间' });
    res = await w.api.engineer.request('POST', '/api/faults', {
      headers: { 'accept-language': 'en-US' },
      body: { title: '', severity: 'P9', systemIds: [], startedAt: 'yesterday', detectedAt: minutesAgo(1) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
    expect(
      (
        await w.api.engineer.post('/api/faults', {
          title: 'x',
          severity: 'P3',
          systemIds: [999999],
          startedAt: minutesAgo(2),
          detectedAt: minutesAgo(1),
        })
      ).statusCode,
    ).toBe(400);
    expect(await t.countRows('faults')).toBe(before);
  });

  it('denies without the permission (403) and hides faults outside the scope (404)', async () => {
    const fault = await registerFault(w.api.engineer, w);
    expect((await w.api.requester.get('/api/faults')).statusCode).toBe(403);
    expect((await w.api.requester.get(`/api/faults/${fault.id}`)).statusCode).toBe(403);
    expect((await w.api.requester.post('/api/faults', {})).statusCode).toBe(403);
    expect((await w.api.engineer.get('/api/faults/export')).statusCode).toBe(403);
    expect((await w.api.engineer.post(`/api/faults/${fault.id}/cancel`, { version: 1, reason: '误报' })).statusCode).toBe(403);
    // the other team's engineer (team scope) cannot see the ops team's fault
    expect((await w.api.outsider.get(`/api/faults/${fault.id}`)).statusCode).toBe(404);
    expect((await w.api.outsider.post(`/api/faults/${fault.id}/respond`, { version: 1 })).statusCode).toBe(404);
    expect((await w.api.outsider.get(`/api/timeline/fault/${fault.id}`)).statusCode).toBe(404);
    const list = (await w.api.outsider.get('/api/faults?pageSize=200')).json();
    expect(list.items.map((f: { id: number }) => f.id)).not.toContain(fault.id);
    expect((await w.api.lead.get(`/api/faults/${fault.id}`)).statusCode).toBe(200);
  });

  it('20 people responding at once: one wins, 19 get a localised 409, one response recorded', async () => {
    const fault = await registerFault(w.api.engineer, w);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => w.api.lead.post(`/api/faults/${fault.id}/respond`, { version: fault.version })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(['faultStatusConflict', 'versionConflict']).toContain(r.json().error.code);
    expect(refused.some((r) => r.json().error.message.includes('处理中'))).toBe(true);
    const kinds = await timeline('fault', fault.id);
    expect(kinds.filter((k) => k === 'stateChanged')).toHaveLength(1);
  });

  it('corrects times with a reason (audited) and refuses detected before started', async () => {
    const fault = await registerFault(w.api.engineer, w);
    const bad = await w.api.engineer.post(`/api/faults/${fault.id}/times`, {
      version: fault.version,
      detectedAt: minutesAgo(60),
      reason: '监控日志',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await w.api.engineer.post(`/api/faults/${fault.id}/times`, {
      version: fault.version,
      startedAt: minutesAgo(45),
      reason: '监控日志显示更早',
    });
    expect(ok.statusCode).toBe(200);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'fault.editTimes')
      .where('object_id', '=', String(fault.id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('监控日志显示更早');
    expect(await timeline('fault', fault.id)).toContain('faultTimesEdited');
  });
});

describe('escalation from an incident and a failed release', () => {
  it('an incident escalates once; the second attempt is a localised 409 and leaves nothing behind', async () => {
    const incident = await t.platform.db
      .insertInto('incidents')
      .values({
        number: 'SJ20260101-0001',
        title: '邮件服务告警',
        impact: 'high',
        urgency: 'high',
        priority: 'P2',
        reporter_id: w.users.engineer.id,
        system_id: w.systems.mail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // An engineer of another team cannot read the incident (the incidents module's record access): as if it did not exist.
    const blind = await w.api.outsider.post('/api/faults', {
      title: '邮件服务中断',
      severity: 'P2',
      systemIds: [w.systems.mail],
      startedAt: minutesAgo(10),
      detectedAt: minutesAgo(5),
      incidentId: incident.id,
    });
    expect(blind.statusCode).toBe(400);
    expect(blind.json().error.details[0].path).toBe('incidentId');
    expect((await w.api.outsider.get(`/api/faults/prefill?incidentId=${incident.id}`)).statusCode).toBe(400);
    const prefill = (await w.api.engineer.get(`/api/faults/prefill?incidentId=${incident.id}`)).json();
    expect(prefill).toMatchObject({
      title: '邮件服务告警',
      systemIds: [w.systems.mail],
      source: { type: 'incident', number: 'SJ20260101-0001' },
    });
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        w.api.engineer.post('/api/faults', {
          title: '邮件服务中断',
          severity: 'P2',
          systemIds: [w.systems.mail],
          startedAt: minutesAgo(10),
          detectedAt: minutesAgo(5),
          incidentId: incident.id,
        }),
      ),
    );
    const won = attempts.filter((r) => r.statusCode === 201);
    expect(won).toHaveLength(1);
    for (const r of attempts.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toContain('已升级为故障');
    }
    const fault = won[0]?.json();
    const row = await t.platform.db.selectFrom('incidents').select('fault_id').where('id', '=', incident.id).executeTakeFirstOrThrow();
    expect(row.fault_id).toBe(fault.id);
    expect(await t.platform.db.selectFrom('faults').select('id').where('title', '=', '邮件服务中断').execute()).toHaveLength(1);
    expect(await timeline('incident', incident.id)).toEqual(['escalatedToFault']);
    expect(fault.links).toEqual([expect.objectContaining({ type: 'incident', number: 'SJ20260101-0001' })]);
  });

  it('an incident the caller may read but not work on (another team handles it) cannot be escalated by them', async () => {
    // The engineer reported it (so may read it), but the apps team handles it.
    const incident = await t.platform.db
      .insertInto('incidents')
      .values({
        number: 'SJ20260101-0002',
        title: '打印服务告警',
        impact: 'medium',
        urgency: 'medium',
        priority: 'P3',
        reporter_id: w.users.engineer.id,
        team_id: w.teams.apps,
        system_id: w.systems.mail,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    expect((await w.api.engineer.get(`/api/faults/prefill?incidentId=${incident.id}`)).statusCode).toBe(200);
    const before = await t.countRows('faults');
    const res = await w.api.engineer.post('/api/faults', {
      title: '打印服务中断',
      severity: 'P3',
      systemIds: [w.systems.mail],
      startedAt: minutesAgo(10),
      detectedAt: minutesAgo(5),
      incidentId: incident.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'incidentId', message: '记录不存在或您无权查看' });
    expect(await t.countRows('faults')).toBe(before);
    const row = await t.platform.db
      .selectFrom('incidents')
      .select(['fault_id', 'version'])
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ fault_id: null, version: incident.version });
    expect(await timeline('incident', incident.id)).toEqual([]);
    // the team that handles it may
    const outsiderIncident = await w.api.outsider.post('/api/faults', {
      title: '打印服务中断',
      severity: 'P3',
      systemIds: [w.systems.mail],
      startedAt: minutesAgo(10),
      detectedAt: minutesAgo(5),
      incidentId: incident.id,
    });
    expect(outsiderIncident.statusCode).toBe(201);
  });

  it('a release gets a fault only when it failed', async () => {
    const release = (status: string, n: number) =>
      t.platform.db
        .insertInto('releases')
        .values({
          number: `FB20260101-000${n}`,
          title: 'ERP 升级',
          system_id: w.systems.erp,
          version_label: 'v2.1',
          status: status as 'failed',
          window_start: minutesAgo(120),
          window_end: minutesAgo(60),
          requester_id: w.users.manager.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const ok = await release('succeeded', 1);
    const failed = await release('failed', 2);
    const body = (releaseId: number) => ({
      title: 'ERP 升级失败',
      severity: 'P2',
      systemIds: [w.systems.erp],
      startedAt: minutesAgo(60),
      detectedAt: minutesAgo(55),
      releaseId,
    });
    // Registering writes to the release (its fault, version, timeline): reading it (release.read) is not enough.
    const faultsBefore = await t.countRows('faults');
    const readOnly = await w.api.engineer.post('/api/faults', body(failed.id));
    expect(readOnly.statusCode).toBe(400);
    expect(readOnly.json().error.details[0]).toMatchObject({ path: 'releaseId' });
    expect(await t.countRows('faults')).toBe(faultsBefore);
    expect(await timeline('release', failed.id)).toEqual([]);
    const refused = await w.api.manager.post('/api/faults', body(ok.id));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('releaseNotFailed');
    expect((await w.api.manager.post('/api/faults', body(failed.id))).statusCode).toBe(201);
    expect((await w.api.manager.post('/api/faults', body(failed.id))).json().error.code).toBe('releaseFaultExists');
    expect(await timeline('release', failed.id)).toEqual(['releaseFaultRegistered']);
  });
});

describe('editing and capturing as knowledge', () => {
  it('a closed or cancelled fault can no longer be edited (localised 409, nothing changes)', async () => {
    const fault = await registerFault(w.api.engineer, w, { severity: 'P3' });
    const cancelled = await w.api.manager.post(`/api/faults/${fault.id}/cancel`, { version: fault.version, reason: '误报' });
    expect(cancelled.json().status).toBe('cancelled');
    const res = await w.api.engineer.patch(`/api/faults/${fault.id}`, {
      version: cancelled.json().version,
      severity: 'P4',
      impactKind: 'degraded',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'faultStatusConflict', message: expect.stringContaining('已撤销') });
    const row = await t.platform.db
      .selectFrom('faults')
      .select(['severity', 'impact_kind', 'version'])
      .where('id', '=', fault.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ severity: 'P3', impact_kind: 'outage', version: cancelled.json().version });
    // an open one still can
    const open = await registerFault(w.api.engineer, w, { severity: 'P3' });
    expect((await w.api.engineer.patch(`/api/faults/${open.id}`, { version: open.version, severity: 'P4' })).json().severity).toBe('P4');
  });

  it('needs knowledge.write and a recovered or closed fault; marks it a known error (version + 1) once, then answers with the same article', async () => {
    const category = await w.api.manager.post('/api/knowledge/categories', { name: `故障知识${Date.now() % 100000}` });
    expect(category.statusCode).toBe(201);
    const fault = await registerFault(w.api.engineer, w, { severity: 'P3' });
    // not yet recovered: a localised 409 and no draft
    const articlesBefore = await t.countRows('knowledge_articles');
    const early = await w.api.engineer.post(`/api/faults/${fault.id}/knowledge`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'faultStatusConflict', message: expect.stringContaining('沉淀为知识') });
    const responded = (await w.api.engineer.post(`/api/faults/${fault.id}/respond`, { version: fault.version })).json();
    const recovered = (
      await w.api.engineer.post(`/api/faults/${fault.id}/recover`, { version: responded.version, resolution: '重启服务' })
    ).json();
    expect(recovered.status).toBe('recovered');

    // fault.handle without knowledge.write (a custom role): 403
    const role = await t.platform.db
      .insertInto('roles')
      .values({ key: `fault_only_${Date.now()}`, name: '故障处理员', scope: 'team', permissions: ['fault.read', 'fault.handle'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const handlerOnly = await t.createUser({ roles: [] });
    await t.platform.db.insertInto('user_roles').values({ user_id: handlerOnly.id, role_id: role.id }).execute();
    await t.platform.db.insertInto('team_members').values({ team_id: w.teams.ops, user_id: handlerOnly.id }).execute();
    const handlerApi = await t.login(handlerOnly);
    expect((await handlerApi.get(`/api/faults/${fault.id}`)).statusCode).toBe(200);
    expect((await handlerApi.post(`/api/faults/${fault.id}/knowledge`)).statusCode).toBe(403);
    expect(await t.countRows('knowledge_articles')).toBe(articlesBefore);

    const captured = await w.api.engineer.post(`/api/faults/${fault.id}/knowledge`);
    expect(captured.statusCode).toBe(201);
    const after = (await w.api.engineer.get(`/api/faults/${fault.id}`)).json();
    expect(after).toMatchObject({ knownError: true, version: recovered.version + 1 });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'fault')
      .where('object_id', '=', String(fault.id))
      .where('action', '=', 'fault.knownError')
      .execute();
    expect(audit).toHaveLength(1);
    // again: the same article, no second draft, no second version bump
    const again = await w.api.engineer.post(`/api/faults/${fault.id}/knowledge`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(captured.json());
    expect(await t.countRows('knowledge_articles')).toBe(articlesBefore + 1);
    expect((await w.api.engineer.get(`/api/faults/${fault.id}`)).json().version).toBe(recovered.version + 1);
  });
});

describe('response overdue', () => {
  it('notifies the team lead once, then the IT managers once, however often the check runs', async () => {
    const fault = await registerFault(w.api.engineer, w, { severity: 'P1', startedAt: minutesAgo(200), detectedAt: minutesAgo(90) });
    const overdue = (await w.api.manager.get('/api/faults?view=overdue')).json().items;
    expect(overdue.find((f: { id: number }) => f.id === fault.id)?.responseOverdue).toBe(true);
    await Promise.all([checkOverdueFaults(t.platform), checkOverdueFaults(t.platform)]);
    await checkOverdueFaults(t.platform);
    const notices = async (userId: number) =>
      t.platform.db
        .selectFrom('notifications as n')
        .innerJoin('notification_events as e', 'e.id', 'n.event_id')
        .select('e.type')
        .where('n.user_id', '=', userId)
        .where('e.type', '=', 'fault.responseOverdue')
        .where('e.record_id', '=', fault.id)
        .execute();
    expect(await notices(w.users.lead.id)).toHaveLength(1);
    expect(await notices(w.users.manager.id)).toHaveLength(0); // due + target not yet reached (90 < 120)
    await t.platform.db
      .updateTable('faults')
      .set({ detected_at: minutesAgo(150), response_due_at: minutesAgo(90) })
      .where('id', '=', fault.id)
      .execute();
    await Promise.all([checkOverdueFaults(t.platform), checkOverdueFaults(t.platform)]);
    expect(await notices(w.users.manager.id)).toHaveLength(1);
    expect((await timeline('fault', fault.id)).filter((k) => k === 'faultResponseOverdue')).toHaveLength(2);
  });
});
