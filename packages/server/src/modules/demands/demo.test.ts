import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { autoCloseDemandsJob } from './jobs.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  await seedDemo(t.platform.db, { tickets: 50 });
}, 120_000);
afterAll(() => t.close());

describe('demo demands', () => {
  it('fill every state with stage times; 吕萍 can approve 张敏’s demand and 张敏 can rate a delivered one', async () => {
    const liwei = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    const all = (await liwei.get('/api/demands?pageSize=1')).json();
    expect(all.total).toBeGreaterThanOrEqual(75);
    for (const status of [
      'submitted',
      'accepted',
      'pending_approval',
      'implementing',
      'released',
      'delivered',
      'closed',
      'rejected',
      'cancelled',
    ])
      expect((await liwei.get(`/api/demands?status=${status}&pageSize=1`)).json().total, status).toBeGreaterThan(0);
    const metrics = (await liwei.get('/api/demands/metrics?from=2000-01-01&to=2099-12-31')).json();
    expect(metrics.total.total).toBe(all.total);
    for (const stage of Object.values(metrics.total.stageDays)) expect(stage).toBeGreaterThan(0);
    expect(metrics.total.onTimeRate).toBeGreaterThan(0);
    expect(metrics.total.averageRating).toBeGreaterThan(3);

    const implementing = (await liwei.get('/api/demands?status=implementing&pageSize=1')).json().items[0];
    const detail = (await liwei.get(`/api/demands/${implementing.id}`)).json();
    expect(detail.tasks.length).toBeGreaterThan(1);
    expect(detail.totalHours).toBeGreaterThan(0);

    const lvping = await t.login({ username: 'lvping', password: DEMO_PASSWORD });
    const waiting = (await lvping.get('/api/demands?view=toApprove')).json().items;
    expect(waiting.length).toBeGreaterThan(0);
    const mine = waiting.find((d: { requester: { name: string } }) => d.requester.name === '张敏');
    const approved = await lvping.post(`/api/demands/${mine.id}/approve`, { version: mine.version });
    expect(approved.statusCode).toBe(200);

    const zhangmin = await t.login({ username: 'zhangmin', password: DEMO_PASSWORD });
    const toRate = (await zhangmin.get('/api/demands?view=mine&status=delivered')).json().items;
    expect(toRate.length).toBeGreaterThan(0);
    expect((await zhangmin.post(`/api/demands/${toRate[0].id}/rate`, { version: toRate[0].version, rating: 5 })).statusCode).toBe(200);
    // Numbers handed out now do not collide with the demo's.
    const machao = await t.login({ username: 'machao', password: DEMO_PASSWORD });
    const erp = await t.platform.db.selectFrom('it_systems').select('id').where('code', '=', 'ERP').executeTakeFirstOrThrow();
    expect(
      (await zhangmin.post('/api/demands', { systemId: erp.id, kind: 'report', title: '新报表', background: '门店报表' })).statusCode,
    ).toBe(201);
    expect((await machao.get('/api/demands?view=toAccept&pageSize=1')).json().total).toBeGreaterThan(0);
  });

  it('the delivered ones still wait for their ratings after the hourly auto-close has run', async () => {
    const liwei = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    const delivered = async () => (await liwei.get('/api/demands?status=delivered&pageSize=1')).json().total;
    const before = await delivered();
    expect(before).toBeGreaterThan(0);
    await autoCloseDemandsJob(t.platform).handler({}, { id: 'demo-test', retryCount: 0 } as never);
    expect(await delivered()).toBe(before);
  });
});
