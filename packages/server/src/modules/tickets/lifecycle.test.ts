import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { multipart } from '../org/test-helpers.js';
import { type DeskFixture, eventually, serviceDesk } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
});
afterAll(() => t.close());

const submit = async (body: Record<string, unknown> = {}) => {
  const api = await t.login(f.requester);
  const res = await api.post('/api/tickets', {
    title: '电脑无法开机',
    description: '按电源键没有反应',
    catalogItemId: f.itemId,
    formValues: { symptom: 'no_power' },
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return res.json();
};
const countTickets = () => t.countRows('tickets');
const timelineKinds = async (id: number, who = f.agent) =>
  ((await (await t.login(who)).get(`/api/timeline/ticket/${id}`)).json().items as { event: { kind: string } }[]).map((e) => e.event.kind);

describe('submitting a ticket', () => {
  it('numbers it, routes it to the item’s team pool and shows it to the right people only', async () => {
    const ticket = await submit();
    expect(ticket.number).toMatch(/^GD\d{8}-\d{4}$/);
    expect(ticket).toMatchObject({
      status: 'new',
      priority: 'P3',
      team: { id: f.teamA },
      requester: { id: f.requester.id },
      channel: 'pc',
    });
    expect(ticket.catalogItem.name).toBe('电脑故障报修');
    expect(ticket.allowedActions).toEqual(['cancel']);

    const pool = (await (await t.login(f.engineerA)).get('/api/tickets?view=team')).json();
    expect(pool.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const otherPool = (await (await t.login(f.engineerB)).get('/api/tickets?view=team')).json();
    expect(otherPool.items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
    expect((await (await t.login(f.engineerB)).get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await (await t.login(f.otherRequester)).get(`/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    const mine = (await (await t.login(f.requester)).get('/api/tickets?view=requested')).json();
    expect(mine.items[0]).toMatchObject({ id: ticket.id, status: 'new' });
  });

  it('checks the item’s form and writes nothing when it is wrong', async () => {
    const api = await t.login(f.requester);
    const before = await countTickets();
    const missing = await api.post('/api/tickets', { title: '坏了', catalogItemId: f.itemId, formValues: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { path: string }) => d.path)).toContain('form.symptom');
    const badOption = await api.post('/api/tickets', { title: '坏了', catalogItemId: f.itemId, formValues: { symptom: 'exploded' } });
    expect(badOption.statusCode).toBe(400);
    const noTitle = await api.post('/api/tickets', { title: '', catalogItemId: f.itemId, formValues: { symptom: 'slow' } });
    expect(noTitle.json().error.details[0].path).toBe('title');
    const foreignUpload = await api.post('/api/tickets', { title: '带附件', attachmentIds: [999999] });
    expect(foreignUpload.statusCode).toBe(400);
    expect(await countTickets()).toBe(before);
  });

  it('lets only dispatchers submit on behalf of someone else', async () => {
    const asRequester = await (await t.login(f.otherRequester)).post('/api/tickets', { title: '代提', requesterId: f.requester.id });
    expect(asRequester.statusCode).toBe(403);
    const asAgent = await (await t.login(f.agent)).post('/api/tickets', {
      title: '电话报修：打印机卡纸',
      requesterId: f.requester.id,
      channel: 'agent',
    });
    expect(asAgent.statusCode).toBe(201);
    expect(asAgent.json()).toMatchObject({ requester: { id: f.requester.id }, channel: 'agent' });
  });
});

describe('working a ticket end to end', () => {
  it('claim → transfer → hold → resume → resolve → rate, each on the timeline and the requester told', async () => {
    const ticket = await submit();
    const engA = await t.login(f.engineerA);
    const claimed = await engA.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'in_progress', assignee: { id: f.engineerA.id } });
    expect(claimed.json().respondedAt).not.toBeNull();
    expect(claimed.json().allowedActions.sort()).toEqual(['hold', 'resolve', 'transfer']);

    const noReason = await engA.post(`/api/tickets/${ticket.id}/actions/transfer`, { version: claimed.json().version, teamId: f.teamB });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'reasonRequired', message: '请填写原因' });
    const transferred = await engA.post(`/api/tickets/${ticket.id}/actions/transfer`, {
      version: claimed.json().version,
      teamId: f.teamB,
      reason: '需要网络组排查交换机',
    });
    expect(transferred.statusCode).toBe(204); // done, and out of their sight: A transferred it out of their team
    const row = await t.platform.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'new', team_id: f.teamB, assignee_id: null, transfer_count: 1 });

    const engB = await t.login(f.engineerB);
    let current = (await engB.get(`/api/tickets/${ticket.id}`)).json();
    current = (await engB.post(`/api/tickets/${ticket.id}/actions/claim`, { version: current.version })).json();
    const held = await engB.post(`/api/tickets/${ticket.id}/actions/hold`, {
      version: current.version,
      holdReason: 'pending_customer',
      reason: '等待用户提供资产编号',
    });
    expect(held.json()).toMatchObject({ status: 'on_hold', holdReason: 'pending_customer' });
    const resumed = await engB.post(`/api/tickets/${ticket.id}/actions/resume`, { version: held.json().version });
    expect(resumed.json().status).toBe('in_progress');
    const noSolution = await engB.post(`/api/tickets/${ticket.id}/actions/resolve`, { version: resumed.json().version });
    expect(noSolution.json().error.code).toBe('solutionRequired');
    const resolved = await engB.post(`/api/tickets/${ticket.id}/actions/resolve`, {
      version: resumed.json().version,
      solution: '更换电源适配器后恢复',
      workMinutes: 45,
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', solution: '更换电源适配器后恢复', workMinutes: 45 });

    const requester = await t.login(f.requester);
    const seen = (await requester.get(`/api/tickets/${ticket.id}`)).json();
    expect(seen.canRate).toBe(true);
    expect(seen.allowedActions.sort()).toEqual(['confirm', 'reopen']);
    const rated = await requester.post(`/api/tickets/${ticket.id}/rating`, { stars: 5, tags: ['响应快'], comment: '很满意' });
    expect(rated.json()).toMatchObject({ status: 'closed', rating: 5, ratingState: 'rated', canRate: false });
    expect((await requester.post(`/api/tickets/${ticket.id}/rating`, { stars: 1 })).statusCode).toBe(409);

    const kinds = await timelineKinds(ticket.id);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'stateChanged', 'assigned', 'transferred', 'workLogged', 'rated']));
    const notices = await t.platform.db.selectFrom('notifications').select(['user_id']).where('user_id', '=', f.requester.id).execute();
    expect(notices.length).toBeGreaterThanOrEqual(1);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'ticket')
      .where('object_id', '=', String(ticket.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'ticket.claim', 'ticket.transfer', 'ticket.hold', 'ticket.resolve', 'ticket.rate']),
    );
  });

  it('refuses actions from the wrong state or the wrong person, changing nothing', async () => {
    const ticket = await submit();
    const requester = await t.login(f.requester);
    const claimByRequester = await requester.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version });
    expect(claimByRequester.statusCode).toBe(403);
    const resolveNew = await (await t.login(f.engineerA)).post(`/api/tickets/${ticket.id}/actions/resolve`, {
      version: ticket.version,
      solution: 'x',
    });
    expect(resolveNew.statusCode).toBe(409);
    expect(resolveNew.json().error).toMatchObject({ code: 'invalidTransition', message: '当前状态下不能执行此操作' });
    const after = await t.platform.db
      .selectFrom('tickets')
      .select(['status', 'version', 'assignee_id'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'new', version: ticket.version, assignee_id: null });
  });

  it('never loses an update: a stale version and a race are both refused with a clear conflict', async () => {
    const ticket = await submit();
    const [a, b] = await Promise.all([
      (await t.login(f.engineerA)).post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version }),
      (await t.login(f.engineerA2)).post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['versionConflict', 'invalidTransition']).toContain(loser.json().error.code);
    const row = await t.platform.db
      .selectFrom('tickets')
      .select(['assignee_id', 'version'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(ticket.version + 1);
    const winner = a.statusCode === 200 ? f.engineerA : f.engineerA2;
    expect(row.assignee_id).toBe(winner.id);
    const stale = await (await t.login(winner)).post(`/api/tickets/${ticket.id}/actions/hold`, {
      version: ticket.version,
      holdReason: 'pending_vendor',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
  });

  it('lets the requester cancel before acceptance only, and reopen a resolution with a reason', async () => {
    const first = await submit();
    const requester = await t.login(f.requester);
    const cancelled = await requester.post(`/api/tickets/${first.id}/actions/cancel`, { version: first.version });
    expect(cancelled.json().status).toBe('cancelled');

    const second = await submit();
    const engA = await t.login(f.engineerA);
    const claimed = (await engA.post(`/api/tickets/${second.id}/actions/claim`, { version: second.version })).json();
    expect((await requester.post(`/api/tickets/${second.id}/actions/cancel`, { version: claimed.version })).statusCode).toBe(409);
    const resolved = (
      await engA.post(`/api/tickets/${second.id}/actions/resolve`, { version: claimed.version, solution: '重装驱动' })
    ).json();
    expect((await requester.post(`/api/tickets/${second.id}/actions/reopen`, { version: resolved.version })).json().error.code).toBe(
      'reasonRequired',
    );
    const reopened = await requester.post(`/api/tickets/${second.id}/actions/reopen`, {
      version: resolved.version,
      reason: '问题又出现了',
    });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', reopenCount: 1, resolvedAt: null });
  });
});

describe('comments', () => {
  it('keeps internal notes from requesters everywhere, and notifies @mentioned colleagues', async () => {
    const ticket = await submit();
    const engA = await t.login(f.engineerA);
    const username = (
      await t.platform.db.selectFrom('users').select('username').where('id', '=', f.engineerA2.id).executeTakeFirstOrThrow()
    ).username;
    expect(
      (await engA.post(`/api/tickets/${ticket.id}/comments`, { body: `内部：疑似主板故障 @${username} 请看`, internal: true })).statusCode,
    ).toBe(201);
    expect((await engA.post(`/api/tickets/${ticket.id}/comments`, { body: '您好，请问电脑型号是？' })).statusCode).toBe(201);

    const requester = await t.login(f.requester);
    const visible = (await requester.get(`/api/timeline/ticket/${ticket.id}`))
      .json()
      .items.filter((e: { event: { kind: string } }) => e.event.kind === 'commented');
    expect(visible.map((e: { event: { body: string } }) => e.event.body)).toEqual(['您好，请问电脑型号是？']);
    const agentView = (await engA.get(`/api/timeline/ticket/${ticket.id}`))
      .json()
      .items.filter((e: { event: { kind: string } }) => e.event.kind === 'commented');
    expect(agentView).toHaveLength(2);
    expect((await requester.post(`/api/tickets/${ticket.id}/comments`, { body: 'x', internal: true })).statusCode).toBe(403);

    await eventually(async () => {
      const mention = await t.platform.db.selectFrom('notifications').selectAll().where('user_id', '=', f.engineerA2.id).execute();
      expect(mention.length).toBeGreaterThanOrEqual(1);
    });
    const requesterNotes = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['e.audience'])
      .where('n.user_id', '=', f.requester.id)
      .execute();
    expect(requesterNotes.every((n) => n.audience === 'public')).toBe(true);
  });
});

/** Uploads a small PNG, not yet attached to anything; its id. */
async function upload(client: ApiClient, name: string): Promise<number> {
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const res = await client.request('POST', '/api/files', multipart(png, name, 'image/png'));
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

describe('comments with files', () => {
  it('a public reply carries the replier’s own uploads onto the ticket and names them on the timeline; an internal note or someone else’s upload is refused and changes nothing', async () => {
    const ticket = await submit();
    const requester = await t.login(f.requester);
    const engA = await t.login(f.engineerA);
    const photo = await upload(requester, '报错截图.png');
    const second = await upload(requester, '设备背面.png');

    const reply = await requester.post(`/api/tickets/${ticket.id}/comments`, { body: '补充两张照片', attachmentIds: [second, photo] });
    expect(reply.statusCode).toBe(201);
    const files = (await engA.get(`/api/files?recordType=ticket&recordId=${ticket.id}`)).json().items.map((i: { id: number }) => i.id);
    expect(files).toEqual(expect.arrayContaining([photo, second]));
    const entry = (await engA.get(`/api/timeline/ticket/${ticket.id}`))
      .json()
      .items.find((e: { event: { kind: string; body?: string } }) => e.event.kind === 'commented' && e.event.body === '补充两张照片');
    expect(entry.event.files).toEqual([
      { id: photo, name: '报错截图.png' },
      { id: second, name: '设备背面.png' },
    ]);

    const comments = () => t.countRows('activity');
    const before = await comments();
    const internalPhoto = await upload(engA, '内部.png');
    const internal = await engA.post(`/api/tickets/${ticket.id}/comments`, {
      body: '内部截图',
      internal: true,
      attachmentIds: [internalPhoto],
    });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().error.details[0]).toMatchObject({
      path: 'attachmentIds',
      code: 'internalNoFiles',
      message: expect.stringContaining('内部备注不能带附件'),
    });
    // Someone else's upload (the requester's, already on the ticket) cannot be claimed by a reply.
    const foreign = await engA.post(`/api/tickets/${ticket.id}/comments`, { body: '转用他人附件', attachmentIds: [photo] });
    expect(foreign.statusCode).toBe(400);
    expect(await comments()).toBe(before);
    const stillLoose = await t.platform.db
      .selectFrom('attachments')
      .select('record_type')
      .where('id', '=', internalPhoto)
      .executeTakeFirstOrThrow();
    expect(stillLoose.record_type).toBeNull();
  });
});

describe('approval', () => {
  it('waits for the requester’s supervisor; others cannot approve; approval sends it to the pool', async () => {
    const api = await t.login(f.requester);
    const ticket = (await api.post('/api/tickets', { title: '申请新笔记本', catalogItemId: f.approvalItemId })).json();
    expect(ticket.status).toBe('pending_approval');
    const supervisor = await t.login(f.supervisor);
    const queue = (await supervisor.get('/api/tickets?view=approvals')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    // The team can see it but may not approve it; a supervisor of another department cannot even see it.
    expect(
      (await (await t.login(f.engineerA)).post(`/api/tickets/${ticket.id}/actions/approve`, { version: ticket.version })).statusCode,
    ).toBe(403);
    const otherSupervisor = await t.createUser({ roles: ['supervisor'], departmentId: await t.createDepartment('采购部') });
    expect(
      (await (await t.login(otherSupervisor)).post(`/api/tickets/${ticket.id}/actions/approve`, { version: ticket.version })).statusCode,
    ).toBe(404);
    expect((await supervisor.post(`/api/tickets/${ticket.id}/actions/reject`, { version: ticket.version })).json().error.code).toBe(
      'reasonRequired',
    );
    const approved = await supervisor.post(`/api/tickets/${ticket.id}/actions/approve`, { version: ticket.version });
    expect(approved.json().status).toBe('new');
    const pool = (await (await t.login(f.engineerA)).get('/api/tickets?view=team')).json();
    expect(pool.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
  });
});

describe('the team pool', () => {
  it('holds the team’s open work only', async () => {
    const ticket = await submit();
    const eng = await t.login(f.engineerA);
    const inPool = async () => (await eng.get('/api/tickets?view=team&pageSize=200')).json().items.map((i: { id: number }) => i.id);
    expect(await inPool()).toContain(ticket.id);
    await (await t.login(f.requester)).post(`/api/tickets/${ticket.id}/actions/cancel`, { version: ticket.version });
    expect(await inPool()).not.toContain(ticket.id);
    // A status filter narrows the pool; it never widens it beyond open work.
    const ids = async (query: string) =>
      (await eng.get(`/api/tickets?view=team&pageSize=200&${query}`)).json().items.map((i: { id: number }) => i.id);
    const open = await submit();
    expect(await ids('status=new')).toContain(open.id);
    expect(await ids('status=in_progress')).not.toContain(open.id);
    expect(await ids('status=cancelled')).not.toContain(ticket.id);
    expect(await ids('status=cancelled&status=new')).toEqual(await ids('status=new'));
  });

  it('shows a department-scoped member of the team only what their scope allows', async () => {
    const ticket = await submit();
    const elsewhere = await t.createDepartment('行政部');
    const supervisorInTeam = await t.createUser({ roles: ['supervisor'], departmentId: elsewhere });
    await t.platform.db.insertInto('team_members').values({ team_id: f.teamA, user_id: supervisorInTeam.id }).execute();
    const pool = (await (await t.login(supervisorInTeam)).get('/api/tickets?view=team&pageSize=200')).json();
    // The requester is in another department: the team view does not lift the department scope.
    expect(pool.items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
    expect(
      (await (await t.login(f.engineerA)).get('/api/tickets?view=team&pageSize=200')).json().items.map((i: { id: number }) => i.id),
    ).toContain(ticket.id);
  });
});
