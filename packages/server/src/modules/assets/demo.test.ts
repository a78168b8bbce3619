import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  await seedDemo(t.platform.db, { tickets: 50 });
}, 120_000);
afterAll(() => t.close());

describe('demo assets', () => {
  it('fill the register across statuses with history; zhangmin holds a laptop and has a transfer to confirm', async () => {
    const linna = await t.login({ username: 'linna', password: DEMO_PASSWORD });
    const all = (await linna.get('/api/assets?pageSize=1')).json();
    expect(all.total).toBeGreaterThan(250);
    for (const status of ['in_stock', 'in_use', 'in_repair', 'scrapped'])
      expect((await linna.get(`/api/assets?status=${status}&pageSize=1`)).json().total, status).toBeGreaterThan(0);

    const zhangmin = await t.login({ username: 'zhangmin', password: DEMO_PASSWORD });
    const mine = (await zhangmin.get('/api/assets/mine')).json();
    expect(mine.holding.some((a: { category: { name: string } }) => a.category.name === '笔记本电脑')).toBe(true);
    expect(mine.waiting).toHaveLength(1);
    const waiting = (await zhangmin.get(`/api/assets/${mine.waiting[0].id}`)).json();
    expect(waiting.allowed).toEqual(['acceptTransfer', 'declineTransfer']);
    const history = (await zhangmin.get(`/api/timeline/asset/${mine.waiting[0].id}`)).json().items;
    expect(history.map((e: { event: { kind: string } }) => e.event.kind)).toEqual([
      'assetRegistered',
      'assetIssued',
      'assetReceived',
      'assetTransferRequested',
    ]);
    // The demo state accepts real operations (versions and pending rows agree).
    expect((await zhangmin.post(`/api/assets/${waiting.id}/accept-transfer`, { version: waiting.version })).statusCode).toBe(200);

    const linked = await t.platform.db.selectFrom('record_links').select('from_id').where('from_type', '=', 'asset').execute();
    expect(linked.length).toBeGreaterThan(5);
    expect((await linna.get(`/api/assets/${linked[0]?.from_id}`)).json().tickets).toHaveLength(1);

    const liwei = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    expect((await liwei.get('/api/assets/scrap-approvals')).json().items).toHaveLength(1);
  });
});
