import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type DeskFixture, serviceDesk } from './test-fixtures.js';

// Least-loaded routing reads each person's open load from ticket_open_load, which a trigger keeps
// (migration 0011). These tests hold it to the truth: the count of the person's open tickets.

let t: TestContext;
let f: DeskFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await serviceDesk(t);
});
afterAll(() => t.close());

/** A computer repair: its catalogue item routes to team A, whose engineers may claim it. */
const submit = async (title: string) => {
  const res = await (await t.login(f.requester)).post('/api/tickets', {
    title,
    description: '',
    catalogItemId: f.itemId,
    formValues: { symptom: 'slow' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
};

/** Every person's kept load and counted load, side by side (people with neither are left out). */
async function loads() {
  const kept = await t.platform.db.selectFrom('ticket_open_load').select(['user_id', 'open_count']).where('open_count', '<>', 0).execute();
  const counted = await t.platform.db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('assignee_id', 'is not', null)
    .where('status', 'in', ['new', 'in_progress', 'on_hold'])
    .groupBy('assignee_id')
    .execute();
  const byId = (rows: [number, number][]) => Object.fromEntries(rows.sort((a, b) => a[0] - b[0]));
  return {
    kept: byId(kept.map((r) => [Number(r.user_id), r.open_count])),
    counted: byId(counted.map((r) => [Number(r.assignee_id), Number(r.n)])),
  };
}

describe('open load', () => {
  it('follows claims, transfers, holds, resolves, reopens, cancels and merges', async () => {
    const engA = await t.login(f.engineerA);
    const engB = await t.login(f.engineerB);
    const requester = await t.login(f.requester);
    const agent = await t.login(f.agent);

    const first = await submit('开机蓝屏');
    const claimed = (await engA.post(`/api/tickets/${first.id}/actions/claim`, { version: first.version })).json();
    expect((await loads()).kept).toEqual({ [f.engineerA.id]: 1 });

    const second = await submit('显示器闪烁');
    const assigned = (
      await agent.post(`/api/tickets/${second.id}/actions/assign`, { version: second.version, teamId: f.teamB, assigneeId: f.engineerB.id })
    ).json();
    expect((await loads()).kept).toEqual({ [f.engineerA.id]: 1, [f.engineerB.id]: 1 });

    // A transfer takes it off A; B holds (still open), resumes and resolves (no longer open).
    await engA.post(`/api/tickets/${first.id}/actions/transfer`, { version: claimed.version, teamId: f.teamB, reason: '网络问题' });
    let current = (await engB.get(`/api/tickets/${first.id}`)).json();
    current = (await engB.post(`/api/tickets/${first.id}/actions/claim`, { version: current.version })).json();
    current = (
      await engB.post(`/api/tickets/${first.id}/actions/hold`, { version: current.version, holdReason: 'pending_customer', reason: '等待' })
    ).json();
    expect((await loads()).kept).toEqual({ [f.engineerB.id]: 2 });
    current = (await engB.post(`/api/tickets/${first.id}/actions/resume`, { version: current.version })).json();
    const resolved = (
      await engB.post(`/api/tickets/${first.id}/actions/resolve`, { version: current.version, solution: '更换网线' })
    ).json();
    expect((await loads()).kept).toEqual({ [f.engineerB.id]: 1 });

    // The requester reopens: it is B's again.
    await requester.post(`/api/tickets/${first.id}/actions/reopen`, { version: resolved.version, reason: '又出现了' });
    expect((await loads()).kept).toEqual({ [f.engineerB.id]: 2 });

    // The second is merged into the first and closed; a third, assigned, is cancelled.
    await agent.post(`/api/tickets/${second.id}/actions/merge`, { version: assigned.version, targetId: first.id });
    const third = await submit('键盘失灵');
    const thirdAssigned = (
      await agent.post(`/api/tickets/${third.id}/actions/assign`, { version: third.version, teamId: f.teamA, assigneeId: f.engineerA.id })
    ).json();
    expect((await loads()).kept).toEqual({ [f.engineerA.id]: 1, [f.engineerB.id]: 1 });
    await requester.post(`/api/tickets/${third.id}/actions/cancel`, { version: thirdAssigned.version });

    const { kept, counted } = await loads();
    expect(kept).toEqual({ [f.engineerB.id]: 1 });
    expect(kept).toEqual(counted);
  });

  it('stays exact when many people change tickets at once, and a rolled-back change leaves it alone', async () => {
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => submit(`并发负载 ${i}`)));
    const engineers = [f.engineerA, f.engineerA2];
    // Two engineers race to claim every ticket: each ticket goes to one of them, the other gets 409.
    await Promise.all(
      created.flatMap((ticket) =>
        engineers.map(async (who) => (await t.login(who)).post(`/api/tickets/${ticket.id}/actions/claim`, { version: ticket.version })),
      ),
    );
    // Then they resolve every other one of theirs and transfer some of the rest, all at once.
    await Promise.all(
      created.map(async (ticket, i) => {
        const row = await t.platform.db
          .selectFrom('tickets')
          .select(['assignee_id', 'version'])
          .where('id', '=', ticket.id)
          .executeTakeFirstOrThrow();
        const who = engineers.find((e) => e.id === Number(row.assignee_id));
        if (!who) throw new Error(`ticket ${ticket.id} was not claimed`);
        const api = await t.login(who);
        if (i % 2) return api.post(`/api/tickets/${ticket.id}/actions/resolve`, { version: row.version, solution: '已处理' });
        if (i % 3 === 0)
          return api.post(`/api/tickets/${ticket.id}/actions/transfer`, { version: row.version, teamId: f.teamB, reason: '转网络组' });
        return null;
      }),
    );
    const { kept, counted } = await loads();
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(kept).toEqual(counted);

    // A change that rolls back must not count.
    const before = await loads();
    await t.platform.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('tickets')
          .set({ assignee_id: f.engineerB.id, status: 'in_progress' })
          .where('id', '=', created[0].id)
          .execute();
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await loads()).toEqual(before);
  });

  it('least-loaded routing deals to the emptiest member until the loads are level', async () => {
    const crew = [];
    for (let i = 0; i < 3; i++) crew.push((await t.createUser({ roles: ['engineer'] })).id);
    const team = await t.createTeam('负载均衡组', crew, crew[0]);
    const agent = await t.login(f.agent);
    const rule = await agent.post('/api/assignment-rules', {
      name: '负载',
      keywords: ['负载均衡'],
      teamId: team,
      strategy: 'least_loaded',
    });
    expect(rule.statusCode).toBe(201);
    // Give crew[0] three open tickets and crew[1] one, by hand.
    for (const [who, n] of [
      [crew[0], 3],
      [crew[1], 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const ticket = await submit(`预置工单 ${who}-${i}`);
        await agent.post(`/api/tickets/${ticket.id}/actions/assign`, { version: ticket.version, teamId: team, assigneeId: who });
      }
    }
    // Five more: crew[2] gets the first (0), then crew[1] and crew[2] alternate up to 3, then crew[0] is level too.
    const dealt = [];
    for (let i = 0; i < 5; i++) dealt.push((await submit(`负载均衡 ${i}`)).assignee.id);
    expect(dealt).toEqual([crew[2], crew[1], crew[2], crew[1], crew[2]]);
    const { kept } = await loads();
    expect([kept[crew[0] as number], kept[crew[1] as number], kept[crew[2] as number]]).toEqual([3, 3, 3]);
  });
});
