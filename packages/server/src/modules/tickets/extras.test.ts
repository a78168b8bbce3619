import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { AUTO_CLOSE_JOB } from './jobs.js';
import { type DeskFixture, eventually, serviceDesk } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
});
afterAll(() => t.close());

/** A ticket taken to `resolved` by engineer A. */
async function resolvedTicket(title = '显示器闪屏') {
  const created = (
    await (await t.login(f.requester)).post('/api/tickets', { title, catalogItemId: f.itemId, formValues: { symptom: 'slow' } })
  ).json();
  const eng = await t.login(f.engineerA);
  const claimed = (await eng.post(`/api/tickets/${created.id}/actions/claim`, { version: created.version })).json();
  return (await eng.post(`/api/tickets/${created.id}/actions/resolve`, { version: claimed.version, solution: '更换数据线' })).json();
}

describe('ratings', () => {
  it('a rating of 2 or less opens a follow-up for the team lead and tells them', async () => {
    const ticket = await resolvedTicket();
    const res = await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/rating`, {
      stars: 2,
      tags: ['太慢'],
      comment: '等了很久',
    });
    expect(res.json()).toMatchObject({ rating: 2, ratingTags: ['太慢'], status: 'closed' });
    const followup = await t.platform.db
      .selectFrom('ticket_followups')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(followup).toMatchObject({ owner_id: f.engineerA.id, status: 'open' });
    const lead = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select('e.type')
      .where('n.user_id', '=', f.engineerA.id)
      .where('e.record_id', '=', ticket.id)
      .execute();
    expect(lead.map((l) => l.type)).toContain('ticket.followUp');
  });

  it('only the requester rates, and only once; stars outside 1–5 are refused', async () => {
    const ticket = await resolvedTicket();
    expect((await (await t.login(f.engineerA)).post(`/api/tickets/${ticket.id}/rating`, { stars: 5 })).statusCode).toBe(403);
    expect((await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/rating`, { stars: 6 })).statusCode).toBe(400);
    expect((await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/rating`, { stars: 4 })).statusCode).toBe(200);
    expect((await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/rating`, { stars: 4 })).statusCode).toBe(409);
  });

  it('closes tickets left unconfirmed after the set number of days as "not rated", never as five stars', async () => {
    const stale = await resolvedTicket('过期未确认');
    const fresh = await resolvedTicket('刚解决');
    await t.platform.db
      .updateTable('tickets')
      .set({ resolved_at: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', stale.id)
      .execute();
    await t.platform.jobs.boss.send(AUTO_CLOSE_JOB, {});
    await eventually(async () => {
      const row = await t.platform.db
        .selectFrom('tickets')
        .select(['status', 'rating', 'rating_state'])
        .where('id', '=', stale.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'closed', rating: null, rating_state: 'notRated' });
    });
    const other = await t.platform.db.selectFrom('tickets').select('status').where('id', '=', fresh.id).executeTakeFirstOrThrow();
    expect(other.status).toBe('resolved');
    const kinds = (await (await t.login(f.agent)).get(`/api/timeline/ticket/${stale.id}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toContain('autoClosed');
  });
});

describe('work logs and links', () => {
  it('handlers log work; requesters cannot; the total shows on the ticket', async () => {
    const ticket = (await (await t.login(f.requester)).post('/api/tickets', { title: '工时测试' })).json();
    const agent = await t.login(f.agent);
    expect((await agent.post(`/api/tickets/${ticket.id}/work-logs`, { minutes: 30, note: '远程排查' })).statusCode).toBe(201);
    expect((await agent.post(`/api/tickets/${ticket.id}/work-logs`, { minutes: 0 })).statusCode).toBe(400);
    expect((await agent.post(`/api/tickets/${ticket.id}/work-logs`, { minutes: 10, workedOn: '2999-01-01' })).statusCode).toBe(400);
    expect((await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/work-logs`, { minutes: 5 })).statusCode).toBe(403);
    const logs = (await agent.get(`/api/tickets/${ticket.id}/work-logs`)).json().items;
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ minutes: 30, note: '远程排查', user: { id: f.agent.id } });
    expect((await agent.get(`/api/tickets/${ticket.id}`)).json().workMinutes).toBe(30);
  });

  it('links tickets both ways, refuses duplicates and self-links, and unlinks', async () => {
    const requester = await t.login(f.requester);
    const a = (await requester.post('/api/tickets', { title: '链接一' })).json();
    const b = (await requester.post('/api/tickets', { title: '链接二' })).json();
    const agent = await t.login(f.agent);
    expect((await agent.post(`/api/tickets/${a.id}/links`, { targetType: 'ticket', targetId: a.id })).statusCode).toBe(400);
    expect((await agent.post(`/api/tickets/${a.id}/links`, { targetType: 'ticket', targetId: b.id })).statusCode).toBe(201);
    expect((await agent.post(`/api/tickets/${b.id}/links`, { targetType: 'ticket', targetId: a.id })).statusCode).toBe(409);
    expect((await agent.get(`/api/tickets/${b.id}/links`)).json().items.map((l: { number: string }) => l.number)).toEqual([a.number]);
    expect((await agent.delete(`/api/tickets/${b.id}/links/${a.id}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/tickets/${a.id}/links`)).json().items).toEqual([]);
  });
});

