import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  await seedDemo(t.platform.db, { tickets: 50 });
}, 120_000);
afterAll(() => t.close());

describe('demo releases', () => {
  it('span six months and the coming weeks in every state; 李伟 has releases to approve, also on the phone list', async () => {
    const liwei = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    const all = (await liwei.get('/api/releases?pageSize=1')).json();
    expect(all.total).toBeGreaterThanOrEqual(28);
    for (const status of ['draft', 'pending_approval', 'approved', 'rejected', 'succeeded', 'failed', 'accepted', 'cancelled'])
      expect((await liwei.get(`/api/releases?status=${status}&pageSize=1`)).json().total, status).toBeGreaterThan(0);
    const toApprove = (await liwei.get('/api/releases?todo=approve')).json();
    expect(toApprove.total).toBe(2);
    const todos = (await liwei.get('/api/home/todos')).json().items as { key: string; count: number }[];
    expect(todos.find((i) => i.key === 'releasesToApprove')?.count).toBe(2);

    // The demo state accepts real actions: approve one.
    const pending = (await liwei.get(`/api/releases/${toApprove.items[0].id}`)).json();
    expect(pending.allowed).toEqual(expect.arrayContaining(['approve', 'reject']));
    const approved = await liwei.post(`/api/releases/${pending.id}/approve`, { version: pending.version, comment: '同意' });
    expect(approved.statusCode).toBe(200);
  });

  it('a failed ERP release was rolled back and re-planned as a copy that carries its demand', async () => {
    const machao = await t.login({ username: 'machao', password: DEMO_PASSWORD });
    const failed = (await machao.get('/api/releases?status=failed&systemId=' + (await erpId()))).json().items[0];
    const detail = (await machao.get(`/api/releases/${failed.id}`)).json();
    expect(detail).toMatchObject({ rolledBack: true, status: 'failed' });
    expect(detail.copies).toHaveLength(1);
    const copy = (await machao.get(`/api/releases/${detail.copies[0].id}`)).json();
    expect(copy.demands.map((d: { id: number }) => d.id)).toEqual(detail.demands.map((d: { id: number }) => d.id));
    expect(copy.demands[0].status).toBe('implementing');
    // …and can be executed: succeeding releases the demand.
    const ok = await machao.post(`/api/releases/${copy.id}/succeed`, { version: copy.version, note: '重新发布成功' });
    expect(ok.statusCode).toBe(200);
    const demand = await t.platform.db
      .selectFrom('demands')
      .select('status')
      .where('id', '=', copy.demands[0].id)
      .executeTakeFirstOrThrow();
    expect(demand.status).toBe('released');
  });

  it('accepted releases have shipped demands (delivered, or rated and closed) with remarks from their requesters; upcoming ones fill the calendar', async () => {
    const liwei = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    const accepted = (await liwei.get('/api/releases?status=accepted&pageSize=50')).json().items as { id: number; demandCount: number }[];
    const withDemands = accepted.find((r) => r.demandCount > 0);
    const detail = (await liwei.get(`/api/releases/${withDemands?.id}`)).json();
    expect(detail.demands.every((d: { status: string }) => d.status === 'delivered' || d.status === 'closed')).toBe(true);
    expect(detail.acceptances.map((a: { kind: string }) => a.kind)).toContain('requester');
    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await liwei.get(`/api/releases/calendar?from=${from}&to=${to}`)).json().items.length).toBeGreaterThanOrEqual(6);
    // A requester reads the release of their demand.
    const qianhui = await t.login({ username: 'qianhui', password: DEMO_PASSWORD });
    const demandRelease = await t.platform.db
      .selectFrom('release_demands as rd')
      .innerJoin('demands as d', 'd.id', 'rd.demand_id')
      .innerJoin('users as u', 'u.id', 'd.requester_id')
      .select('rd.release_id')
      .where('u.username', '=', 'qianhui')
      .executeTakeFirstOrThrow();
    expect((await qianhui.get(`/api/releases/${demandRelease.release_id}`)).statusCode).toBe(200);
  });
});

async function erpId() {
  return (await t.platform.db.selectFrom('it_systems').select('id').where('code', '=', 'ERP').executeTakeFirstOrThrow()).id;
}
