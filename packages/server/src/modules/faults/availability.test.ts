import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type FaultWorld, faultWorld } from './test-fixtures.js';

let t: TestContext;
let w: FaultWorld;
let seq = 0;
beforeAll(async () => {
  t = await setupTestApp({ TIMEZONE: 'Asia/Shanghai' }, { workers: false });
  w = await faultWorld(t);
});
afterAll(() => t.close());

/** A fault written directly, times in Beijing time (+08:00). */
async function fault(systemIds: number[], from: string, to: string | null, extra: Record<string, unknown> = {}) {
  seq++;
  const started = new Date(`${from}+08:00`);
  const row = await t.platform.db
    .insertInto('faults')
    .values({
      number: `GZ20250101-${String(seq).padStart(4, '0')}`,
      title: `测试故障 ${seq}`,
      severity: 'P2',
      status: to ? 'recovered' : 'in_progress',
      impact_kind: 'outage',
      reporter_id: w.users.engineer.id,
      started_at: started,
      detected_at: started,
      responded_at: new Date(started.getTime() + 10 * 60_000),
      recovered_at: to ? new Date(`${to}+08:00`) : null,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.platform.db
    .insertInto('fault_systems')
    .values(systemIds.map((system_id) => ({ fault_id: row.id, system_id })))
    .execute();
}

describe('availability', () => {
  it('counts the union of overlapping outages once, clipped to the period; degraded and cancelled faults do not count as downtime', async () => {
    const { erp, mail } = w.systems;
    await fault([erp], '2025-03-10T10:00:00', '2025-03-10T12:00:00'); // 120 min
    await fault([erp, mail], '2025-03-10T11:00:00', '2025-03-10T13:00:00'); // overlaps → union 10:00–13:00 = 180 min for ERP
    await fault([erp], '2025-02-28T23:00:00', '2025-03-01T01:00:00'); // 60 min inside March
    await fault([erp], '2025-03-15T09:00:00', '2025-03-15T10:00:00', { impact_kind: 'degraded', cause_category: 'capacity' });
    await fault([erp], '2025-03-20T09:00:00', '2025-03-20T19:00:00', { status: 'cancelled' });
    await fault([erp], '2025-03-31T23:30:00', '2025-04-01T00:30:00', { severity: 'P1', cause_category: 'network' }); // 30 min in March

    const res = await w.api.manager.get('/api/faults/availability?from=2025-03-01&to=2025-03-31');
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as {
      system: { id: number };
      downtimeMinutes: number;
      availability: number;
      met: boolean;
      faults: number;
      outages: number;
      periodMinutes: number;
      mttr: number;
      mtta: number;
      mtbf: number;
      bySeverity: Record<string, number>;
      byCause: Record<string, number>;
    }[];
    const erpRow = rows.find((r) => r.system.id === erp);
    expect(erpRow?.periodMinutes).toBe(31 * 24 * 60);
    expect(erpRow?.downtimeMinutes).toBe(180 + 60 + 30);
    expect(erpRow?.availability).toBeCloseTo((1 - 270 / 44_640) * 100, 4);
    expect(erpRow?.met).toBe(false); // target 99.9
    // detected in March: the two overlapping, the degraded one and the one at month end (not the one detected in February, not the cancelled)
    expect(erpRow).toMatchObject({
      faults: 4,
      outages: 3,
      bySeverity: { P1: 1, P2: 3, P3: 0, P4: 0 },
      byCause: { capacity: 1, network: 1, unknown: 2 },
    });
    expect(erpRow?.mtta).toBe(10);
    expect(erpRow?.mttr).toBe((120 + 120 + 60 + 60) / 4);
    expect(erpRow?.mtbf).toBe((44_640 - 270) / 4);
    const mailRow = rows.find((r) => r.system.id === mail);
    expect(mailRow).toMatchObject({ downtimeMinutes: 120, faults: 1 });
    expect(rows.find((r) => r.system.id === w.systems.pos)).toMatchObject({
      downtimeMinutes: 0,
      availability: 100,
      met: true,
      faults: 0,
      mtbf: null,
    });

    // a single day clips the fault that crosses midnight
    const day = (await w.api.manager.get('/api/faults/availability?from=2025-04-01&to=2025-04-01')).json();
    expect(day.rows.find((r: { system: { id: number } }) => r.system.id === erp).downtimeMinutes).toBe(30);
  });

  it('an open outage counts until now', async () => {
    const pos = w.systems.pos;
    const started = new Date(Date.now() - 90 * 60_000);
    const local = new Date(started.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
    await fault([pos], local, null);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(started);
    const row = (await w.api.manager.get(`/api/faults/availability?from=${from}&to=${today}`))
      .json()
      .rows.find((r: { system: { id: number } }) => r.system.id === pos);
    expect(row.downtimeMinutes).toBeGreaterThan(89.9);
    expect(row.downtimeMinutes).toBeLessThan(91);
    const trend = (await w.api.manager.get(`/api/faults/availability/trend?systemId=${pos}&months=3`)).json();
    expect(trend.months).toHaveLength(3);
    const lastMonths = trend.months.reduce((s: number, m: { downtimeMinutes: number }) => s + m.downtimeMinutes, 0);
    expect(lastMonths).toBeGreaterThan(89.9);
  });

  it('refuses a range that ends before it starts, in the reader language, and requires fault.read', async () => {
    const res = await w.api.manager.request('GET', '/api/faults/availability?from=2025-03-10&to=2025-03-01', {
      headers: { 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(400);
    expect((await w.api.requester.get('/api/faults/availability?from=2025-03-01&to=2025-03-31')).statusCode).toBe(403);
    const xlsx = await w.api.manager.get('/api/faults/availability/export?from=2025-03-01&to=2025-03-31');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
