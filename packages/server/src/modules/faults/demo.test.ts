import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp({ TIMEZONE: 'Asia/Shanghai' }, { workers: false });
  await seedDemo(t.platform.db, { tickets: 300 });
}, 120_000);
afterAll(() => t.close());

describe('demo faults', () => {
  it('has about forty faults over the year, causes varied, a reviewed P1 with one open action, and one system missing its target in one month', async () => {
    const { rows } = await sql<{
      n: string;
      causes: string;
    }>`SELECT count(*) AS n, count(DISTINCT cause_category) AS causes FROM faults`.execute(t.platform.db);
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(38);
    expect(Number(rows[0]?.causes)).toBeGreaterThanOrEqual(7);
    const manager = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    const p1 = (await manager.get('/api/faults?severity=P1')).json().items[0];
    const detail = (await manager.get(`/api/faults/${p1.id}`)).json();
    expect(detail.review.completedAt).not.toBeNull();
    expect(detail.actions.map((a: { status: string }) => a.status).sort()).toEqual(['done', 'done', 'open']);
    expect((await manager.get('/api/faults?view=overdue')).json().total).toBeGreaterThanOrEqual(1);
    // month by month, only POS in the P1's month misses its target
    const misses: string[] = [];
    for (let back = 0; back < 12; back++) {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - back);
      const from = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
      const report = (await manager.get(`/api/faults/availability?from=${from}&to=${last}`)).json();
      for (const r of report.rows) if (!r.met) misses.push(`${from} ${r.system.name}`);
    }
    expect(misses).toHaveLength(1);
    expect(misses[0]).toContain('POS');
    // the overdue action's owner sees it as a to-do
    const lead = await t.login({ username: 'zhangqiang', password: DEMO_PASSWORD });
    const todos = (await lead.get('/api/home/todos')).json();
    expect(JSON.stringify(todos)).toMatch(/"faultActionsMine","count":1/);
  });
});
