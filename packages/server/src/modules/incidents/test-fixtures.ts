import type { ApiClient, TestContext } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from '../tickets/test-fixtures.js';

export interface IncidentFixture extends DeskFixture {
  /** service_desk: incident.manage with scope all. */
  managerApi: ApiClient;
  /** engineer in team A (incident.handle, scope team). */
  engineerApi: ApiClient;
  systemId: number;
}

/** The service desk (two teams, engineers, a manager) plus an IT system coded `erp`. */
export async function incidentBase(t: TestContext): Promise<IncidentFixture> {
  const desk = await serviceDesk(t);
  const { id: systemId } = await t.platform.db
    .insertInto('it_systems')
    .values({ name: 'ERP 系统', code: `erp${Date.now() % 100000}`, criticality: 'high', availability_target: '99.9' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...desk, managerApi: await t.login(desk.agent), engineerApi: await t.login(desk.engineerA), systemId };
}

/** Registers an incident through the API; returns its detail. */
export async function makeIncident(api: ApiClient, body: Record<string, unknown> = {}) {
  const res = await api.post('/api/incidents', {
    title: 'ERP 登录缓慢',
    description: '多名用户反映 ERP 登录需要一分钟以上',
    category: 'performance',
    impact: 'medium',
    urgency: 'medium',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`incident: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; number: string; version: number; status: string; priority: string };
}

/** Takes an action with the incident's current version. */
export async function act(api: ApiClient, id: number, body: Record<string, unknown>) {
  const current = await api.get(`/api/incidents/${id}`);
  return api.post(`/api/incidents/${id}/actions`, { version: current.json().version, ...body });
}
