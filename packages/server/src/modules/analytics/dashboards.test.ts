import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext, TestUser } from '../../test/harness.js';
import { setupTestApp } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from '../tickets/test-fixtures.js';
import { rebuildTicketRollup } from './rollup.js';
import { insertTicket } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
let manager: TestUser;
let teamManager: TestUser;
const ids = {} as Record<'t1' | 't2' | 't3' | 't4' | 't5' | 't6' | 't7', number>;
const RANGE = 'from=2025-03-03&to=2025-03-09';

/**
 * A known week (Mon 2025-03-03 … Sun 03-09, Asia/Shanghai) and the week before it. Times are local
 * (+08:00); T2 is submitted at 07:00 on 03-04, which is still 03-03 in UTC.
 */
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
  manager = await t.createUser({ roles: ['it_manager'] });
  teamManager = await t.createUser({ roles: ['it_manager'], scope: 'team' });
  await t.platform.db.insertInto('team_members').values({ team_id: f.teamA, user_id: teamManager.id }).execute();
  const db = t.platform.db;
  const r = f.requester.id;
  ids.t1 = await insertTicket(db, {
    requesterId: r,
    teamId: f.teamA,
    assigneeId: f.engineerA.id,
    status: 'closed',
    created: '2025-03-03T09:00:00+08:00',
    responded: '2025-03-03T09:10:00+08:00',
    resolved: '2025-03-03T11:00:00+08:00',
    closed: '2025-03-04T10:00:00+08:00',
    rated: '2025-03-04T10:00:00+08:00',
    rating: 5,
  });
  ids.t2 = await insertTicket(db, {
    requesterId: r,
    teamId: f.teamA,
    assigneeId: f.engineerA2.id,
    priority: 'P2',
    status: 'resolved',
    created: '2025-03-04T07:00:00+08:00',
    responded: '2025-03-04T07:30:00+08:00',
    resolved: '2025-03-05T07:00:00+08:00',
    transfers: 1,
    reopens: 1,
    responseBreached: true,
    resolutionBreached: true,
  });
  ids.t3 = await insertTicket(db, {
    requesterId: r,
    teamId: f.teamB,
    assigneeId: f.engineerB.id,
    status: 'closed',
    created: '2025-03-05T10:00:00+08:00',
    responded: '2025-03-05T10:05:00+08:00',
    resolved: '2025-03-06T10:00:00+08:00',
    closed: '2025-03-06T12:00:00+08:00',
    rated: '2025-03-06T12:00:00+08:00',
    rating: 2,
  });
  ids.t4 = await insertTicket(db, { requesterId: r, teamId: f.teamA, priority: 'P4', created: '2025-03-09T23:59:59+08:00' });
  ids.t5 = await insertTicket(db, {
    requesterId: r,
    teamId: f.teamA,
    assigneeId: f.engineerA.id,
    status: 'closed',
    created: '2025-03-02T10:00:00+08:00',
    responded: '2025-03-02T10:20:00+08:00',
    resolved: '2025-03-03T10:00:00+08:00',
    closed: '2025-03-10T09:00:00+08:00',
    rated: '2025-03-10T09:00:00+08:00',
    rating: 4,
  });
  ids.t6 = await insertTicket(db, {
    requesterId: r,
    teamId: f.teamB,
    assigneeId: f.engineerB.id,
    priority: 'P1',
    status: 'closed',
    created: '2025-02-25T10:00:00+08:00',
    responded: '2025-02-25T10:01:00+08:00',
    resolved: '2025-02-25T12:00:00+08:00',
    closed: '2025-02-25T13:00:00+08:00',
    rated: '2025-02-25T13:00:00+08:00',
    rating: 1,
  });
  ids.t7 = await insertTicket(db, { requesterId: r, teamId: f.teamA, created: '2025-03-10T00:00:00+08:00' });
  await rebuildTicketRollup(db);
});
afterAll(() => t.close());

