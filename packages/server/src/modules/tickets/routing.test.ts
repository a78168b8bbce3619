import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
let printerTeam: number;
const members: number[] = [];
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
  for (let i = 0; i < 3; i++) members.push((await t.createUser({ roles: ['engineer'] })).id);
  printerTeam = await t.createTeam('打印支持组', members, members[0]);
});
afterAll(() => t.close());

const submit = async (title: string) => {
  const res = await (await t.login(f.requester)).post('/api/tickets', { title, description: '' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
};

describe('auto-assignment rules', () => {
  it('only ticket managers edit rules', async () => {
    const res = await (await t.login(f.engineerA)).post('/api/assignment-rules', { name: 'x', teamId: printerTeam });
    expect(res.statusCode).toBe(403);
  });

  it('routes by keyword to a team and deals round-robin, skipping the away and the deactivated, with the reason on the timeline', async () => {
    const agent = await t.login(f.agent);
    const rule = await agent.post('/api/assignment-rules', {
      name: '打印机问题',
      keywords: ['打印机', 'printer'],
      teamId: printerTeam,
      strategy: 'round_robin',
    });
    expect(rule.statusCode).toBe(201);

    const first = await submit('三楼打印机卡纸');
    const second = await submit('Printer offline');
    expect(first.team.id).toBe(printerTeam);
    expect([first.assignee.id, second.assignee.id]).toEqual([members[0], members[1]]);

    // members[2] is on leave and members[0] has left: the next one goes back to members[1].
    await t.platform.db
      .insertInto('user_absences')
      .values({
        user_id: members[2] as number,
        starts_at: new Date(Date.now() - 3600_000),
        ends_at: new Date(Date.now() + 3600_000),
        note: '年假',
      })
      .execute();
    await t.platform.db
      .updateTable('users')
      .set({ active: false })
      .where('id', '=', members[0] as number)
      .execute();
    const third = await submit('打印机缺墨');
    expect(third.assignee.id).toBe(members[1]);

    const timeline = (await agent.get(`/api/timeline/ticket/${first.id}`)).json().items;
    const auto = timeline.find((e: { event: { kind: string } }) => e.event.kind === 'autoAssigned');
    expect(auto.event).toMatchObject({ rule: '打印机问题', matched: ['keyword:打印机'], strategy: 'round_robin' });

    const unmatched = await submit('邮箱收不到邮件');
    expect(unmatched.team).toBeNull();
    await t.platform.db
      .updateTable('users')
      .set({ active: true })
      .where('id', '=', members[0] as number)
      .execute();
  });

  it('round robin deals fairly when submissions arrive at the same moment', async () => {
    const crew = [];
    for (let i = 0; i < 3; i++) crew.push((await t.createUser({ roles: ['engineer'] })).id);
    const team = await t.createTeam('并发轮转组', crew, crew[0]);
    const rule = await (await t.login(f.agent)).post('/api/assignment-rules', {
      name: '并发轮转',
      keywords: ['并发轮转'],
      teamId: team,
      strategy: 'round_robin',
    });
    expect(rule.statusCode).toBe(201);
    const tickets = await Promise.all(Array.from({ length: 9 }, (_, i) => submit(`并发轮转 ${i}`)));
    const dealt = new Map<number, number>();
    for (const ticket of tickets) dealt.set(ticket.assignee.id, (dealt.get(ticket.assignee.id) ?? 0) + 1);
    expect([...dealt.entries()].sort((a, b) => a[0] - b[0])).toEqual(crew.map((id) => [id, 3]));
  });
  it('a rule switched off routes nothing from the very next submission (the rules are cached between submissions)', async () => {
    const agent = await t.login(f.agent);
    const created = await agent.post('/api/assignment-rules', {
      name: '投影仪',
      keywords: ['投影仪'],
      teamId: printerTeam,
      strategy: 'none',
    });
    expect(created.statusCode).toBe(201);
    expect((await submit('会议室投影仪不亮')).team?.id).toBe(printerTeam);
    const off = await agent.patch(`/api/assignment-rules/${created.json().id}`, { version: created.json().version, active: false });
    expect(off.statusCode).toBe(200);
    expect((await submit('会议室投影仪没有信号')).team).toBeNull();
  });

  // Least-loaded routing: open-load.test.ts.

  it('puts every rule in a new order in one request; a stale or incomplete order is a conflict that changes nothing', async () => {
    const agent = await t.login(f.agent);
    for (const name of ['顺序甲', '顺序乙']) {
      expect((await agent.post('/api/assignment-rules', { name, keywords: [name], teamId: printerTeam })).statusCode).toBe(201);
    }
    const rules: { id: number; version: number; name: string; sortOrder: number }[] = (await agent.get('/api/assignment-rules')).json()
      .items;
    const reversed = [...rules].reverse();
    const body = (list: typeof rules) => ({ rules: list.map(({ id, version }) => ({ id, version })) });

    expect((await (await t.login(f.engineerA)).put('/api/assignment-rules/order', body(reversed))).statusCode).toBe(403);
    const missing = await agent.put('/api/assignment-rules/order', body(reversed.slice(1)));
    expect(missing.statusCode).toBe(409);
    const stale = await agent.put(
      '/api/assignment-rules/order',
      body(reversed.map((r, i) => (i === 0 ? { ...r, version: r.version + 1 } : r))),
    );
    expect(stale.statusCode).toBe(409);
    expect((await agent.get('/api/assignment-rules')).json().items).toEqual(rules);

    const done = await agent.put('/api/assignment-rules/order', body(reversed));
    expect(done.statusCode).toBe(200);
    const after = done.json().items as typeof rules;
    expect(after.map((r) => r.id)).toEqual(reversed.map((r) => r.id));
    expect(after.map((r) => r.sortOrder)).toEqual(reversed.map((_, i) => (i + 1) * 10));
    expect((await agent.get('/api/assignment-rules')).json().items).toEqual(after);
    const audit = await t.platform.db.selectFrom('audit_log').select(['after']).where('action', '=', 'reorder').execute();
    expect(audit.at(-1)?.after).toEqual({ order: reversed.map((r) => r.id) });
  });
});

describe('dispatch', () => {
  it('assigns to a person in a team, refusing someone outside it or who cannot handle tickets', async () => {
    const ticket = await submit('需要派单的工单');
    const agent = await t.login(f.agent);
    const outsider = await agent.post(`/api/tickets/${ticket.id}/actions/assign`, {
      version: ticket.version,
      teamId: f.teamA,
      assigneeId: f.engineerB.id,
    });
    expect(outsider.statusCode).toBe(400);
    const requester = await agent.post(`/api/tickets/${ticket.id}/actions/assign`, {
      version: ticket.version,
      assigneeId: f.otherRequester.id,
    });
    expect(requester.json().error.details[0]).toMatchObject({ path: 'assigneeId', code: 'cannotHandle' });
    const ok = await agent.post(`/api/tickets/${ticket.id}/actions/assign`, {
      version: ticket.version,
      teamId: f.teamA,
      assigneeId: f.engineerA.id,
    });
    expect(ok.json()).toMatchObject({ status: 'new', assignee: { id: f.engineerA.id }, team: { id: f.teamA } });
    const waiting = (await (await t.login(f.engineerA)).get('/api/tickets?view=waiting')).json();
    expect(waiting.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const accepted = await (await t.login(f.engineerA)).post(`/api/tickets/${ticket.id}/actions/accept`, { version: ok.json().version });
    expect(accepted.json().status).toBe('in_progress');
  });

  it('merges a duplicate into the original and closes it, linked both ways', async () => {
    const original = await submit('VPN 连接失败');
    const duplicate = await submit('VPN 又连不上了');
    const agent = await t.login(f.agent);
    expect(
      (await agent.post(`/api/tickets/${duplicate.id}/actions/merge`, { version: duplicate.version, targetId: duplicate.id })).statusCode,
    ).toBe(400);
    const merged = await agent.post(`/api/tickets/${duplicate.id}/actions/merge`, { version: duplicate.version, targetId: original.id });
    expect(merged.json()).toMatchObject({ status: 'closed', mergedInto: { id: original.id, number: original.number } });
    const links = (await agent.get(`/api/tickets/${original.id}/links`)).json().items;
    expect(links.map((l: { id: number }) => l.id)).toEqual([duplicate.id]);
    const kinds = (await agent.get(`/api/timeline/ticket/${original.id}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toContain('mergedFrom');
  });

  it('bulk-assigns and reports per ticket, refusing what the rules refuse', async () => {
    const a = await submit('批量一');
    const b = await submit('批量二');
    const c = await submit('批量三');
    const requester = await t.login(f.requester);
    await requester.post(`/api/tickets/${c.id}/actions/cancel`, { version: c.version });
    const res = await (await t.login(f.agent)).post('/api/tickets/bulk', { ids: [a.id, b.id, c.id], action: 'assign', teamId: f.teamB });
    expect(res.json().results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true },
      { id: c.id, ok: false, code: 'invalidTransition' },
    ]);
    expect((await (await t.login(f.engineerA)).post('/api/tickets/bulk', { ids: [a.id], action: 'close' })).statusCode).toBe(403);
  });
});

describe('absences', () => {
  it('people record their own leave (managers anyone’s), and auto-assignment skips them while away', async () => {
    const [first, second] = [members[0] as number, members[1] as number];
    const self = await t.login({
      username: (await t.platform.db.selectFrom('users').select('username').where('id', '=', first).executeTakeFirstOrThrow()).username,
      password: 'Test@Pass1',
    });
    const now = Date.now();
    const leave = { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), note: '病假' };
    expect((await self.post(`/api/users/${second}/absences`, leave)).statusCode).toBe(403);
    expect((await self.post(`/api/users/${first}/absences`, { ...leave, endsAt: leave.startsAt })).statusCode).toBe(400);
    const created = await self.post(`/api/users/${first}/absences`, leave);
    expect(created.statusCode).toBe(201);
    expect((await self.get(`/api/users/${first}/absences`)).json().items[0]).toMatchObject({ note: '病假' });

    const agent = await t.login(f.agent);
    const rules = (await agent.get('/api/assignment-rules')).json().items;
    for (const r of rules) await agent.patch(`/api/assignment-rules/${r.id}`, { version: r.version, active: false });
    await agent.post('/api/assignment-rules', { name: '请假测试', keywords: ['请假测试'], teamId: printerTeam, strategy: 'round_robin' });
    await t.platform.db
      .deleteFrom('user_absences')
      .where('user_id', '=', members[2] as number)
      .execute();
    const assignees = new Set<number>();
    for (let i = 0; i < 4; i++) assignees.add((await submit(`请假测试 ${i}`)).assignee.id);
    expect(assignees.has(first)).toBe(false);
    expect(assignees.size).toBe(2);

    await self.delete(`/api/users/${first}/absences/${created.json().id}`);
    const again = new Set<number>();
    for (let i = 0; i < 3; i++) again.add((await submit(`请假测试 回来 ${i}`)).assignee.id);
    expect(again.has(first)).toBe(true);
  });
});

describe('rule editor pickers', () => {
  it('list every catalogue item for ticket managers (named in their language), not for engineers', async () => {
    const res = await (await t.login(f.agent)).get('/api/assignment-rules/item-options');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['电脑故障报修', '新电脑申领']));
    expect(res.json().items[0].category).toBe('电脑与外设');
    expect((await (await t.login(f.engineerA)).get('/api/assignment-rules/item-options')).statusCode).toBe(403);
    const badTeam = await (await t.login(f.agent)).post('/api/assignment-rules', { name: '无效', teamId: 999999 });
    expect(badTeam.json().error.details[0]).toEqual({ path: 'teamId', code: 'notFound', message: '记录不存在或您无权查看' });
  });
});
