import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type IncidentFixture, incidentBase } from './test-fixtures.js';

let t: TestContext;
let f: IncidentFixture;
let base: string;
let token: string;
let systemCode: string;
beforeAll(async () => {
  t = await setupTestApp();
  f = await incidentBase(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  systemCode = (await t.platform.db.selectFrom('it_systems').select('code').where('id', '=', f.systemId).executeTakeFirstOrThrow()).code;
  const settings = (await f.managerApi.get('/api/incidents/settings')).json();
  expect((await f.managerApi.put('/api/incidents/settings', { version: settings.version, defaultTeamId: f.teamA })).statusCode).toBe(200);
  const rotated = await f.managerApi.post('/api/incidents/settings/token');
  expect(rotated.statusCode).toBe(201);
  token = rotated.json().token;
});
afterAll(() => t.close());

/** A delivery as Alertmanager v0.27 sends it (webhook payload version 4). */
function payload(status: 'firing' | 'resolved', fingerprint: string, extra: { severity?: string; alertname?: string } = {}) {
  const alertname = extra.alertname ?? 'ErpApiHighLatency';
  return {
    receiver: 'shuyun',
    status,
    alerts: [
      {
        status,
        labels: {
          alertname,
          instance: 'erp-app-01:9100',
          job: 'erp',
          severity: extra.severity ?? 'critical',
          system: systemCode.toUpperCase(),
        },
        annotations: {
          summary: 'ERP 接口 P95 延迟超过 3 秒',
          description: 'erp-app-01 的 /api/order 接口 5 分钟 P95 延迟 4.2 秒',
        },
        startsAt: '2026-03-02T01:04:30.000Z',
        endsAt: status === 'resolved' ? '2026-03-02T01:36:00.000Z' : '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.corp.local:9090/graph?g0.expr=histogram_quantile',
        fingerprint,
      },
    ],
    groupLabels: { alertname },
    commonLabels: { alertname, severity: extra.severity ?? 'critical' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.corp.local:9093',
    version: '4',
    groupKey: `{}:{alertname="${alertname}"}`,
    truncatedAlerts: 0,
  };
}

const post = (body: unknown, auth: string | null = `Bearer ${token}`) =>
  fetch(`${base}/api/incidents/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });

describe('Alertmanager webhook', () => {
  it('a wrong or missing token is 401 and nothing is written', async () => {
    const before = await t.countRows('incidents');
    for (const auth of [null, 'Bearer syam_wrong', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`]) {
      const res = await post(payload('firing', 'aaaa0001'), auth);
      expect(res.status, String(auth)).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('alertTokenInvalid');
    }
    expect(await t.countRows('incidents')).toBe(before);
  });

  it('a firing alert opens an incident mapped from its labels; a repeat counts; a resolved alert resolves it', async () => {
    const fired = await post(payload('firing', '6f1b2c3d4e5f0001'));
    expect(fired.status).toBe(200);
    expect(await fired.json()).toEqual({ created: 1, repeated: 0, resolved: 0 });
    const row = await t.platform.db
      .selectFrom('incidents')
      .selectAll()
      .where('alert_fingerprint', '=', '6f1b2c3d4e5f0001')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'alert',
      title: 'ERP 接口 P95 延迟超过 3 秒',
      priority: 'P1',
      impact: 'high',
      urgency: 'high',
      status: 'new',
      team_id: f.teamA,
      system_id: f.systemId,
      alert_count: 1,
      review_required: true,
    });
    expect(new Date(row.occurred_at).toISOString()).toBe('2026-03-02T01:04:30.000Z');
    // the team hears of a P1
    const bells = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select('n.user_id')
      .where('e.record_id', '=', row.id)
      .where('e.type', '=', 'incident.major')
      .execute();
    expect(bells).toHaveLength(2);

    expect(await (await post(payload('firing', '6f1b2c3d4e5f0001'))).json()).toEqual({ created: 0, repeated: 1, resolved: 0 });
    const repeated = (await f.managerApi.get(`/api/incidents/${row.id}`)).json();
    expect(repeated.alertCount).toBe(2);

    expect(await (await post(payload('resolved', '6f1b2c3d4e5f0001'))).json()).toEqual({ created: 0, repeated: 0, resolved: 1 });
    const resolved = (await f.managerApi.get(`/api/incidents/${row.id}`)).json();
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2026-03-02T01:36:00.000Z' });
    expect(resolved.resolution).toContain('恢复');
    const kinds = (await f.managerApi.get(`/api/timeline/incident/${row.id}`))
      .json()
      .items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds).toEqual(['incidentFromAlert', 'incidentAlertRepeated', 'incidentAlertResolved']);
    // firing again after recovery is a new incident
    expect(await (await post(payload('firing', '6f1b2c3d4e5f0001'))).json()).toEqual({ created: 1, repeated: 0, resolved: 0 });
    // a resolved alert with no open incident changes nothing
    expect(await (await post(payload('resolved', 'ffff0000'))).json()).toEqual({ created: 0, repeated: 0, resolved: 0 });
  });

  it('severity warning → P3, info → P4; no summary → the alertname', async () => {
    const warning = payload('firing', 'w0001', { severity: 'warning', alertname: 'DiskWillFillIn4Hours' });
    for (const alert of warning.alerts) alert.annotations = {} as never;
    await post(warning);
    await post(payload('firing', 'i0001', { severity: 'info' }));
    const rows = await t.platform.db
      .selectFrom('incidents')
      .select(['alert_fingerprint', 'priority', 'title'])
      .where('alert_fingerprint', 'in', ['w0001', 'i0001'])
      .orderBy('alert_fingerprint', 'desc')
      .execute();
    expect(rows).toEqual([
      { alert_fingerprint: 'w0001', priority: 'P3', title: 'DiskWillFillIn4Hours' },
      { alert_fingerprint: 'i0001', priority: 'P4', title: 'ERP 接口 P95 延迟超过 3 秒' },
    ]);
  });

  it('a severity naming an Object.prototype property counts as a warning, and the rest of the batch is processed', async () => {
    const severities = ['critical', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'info'];
    const body = payload('firing', 'unused');
    body.alerts = severities.map((severity, i) => {
      const [alert] = payload('firing', `proto-${i}`, { severity, alertname: `ProtoAlert${i}` }).alerts;
      return alert as (typeof body.alerts)[number];
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: severities.length, repeated: 0, resolved: 0 });
    const rows = await t.platform.db
      .selectFrom('incidents')
      .select(['alert_fingerprint', 'priority', 'impact', 'urgency'])
      .where('alert_fingerprint', 'like', 'proto-%')
      .orderBy('alert_fingerprint')
      .execute();
    expect(rows.map((r) => r.priority)).toEqual(['P1', 'P3', 'P3', 'P3', 'P3', 'P4']);
    expect(rows[1]).toMatchObject({ impact: 'medium', urgency: 'medium' });
  });

  it('20 concurrent identical deliveries open exactly one incident; the other 19 count as repeats', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => post(payload('firing', 'race-7a7a7a'))));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = (await Promise.all(results.map((r) => r.json()))) as { created: number; repeated: number }[];
    expect(bodies.reduce((n, b) => n + b.created, 0)).toBe(1);
    expect(bodies.reduce((n, b) => n + b.repeated, 0)).toBe(19);
    const rows = await t.platform.db
      .selectFrom('incidents')
      .select(['id', 'alert_count'])
      .where('alert_fingerprint', '=', 'race-7a7a7a')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.alert_count).toBe(20);
  });

  it('a malformed body with the right token is a 400 and writes nothing; an old token stops working after rotation', async () => {
    const before = await t.countRows('incidents');
    const res = await post({ alerts: [{ status: 'burning' }] });
    expect(res.status).toBe(400);
    const old = token;
    token = (await f.managerApi.post('/api/incidents/settings/token')).json().token;
    expect((await post(payload('firing', 'x1'), `Bearer ${old}`)).status).toBe(401);
    expect(await t.countRows('incidents')).toBe(before);
    const settings = (await f.managerApi.get('/api/incidents/settings')).json();
    expect(settings).toMatchObject({ defaultTeam: { id: f.teamA }, tokenPrefix: token.slice(0, 10) });
    // only the hash is stored
    const stored = await t.platform.db.selectFrom('incident_settings').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toHaveLength(64);
  });
});