describe('efficiency 工作效率', () => {
  it('answers the known week exactly, with the week before for comparison', async () => {
    const res = await (await t.login(manager)).get(`/api/analytics/tickets/efficiency?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.range).toMatchObject({
      from: '2025-03-03',
      to: '2025-03-09',
      startsAt: '2025-03-03T00:00:00+08:00',
      endsAt: '2025-03-10T00:00:00+08:00',
      timeZone: 'Asia/Shanghai',
    });
    expect(body.previous).toMatchObject({ from: '2025-02-24', to: '2025-03-02' });
    expect(body.current).toEqual({
      created: 4,
      accepted: 3,
      resolved: 4,
      closed: 2,
      transferred: 1,
      reopened: 1,
      avgAcceptSeconds: 900, // (600 + 1800 + 300) / 3
      avgCompleteSeconds: 66_600, // (7200 + 86400 + 86400 + 86400) / 4
      transferRate: 0.25,
      reopenRate: 0.25,
      responseMet: 2,
      responseBreached: 1,
      responseOnTimeRate: 2 / 3,
      resolutionMet: 3,
      resolutionBreached: 1,
      resolutionOnTimeRate: 0.75,
    });
    expect(body.previousFigures).toMatchObject({
      created: 2,
      accepted: 2,
      resolved: 1,
      avgAcceptSeconds: 630,
      avgCompleteSeconds: 7200,
      transferRate: 0,
      reopenRate: 0,
    });
    expect(body.series).toHaveLength(7);
    expect(body.series.map((s: { figures: { created: number } }) => s.figures.created)).toEqual([1, 1, 1, 0, 0, 0, 1]);
    expect(body.series[1].span).toEqual({
      from: '2025-03-04',
      to: '2025-03-04',
      startsAt: '2025-03-04T00:00:00+08:00',
      endsAt: '2025-03-05T00:00:00+08:00',
    });
    expect(
      body.byTeam.map((r: { team: { id: number }; figures: { created: number; resolved: number } }) => [
        r.team.id,
        r.figures.created,
        r.figures.resolved,
      ]),
    ).toEqual([
      [f.teamA, 3, 3],
      [f.teamB, 1, 1],
    ]);
    const people = Object.fromEntries(
      body.byAssignee.map((r: { assignee: { id: number } | null; figures: { created: number; resolved: number } }) => [
        r.assignee?.id ?? 'none',
        [r.figures.created, r.figures.resolved],
      ]),
    );
    expect(people).toEqual({ [f.engineerA.id]: [1, 2], [f.engineerA2.id]: [1, 1], [f.engineerB.id]: [1, 1], none: [1, 0] });
    expect(body.byAssignee[0].assignee.id).toBe(f.engineerA.id);
  });

  it('sums weeks and months into buckets cut to the range', async () => {
    const api = await t.login(manager);
    const weeks = (await api.get('/api/analytics/tickets/efficiency?from=2025-02-26&to=2025-03-09&granularity=week')).json();
    expect(
      weeks.series.map((s: { span: { from: string; to: string }; figures: { created: number } }) => [
        s.span.from,
        s.span.to,
        s.figures.created,
      ]),
    ).toEqual([
      ['2025-02-26', '2025-03-02', 1],
      ['2025-03-03', '2025-03-09', 4],
    ]);
    const months = (await api.get('/api/analytics/tickets/efficiency?from=2025-02-01&to=2025-03-31&granularity=month')).json();
    expect(months.series.map((s: { span: { from: string }; figures: { created: number } }) => [s.span.from, s.figures.created])).toEqual([
      ['2025-02-01', 1],
      ['2025-03-01', 6],
    ]);
  });

  it('adds up engineers over whole months and the ragged days around them alike', async () => {
    const api = await t.login(manager);
    // 02-25…02-28 from the daily rollup, March as a whole month from the monthly table.
    const body = (await api.get('/api/analytics/tickets/efficiency?from=2025-02-25&to=2025-03-31&granularity=month')).json();
    const people = Object.fromEntries(
      body.byAssignee.map((r: { assignee: { id: number } | null; figures: { created: number; resolved: number } }) => [
        r.assignee?.id ?? 'none',
        [r.figures.created, r.figures.resolved],
      ]),
    );
    expect(people).toEqual({ [f.engineerA.id]: [2, 2], [f.engineerA2.id]: [1, 1], [f.engineerB.id]: [2, 2], none: [2, 0] });
    expect(body.current).toMatchObject({ created: 7, resolved: 5 });
    // Within one month only (no whole month): all from the daily rollup.
    const inside = (await api.get('/api/analytics/tickets/efficiency?from=2025-03-04&to=2025-03-06')).json();
    const insidePeople = Object.fromEntries(
      inside.byAssignee.map((r: { assignee: { id: number }; figures: { created: number; resolved: number; closed: number } }) => [
        r.assignee.id,
        [r.figures.created, r.figures.resolved, r.figures.closed],
      ]),
    );
    expect(insidePeople).toEqual({ [f.engineerA.id]: [0, 0, 1], [f.engineerA2.id]: [1, 1, 0], [f.engineerB.id]: [1, 1, 1] });
  });

  it('narrows to one team', async () => {
    const body = (await (await t.login(manager)).get(`/api/analytics/tickets/efficiency?${RANGE}&teamId=${f.teamB}`)).json();
    expect(body.current).toMatchObject({ created: 1, resolved: 1, avgAcceptSeconds: 300 });
    expect(body.byTeam.map((r: { team: { id: number } }) => r.team.id)).toEqual([f.teamB]);
  });
});

describe('satisfaction 客户满意度', () => {
  it('answers the known week exactly: ratings on the day they were given', async () => {
    const body = (await (await t.login(manager)).get(`/api/analytics/tickets/satisfaction?${RANGE}`)).json();
    expect(body.current).toEqual({
      rated: 2,
      avgRating: 3.5,
      satisfactionRate: 0.5,
      lowRated: 1,
      distribution: [0, 1, 0, 0, 1],
      resolved: 4,
    });
    expect(body.previousFigures).toEqual({
      rated: 1,
      avgRating: 1,
      satisfactionRate: 0,
      lowRated: 1,
      distribution: [1, 0, 0, 0, 0],
      resolved: 1,
    });
    expect(body.series.map((s: { figures: { rated: number } }) => s.figures.rated)).toEqual([0, 1, 0, 1, 0, 0, 0]);
    // Only who was rated appears in the breakdown.
    expect(
      body.byAssignee.map((r: { assignee: { id: number }; figures: { avgRating: number } }) => [r.assignee.id, r.figures.avgRating]),
    ).toEqual(
      expect.arrayContaining([
        [f.engineerA.id, 5],
        [f.engineerB.id, 2],
      ]),
    );
    expect(body.byAssignee).toHaveLength(2);
  });
});

describe('who sees what', () => {
  it('refuses people without analytics.view (403), and the API without a session (401)', async () => {
    for (const user of [f.requester, f.engineerA, f.agent, f.admin]) {
      const api = await t.login(user);
      expect((await api.get(`/api/analytics/tickets/efficiency?${RANGE}`)).statusCode).toBe(403);
      expect((await api.get(`/api/analytics/tickets/satisfaction?${RANGE}`)).statusCode).toBe(403);
      expect((await api.get(`/api/analytics/tickets/export?${RANGE}&kind=efficiency`)).statusCode).toBe(403);
    }
    expect((await t.anonymous().get(`/api/analytics/tickets/efficiency?${RANGE}`)).statusCode).toBe(401);
  });

  it('a team-scoped manager sees only their own teams, and is refused another team (403)', async () => {
    const api = await t.login(teamManager);
    const own = (await api.get(`/api/analytics/tickets/efficiency?${RANGE}`)).json();
    expect(own.current).toMatchObject({ created: 3, resolved: 3 });
    expect(own.byTeam.map((r: { team: { id: number } }) => r.team.id)).toEqual([f.teamA]);
    expect((await api.get(`/api/analytics/tickets/efficiency?${RANGE}&teamId=${f.teamA}`)).statusCode).toBe(200);
    const other = await api.get(`/api/analytics/tickets/efficiency?${RANGE}&teamId=${f.teamB}`);
    expect(other.statusCode).toBe(403);
    expect((await api.get(`/api/analytics/tickets/export?${RANGE}&teamId=${f.teamB}&kind=satisfaction`)).statusCode).toBe(403);
  });
});

describe('own scope', () => {
  it('a grant with scope own adds up only the holder’s own work', async () => {
    const role = await t.platform.db.selectFrom('roles').select('id').where('key', '=', 'it_manager').executeTakeFirstOrThrow();
    await t.platform.db.insertInto('user_roles').values({ user_id: f.engineerA.id, role_id: role.id, scope: 'own' }).execute();
    try {
      const body = (await (await t.login(f.engineerA)).get(`/api/analytics/tickets/efficiency?${RANGE}`)).json();
      expect(body.current).toMatchObject({ created: 1, accepted: 1, resolved: 2, avgAcceptSeconds: 600 });
      expect(body.previousFigures).toMatchObject({ created: 1, accepted: 1, resolved: 0 });
      expect(body.byAssignee.map((r: { assignee: { id: number } }) => r.assignee.id)).toEqual([f.engineerA.id]);
      expect(body.series.map((s: { figures: { resolved: number } }) => s.figures.resolved)).toEqual([2, 0, 0, 0, 0, 0, 0]);
    } finally {
      await t.platform.db.deleteFrom('user_roles').where('user_id', '=', f.engineerA.id).where('role_id', '=', role.id).execute();
    }
  });
});

describe('bad input', () => {
  it('answers 400 with a message in the reader’s language and writes nothing', async () => {
    const api = await t.login(manager);
    const english = await t.createUser({ roles: ['it_manager'] });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', english.id).execute();
    const en = await t.login(english);
    const audits = await t.countRows('audit_log');
    const cases: [string, string, string, string][] = [
      ['from=2025-03-09&to=2025-03-03', 'to', '结束日期不能早于开始日期', 'The end date cannot be before the start date'],
      ['from=2024-01-01&to=2025-03-03', 'from', '时间范围最长 400 天', 'The range can be at most 400 days'],
      ['from=2025-02-30&to=2025-03-03', 'from', '取值无效', 'Invalid value'],
      [`${RANGE}&teamId=999999`, 'teamId', '服务组不存在', 'This support team does not exist'],
    ];
    for (const [query, path, zh] of cases) {
      for (const [kind, url] of [
        ['efficiency', `/api/analytics/tickets/efficiency?${query}`],
        ['export', `/api/analytics/tickets/export?${query}&kind=efficiency`],
      ]) {
        const res = await api.get(url as string);
        expect(res.statusCode, `${kind} ${query}`).toBe(400);
        expect(res.json().error.details).toEqual([expect.objectContaining({ path, message: zh })]);
      }
    }
    for (const [query, path, , message] of cases) {
      const res = await en.get(`/api/analytics/tickets/satisfaction?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ path, message })]);
    }
    expect(await t.countRows('audit_log')).toBe(audits);
  });
});

