import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  await seedDemo(t.platform.db, { tickets: 200 });
});
afterAll(() => t.close());

describe('demo stocktakes', () => {
  it('has a completed stocktake with anomalies and one in progress that a demo engineer counts', async () => {
    const engineer = await t.login({ username: 'liuyang', password: DEMO_PASSWORD });
    const mine = (await engineer.get('/api/stocktakes?mine=counter&status=in_progress')).json();
    expect(mine.items).toHaveLength(1);
    const running = mine.items[0];
    expect(running.progress.found).toBeGreaterThan(0);
    expect(running.progress.pending).toBeGreaterThan(0);
    expect(running.progress.expected).toBe(
      running.progress.pending + running.progress.found + running.progress.wrongLocation + running.progress.wrongUser,
    );

    const admin = await t.login({ username: 'linna', password: DEMO_PASSWORD });
    const done = (await admin.get('/api/stocktakes?status=completed')).json().items[0];
    expect(done.progress).toMatchObject({ pending: 0, surplus: 1 });
    expect(done.progress.missing).toBeGreaterThan(0);
    expect(done.progress.wrongLocation).toBeGreaterThan(0);
    // The counters in the progress row equal the lines behind them.
    const lines = (await admin.get(`/api/stocktakes/${done.id}/lines?result=missing&pageSize=500`)).json();
    expect(lines.total).toBe(done.progress.missing);

    // The engineer can scan a not-yet-found asset of the running one.
    const pending = (await engineer.get(`/api/stocktakes/${running.id}/lines?result=pending&pageSize=1`)).json().items[0];
    const scan = await engineer.post(`/api/stocktakes/${running.id}/scans`, { tag: pending.tag });
    expect(scan.statusCode).toBe(201);
    expect(scan.json().line.result).toBe('found');
  });
});
