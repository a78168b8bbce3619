import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { auditFor, countRows, uniq } from './test-helpers.js';

let t: TestContext;
let admin: ApiClient;
let requester: ApiClient;

beforeAll(async () => {
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
  requester = await t.login(await t.createUser({ roles: ['requester'] }));
});
afterAll(() => t.close());

const membersOf = async (teamId: number) =>
  (await t.platform.db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).orderBy('user_id').execute()).map(
    (m) => m.user_id,
  );
const teamRow = (id: number) => t.platform.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const systemRow = (id: number) => t.platform.db.selectFrom('it_systems').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('support teams', () => {
  it('creates a team whose lead is always a member, lists it, and audits it', async () => {
    const [a, b, lead] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    const res = await admin.post('/api/teams', {
      name: '桌面支持',
      code: `DESK-${uniq()}`,
      leadId: lead.id,
      memberIds: [a.id, b.id, a.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name: '桌面支持', leadId: lead.id, active: true, version: 1 });
    expect(sorted(team.members.map((m: { id: number }) => m.id))).toEqual(sorted([a.id, b.id, lead.id]));
    expect(await membersOf(team.id)).toEqual(sorted([a.id, b.id, lead.id]));
    const list = (await admin.get('/api/teams')).json().items;
    expect(list.find((x: { id: number }) => x.id === team.id)).toMatchObject({ leadId: lead.id });
    expect((await auditFor(t, 'team', team.id)).map((x) => x.action)).toEqual(['create']);
  });

  it('replaces the membership on update, keeping the lead in it', async () => {
    const [a, b, c, lead] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
    const team = (
      await admin.post('/api/teams', { name: '网络组', code: `NET-${uniq()}`, leadId: lead.id, memberIds: [a.id, b.id] })
    ).json();
    const res = await admin.patch(`/api/teams/${team.id}`, { memberIds: [c.id], version: 1 });
    expect(res.statusCode).toBe(200);
    expect(await membersOf(team.id)).toEqual(sorted([c.id, lead.id]));
    expect(res.json()).toMatchObject({ version: 2, leadId: lead.id });
    expect((await auditFor(t, 'team', team.id)).map((x) => x.action)).toEqual(['create', 'update']);
  });

  it('a new lead becomes a member even when the membership is not resent', async () => {
    const [a, newLead] = await Promise.all([t.createUser(), t.createUser()]);
    const team = (await admin.post('/api/teams', { name: '应用组', code: `APP-${uniq()}`, memberIds: [a.id] })).json();
    const res = await admin.patch(`/api/teams/${team.id}`, { leadId: newLead.id, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().leadId).toBe(newLead.id);
    expect(await membersOf(team.id)).toEqual(sorted([a.id, newLead.id]));
  });

  it('refuses an unknown member or lead with 400 naming the field and writes nothing', async () => {
    const a = await t.createUser();
    const before = await countRows(t, 'teams');
    const membersBefore = await countRows(t, 'team_members');
    const member = await admin.post('/api/teams', { name: '幽灵组', code: `GHOST-${uniq()}`, memberIds: [a.id, 99999999] });
    expect(member.statusCode).toBe(400);
    expect(member.json().error).toMatchObject({
      code: 'validation',
      details: [{ path: 'memberIds', code: 'notFound', message: '记录不存在或您无权查看' }],
    });
    const lead = await admin.post('/api/teams', { name: '幽灵组', code: `GHOST-${uniq()}`, leadId: 99999999 });
    expect(lead.statusCode).toBe(400);
    expect(lead.json().error.details).toEqual([expect.objectContaining({ path: 'leadId' })]);
    expect(await countRows(t, 'teams')).toBe(before);
    expect(await countRows(t, 'team_members')).toBe(membersBefore);

    const team = (await admin.post('/api/teams', { name: '真实组', code: `REAL-${uniq()}`, memberIds: [a.id] })).json();
    const update = await admin.patch(`/api/teams/${team.id}`, { name: '改名', memberIds: [99999999], version: 1 });
    expect(update.statusCode).toBe(400);
    expect(await teamRow(team.id)).toMatchObject({ name: '真实组', version: 1 });
    expect(await membersOf(team.id)).toEqual([a.id]);
  });

  it('refuses a duplicate code (any case) with 409 and a stale version with 409, changing nothing', async () => {
    const code = `Dup-${uniq()}`;
    const team = (await admin.post('/api/teams', { name: '甲组', code })).json();
    const before = await countRows(t, 'teams');
    const dup = await admin.post('/api/teams', { name: '乙组', code: code.toUpperCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({
      code: 'duplicate',
      message: 'code 已存在',
      details: [{ path: 'code', code: 'duplicate', message: 'code 已存在' }],
    });
    expect(await countRows(t, 'teams')).toBe(before);

    expect((await admin.patch(`/api/teams/${team.id}`, { name: '甲组二', version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/teams/${team.id}`, { name: '甲组三', active: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('versionConflict');
    expect(await teamRow(team.id)).toMatchObject({ name: '甲组二', active: true, version: 2 });
    expect((await admin.patch('/api/teams/99999999', { name: 'x', version: 1 })).statusCode).toBe(404);
  });

  it('lets anyone signed in read teams but only org.team.manage write them (403, nothing written)', async () => {
    expect((await requester.get('/api/teams')).statusCode).toBe(200);
    const before = await countRows(t, 'teams');
    const res = await requester.post('/api/teams', { name: '越权组', code: `NOPE-${uniq()}` });
    expect(res.statusCode).toBe(403);
    expect(await countRows(t, 'teams')).toBe(before);
  });

  it('answers unknown fields and wrong types with 400 naming the field', async () => {
    const res = await admin.post('/api/teams', { name: '组', code: `X-${uniq()}`, memberIds: 'all', colour: 'blue' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['colour', 'memberIds']);
  });
});

describe('IT systems', () => {
  it('creates a system with owner, analyst, criticality and availability target, and audits it', async () => {
    const [owner, analyst] = await Promise.all([t.createUser(), t.createUser()]);
    const res = await admin.post('/api/systems', {
      name: 'ERP',
      code: `ERP-${uniq()}`,
      businessDomain: '财务',
      ownerId: owner.id,
      analystId: analyst.id,
      criticality: 'high',
      availabilityTarget: 99.95,
    });
    expect(res.statusCode, res.body).toBe(201);
    const system = res.json();
    expect(system).toMatchObject({
      name: 'ERP',
      ownerId: owner.id,
      analystId: analyst.id,
      criticality: 'high',
      availabilityTarget: 99.95,
      version: 1,
    });
    expect(Number((await systemRow(system.id)).availability_target)).toBe(99.95);
    expect((await auditFor(t, 'system', system.id)).map((x) => x.action)).toEqual(['create']);
  });

  it('defaults criticality to medium and the availability target to 99.9', async () => {
    const res = await admin.post('/api/systems', { name: '邮件', code: `MAIL-${uniq()}` });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ criticality: 'medium', availabilityTarget: 99.9 });
  });

  it('accepts the bounds 0 and 100 and refuses anything outside them or an unknown criticality (400, nothing written)', async () => {
    for (const target of [0, 100]) {
      expect((await admin.post('/api/systems', { name: '边界', code: `B-${uniq()}`, availabilityTarget: target })).statusCode).toBe(201);
    }
    const before = await countRows(t, 'it_systems');
    // (The wording of a wrong-type reason is covered in users.test.ts.)
    const cases: [Record<string, unknown>, string, string | null][] = [
      [{ availabilityTarget: 120 }, 'availabilityTarget', '不能大于 100'],
      [{ availabilityTarget: -1 }, 'availabilityTarget', '不能小于 0'],
      [{ availabilityTarget: '99.9' }, 'availabilityTarget', null],
      [{ criticality: 'extreme' }, 'criticality', '取值无效'],
    ];
    for (const [body, path, message] of cases) {
      const res = await admin.post('/api/systems', { name: '越界', code: `OUT-${uniq()}`, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ path, message: message ?? expect.stringMatching(/\S/) })]);
    }
    expect(await countRows(t, 'it_systems')).toBe(before);
  });

  it('updates with the current version; refuses an out-of-bounds target, a stale version and an unknown owner, changing nothing', async () => {
    const system = (await admin.post('/api/systems', { name: 'POS', code: `POS-${uniq()}`, criticality: 'low' })).json();
    const ok = await admin.patch(`/api/systems/${system.id}`, { criticality: 'high', availabilityTarget: 99.99, version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ criticality: 'high', availabilityTarget: 99.99, version: 2 });
    expect((await auditFor(t, 'system', system.id)).map((x) => x.action)).toEqual(['create', 'update']);

    const bounds = await admin.patch(`/api/systems/${system.id}`, { availabilityTarget: 120, version: 2 });
    expect(bounds.statusCode).toBe(400);
    const stale = await admin.patch(`/api/systems/${system.id}`, { name: '旧版本', version: 1 });
    expect(stale.statusCode).toBe(409);
    const owner = await admin.patch(`/api/systems/${system.id}`, { ownerId: 99999999, version: 2 });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().error.details).toEqual([{ path: 'ownerId', code: 'notFound', message: '记录不存在或您无权查看' }]);
    const analyst = await admin.patch(`/api/systems/${system.id}`, { analystId: 99999999, version: 2 });
    expect(analyst.json().error.details).toEqual([expect.objectContaining({ path: 'analystId' })]);
    expect(await systemRow(system.id)).toMatchObject({ name: 'POS', criticality: 'high', owner_id: null, version: 2 });
  });

  it('refuses a duplicate code (any case) with 409, and writes by a requester with 403', async () => {
    const code = `Crm-${uniq()}`;
    await admin.post('/api/systems', { name: 'CRM', code });
    const before = await countRows(t, 'it_systems');
    const dup = await admin.post('/api/systems', { name: 'CRM 2', code: code.toLowerCase() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toEqual({
      code: 'duplicate',
      message: 'code 已存在',
      details: [{ path: 'code', code: 'duplicate', message: 'code 已存在' }],
    });
    expect((await requester.post('/api/systems', { name: 'X', code: `X-${uniq()}` })).statusCode).toBe(403);
    expect((await requester.get('/api/systems')).statusCode).toBe(200);
    expect(await countRows(t, 'it_systems')).toBe(before);
  });
});