describe('export', () => {
  it('writes the breakdown the page shows — teams, then engineers — and audits the export', async () => {
    const api = await t.login(manager);
    const audits = await t.countRows('audit_log');
    const res = await api.get(`/api/analytics/tickets/export?${RANGE}&kind=efficiency`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]?.slice(1, 5)).toEqual(['维度', '名称', '新建工单', '已接单']);
    expect(rows[1]?.slice(1, 10)).toEqual(['服务组', '桌面支持组', 3, 2, 3, 20, 16.7, 33.3, 33.3]);
    expect(rows[2]?.slice(1, 5)).toEqual(['服务组', '网络组', 1, 1]);
    expect(rows.slice(3).map((r) => r[1])).toEqual(['工程师', '工程师', '工程师', '工程师']);
    expect(await t.countRows('audit_log')).toBe(audits + 1);
    const entry = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'actor_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'export', object_type: 'analytics', actor_id: manager.id });

    const satisfaction = await api.get(`/api/analytics/tickets/export?${RANGE}&kind=satisfaction`);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(satisfaction.rawPayload as unknown as ArrayBuffer);
    const values = book2.worksheets[0]?.getSheetValues().slice(1) as unknown[][];
    expect(values[0]?.slice(3, 7)).toEqual(['评价数', '平均评分', '满意度（%）', '差评数']);
    // Equal counts go by name (网络组 before 桌面支持组 in pinyin order).
    expect(values.slice(1).map((r) => r.slice(1, 7))).toEqual([
      ['服务组', '网络组', 1, 2, 0, 1],
      ['服务组', '桌面支持组', 1, 5, 100, 0],
      ['工程师', expect.any(String), 1, expect.any(Number), expect.any(Number), expect.any(Number)],
      ['工程师', expect.any(String), 1, expect.any(Number), expect.any(Number), expect.any(Number)],
    ]);
  });
});