describe('Alertmanager webhook on a small pool', () => {
  let small: TestContext;
  let smallBase: string;
  let smallToken: string;
  beforeAll(async () => {
    small = await setupTestApp({ DATABASE_POOL_SIZE: '2' }, { workers: false });
    const fixture = await incidentBase(small);
    await small.app.listen({ port: 0, host: '127.0.0.1' });
    smallBase = `http://127.0.0.1:${(small.app.server.address() as AddressInfo).port}`;
    smallToken = (await fixture.managerApi.post('/api/incidents/settings/token')).json().token;
  });
  afterAll(() => small.close());

  it('ten different alerts at once, with two connections, open ten incidents with ten distinct numbers', async () => {
    // Each alert is opened in a transaction; numbering it on a second connection would leave every
    // connection held by a transaction waiting for another, and the deliveries would never answer.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${smallBase}/api/incidents/alerts/alertmanager`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${smallToken}` },
          body: JSON.stringify(payload('firing', `pool-${i}`, { alertname: `PoolAlert${i}` })),
          signal: AbortSignal.timeout(10_000),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const rows = await small.platform.db.selectFrom('incidents').select('number').where('alert_fingerprint', 'like', 'pool-%').execute();
    expect(new Set(rows.map((r) => r.number)).size).toBe(10);
  });
});
