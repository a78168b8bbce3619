import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { seedSlaDefaults } from './seed.js';
import { loadSlaContext } from './service.js';

let t: TestContext;
let admin: ApiClient;
let engineer: ApiClient;
let requester: ApiClient;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
  engineer = await t.login(await t.createUser({ roles: ['engineer'] }));
  requester = await t.login(await t.createUser({ roles: ['requester'] }));
});
afterAll(() => t.close());

const uniq = () => randomBytes(3).toString('hex');
const lunch = [
  [540, 720],
  [810, 1080],
];
const officeWeek = [[], lunch, lunch, lunch, lunch, lunch, []];

async function countRows(table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.platform.db);
  return rows[0]?.n ?? 0;
}
function auditFor(objectType: string, objectId: number) {
  return t.platform.db
    .selectFrom('audit_log')
    .select(['action', 'object_label', 'before', 'after'])
    .where('object_type', '=', objectType)
    .where('object_id', '=', String(objectId))
    .orderBy('id')
    .execute();
}
async function newCalendar(body: Record<string, unknown> = {}) {
  const res = await admin.post('/api/sla/calendars', { name: `日历-${uniq()}`, weekly: officeWeek, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; name: string };
}
const targets = {
  P1: { responseMinutes: 30, resolutionMinutes: 240 },
  P2: { responseMinutes: 60, resolutionMinutes: 480 },
  P3: { responseMinutes: 240, resolutionMinutes: 1440 },
  P4: { responseMinutes: 480, resolutionMinutes: 2400 },
};
async function standardIds() {
  const calendars = (await admin.get('/api/sla/calendars')).json().items as { id: number; name: string; version: number }[];
  const policies = (await admin.get('/api/sla/policies')).json().items as { id: number; name: string; version: number }[];
  return {
    calendar: calendars.find((c) => c.name === '标准工作日历')!,
    allDay: calendars.find((c) => c.name === '7×24 全天候')!,
    policy: policies.find((p) => p.name === '标准服务级别')!,
  };
}

describe('seeded defaults', () => {
  it('has the standard calendar with the official 2025 and 2026 days, and a 7×24 calendar', async () => {
    const res = await engineer.get('/api/sla/calendars');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.find((c: { name: string }) => c.name === '标准工作日历')).toMatchObject({
      timeZone: 'Asia/Shanghai',
      isDefault: true,
      weekly: officeWeek,
      years: [2025, 2026],
    });
    expect(items.find((c: { name: string }) => c.name === '7×24 全天候')).toMatchObject({
      isDefault: false,
      weekly: Array(7).fill([[0, 1440]]),
    });

    const { calendar } = await standardIds();
    const days = (await engineer.get(`/api/sla/calendars/${calendar.id}/days?year=2026`)).json();
    // 2026: 33 days off (3 + 9 + 3 + 5 + 3 + 3 + 7) and 6 make-up working days.
    expect(days.items.filter((d: { kind: string }) => d.kind === 'holiday')).toHaveLength(33);
    expect(days.items.filter((d: { kind: string }) => d.kind === 'workday').map((d: { day: string }) => d.day)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.items).toContainEqual({ day: '2026-02-15', kind: 'holiday', name: '春节' });
    const days2025 = (await engineer.get(`/api/sla/calendars/${calendar.id}/days?year=2025`)).json().items;
    expect(days2025).toContainEqual({ day: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' });
    expect(days2025).toContainEqual({ day: '2025-09-28', kind: 'workday', name: '国庆节调休上班' });
  });

  it('has the default 标准服务级别 policy and a 7×24 policy', async () => {
    const items = (await engineer.get('/api/sla/policies')).json().items;
    expect(items.find((p: { name: string }) => p.name === '标准服务级别')).toMatchObject({
      calendarName: '标准工作日历',
      isDefault: true,
      active: true,
      warnRatio: 0.8,
      targets,
      escalation: {
        levels: [
          { afterBreachMinutes: 0, notify: 'team_lead' },
          { afterBreachMinutes: 60, notify: 'it_manager' },
        ],
      },
    });
    expect(items.find((p: { name: string }) => p.name === '7×24 重大故障服务级别')).toMatchObject({
      calendarName: '7×24 全天候',
      isDefault: false,
      targets: { P1: { responseMinutes: 15, resolutionMinutes: 120 } },
    });
  });

  it('seeding again changes nothing', async () => {
    const before = [await countRows('business_calendars'), await countRows('calendar_days'), await countRows('sla_policies')];
    await seedSlaDefaults(t.platform.db);
    expect([await countRows('business_calendars'), await countRows('calendar_days'), await countRows('sla_policies')]).toEqual(before);
  });

  it('previews what a target means: 8 working hours from 2026-09-30 16:00 are due 10-08 16:30', async () => {
    const { calendar, allDay } = await standardIds();
    const start = encodeURIComponent('2026-09-30T16:00:00+08:00');
    const res = await engineer.get(`/api/sla/calendars/${calendar.id}/preview?start=${start}&minutes=480`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dueAt: '2026-10-08T08:30:00.000Z' });
    const round = await engineer.get(`/api/sla/calendars/${allDay.id}/preview?start=${start}&minutes=480`);
    expect(round.json()).toEqual({ dueAt: '2026-09-30T16:00:00.000Z' });
    expect((await engineer.get(`/api/sla/calendars/${calendar.id}/preview?start=yesterday&minutes=480`)).statusCode).toBe(400);
    expect((await engineer.get(`/api/sla/calendars/99999999/preview?start=${start}&minutes=1`)).statusCode).toBe(404);
  });
});

describe('who may', () => {
  it('a requester may neither read nor change SLA settings; IT staff may read but not change; nobody unsigned', async () => {
    const { calendar, policy } = await standardIds();
    const before = await countRows('business_calendars');
    const reads = ['/api/sla/calendars', '/api/sla/policies', `/api/sla/calendars/${calendar.id}/days?year=2026`];
    for (const url of reads) {
      expect((await requester.get(url)).statusCode, url).toBe(403);
      expect((await engineer.get(url)).statusCode, url).toBe(200);
      expect((await t.anonymous().get(url)).statusCode, url).toBe(401);
    }
    for (const client of [requester, engineer]) {
      expect((await client.post('/api/sla/calendars', { name: 'x', weekly: officeWeek })).statusCode).toBe(403);
      expect((await client.patch(`/api/sla/calendars/${calendar.id}`, { name: 'x', version: calendar.version })).statusCode).toBe(403);
      expect((await client.put(`/api/sla/calendars/${calendar.id}/days?year=2026`, { version: 1, items: [] })).statusCode).toBe(403);
      expect((await client.post('/api/sla/policies', { name: 'x', calendarId: calendar.id, targets })).statusCode).toBe(403);
      expect((await client.patch(`/api/sla/policies/${policy.id}`, { active: false, version: policy.version })).statusCode).toBe(403);
    }
    expect(await countRows('business_calendars')).toBe(before);
    expect((await engineer.get(`/api/sla/calendars/${calendar.id}/days?year=2026`)).json().items).toHaveLength(39);
  });
});

describe('calendars', () => {
  it('creates a calendar with intervals sorted and the zone canonical, and audits it', async () => {
    const res = await admin.post('/api/sla/calendars', {
      name: `柏林办公室-${uniq()}`,
      timeZone: 'europe/berlin',
      weekly: [
        [],
        [
          [810, 1080],
          [540, 720],
        ],
        [],
        [],
        [],
        [],
        [],
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const cal = res.json();
    expect(cal).toMatchObject({
      timeZone: 'Europe/Berlin',
      weekly: [[], lunch, [], [], [], [], []],
      isDefault: false,
      version: 1,
      years: [],
    });
    expect((await auditFor('sla_calendar', cal.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('refuses bad weekly hours and unknown zones with 400 naming the field, and writes nothing', async () => {
    const before = await countRows('business_calendars');
    const auditBefore = await countRows('audit_log');
    const post = (body: Record<string, unknown>) =>
      admin.post('/api/sla/calendars', { name: `坏日历-${uniq()}`, weekly: officeWeek, ...body });

    const overlap = await post({
      weekly: [
        [],
        [
          [540, 720],
          [700, 800],
        ],
        [],
        [],
        [],
        [],
        [],
      ],
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error).toMatchObject({
      code: 'validation',
      details: [{ path: 'weekly.1.1', code: 'overlap', message: '与同一天的另一个时间段重叠' }],
    });
    const pastMidnight = await post({ weekly: [[], [[540, 1500]], [], [], [], [], []] });
    expect(pastMidnight.statusCode).toBe(400);
    expect(pastMidnight.json().error.details).toEqual([expect.objectContaining({ path: 'weekly.1.0.1' })]);
    const startsAtMidnight = await post({ weekly: [[], [[1440, 1440]], [], [], [], [], []] });
    expect(startsAtMidnight.json().error.details).toEqual([expect.objectContaining({ path: 'weekly.1.0', code: 'range' })]);
    const backwards = await post({ weekly: [[], [[720, 540]], [], [], [], [], []] });
    expect(backwards.json().error.details).toEqual([expect.objectContaining({ path: 'weekly.1.0', code: 'range' })]);
    const nothing = await post({ weekly: [[], [], [], [], [], [], []] });
    expect(nothing.json().error.details).toEqual([expect.objectContaining({ path: 'weekly', code: 'noWorkingTime' })]);
    const sixDays = await post({ weekly: [[], lunch, lunch, lunch, lunch, lunch] });
    expect(sixDays.statusCode).toBe(400);
    const zone = await post({ timeZone: 'Mars/Olympus_Mons' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.details).toEqual([{ path: 'timeZone', code: 'timeZone', message: '未知的时区' }]);
    const extra = await post({ colour: 'red' });
    expect(extra.statusCode).toBe(400);

    expect(await countRows('business_calendars')).toBe(before);
    expect(await countRows('audit_log')).toBe(auditBefore);
  });

  it('edits with the current version; a stale version is a 409 that changes nothing', async () => {
    const cal = await newCalendar();
    const ok = await admin.patch(`/api/sla/calendars/${cal.id}`, {
      name: `${cal.name}-改`,
      weekly: Array(7).fill([[0, 1440]]),
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: `${cal.name}-改`, version: 2, weekly: Array(7).fill([[0, 1440]]) });

    const stale = await admin.patch(`/api/sla/calendars/${cal.id}`, { name: '旧版本的修改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    const row = await t.platform.db.selectFrom('business_calendars').selectAll().where('id', '=', cal.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: `${cal.name}-改`, version: 2 });
    expect((await auditFor('sla_calendar', cal.id)).map((a) => a.action)).toEqual(['create', 'update']);

    expect((await admin.patch('/api/sla/calendars/99999999', { name: 'x', version: 1 })).statusCode).toBe(404);
    const bad = await admin.patch(`/api/sla/calendars/${cal.id}`, { timeZone: 'Nowhere/City', version: 2 });
    expect(bad.statusCode).toBe(400);
  });

  it('a duplicate name is a 409 naming the field', async () => {
    const cal = await newCalendar();
    const res = await admin.post('/api/sla/calendars', { name: cal.name, weekly: officeWeek });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'duplicate' });
  });

  it('moves the default flag to another calendar, and refuses to unset it directly', async () => {
    const { calendar: standard } = await standardIds();
    const cal = await newCalendar();
    const res = await admin.patch(`/api/sla/calendars/${cal.id}`, { isDefault: true, version: cal.version });
    expect(res.statusCode, res.body).toBe(200);
    const after = await standardIds();
    expect(
      (await admin.get('/api/sla/calendars'))
        .json()
        .items.filter((c: { isDefault: boolean }) => c.isDefault)
        .map((c: { id: number }) => c.id),
    ).toEqual([cal.id]);
    expect(after.calendar.version).toBe(standard.version + 1);
    const unset = await admin.patch(`/api/sla/calendars/${cal.id}`, { isDefault: false, version: 2 });
    expect(unset.statusCode).toBe(400);
    expect(unset.json().error.details).toEqual([expect.objectContaining({ path: 'isDefault', code: 'keepDefault' })]);
    // Put the standard calendar back as the default for the other tests.
    expect((await admin.patch(`/api/sla/calendars/${standard.id}`, { isDefault: true, version: after.calendar.version })).statusCode).toBe(
      200,
    );
  });
});

describe('calendar days', () => {
  it("replaces one year's overrides, leaving the other years alone, and bumps the version", async () => {
    const cal = await newCalendar();
    const year2027 = [
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
      { day: '2027-01-02', kind: 'workday', name: '元旦调休上班' }, // a Saturday
    ];
    const first = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2027`, { version: 1, items: year2027 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ year: 2027, version: 2, items: year2027 });
    const other = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2026`, {
      version: 2,
      items: [{ day: '2026-10-01', kind: 'holiday', name: '国庆节' }],
    });
    expect(other.statusCode).toBe(200);
    const replaced = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2027`, {
      version: 3,
      items: [{ day: '2027-02-06', kind: 'holiday', name: '春节' }],
    });
    expect(replaced.json().version).toBe(4);
    expect((await admin.get(`/api/sla/calendars/${cal.id}/days?year=2027`)).json()).toEqual({
      year: 2027,
      version: 4,
      items: [{ day: '2027-02-06', kind: 'holiday', name: '春节' }],
    });
    expect((await admin.get(`/api/sla/calendars/${cal.id}/days?year=2026`)).json().items).toEqual([
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
    ]);
    const audit = await auditFor('sla_calendar', cal.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(audit.at(-1)).toMatchObject({ before: { year: 2027, days: year2027 } });
  });

  it('refuses a make-up working day on a weekday, a date outside the year, an impossible date and a repeated date', async () => {
    const cal = await newCalendar();
    const before = await countRows('calendar_days');
    const res = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2026`, {
      version: 1,
      items: [
        { day: '2026-09-21', kind: 'workday', name: '调休（其实是周一）' },
        { day: '2025-10-01', kind: 'holiday', name: '去年' },
        { day: '2026-02-30', kind: 'holiday', name: '不存在' },
        { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual([
      'items.0.kind:workdayOnWorkingDay',
      'items.1.day:dayOutsideYear',
      'items.2.day:invalidDate',
      'items.4.day:duplicateDay',
    ]);
    expect(res.json().error.details[1].message).toBe('日期不在 2026 年内');
    // A holiday on a weekend day is fine: the official notices list them inside a holiday.
    const weekend = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2026`, {
      version: 1,
      items: [{ day: '2026-10-03', kind: 'holiday', name: '国庆节' }],
    });
    expect(weekend.statusCode).toBe(200);
    expect(await countRows('calendar_days')).toBe(before + 1);
  });

  it('a stale version changes nothing', async () => {
    const cal = await newCalendar();
    await admin.patch(`/api/sla/calendars/${cal.id}`, { name: `${cal.name}-2`, version: 1 });
    const res = await admin.put(`/api/sla/calendars/${cal.id}/days?year=2026`, {
      version: 1,
      items: [{ day: '2026-10-01', kind: 'holiday', name: '国庆节' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('versionConflict');
    expect((await admin.get(`/api/sla/calendars/${cal.id}/days?year=2026`)).json().items).toEqual([]);
    expect((await admin.put('/api/sla/calendars/99999999/days?year=2026', { version: 1, items: [] })).statusCode).toBe(404);
    expect((await admin.get(`/api/sla/calendars/${cal.id}/days?year=1999`)).statusCode).toBe(400);
  });

  it('a changed year changes what a target means (due times are recomputed from the calendar)', async () => {
    const cal = await newCalendar();
    const start = encodeURIComponent('2026-09-30T16:00:00+08:00');
    const preview = async () => (await admin.get(`/api/sla/calendars/${cal.id}/preview?start=${start}&minutes=480`)).json().dueAt;
    // No holidays yet: 09-30 (120) + 10-01 Thu (360 → 09:00–12:00, 13:30–16:30).
    expect(await preview()).toBe('2026-10-01T08:30:00.000Z');
    await admin.put(`/api/sla/calendars/${cal.id}/days?year=2026`, {
      version: 1,
      items: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({
        day,
        kind: 'holiday',
        name: '国庆节',
      })),
    });
    expect(await preview()).toBe('2026-10-08T08:30:00.000Z');
  });
});

describe('policies', () => {
  it('creates a policy and audits it; a policy with an unknown calendar, reversed targets or unordered escalation is refused', async () => {
    const { calendar } = await standardIds();
    const res = await admin.post('/api/sla/policies', { name: `VIP-${uniq()}`, calendarId: calendar.id, targets });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      calendarName: '标准工作日历',
      warnRatio: 0.8,
      escalation: { levels: [] },
      isDefault: false,
      active: true,
      version: 1,
    });
    expect((await auditFor('sla_policy', res.json().id)).map((a) => a.action)).toEqual(['create']);

    const before = await countRows('sla_policies');
    const unknown = await admin.post('/api/sla/policies', { name: `P-${uniq()}`, calendarId: 99999999, targets });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ path: 'calendarId', code: 'notFound' })]);
    const reversed = await admin.post('/api/sla/policies', {
      name: `P-${uniq()}`,
      calendarId: calendar.id,
      targets: { ...targets, P2: { responseMinutes: 600, resolutionMinutes: 480 } },
      escalation: {
        levels: [
          { afterBreachMinutes: 60, notify: 'team_lead' },
          { afterBreachMinutes: 30, notify: 'it_manager' },
        ],
      },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'targets.P2.responseMinutes',
      'escalation.levels.1.afterBreachMinutes',
    ]);
    const missing = await admin.post('/api/sla/policies', { name: `P-${uniq()}`, calendarId: calendar.id, targets: { P1: targets.P1 } });
    expect(missing.statusCode).toBe(400);
    const ratio = await admin.post('/api/sla/policies', { name: `P-${uniq()}`, calendarId: calendar.id, targets, warnRatio: 1.5 });
    expect(ratio.statusCode).toBe(400);
    expect(await countRows('sla_policies')).toBe(before);
  });

  it('edits with the current version; a stale version is a 409 that changes nothing', async () => {
    const { calendar, allDay } = await standardIds();
    const created = (await admin.post('/api/sla/policies', { name: `P-${uniq()}`, calendarId: calendar.id, targets })).json();
    const ok = await admin.patch(`/api/sla/policies/${created.id}`, { calendarId: allDay.id, warnRatio: 0.75, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ calendarId: allDay.id, calendarName: '7×24 全天候', warnRatio: 0.75, version: 2 });
    const stale = await admin.patch(`/api/sla/policies/${created.id}`, { warnRatio: 0.5, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect((await admin.get('/api/sla/policies')).json().items.find((p: { id: number }) => p.id === created.id)).toMatchObject({
      warnRatio: 0.75,
      version: 2,
    });
    expect((await admin.patch('/api/sla/policies/99999999', { active: false, version: 1 })).statusCode).toBe(404);
  });

  it('the default policy stays active and stays the default until another one takes over', async () => {
    const { calendar, policy } = await standardIds();
    const off = await admin.patch(`/api/sla/policies/${policy.id}`, { active: false, version: policy.version });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details).toEqual([expect.objectContaining({ path: 'active', code: 'defaultMustBeActive' })]);
    const unset = await admin.patch(`/api/sla/policies/${policy.id}`, { isDefault: false, version: policy.version });
    expect(unset.statusCode).toBe(400);

    const vip = (
      await admin.post('/api/sla/policies', { name: `VIP-${uniq()}`, calendarId: calendar.id, targets, isDefault: true })
    ).json();
    expect(vip.isDefault).toBe(true);
    const items = (await admin.get('/api/sla/policies')).json().items;
    expect(items.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: number }) => p.id)).toEqual([vip.id]);
    const old = items.find((p: { id: number }) => p.id === policy.id);
    expect(old).toMatchObject({ isDefault: false, version: policy.version + 1 });
    expect((await auditFor('sla_policy', policy.id)).at(-1)).toMatchObject({ before: { isDefault: true }, after: { isDefault: false } });
    expect((await loadSlaContext(t.platform.db, null)).policy.id).toBe(vip.id);

    // And back.
    const back = await admin.patch(`/api/sla/policies/${policy.id}`, { isDefault: true, version: old.version });
    expect(back.statusCode).toBe(200);
    expect((await loadSlaContext(t.platform.db, null)).policy.id).toBe(policy.id);
  });
});

describe('loadSlaContext', () => {
  it('loads the default policy with its calendar and days, frozen, and caches it', async () => {
    const ctx = await loadSlaContext(t.platform.db, null);
    expect(ctx.policy).toMatchObject({ name: '标准服务级别', targets, warnRatio: 0.8 });
    expect(ctx.calendar).toMatchObject({ name: '标准工作日历', timeZone: 'Asia/Shanghai' });
    expect(ctx.calendar.days['2026-10-10']).toEqual({ kind: 'workday', name: '国庆节调休上班' });
    expect(Object.isFrozen(ctx.calendar.days)).toBe(true);
    expect(await loadSlaContext(t.platform.db, null)).toBe(ctx);
    expect((await loadSlaContext(t.platform.db, ctx.policy.id)).policy.id).toBe(ctx.policy.id);
    await expect(loadSlaContext(t.platform.db, 99999999)).rejects.toMatchObject({ code: 'notFound' });
  });

  it('sees a change made through the API at once, and reads inside a transaction without the cache', async () => {
    const { policy } = await standardIds();
    const cached = await loadSlaContext(t.platform.db, policy.id);
    const res = await admin.patch(`/api/sla/policies/${policy.id}`, { warnRatio: 0.9, version: policy.version });
    expect(res.statusCode).toBe(200);
    expect((await loadSlaContext(t.platform.db, policy.id)).policy.warnRatio).toBe(0.9);
    expect(cached.policy.warnRatio).toBe(0.8);

    // A change written behind the API's back shows up in a transaction right away (the cache is bypassed there).
    await t.platform.db.updateTable('sla_policies').set({ warn_ratio: 0.7 }).where('id', '=', policy.id).execute();
    await t.platform.db.transaction().execute(async (trx) => {
      expect((await loadSlaContext(trx, policy.id)).policy.warnRatio).toBe(0.7);
    });
    expect((await loadSlaContext(t.platform.db, policy.id)).policy.warnRatio).toBe(0.9);
    await t.platform.db.updateTable('sla_policies').set({ warn_ratio: 0.8 }).where('id', '=', policy.id).execute();
  });
});
