import { randomBytes } from 'node:crypto';
import type { ApiClient, TestContext, TestUser } from '../../test/harness.js';

/**
 * A demand world in one call: a business department (with a head) under a group, an IT system with
 * an analyst, a requester in the department, a developer and an IT manager.
 */
export async function demandWorld(t: TestContext) {
  const u = () => randomBytes(3).toString('hex');
  const group = await t.createDepartment('集团');
  const retail = await t.createDepartment('零售运营部', group);
  const store = await t.createDepartment('门店', retail);
  const finance = await t.createDepartment('财务部', group);
  const supervisor = await t.createUser({ roles: ['supervisor'], departmentId: retail });
  const otherSupervisor = await t.createUser({ roles: ['supervisor'], departmentId: finance });
  await t.platform.db.updateTable('departments').set({ manager_id: supervisor.id }).where('id', '=', retail).execute();
  await t.platform.db.updateTable('departments').set({ manager_id: otherSupervisor.id }).where('id', '=', finance).execute();
  const requester = await t.createUser({ departmentId: store });
  const colleague = await t.createUser({ departmentId: finance });
  const analyst = await t.createUser({ roles: ['analyst'] });
  const otherAnalyst = await t.createUser({ roles: ['analyst'] });
  const developer = await t.createUser({ roles: ['engineer'] });
  const manager = await t.createUser({ roles: ['it_manager'] });
  const { id: systemId } = await t.platform.db
    .insertInto('it_systems')
    .values({ name: `POS 门店收银${u()}`, code: `POS-${u()}`, analyst_id: analyst.id, criticality: 'high', availability_target: 99.9 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: orphanSystemId } = await t.platform.db
    .insertInto('it_systems')
    .values({ name: `无人负责系统${u()}`, code: `NONE-${u()}`, criticality: 'low', availability_target: 99 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const api = {
    requester: await t.login(requester),
    supervisor: await t.login(supervisor),
    otherSupervisor: await t.login(otherSupervisor),
    colleague: await t.login(colleague),
    analyst: await t.login(analyst),
    otherAnalyst: await t.login(otherAnalyst),
    developer: await t.login(developer),
    manager: await t.login(manager),
  };
  return {
    dept: { group, retail, store, finance },
    user: { supervisor, otherSupervisor, requester, colleague, analyst, otherAnalyst, developer, manager },
    api,
    systemId,
    orphanSystemId,
  };
}
export type DemandWorld = Awaited<ReturnType<typeof demandWorld>>;

export interface DemandJson {
  id: number;
  number: string;
  status: string;
  version: number;
  allowed: string[];
  progress: number;
  supervisor: { id: number } | null;
  [key: string]: unknown;
}

export async function submit(api: ApiClient, world: DemandWorld, fields: Record<string, unknown> = {}): Promise<DemandJson> {
  const res = await api.post('/api/demands', {
    systemId: world.systemId,
    kind: 'new_feature',
    title: 'POS 支持会员积分抵现',
    background: '门店希望顾客结账时可用会员积分抵扣部分金额。',
    expectedDate: '2026-12-31',
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function ok(api: ApiClient, url: string, body: unknown): Promise<DemandJson> {
  const res = await api.post(url, body);
  if (res.statusCode !== 200) throw new Error(`${url} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Takes a new demand through acceptance and evaluation to pending approval. */
export async function toApproval(world: DemandWorld, fields: Record<string, unknown> = {}): Promise<DemandJson> {
  const d = await submit(world.api.requester, world, fields);
  const accepted = await ok(world.api.analyst, `/api/demands/${d.id}/accept`, { version: d.version });
  return ok(world.api.analyst, `/api/demands/${d.id}/evaluate`, {
    version: accepted.version,
    solution: '收银界面增加积分抵现，积分按 100:1 折算。',
    effortDays: 12.5,
    plannedDate: '2026-12-15',
    cost: 30000,
  });
}

/** … and approved: implementing. */
export async function toImplementing(world: DemandWorld): Promise<DemandJson> {
  const d = await toApproval(world);
  return ok(world.api.supervisor, `/api/demands/${d.id}/approve`, { version: d.version });
}

/** Moves a demand the way the releases module does (released, then delivered). */
export async function deliver(t: TestContext, id: number, deliveredAt = new Date()) {
  await t.platform.db
    .updateTable('demands')
    .set((eb) => ({ status: 'delivered', released_at: deliveredAt, delivered_at: deliveredAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export type { TestUser };
