import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { refreshSla, slaCheckJob } from './sla.js';
import { type DeskFixture, eventually, serviceDesk } from './test-fixtures.js';

let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
});
afterAll(() => t.close());

const at = (local: string) => new Date(`${local}+08:00`);

/** A P2 ticket whose SLA history is the given events (times in Asia/Shanghai), recomputed as of `now`. */
async function ticketWithHistory(events: [string, string][], now: string) {
  const api = await t.login(f.requester);
  const ticket = (await api.post('/api/tickets', { title: 'SLA 计算', priority: 'P2' })).json();
  await t.platform.db.deleteFrom('ticket_sla_events').where('ticket_id', '=', ticket.id).execute();
  await t.platform.db
    .insertInto('ticket_sla_events')
    .values(events.map(([when, kind]) => ({ ticket_id: ticket.id, at: at(when), kind, priority: kind === 'started' ? 'P2' : null })))
    .execute();
  await t.platform.db.transaction().execute((trx) => refreshSla(trx, t.platform, ticket.id, at(now)));
  return t.platform.db
    .selectFrom('tickets')
    .select(['response_due_at', 'resolution_due_at', 'sla_state'])
    .where('id', '=', ticket.id)
    .executeTakeFirstOrThrow();
}

describe('SLA due times on the 2026 calendar (standard calendar: 09:00–12:00, 13:30–18:00; P2 = 1 h / 8 h)', () => {
  it('skips 国庆: started 9-30 16:00 → respond by 17:00, resolve by 10-08 16:30', async () => {
    // Resolution: 16:00–18:00 on 9-30 uses 2 h; 10-01…10-07 are holidays; 10-08 (Thu) 09:00–12:00 is 3 h more,
    // 13:30–16:30 the last 3 h.
    const row = await ticketWithHistory([['2026-09-30T16:00:00', 'started']], '2026-09-30T16:10:00');
    expect(row.response_due_at?.toISOString()).toBe(at('2026-09-30T17:00:00').toISOString());
    expect(row.resolution_due_at?.toISOString()).toBe(at('2026-10-08T16:30:00').toISOString());
    expect(row.sla_state).toBe('ok');
  });

  it('stops the clock while on hold: paused 9-30 17:00, resumed 10-08 10:00 → due 10-09 09:30', async () => {
    // Used before the pause: 16:00–17:00 = 1 h; 7 h left from 10-08 10:00: 10:00–12:00 (2 h), 13:30–18:00 (4.5 h),
    // then 10-09 (Fri) 09:00–09:30.
    const row = await ticketWithHistory(
      [
        ['2026-09-30T16:00:00', 'started'],
        ['2026-09-30T16:30:00', 'responded'],
        ['2026-09-30T17:00:00', 'paused'],
        ['2026-10-08T10:00:00', 'resumed'],
      ],
      '2026-10-08T10:05:00',
    );
    expect(row.response_due_at).toBeNull(); // met
    expect(row.resolution_due_at?.toISOString()).toBe(at('2026-10-09T09:30:00').toISOString());
  });

  it('counts the 春节 make-up Saturday 2-28 as a working day', async () => {
    // Started Fri 2-27 17:30: 0.5 h that day; Sat 2-28 is a 调休 working day: 09:00–12:00 (3 h), 13:30–18:00 (4.5 h) → 8 h at 18:00.
    const row = await ticketWithHistory([['2026-02-27T17:30:00', 'started']], '2026-02-27T17:31:00');
    expect(row.resolution_due_at?.toISOString()).toBe(at('2026-02-28T18:00:00').toISOString());
    expect(row.response_due_at?.toISOString()).toBe(at('2026-02-28T09:30:00').toISOString());
  });

  it('marks a breach, notifies once and escalates to the team lead, even when the check runs twice', async () => {
    const api = await t.login(f.requester);
    const ticket = (
      await api.post('/api/tickets', { title: '超时工单', priority: 'P1', catalogItemId: f.itemId, formValues: { symptom: 'slow' } })
    ).json();
    // Pretend it started long ago: every clock is far past due.
    await t.platform.db
      .updateTable('ticket_sla_events')
      .set({ at: new Date(Date.now() - 30 * 86_400_000) })
      .where('ticket_id', '=', ticket.id)
      .execute();
    const job = slaCheckJob(t.platform);
    await job.handler({ ticketId: ticket.id }, { id: 'a', retryCount: 0 });
    await job.handler({ ticketId: ticket.id }, { id: 'b', retryCount: 0 });
    const row = await t.platform.db
      .selectFrom('tickets')
      .select(['sla_state', 'sla_breached_at', 'escalation_level'])
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.sla_state).toBe('breached');
    expect(row.sla_breached_at).not.toBeNull();
    expect(row.escalation_level).toBe(2); // team lead, then IT manager
    const events = await t.platform.db
      .selectFrom('notification_events')
      .select('type')
      .where('record_id', '=', ticket.id)
      .where('type', 'in', ['ticket.slaBreached', 'ticket.escalated'])
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual(['ticket.escalated', 'ticket.escalated', 'ticket.slaBreached']);
    const overdue = (await (await t.login(f.agent)).get('/api/tickets?view=overdue')).json();
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const report = (await (await t.login(f.agent)).get(`/api/tickets/${ticket.id}/sla`)).json();
    expect(report.resolution.status).toBe('breached');
    expect(report.explanation.map((s: { kind: string }) => s.kind)).toContain('started');
  });

  it('pauses the clock while on hold (the queue shows it as paused)', async () => {
    const api = await t.login(f.requester);
    const ticket = (await api.post('/api/tickets', { title: '挂起工单', catalogItemId: f.itemId, formValues: { symptom: 'slow' } })).json();
    const eng = await t.login(f.engineerA);
    const claimed = (await eng.post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version })).json();
    await eng.post(`/api/tickets/${ticket.id}/actions/hold`, { version: claimed.version, holdReason: 'pending_vendor' });
    await eventually(async () => {
      const row = await t.platform.db
        .selectFrom('tickets')
        .select(['sla_state', 'resolution_due_at'])
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ sla_state: 'paused', resolution_due_at: null });
    });
  });

  it('recomputes open tickets when an admin changes the policy', async () => {
    const api = await t.login(f.requester);
    const ticket = (await api.post('/api/tickets', { title: '策略变更重算', priority: 'P4' })).json();
    const before = ticket.resolutionDueAt;
    const admin = await t.login(f.admin);
    const policy = (await admin.get('/api/sla/policies')).json().items.find((p: { isDefault: boolean }) => p.isDefault);
    const targets = { ...policy.targets, P4: { ...policy.targets.P4, resolutionMinutes: policy.targets.P4.resolutionMinutes * 2 } };
    const saved = await admin.patch(`/api/sla/policies/${policy.id}`, { version: policy.version, targets });
    expect(saved.statusCode).toBe(200);
    expect((await (await t.login(f.requester)).post('/api/sla/recompute')).statusCode).toBe(403);
    expect((await admin.post('/api/sla/recompute')).statusCode).toBe(202);
    await eventually(async () => {
      const after = (await (await t.login(f.agent)).get(`/api/tickets/${ticket.id}`)).json().resolutionDueAt;
      expect(new Date(after).getTime()).toBeGreaterThan(new Date(before).getTime());
    }, 20_000);
  });
});
