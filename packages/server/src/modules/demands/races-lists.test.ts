import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type DemandWorld, deliver, demandWorld, submit, toApproval, toImplementing } from './test-fixtures.js';

let t: TestContext;
let w: DemandWorld;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await demandWorld(t);
});
afterAll(() => t.close());

describe('races', () => {
  it('20 approvals of one demand at once: exactly one wins, the rest hear it is already implementing', async () => {
    const d = await toApproval(w);
    const clients = [w.api.supervisor, w.api.manager];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (clients[i % 2] ?? w.api.manager).post(`/api/demands/${d.id}/approve`, { version: d.version })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error.message).toBe('需求当前状态为「实现中」，不能审核通过（可能已被他人处理，请刷新）');
    const row = await t.platform.db.selectFrom('demands').select(['status', 'version']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'implementing', version: d.version + 1 });
    const changes = await t.platform.db
      .selectFrom('activity')
      .select('id')
      .where('record_type', '=', 'demand')
      .where('record_id', '=', d.id)
      .where('kind', '=', 'stateChanged')
      .execute();
    expect(changes).toHaveLength(3); // accepted, pending_approval, implementing — once
  });

  it('a supervisor approving while another rejects: one decision stands', async () => {
    const d = await toApproval(w);
    const [a, b] = await Promise.all([
      w.api.supervisor.post(`/api/demands/${d.id}/approve`, { version: d.version }),
      w.api.manager.post(`/api/demands/${d.id}/disapprove`, { version: d.version, reason: '预算不足' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('tasks finished at once on one demand keep progress exact', async () => {
    const d = await toImplementing(w);
    let detail = d;
    for (const hours of [10, 20, 30, 40])
      detail = (
        await w.api.manager.post(`/api/demands/${d.id}/tasks`, {
          title: `任务${hours}`,
          developerId: w.user.developer.id,
          estimateHours: hours,
        })
      ).json();
    const tasks = detail.tasks as { id: number; version: number }[];
    const results = await Promise.all(
      tasks.slice(0, 3).map((k) => w.api.developer.patch(`/api/demands/${d.id}/tasks/${k.id}`, { version: k.version, status: 'done' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const row = await t.platform.db.selectFrom('demands').select('progress').where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row.progress).toBe(60);
  });
});

describe('lists, export and metrics', () => {
  it('filter by view, status, system, department, keyword and overdue, and page', async () => {
    const mine = await submit(w.api.requester, w, { title: '门店盘点报表导出', kind: 'report', expectedDate: '2020-01-01' });
    const list = async (api = w.api.manager, query = '') => (await api.get(`/api/demands?pageSize=200${query}`)).json();
    expect(
      (await list(w.api.requester, '&view=mine')).items.every((d: { requester: { id: number } }) => d.requester.id === w.user.requester.id),
    ).toBe(true);
    expect((await list(w.api.analyst, '&view=toAccept')).items.map((d: { id: number }) => d.id)).toContain(mine.id);
    const overdue = await list(w.api.manager, '&overdue=true');
    expect(overdue.items.map((d: { id: number }) => d.id)).toEqual([mine.id]);
    expect(overdue.items[0].overdue).toBe(true);
    expect((await list(w.api.manager, '&q=盘点报表')).items.map((d: { id: number }) => d.id)).toEqual([mine.id]);
    expect((await list(w.api.manager, `&q=${mine.number}`)).total).toBe(1);
    expect((await list(w.api.manager, '&kind=report')).total).toBe(1);
    expect((await list(w.api.manager, `&departmentId=${w.dept.retail}`)).total).toBe((await list(w.api.manager)).total);
    expect((await list(w.api.manager, `&departmentId=${w.dept.finance}`)).total).toBe(0);
    expect((await list(w.api.manager, `&systemId=${w.orphanSystemId}`)).total).toBe(0);
    const paged = (await w.api.manager.get('/api/demands?pageSize=1&page=2&sort=createdAt')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
    const bad = await w.api.manager.get('/api/demands?status=done');
    expect(bad.statusCode).toBe(400);
  });

  it('exports the filtered list as a streamed workbook for demand managers', async () => {
    const res = await w.api.manager.get('/api/demands/export?view=all');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('metrics: counts, stage days, on-time rate and ratings equal the demands behind them', async () => {
    const d = await toImplementing(w);
    await deliver(t, d.id);
    await t.platform.db.updateTable('demands').set({ planned_date: '2099-01-01' }).where('id', '=', d.id).execute();
    const day = '2099-12-31';
    const res = await w.api.manager.get(`/api/demands/metrics?from=2020-01-01&to=${day}`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    const all = (await w.api.manager.get('/api/demands?pageSize=1')).json().total;
    expect(m.total.total).toBe(all);
    const system = m.systems.find((s: { system: { id: number } }) => s.system.id === w.systemId);
    expect(system.total).toBe(all);
    for (const [status, n] of Object.entries(system.byStatus))
      expect(n, status).toBe((await w.api.manager.get(`/api/demands?pageSize=1&status=${status}`)).json().total);
    expect(system.delivered).toBeGreaterThanOrEqual(1);
    expect(system.onTime).toBeGreaterThanOrEqual(1);
    expect(system.stageDays.submitToAccept).toBeGreaterThanOrEqual(0);
    // A supervisor without demand.manage or analytics.view may not read them.
    expect((await w.api.supervisor.get(`/api/demands/metrics?from=2020-01-01&to=${day}`)).statusCode).toBe(403);
    expect((await w.api.manager.get('/api/demands/metrics?from=2020-13-01&to=x')).statusCode).toBe(400);
  });

  it('division of labour lists systems and their analysts; home to-dos count what each person can act on', async () => {
    const division = (await w.api.requester.get('/api/demands/division')).json();
    expect(division.items.find((s: { systemId: number }) => s.systemId === w.systemId).analyst.id).toBe(w.user.analyst.id);
    expect(division.items.find((s: { systemId: number }) => s.systemId === w.orphanSystemId).analyst).toBeNull();
    const todos = (await w.api.analyst.get('/api/home/todos')).json();
    const items = (todos.items ?? todos) as { key: string; count: number }[];
    expect(items.find((i) => i.key === 'demandsToAccept')?.count).toBeGreaterThan(0);
  });
});
