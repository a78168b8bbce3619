import { randomBytes } from 'node:crypto';
import type { ApiClient, TestContext, TestUser } from '../../test/harness.js';

const HOUR = 3_600_000;
let seq = 0;

/** A release world in one call: two IT systems, an analyst, two IT managers, an engineer, requesters. */
export async function releaseWorld(t: TestContext) {
  const u = () => randomBytes(3).toString('hex');
  const it = await t.createDepartment('信息部');
  const sales = await t.createDepartment('销售部');
  const analyst = await t.createUser({ roles: ['analyst'], departmentId: it });
  const manager = await t.createUser({ roles: ['it_manager'], departmentId: it });
  const manager2 = await t.createUser({ roles: ['it_manager'], departmentId: it });
  const engineer = await t.createUser({ roles: ['engineer'], departmentId: it });
  const requester = await t.createUser({ roles: ['requester'], departmentId: sales });
  const otherRequester = await t.createUser({ roles: ['requester'], departmentId: sales });
  const { db } = t.platform;
  const system = async (name: string) =>
    (
      await db
        .insertInto('it_systems')
        .values({ name: `${name}${u()}`, code: `${name}-${u()}`, criticality: 'high', availability_target: 99.9, analyst_id: analyst.id })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const erp = await system('ERP');
  const crm = await system('CRM');
  return {
    dept: { it, sales },
    analyst,
    manager,
    manager2,
    engineer,
    requester,
    otherRequester,
    system: { erp, crm },
    analystApi: await t.login(analyst),
    managerApi: await t.login(manager),
  };
}
export type ReleaseWorld = Awaited<ReturnType<typeof releaseWorld>>;

/** A demand written straight into the core table (the demands module owns its flow). */
export async function makeDemand(
  t: TestContext,
  w: ReleaseWorld,
  fields: { systemId?: number; status?: 'implementing' | 'released' | 'accepted'; requester?: TestUser } = {},
) {
  seq++;
  const row = await t.platform.db
    .insertInto('demands')
    .values({
      number: `XQ-T${Date.now()}-${seq}-${randomBytes(2).toString('hex')}`,
      title: `需求 ${seq}`,
      system_id: fields.systemId ?? w.system.erp,
      status: fields.status ?? 'implementing',
      requester_id: (fields.requester ?? w.requester).id,
      analyst_id: w.analyst.id,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return row;
}

/** A window starting in `inHours` hours and lasting `hours`. */
export function windowIn(inHours = 24, hours = 2) {
  const start = new Date(Date.now() + inHours * HOUR);
  return { windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + hours * HOUR).toISOString() };
}

/** Requests a release through the API; returns its detail. */
export async function requestRelease(api: ApiClient, w: ReleaseWorld, fields: Record<string, unknown> = {}) {
  const res = await api.post('/api/releases', {
    systemId: w.system.erp,
    versionLabel: 'V3.2.0',
    title: 'ERP 财务模块上线',
    plan: '1. 停服 2. 部署 3. 验证',
    rollbackPlan: '回退到 V3.1.4',
    risk: 'medium',
    ...windowIn(),
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(`request failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; number: string; version: number; status: string };
}

/** A release taken to `approved`: requested by the analyst, approved by the manager. */
export async function approvedRelease(w: ReleaseWorld, fields: Record<string, unknown> = {}) {
  const r = await requestRelease(w.analystApi, w, fields);
  const submitted = await w.analystApi.post(`/api/releases/${r.id}/submit`, { version: r.version });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  const approved = await w.managerApi.post(`/api/releases/${r.id}/approve`, { version: submitted.json().version, comment: '同意' });
  if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.body}`);
  return approved.json() as { id: number; number: string; version: number; status: string };
}
