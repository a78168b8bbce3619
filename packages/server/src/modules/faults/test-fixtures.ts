import { randomBytes } from 'node:crypto';
import type { ApiClient, TestContext } from '../../test/harness.js';

/** A fault world: IT department, two teams, an engineer in each, an IT manager, a requester, three systems. */
export async function faultWorld(t: TestContext) {
  const u = () => randomBytes(3).toString('hex');
  const it = await t.createDepartment('信息部');
  const sales = await t.createDepartment('销售部');
  const lead = await t.createUser({ roles: ['engineer'], departmentId: it });
  const engineer = await t.createUser({ roles: ['engineer'], departmentId: it });
  const outsider = await t.createUser({ roles: ['engineer'], departmentId: it });
  const manager = await t.createUser({ roles: ['it_manager'], departmentId: it });
  const requester = await t.createUser({ roles: ['requester'], departmentId: sales });
  const ops = await t.createTeam(`运维组${u()}`, [lead.id, engineer.id], lead.id);
  const apps = await t.createTeam(`应用组${u()}`, [outsider.id], outsider.id);
  const system = async (name: string, target: number) =>
    (
      await t.platform.db
        .insertInto('it_systems')
        .values({ name: `${name}${u()}`, code: `${name}-${u()}`, criticality: 'high', availability_target: target })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const systems = { erp: await system('ERP', 99.9), mail: await system('MAIL', 99.5), pos: await system('POS', 99.95) };
  return {
    dept: { it, sales },
    users: { lead, engineer, outsider, manager, requester },
    teams: { ops, apps },
    systems,
    api: {
      lead: await t.login(lead),
      engineer: await t.login(engineer),
      outsider: await t.login(outsider),
      manager: await t.login(manager),
      requester: await t.login(requester),
    },
  };
}
export type FaultWorld = Awaited<ReturnType<typeof faultWorld>>;

export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** Registers a fault through the API and returns its detail. */
export async function registerFault(api: ApiClient, w: FaultWorld, fields: Record<string, unknown> = {}) {
  const res = await api.post('/api/faults', {
    title: 'ERP 登录超时',
    description: '用户登录 ERP 时长时间无响应',
    severity: 'P3',
    systemIds: [w.systems.erp],
    impactKind: 'outage',
    startedAt: minutesAgo(30),
    detectedAt: minutesAgo(20),
    teamId: w.teams.ops,
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; number: string; version: number; status: string; responseDueAt: string };
}
