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

const demand = (id: number) =>
  t.platform.db
    .selectFrom('demands')
    .select(['status', 'version', 'released_at', 'delivered_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const timelineKinds = async (type: string, id: number) =>
  (
    await t.platform.db
      .selectFrom('activity')
      .select('kind')
      .where('record_type', '=', type)
      .where('record_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((r) => r.kind);
const notified = async (type: string, releaseId: number) =>
  (
    await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select('n.user_id')
      .where('e.type', '=', type)
      .where('e.record_id', '=', releaseId)
      .execute()
  )
    .map((r) => r.user_id)
    .sort((a, b) => a - b);

describe('a release from request to acceptance', () => {
  it('requests, approves, succeeds and is accepted; its demands become released then delivered', async () => {
    const d1 = await makeDemand(t, w);
    const d2 = await makeDemand(t, w, { requester: w.otherRequester });
    const created = await requestRelease(w.analystApi, w, { demandIds: [d1.id, d2.id] });
    expect(created.number).toMatch(/^FB\d{8}-\d{4}$/);
    expect(created.status).toBe('draft');

    const submitted = await w.analystApi.post(`/api/releases/${created.id}/submit`, { version: created.version });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('pending_approval');
    const approvers = await notified('release.submitted', created.id);
    expect(approvers).toEqual([w.manager.id, w.manager2.id].sort((a, b) => a - b));

    const approved = await w.managerApi.post(`/api/releases/${created.id}/approve`, { version: submitted.json().version, comment: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approver: { id: w.manager.id } });
    expect(approved.json().approvals).toMatchObject([{ decision: 'approved', comment: '同意', by: { id: w.manager.id } }]);
    expect(await notified('release.approved', created.id)).toEqual([w.analyst.id]);

    const before = await demand(d1.id);
    const succeeded = await w.analystApi.post(`/api/releases/${created.id}/succeed`, {
      version: approved.json().version,
      note: '顺利上线',
    });
    expect(succeeded.statusCode).toBe(200);
    expect(succeeded.json()).toMatchObject({ status: 'succeeded', resultNote: '顺利上线' });
    for (const d of [d1, d2]) {
      const now = await demand(d.id);
      expect(now.status).toBe('released');
      expect(now.released_at).not.toBeNull();
      expect(await timelineKinds('demand', d.id)).toEqual(['demandReleased']);
    }
    expect((await demand(d1.id)).version).toBe(before.version + 1);
    expect(await notified('release.succeeded', created.id)).toEqual([w.requester.id, w.otherRequester.id].sort((a, b) => a - b));

    // A requester of an included demand reads the release and adds their own remark, once.
    const requesterApi = await t.login(w.requester);
    const seen = await requesterApi.get(`/api/releases/${created.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowed).toEqual(['remark']);
    const remark = await requesterApi.post(`/api/releases/${created.id}/remarks`, { result: 'passed', comment: '报表正常' });
    expect(remark.statusCode).toBe(200);
    expect(remark.json().allowed).toEqual([]);
    const again = await requesterApi.post(`/api/releases/${created.id}/remarks`, { result: 'passed', comment: '再来一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('您已填写过本次发布的验收意见');

    const accepted = await w.analystApi.post(`/api/releases/${created.id}/acceptance`, {
      version: succeeded.json().version,
      result: 'passed',
      comment: '验收通过',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect(accepted.json().acceptances.map((a: { kind: string; result: string }) => `${a.kind}:${a.result}`)).toEqual([
      'requester:passed',
      'analyst:passed',
    ]);
    for (const d of [d1, d2]) {
      expect((await demand(d.id)).status).toBe('delivered');
      expect(await timelineKinds('demand', d.id)).toEqual(['demandReleased', 'demandDelivered']);
    }
    // Each requester hears that their demand is delivered and waits for their rating.
    const delivered = await t.platform.db
      .selectFrom('notifications')
      .innerJoin('notification_events', 'notification_events.id', 'notifications.event_id')
      .select(['notification_events.record_id', 'notifications.user_id'])
      .where('notification_events.type', '=', 'demand.delivered')
      .execute();
    expect(delivered.map((n) => `${n.user_id}:${n.record_id}`).sort()).toEqual(
      [`${w.requester.id}:${d1.id}`, `${w.otherRequester.id}:${d2.id}`].sort(),
    );
    expect(await timelineKinds('release', created.id)).toEqual([
      'created',
      'stateChanged',
      'releaseApproved',
      'releaseSucceeded',
      'releaseRemarked',
      'releaseAccepted',
    ]);
    const actions = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'release')
      .where('object_id', '=', String(created.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'create',
      'release.submit',
      'release.approve',
      'release.succeed',
      'release.remark',
      'release.accept',
    ]);
    // Each demand the release moved has its own audit entries, by the person who recorded the release.
    const demandAudit = await t.platform.db
      .selectFrom('audit_log')
      .select(['object_id', 'action', 'actor_id', 'object_label'])
      .where('object_type', '=', 'demand')
      .where('object_id', 'in', [String(d1.id), String(d2.id)])
      .orderBy('id')
      .execute();
    const entry = (d: { id: number; number: string }, action: string) => `${d.id} ${d.number} ${action} by ${w.analyst.id}`;
    expect(demandAudit.map((a) => `${a.object_id} ${a.object_label} ${a.action} by ${a.actor_id}`).sort()).toEqual(
      [entry(d1, 'demand.released'), entry(d2, 'demand.released'), entry(d1, 'demand.delivered'), entry(d2, 'demand.delivered')].sort(),
    );
  });

  it('a failed acceptance is recorded and the release stays succeeded', async () => {
    const r = await approvedRelease(w);
    const ok = await w.analystApi.post(`/api/releases/${r.id}/succeed`, { version: r.version });
    const failed = await w.analystApi.post(`/api/releases/${r.id}/acceptance`, {
      version: ok.json().version,
      result: 'failed',
      comment: '报表有误',
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'succeeded', acceptances: [{ kind: 'analyst', result: 'failed', comment: '报表有误' }] });
    expect(failed.json().allowed).toContain('accept');
  });

  it('rejection needs a reason; a rejected release is edited and re-submitted', async () => {
    const r = await requestRelease(w.analystApi, w);
    const submitted = (await w.analystApi.post(`/api/releases/${r.id}/submit`, { version: r.version })).json();
    const noReason = await w.managerApi.post(`/api/releases/${r.id}/reject`, { version: submitted.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'comment', message: '请填写原因' });
    const rejected = await w.managerApi.post(`/api/releases/${r.id}/reject`, { version: submitted.version, comment: '窗口与月结冲突' });
    expect(rejected.json().status).toBe('rejected');
    // The request goes back to its requester: only they edit and re-submit it.
    expect(rejected.json().allowed).toEqual(['cancel']);
    expect((await w.analystApi.get(`/api/releases/${r.id}`)).json().allowed).toEqual(['submit', 'cancel', 'edit']);
    expect(await notified('release.rejected', r.id)).toEqual([w.analyst.id]);
    const edited = await w.analystApi.patch(`/api/releases/${r.id}`, { version: rejected.json().version, ...windowIn(72) });
    expect(edited.statusCode).toBe(200);
    const again = await w.analystApi.post(`/api/releases/${r.id}/submit`, { version: edited.json().version });
    expect(again.json().status).toBe('pending_approval');
  });

  it('failure handling: rolled back, IT managers told, copied as a new release that takes the demands again', async () => {
    const d = await makeDemand(t, w);
    const r = await approvedRelease(w, { demandIds: [d.id] });
    const noNote = await w.analystApi.post(`/api/releases/${r.id}/fail`, { version: r.version, rolledBack: true, note: ' ' });
    expect(noNote.statusCode).toBe(400);
    const failed = await w.analystApi.post(`/api/releases/${r.id}/fail`, {
      version: r.version,
      rolledBack: true,
      note: '数据库迁移超时，已回滚',
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({ status: 'failed', rolledBack: true, resultNote: '数据库迁移超时，已回滚', fault: null });
    expect(failed.json().allowed).toEqual(expect.arrayContaining(['copy', 'registerFault']));
    // An engineer may register faults but not write to releases: the fault would be refused, so no button.
    const engineer = await t.login(await t.createUser({ roles: ['engineer'] }));
    const seen = await engineer.get(`/api/releases/${r.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowed).not.toContain('registerFault');
    expect((await demand(d.id)).status).toBe('implementing');
    expect(await notified('release.failed', r.id)).toEqual([w.requester.id, w.manager.id, w.manager2.id].sort((a, b) => a - b));

    const copy = await requestRelease(w.analystApi, w, { copiedFromId: r.id, demandIds: [d.id], ...windowIn(48) });
    const detail = (await w.analystApi.get(`/api/releases/${copy.id}`)).json();
    expect(detail.copiedFrom).toMatchObject({ id: r.id, number: r.number });
    expect(detail.demands.map((x: { id: number }) => x.id)).toEqual([d.id]);
    expect((await w.analystApi.get(`/api/releases/${r.id}`)).json().copies).toMatchObject([{ id: copy.id }]);

    const notFailed = await w.analystApi.post('/api/releases', {
      systemId: w.system.erp,
      versionLabel: 'x',
      title: 'x',
      copiedFromId: copy.id,
      ...windowIn(),
    });
    expect(notFailed.statusCode).toBe(400);
    expect(notFailed.json().error.details[0].message).toBe('只能复制发布失败的发布');
  });

  it('a failed release shows the fault the faults module registered on it', async () => {
    const r = await approvedRelease(w);
    await w.analystApi.post(`/api/releases/${r.id}/fail`, { version: r.version, rolledBack: false, note: '接口报错' });
    const fault = await t.platform.db
      .insertInto('faults')
      .values({
        number: `GZ-T-${r.id}`,
        title: '发布后接口报错',
        severity: 'P2',
        reporter_id: w.engineer.id,
        started_at: new Date(),
        detected_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.platform.db.updateTable('releases').set({ fault_id: fault.id }).where('id', '=', r.id).execute();
    const detail = (await (await t.login(w.engineer)).get(`/api/releases/${r.id}`)).json();
    expect(detail.fault).toMatchObject({ id: fault.id, number: `GZ-T-${r.id}`, status: 'new' });
    expect(detail.allowed).not.toContain('registerFault');
  });

  it('warns about an overlapping approved window of the same system, and lists it on the calendar', async () => {
    const first = await approvedRelease(w, windowIn(200, 4));
    const second = await requestRelease(w.analystApi, w, windowIn(202, 4));
    const other = await requestRelease(w.analystApi, w, { ...windowIn(202, 4), systemId: w.system.crm });
    expect((await w.analystApi.get(`/api/releases/${second.id}`)).json().overlaps).toMatchObject([{ id: first.id }]);
    expect((await w.analystApi.get(`/api/releases/${other.id}`)).json().overlaps).toEqual([]);
    const day = new Date(Date.now() + 200 * 3_600_000).toISOString().slice(0, 10);
    const next = new Date(Date.now() + 210 * 3_600_000).toISOString().slice(0, 10);
    const cal = (await w.analystApi.get(`/api/releases/calendar?from=${day}&to=${next}&systemId=${w.system.erp}`)).json();
    const ids = cal.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(ids).not.toContain(other.id);
  });

  it('to-dos: the approver sees releases to approve, the analyst their due and accept-waiting ones', async () => {
    const todo = async (api: typeof w.analystApi) =>
      Object.fromEntries(
        ((await api.get('/api/home/todos')).json().items as { key: string; count: number }[]).map((i) => [i.key, i.count]),
      );
    const approvals = (await w.managerApi.get('/api/releases?todo=approve')).json().total;
    expect((await todo(w.managerApi)).releasesToApprove).toBe(approvals);
    const due = await approvedRelease(w, windowIn(0.5));
    const mine = await todo(w.analystApi);
    const list = (await w.analystApi.get('/api/releases?todo=execute')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(due.id);
    expect(mine.releasesToExecute).toBe(list.total);
    expect(mine.releasesToAccept).toBe((await w.analystApi.get('/api/releases?todo=accept')).json().total);
  });
});
