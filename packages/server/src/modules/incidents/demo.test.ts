import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.js';
import { setupTestApp, type TestContext } from '../../test/harness.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.platform.db, { tickets: 600 });
}, 120_000);
afterAll(() => t.close());

const count = async (sqlText: string) => Number((await sql.raw<{ n: string }>(sqlText).execute(t.platform.db)).rows[0]?.n);

describe('demo incidents', () => {
  it('~60 over 90 days, from alerts and tickets, a P1 with a completed review, a P2 waiting, open ones with engineers', async () => {
    expect(await count('SELECT count(*) AS n FROM incidents')).toBeGreaterThanOrEqual(55);
    expect(await count(`SELECT count(*) AS n FROM incidents WHERE occurred_at < now() - interval '91 days'`)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM incidents WHERE source = 'alert' AND alert_fingerprint IS NOT NULL AND alert_labels ? 'alertname'`,
      ),
    ).toBeGreaterThan(5);
    expect(await count(`SELECT count(*) AS n FROM incidents WHERE source = 'ticket'`)).toBeGreaterThan(2);
    // every ticket-sourced incident is linked to its ticket, and the ticket's timeline says so
    expect(
      await count(`SELECT count(*) AS n FROM incidents i WHERE source = 'ticket' AND NOT EXISTS (
        SELECT 1 FROM record_links l WHERE l.from_type = 'incident' AND l.from_id = i.id AND l.to_type = 'ticket' AND l.to_id = i.ticket_id)`),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM incidents i JOIN incident_reviews r ON r.incident_id = i.id WHERE i.priority = 'P1' AND r.status = 'completed'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM incidents i WHERE i.priority = 'P2' AND i.status = 'resolved' AND review_required AND NOT EXISTS (SELECT 1 FROM incident_reviews r WHERE r.incident_id = i.id AND r.status = 'completed')`,
      ),
    ).toBeGreaterThan(0);
    // no closed incident that needs a review lacks a completed one
    expect(
      await count(
        `SELECT count(*) AS n FROM incidents i WHERE status = 'closed' AND review_required AND NOT EXISTS (SELECT 1 FROM incident_reviews r WHERE r.incident_id = i.id AND r.status = 'completed')`,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM incidents WHERE status IN ('new', 'in_progress', 'on_hold') AND assignee_id IS NOT NULL`),
    ).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*) AS n FROM incident_review_actions WHERE NOT done`)).toBeGreaterThan(0);
  });

  it('numbers handed out later do not collide; an engineer sees their incidents, figures and to-dos', async () => {
    const api = await t.login({ username: 'huanglei', password: DEMO_PASSWORD });
    const created = await api.post('/api/incidents', { title: '测试新事件', category: 'other', impact: 'low', urgency: 'low' });
    expect(created.statusCode).toBe(201);
    const list = (await api.get('/api/incidents?pageSize=100')).json();
    expect(list.total).toBeGreaterThan(10);
    const stats = (await api.get('/api/incidents/stats?from=2000-01-01&to=2100-01-01')).json();
    expect(stats.mttrMinutes).toBeGreaterThan(0);
    const manager = await t.login({ username: 'liwei', password: DEMO_PASSWORD });
    expect((await manager.get('/api/incidents?view=all&pageSize=1')).json().total).toBe(await count('SELECT count(*) AS n FROM incidents'));
    const todos = JSON.stringify((await api.get('/api/home/todos')).json());
    expect(todos).toContain('incidentReviewActions');
  });
});
