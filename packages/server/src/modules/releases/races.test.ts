import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { approvedRelease, makeDemand, type ReleaseWorld, releaseWorld, requestRelease } from './test-fixtures.js';

let t: TestContext;
let w: ReleaseWorld;
beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await releaseWorld(t);
});
afterAll(() => t.close());

describe('concurrent decisions', () => {
  it('20 approvers approve or reject at once: exactly one wins, the rest get a localised 409, one decision is kept', async () => {
    const approvers = await Promise.all(Array.from({ length: 20 }, () => t.createUser({ roles: ['it_manager'] })));
    const apis = await Promise.all(approvers.map((a) => t.login(a)));
    const r = await requestRelease(w.analystApi, w);
    const submitted = (await w.analystApi.post(`/api/releases/${r.id}/submit`, { version: r.version })).json();
    const results = await Promise.all(
      apis.map((api, i) =>
        api.post(`/api/releases/${r.id}/${i % 2 ? 'approve' : 'reject'}`, { version: submitted.version, comment: `意见 ${i}` }),
      ),
    );
    const codes = results.map((res) => res.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const res of results.filter((x) => x.statusCode === 409))
      expect(res.json().error.message).toMatch(/^发布当前为「(已批准|已驳回)」，不能(批准|驳回)（可能已被他人处理，请刷新）$/);
    const approvals = await t.platform.db.selectFrom('release_approvals').selectAll().where('release_id', '=', r.id).execute();
    expect(approvals).toHaveLength(1);
    const row = await t.platform.db
      .selectFrom('releases')
      .select(['status', 'version', 'approver_id'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(approvals[0]?.decision);
    expect(row.approver_id).toBe(approvals[0]?.decided_by);
    expect(row.version).toBe(submitted.version + 1);
  });

  it('success and failure recorded at once: one wins; demands are released exactly once', async () => {
    const d = await makeDemand(t, w);
    const r = await approvedRelease(w, { demandIds: [d.id] });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? w.analystApi.post(`/api/releases/${r.id}/succeed`, { version: r.version })
          : w.analystApi.post(`/api/releases/${r.id}/fail`, { version: r.version, note: '失败', rolledBack: true }),
      ),
    );
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results.filter((x) => x.statusCode === 409)).toHaveLength(9);
    const status = (await w.analystApi.get(`/api/releases/${r.id}`)).json().status;
    const demand = await t.platform.db.selectFrom('demands').select(['status', 'version']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(demand).toEqual(status === 'succeeded' ? { status: 'released', version: 2 } : { status: 'implementing', version: 1 });
    const entries = await t.platform.db
      .selectFrom('activity')
      .select('kind')
      .where('record_type', '=', 'demand')
      .where('record_id', '=', d.id)
      .execute();
    expect(entries).toHaveLength(status === 'succeeded' ? 1 : 0);
  });

  it('two releases claiming the same demand at once: one gets it', async () => {
    const d = await makeDemand(t, w);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.analystApi.post('/api/releases', {
          systemId: w.system.erp,
          versionLabel: `V${i}`,
          title: `并发 ${i}`,
          demandIds: [d.id],
          windowStart: new Date(Date.now() + 86_400_000).toISOString(),
          windowEnd: new Date(Date.now() + 90_000_000).toISOString(),
        }),
      ),
    );
    expect(results.filter((x) => x.statusCode === 201)).toHaveLength(1);
    expect(results.filter((x) => x.statusCode === 409).map((x) => x.json().error.code)).toEqual(Array(9).fill('releaseDemandTaken'));
    const links = await t.platform.db.selectFrom('release_demands').selectAll().where('demand_id', '=', d.id).execute();
    expect(links).toHaveLength(1);
  });
});