describe('lists and export', () => {
  it('a search stops counting at 1,000 matches and says so; a view without a search counts them all', async () => {
    const requester = await t.login(f.requester);
    const model = (await requester.post('/api/tickets', { title: '大量匹配 0' })).json();
    // 1,100 more like it, copied in SQL: submitting them one by one would only slow the test down.
    await sql`INSERT INTO tickets (number, title, description, status, priority, channel, requester_id, requester_department_id, created_by, form_values, approver_ids, created_at, updated_at)
      SELECT 'CAP' || g, '大量匹配 ' || g, '', status, priority, channel, requester_id, requester_department_id, created_by, form_values, approver_ids, created_at, updated_at
      FROM tickets, generate_series(1, 1100) AS g WHERE id = ${model.id}`.execute(t.platform.db);
    const search = (await requester.get(`/api/tickets?view=requested&q=${encodeURIComponent('大量匹配')}&pageSize=50`)).json();
    expect(search).toMatchObject({ total: 1000, totalCapped: true });
    expect(search.items).toHaveLength(50);
    const all = (await requester.get('/api/tickets?view=requested&pageSize=1')).json();
    expect(all.totalCapped).toBe(false);
    expect(all.total).toBeGreaterThanOrEqual(1101);
    const few = (await requester.get(`/api/tickets?view=requested&q=${encodeURIComponent('大量匹配 1099')}`)).json();
    expect(few).toMatchObject({ total: 1, totalCapped: false });
    await sql`DELETE FROM tickets WHERE number LIKE 'CAP%'`.execute(t.platform.db);
  });

  it('filters, sorts and pages within scope; exports exactly the filtered rows to Excel', async () => {
    const requester = await t.login(f.requester);
    for (const title of ['导出一', '导出二', '导出三']) await requester.post('/api/tickets', { title, priority: 'P2' });
    const agent = await t.login(f.agent);
    const page1 = (await agent.get('/api/tickets?view=all&priority=P2&pageSize=2&sort=created')).json();
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((i: { priority: string }) => i.priority === 'P2')).toBe(true);
    expect(new Date(page1.items[0].createdAt) <= new Date(page1.items[1].createdAt)).toBe(true);
    const search = (await agent.get(`/api/tickets?view=all&q=${encodeURIComponent('导出二')}`)).json();
    expect(search.items.map((i: { title: string }) => i.title)).toEqual(['导出二']);

    expect(search).toMatchObject({ total: 1, totalCapped: false });
    expect(page1.totalCapped).toBe(false);

    const res = await agent.get('/api/tickets/export?view=all&priority=P2');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toBe('工单号');
    expect((sheet?.rowCount ?? 0) - 1).toBe(page1.total);
    expect((await (await t.login(f.requester)).get('/api/tickets/export?view=all')).statusCode).toBe(403);
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'export')
      .where('object_type', '=', 'ticket')
      .execute();
    expect(audited.map((a) => a.actor_id)).toContain(f.agent.id);
  });

  it('a requester’s "all" view is still only their own tickets', async () => {
    await (await t.login(f.otherRequester)).post('/api/tickets', { title: '别人的工单' });
    const mine = (await (await t.login(f.requester)).get('/api/tickets?view=all&pageSize=200')).json();
    expect(mine.items.every((i: { requester: { id: number } }) => i.requester.id === f.requester.id)).toBe(true);
  });

  it('saves personal views', async () => {
    const api = await t.login(f.engineerA);
    const saved = await api.post('/api/ticket-views', {
      name: '我的P1',
      filters: { view: 'mine', priority: 'P1' },
      columns: ['number', 'title'],
    });
    expect(saved.statusCode).toBe(201);
    expect((await api.get('/api/ticket-views')).json().items).toEqual([
      { id: saved.json().id, name: '我的P1', filters: { view: 'mine', priority: 'P1' }, columns: ['number', 'title'] },
    ]);
    expect((await (await t.login(f.engineerB)).delete(`/api/ticket-views/${saved.json().id}`)).statusCode).toBe(404);
  });
});

describe('home page to-dos', () => {
  it('count what waits for each person, matching the list behind each link', async () => {
    // A requester of their own, so other tests' resolved tickets do not count here.
    const requester = await t.login(await t.createUser({ roles: ['requester'], departmentId: f.department }));
    const ticket = (
      await requester.post('/api/tickets', { title: '待办计数', catalogItemId: f.itemId, formValues: { symptom: 'slow' } })
    ).json();
    const eng = await t.login(f.engineerA);
    const todos = (await eng.get('/api/home/todos')).json().items as { key: string; count: number; link: string }[];
    const pool = todos.find((i) => i.key === 'ticketsPool');
    expect(pool?.link).toBe('/tickets?view=team&status=new');
    const poolList = (await eng.get(`/api${pool?.link}&pageSize=200`)).json();
    expect(pool?.count).toBe(poolList.total);
    await eng.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version });
    const after = (await eng.get('/api/home/todos')).json().items as { key: string; count: number }[];
    expect(after.find((i) => i.key === 'ticketsPool')?.count).toBe((pool?.count ?? 0) - 1);
    expect(after.find((i) => i.key === 'ticketsWaiting')?.count).toBeGreaterThanOrEqual(1);
    const requesterTodos = async () => (await requester.get('/api/home/todos')).json().items.map((i: { key: string }) => i.key);
    expect(await requesterTodos()).not.toContain('ticketsToConfirm'); // nothing resolved for them yet
    const claimed = (await eng.get(`/api/tickets/${ticket.id}`)).json();
    await eng.post(`/api/tickets/${ticket.id}/actions/resolve`, { version: claimed.version, solution: '已处理' });
    expect(await requesterTodos()).toContain('ticketsToConfirm');
    expect(await requesterTodos()).not.toContain('ticketsPool');
  });
});
