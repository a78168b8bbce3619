import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { seedTicketDemo } from './demo.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.platform.db, { tickets: 600 });
}, 120_000);
afterAll(() => t.close());

describe('demo year of tickets', () => {
  it('covers the states, ratings, transfers and breaches every screen needs, with unique numbers', async () => {
    const db = t.platform.db;
    const byStatus = Object.fromEntries(
      (
        await db
          .selectFrom('tickets')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('status')
          .execute()
      ).map((r) => [r.status, Number(r.n)]),
    );
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(600);
    expect(byStatus.closed).toBeGreaterThan(400);
    expect((byStatus.in_progress ?? 0) + (byStatus.new ?? 0) + (byStatus.resolved ?? 0)).toBeGreaterThan(0);
    const stats = await db
      .selectFrom('tickets')
      .select([
        (eb) => eb.fn.count<number>('number').distinct().as('numbers'),
        (eb) => eb.fn.countAll<number>().filterWhere('rating_state', '=', 'rated').as('rated'),
        (eb) => eb.fn.countAll<number>().filterWhere('rating_state', '=', 'notRated').as('not_rated'),
        (eb) => eb.fn.countAll<number>().filterWhere('transfer_count', '>', 0).as('transferred'),
        (eb) => eb.fn.countAll<number>().filterWhere('sla_state', '=', 'breached').as('breached'),
        (eb) => eb.fn.min('created_at').as('first'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(stats.numbers)).toBe(600);
    for (const key of ['rated', 'not_rated', 'transferred', 'breached'] as const) expect(Number(stats[key]), key).toBeGreaterThan(0);
    expect(Date.now() - new Date(stats.first as Date).getTime()).toBeGreaterThan(300 * 86_400_000); // a year of history

    // A ticket submitted today continues the day's numbering instead of colliding.
    const requester = await db.selectFrom('users').select(['username']).where('username', '=', 'zhangmin').executeTakeFirstOrThrow();
    const api = await t.login({ username: requester.username, password: 'Shuyun@2026' });
    const created = await api.post('/api/tickets', { title: '演示数据之后的新工单' });
    expect(created.statusCode).toBe(201);
  });

  it('routes new demo tickets by the demo rules', async () => {
    const api = await t.login({ username: 'zhangmin', password: 'Shuyun@2026' });
    const ticket = (await api.post('/api/tickets', { title: '门店打印机卡纸' })).json();
    expect(ticket.team.name).toBe('桌面支持组');
    expect(ticket.assignee).not.toBeNull();
  });
});

describe('demo tickets seeded at any hour', () => {
  let bare: TestContext;
  beforeAll(async () => {
    bare = await setupTestApp();
    await seedDemo(bare.platform.db, { tickets: 0 });
  }, 120_000);
  afterAll(() => bare.close());

  it('leaves every engineer with recent tickets something in progress', async () => {
    // A Sunday night, a Monday morning and a Saturday noon in Shanghai: the demo's age-driven states
    // would otherwise finish every ticket seeded over a quiet weekend.
    for (const now of ['2026-11-22T15:00:00Z', '2026-11-23T01:00:00Z', '2026-11-28T04:00:00Z']) {
      const rolledBack = new Error('rolled back');
      await bare.platform.db
        .transaction()
        .execute(async (trx) => {
          await seedTicketDemo(trx, { count: 600, now: new Date(now), seed: 7 });
          const recent = new Date(new Date(now).getTime() - 14 * 86_400_000);
          const engineers = await trx
            .selectFrom('tickets')
            .select('assignee_id')
            .distinct()
            .where('assignee_id', 'is not', null)
            .where('created_at', '>=', recent)
            .execute();
          const working = await trx.selectFrom('tickets').select('assignee_id').distinct().where('status', '=', 'in_progress').execute();
          expect(engineers.length, now).toBeGreaterThan(3);
          expect(working.map((w) => w.assignee_id).sort(), now).toEqual(expect.arrayContaining(engineers.map((e) => e.assignee_id)));
          throw rolledBack;
        })
        .catch((error) => {
          if (error !== rolledBack) throw error;
        });
    }
  });
});
