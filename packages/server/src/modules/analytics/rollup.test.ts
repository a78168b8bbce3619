import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestContext } from '../../test/harness.js';
import { setupTestApp } from '../../test/harness.js';
import { localDate } from '../sla/service.js';
import { type DeskFixture, eventually, serviceDesk } from '../tickets/test-fixtures.js';
import { ticketRollupJob } from './jobs.js';
import { rebuildTicketRollup, refreshTicketRollup } from './rollup.js';
import { derivedMismatches, directRollup, storedRollup } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
let requester: ApiClient;
let engA: ApiClient;
let engB: ApiClient;
const runJob = () => ticketRollupJob(t.platform, pino({ level: 'silent' })).handler({}, { id: 'test', retryCount: 0 });

beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
  requester = await t.login(f.requester);
  engA = await t.login(f.engineerA);
  engB = await t.login(f.engineerB);
});
afterAll(() => t.close());

async function submit(title: string): Promise<number> {
  const res = await requester.post('/api/tickets', { title, catalogItemId: f.itemId, formValues: { symptom: 'slow' } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** Takes an action with the ticket's current version; fails the test if it is refused. */
async function act(client: ApiClient, id: number, action: string, body: Record<string, unknown> = {}) {
  const { version } = await t.platform.db.selectFrom('tickets').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const res = await client.post(`/api/tickets/${id}/actions/${action}`, { version, ...body });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

/** Moves a ticket's history `days` earlier (columns and SLA events), as if it had happened then. */
async function shiftBack(id: number, days: number, columns: string[]) {
  const set = sql.raw(columns.map((c) => `${c} = ${c} - interval '${days} days'`).join(', '));
  await sql`UPDATE tickets SET ${set}, updated_at = now() WHERE id = ${id}`.execute(t.platform.db);
  if (columns.includes('resolved_at')) {
    await sql`UPDATE ticket_sla_events SET at = at - ${`${days} days`}::interval WHERE ticket_id = ${id} AND kind = 'resolved'`.execute(
      t.platform.db,
    );
  }
}

describe('the daily ticket rollup', () => {
  it('equals the figures computed directly from the tickets after creates, claims, transfers, resolves, reopens and ratings across days', async () => {
    // t1: claimed, resolved and rated 5 — submitted 3 days ago, resolved 2 days ago, rated yesterday.
    const t1 = await submit('打印机卡纸');
    await act(engA, t1, 'claim');
    await act(engA, t1, 'resolve', { solution: '清理卡纸' });
    await requester.post(`/api/tickets/${t1}/rating`, { stars: 5 });
    await shiftBack(t1, 3, ['created_at', 'responded_at']);
    await shiftBack(t1, 2, ['resolved_at']);
    await shiftBack(t1, 1, ['closed_at', 'rated_at']);
    // t2: claimed by A, transferred to B, resolved, reopened, resolved again, confirmed without a rating.
    const t2 = await submit('无法连接 VPN');
    await act(engA, t2, 'claim');
    await act(engA, t2, 'transfer', { teamId: f.teamB, reason: '网络问题' });
    await act(engB, t2, 'claim');
    await act(engB, t2, 'resolve', { solution: '重置账号' });
    await act(requester, t2, 'reopen', { reason: '还是连不上' });
    await act(engB, t2, 'resolve', { solution: '更换证书' });
    await act(requester, t2, 'confirm');
    await shiftBack(t2, 5, ['created_at']);
    // t3: claimed, rated 1 after resolution; t4: still in the pool.
    const t3 = await submit('电脑蓝屏');
    await act(engA, t3, 'claim');
    await act(engA, t3, 'resolve', { solution: '重装驱动' });
    await requester.post(`/api/tickets/${t3}/rating`, { stars: 1, comment: '太慢了' });
    await submit('显示器闪烁');

    await runJob();
    const direct = await directRollup(t.platform.db);
    expect(await storedRollup(t.platform.db)).toEqual(direct);
    // The mix really spread over several days and teams, with every kind of figure present.
    const days = new Set(Object.keys(direct).map((k) => k.split('|')[0]));
    expect(days.size).toBeGreaterThanOrEqual(4);
    const total = (m: string) => Object.values(direct).reduce((sum, fig) => sum + ((fig as Record<string, number>)[m] ?? 0), 0);
    expect({
      created: total('created'),
      transferred: total('transferred'),
      resolved: total('resolved'),
      reopened: total('reopened'),
      rated: total('rated'),
      low: total('low_rated'),
    }).toEqual({ created: 4, transferred: 1, resolved: 3, reopened: 1, rated: 2, low: 1 });

    expect(await derivedMismatches(t.platform.db)).toBe(0);
    // A full rebuild gives the same rows as the job's incremental refresh.
    await rebuildTicketRollup(t.platform.db);
    expect(await storedRollup(t.platform.db)).toEqual(direct);
    expect(await derivedMismatches(t.platform.db)).toBe(0);
  });

  it('the job picks up a new ticket and a reopen that takes a resolution off an earlier day', async () => {
    const id = await submit('邮箱满了');
    await act(engA, id, 'claim');
    await act(engA, id, 'resolve', { solution: '清理邮箱' });
    await shiftBack(id, 4, ['created_at', 'responded_at', 'resolved_at']);
    const resolvedDay = localDate('Asia/Shanghai', Date.now() - 4 * 86_400_000);
    const resolvedOn = async () =>
      Number(
        (
          await t.platform.db
            .selectFrom('ticket_daily_stats')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('resolved'), sql<number>`0`).as('n'))
            .where('day', '=', resolvedDay)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await resolvedOn();
    await runJob();
    expect(await resolvedOn()).toBe(before + 1);
    expect(await storedRollup(t.platform.db)).toEqual(await directRollup(t.platform.db));

    await act(requester, id, 'reopen', { reason: '又满了' });
    const touched = await refreshTicketRollup(t.platform.db);
    expect(touched).toContain(resolvedDay);
    expect(await resolvedOn()).toBe(before);
    expect(await storedRollup(t.platform.db)).toEqual(await directRollup(t.platform.db));
    expect(await derivedMismatches(t.platform.db)).toBe(0);
  });

  it('a second refresh while one is running does nothing (one writer at a time), and a rerun changes nothing', async () => {
    await submit('键盘失灵');
    const db = t.platform.db;
    await db.transaction().execute(async (trx) => {
      // Holding the lock as a running refresh would.
      await refreshTicketRollup(trx);
      expect(await refreshTicketRollup(db)).toBeNull();
    });
    const snapshot = await storedRollup(db);
    await runJob();
    await runJob();
    expect(await storedRollup(db)).toEqual(snapshot);
    expect(snapshot).toEqual(await directRollup(db));
  });

  it('counts an SLA breach per clock: a late response and a late resolution each on their own figure', async () => {
    const id = await submit('投影仪无信号');
    // The response target (P3) long passed: move the whole history back a month, then accept and resolve now.
    await sql`UPDATE tickets SET created_at = created_at - interval '30 days' WHERE id = ${id}`.execute(t.platform.db);
    await sql`UPDATE ticket_sla_events SET at = at - interval '30 days' WHERE ticket_id = ${id}`.execute(t.platform.db);
    await act(engA, id, 'claim');
    await act(engA, id, 'resolve', { solution: '更换线缆' });
    const row = await t.platform.db
      .selectFrom('tickets')
      .select(['sla_response_breached', 'sla_resolution_breached'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sla_response_breached: true, sla_resolution_breached: true });
    await runJob();
    expect(await storedRollup(t.platform.db)).toEqual(await directRollup(t.platform.db));
  });

  it('on a database upgraded to it (tickets, no rollup, no watermark, no SLA flags), the first run fills everything', async () => {
    const db = t.platform.db;
    const expected = await directRollup(db);
    const flags = () => db.selectFrom('tickets').select(['id', 'sla_response_breached', 'sla_resolution_breached']).orderBy('id').execute();
    const expectedFlags = await flags();
    expect(expectedFlags.some((r) => r.sla_response_breached)).toBe(true);
    // By the upgrade, the SLA timer has announced every breach (sla_breached_at), which is what the backfill looks for.
    await eventually(async () => {
      const unannounced = await db
        .selectFrom('tickets')
        .select('id')
        .where('sla_breached_at', 'is', null)
        .where((eb) => eb.or([eb('sla_response_breached', '=', true), eb('sla_resolution_breached', '=', true)]))
        .execute();
      expect(unannounced).toEqual([]);
    });
    // What migration 0012 leaves behind on an existing database.
    for (const table of ['ticket_daily_stats', 'ticket_daily_team_stats', 'ticket_monthly_people_stats', 'analytics_watermarks'] as const) {
      await db.deleteFrom(table).execute();
    }
    await db.updateTable('tickets').set({ sla_response_breached: false, sla_resolution_breached: false }).execute();

    await runJob();
    expect(await flags()).toEqual(expectedFlags);
    expect(await storedRollup(db)).toEqual(expected);
    expect(await derivedMismatches(db)).toBe(0);
    expect(await t.countRows('analytics_watermarks')).toBe(1);
  });
});
