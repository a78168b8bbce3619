import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { TICKET_COLUMNS } from './load.js';
import { type DeskFixture, serviceDesk } from './test-fixtures.js';

// Creating a ticket is CPU-bound in Node: every statement costs a system call, query compilation
// and parsing (bench/README.md, finding 6). These tests pin how many statements the busiest paths
// send, so that a change adding round trips is a decision, not an accident. Workers are off, so
// every statement counted is the request's own.
let t: TestContext;
let f: DeskFixture;
let members: number[];
let printerEngineer: TestUser;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  f = await serviceDesk(t);
  printerEngineer = await t.createUser({ roles: ['engineer'] });
  members = [printerEngineer.id, (await t.createUser({ roles: ['engineer'] })).id];
  const team = await t.createTeam('打印支持组', members, members[0]);
  const rule = await (await t.login(f.agent)).post('/api/assignment-rules', {
    name: '打印机问题',
    keywords: ['打印机'],
    teamId: team,
    strategy: 'round_robin',
  });
  expect(rule.statusCode).toBe(201);
});
afterAll(() => t.close());

/** The SQL sent to PostgreSQL while `action` runs. */
async function statementsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await action();
    return spy.mock.calls.map(([query]) => (typeof query === 'string' ? query : String((query as { text?: string }).text)));
  } finally {
    spy.mockRestore();
  }
}

describe('statements per request', () => {
  it('a submission that is routed round robin, timed, audited and notified sends at most 16 statements, and still does all of it', async () => {
    const api = await t.login(f.requester);
    // The first submission loads the SLA settings into the module's cache, as on a running server.
    expect((await api.post('/api/tickets', { title: '打印机预热', description: '' })).statusCode).toBe(201);
    let created: { id: number; assignee: { id: number } | null; number: string } | undefined;
    const statements = await statementsDuring(async () => {
      const res = await api.post('/api/tickets', { title: '三楼打印机卡纸', description: '每页都卡' });
      expect(res.statusCode).toBe(201);
      created = res.json();
    });
    if (process.env.SHOW_STATEMENTS) console.log(statements.join('\n---\n'));
    expect(statements.length).toBeLessThanOrEqual(16);
    // The assignee's bell push and the change itself go out in one NOTIFY statement.
    expect(statements.filter((s) => s.includes('pg_notify'))).toHaveLength(1);

    // …and nothing was left out to get there.
    const ticket = created as NonNullable<typeof created>;
    expect(members).toContain(ticket.assignee?.id);
    const db = t.platform.db;
    const timeline = await db
      .selectFrom('activity')
      .select('kind')
      .where('record_id', '=', ticket.id)
      .where('record_type', '=', 'ticket')
      .orderBy('id')
      .execute();
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'autoAssigned']);
    const audit = await db
      .selectFrom('audit_log')
      .select('object_label')
      .where('object_type', '=', 'ticket')
      .where('object_id', '=', String(ticket.id))
      .execute();
    expect(audit.map((a) => a.object_label)).toEqual([ticket.number]);
    const bell = await db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['n.user_id', 'e.type'])
      .where('e.record_id', '=', ticket.id)
      .execute();
    expect(bell).toEqual([{ user_id: ticket.assignee?.id, type: 'ticket.assigned' }]);
    const row = await db
      .selectFrom('tickets')
      .select(['resolution_due_at', 'sla_state', 'sla_policy_id'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.resolution_due_at).not.toBeNull();
    expect(row.sla_state).toBe('ok');
    const jobs = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'tickets.slaCheck' AND data @> ${JSON.stringify({ ticketId: ticket.id })}::jsonb`.execute(
      db,
    );
    expect(jobs.rows[0]?.n).toBe(1);
  });

  it('the ticket page and the team queue each send at most 4 statements', async () => {
    const api = await t.login(printerEngineer);
    const id = (await (await t.login(f.requester)).post('/api/tickets', { title: '打印机显示乱码', description: '' })).json().id;
    const page = await statementsDuring(async () => expect((await api.get(`/api/tickets/${id}`)).statusCode).toBe(200));
    expect(page.length).toBeLessThanOrEqual(3); // session, actor, ticket
    const queue = await statementsDuring(async () => {
      const res = await api.get('/api/tickets?view=team&sort=due');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { id: number }) => i.id)).toContain(id);
    });
    expect(queue.length).toBeLessThanOrEqual(4); // session, actor, count, page
  });

  it('a comment reads its ticket with a prepared statement that names every column the migrations gave the table', async () => {
    const id = (await (await t.login(f.requester)).post('/api/tickets', { title: '打印机缺墨', description: '' })).json().id;
    const api = await t.login(printerEngineer);
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      expect((await api.post(`/api/tickets/${id}/comments`, { body: '已派人更换墨盒' })).statusCode).toBe(201);
      const named = spy.mock.calls
        .map(([query]) => query as { name?: string; text?: string })
        .filter((q) => typeof q === 'object' && q.name && q.text?.startsWith('select "t"."id", "t"."number"'));
      expect(named).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'tickets'`.execute(
      t.platform.db,
    );
    expect(TICKET_COLUMNS.map((c) => c.slice(2)).sort()).toEqual(columns.rows.map((r) => r.column_name).sort());
  });
});