describe('drill-down', () => {
  it('the ticket list filters give exactly the tickets behind a figure', async () => {
    const api = await t.login(manager);
    const report = (await api.get(`/api/analytics/tickets/efficiency?${RANGE}`)).json();
    const { startsAt, endsAt } = report.range;
    const list = async (query: string) =>
      ((await api.get(`/api/tickets?view=all&pageSize=50&${query}`)).json().items as { id: number }[])
        .map((i) => i.id)
        .sort((a, b) => a - b);
    const span = (what: string) => `${what}From=${encodeURIComponent(startsAt)}&${what}To=${encodeURIComponent(endsAt)}`;
    expect(await list(span('created'))).toEqual([ids.t1, ids.t2, ids.t3, ids.t4].sort((a, b) => a - b));
    expect(await list(span('resolved'))).toHaveLength(report.current.resolved);
    expect(await list(span('responded'))).toHaveLength(report.current.accepted);
    expect(await list(`${span('created')}&transferred=true`)).toEqual([ids.t2]);
    expect(await list(`${span('resolved')}&reopened=true`)).toEqual([ids.t2]);
    expect(await list(`${span('responded')}&slaBreached=response`)).toEqual([ids.t2]);
    expect(await list(`${span('resolved')}&slaBreached=resolution`)).toEqual([ids.t2]);
    expect(await list(`${span('rated')}&rating=1&rating=2`)).toEqual([ids.t3]);
    expect(await list(`${span('rated')}`)).toHaveLength(2);
    expect(await list(`${span('resolved')}&teamId=${f.teamA}&assigneeId=${f.engineerA.id}`)).toEqual(
      [ids.t1, ids.t5].sort((a, b) => a - b),
    );
    expect((await api.get('/api/tickets?view=all&rating=6')).statusCode).toBe(400);
  });
});
