import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { type AssetWorld, assetWorld, issuedTo, registerAsset } from './test-fixtures.js';

let t: TestContext;
let w: AssetWorld;

beforeAll(async () => {
  t = await setupTestApp({}, { workers: false });
  w = await assetWorld(t);
});
afterAll(() => t.close());

const kinds = async (id: number) =>
  (await w.adminApi.get(`/api/timeline/asset/${id}`)).json().items.map((e: { event: { kind: string } }) => e.event.kind);
const auditActions = async (id: number) =>
  (
    await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'asset')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute()
  ).map((r) => r.action);
const bell = async (userId: number) =>
  (
    await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['e.type', 'e.record_id'])
      .where('n.user_id', '=', userId)
      .execute()
  ).map((r) => `${r.type}:${r.record_id}`);

describe('issue and receipt', () => {
  it('issues to a user (in use, their department, awaiting receipt, notified); only that user confirms', async () => {
    const user = await t.createUser({ roles: ['requester'], departmentId: w.dept.sales });
    const other = await t.createUser({ roles: ['requester'] });
    const a = await registerAsset(w.adminApi, w);
    const issued = await w.adminApi.post(`/api/assets/${a.id}/issue`, { version: a.version, userId: user.id });
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({
      status: 'in_use',
      custodian: { id: user.id },
      department: { id: w.dept.sales },
      pending: 'receipt',
      pendingAction: { kind: 'receipt', user: { id: user.id } },
    });
    expect(await bell(user.id)).toEqual([`asset.issued:${a.id}`]);

    const userApi = await t.login(user);
    const mine = (await userApi.get('/api/assets/mine')).json();
    expect(mine.waiting.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const todos = (await userApi.get('/api/home/todos')).json();
    expect(todos.items).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'assetReceipts', count: 1 })]));
    expect((await userApi.get(`/api/assets/${a.id}`)).json().allowed).toEqual(['receive']);

    // Someone else cannot sign for it (out of their scope: 404), the admin cannot sign for the user.
    expect((await (await t.login(other)).post(`/api/assets/${a.id}/receive`, { version: issued.json().version })).statusCode).toBe(404);
    const byAdmin = await w.adminApi.post(`/api/assets/${a.id}/receive`, { version: issued.json().version });
    expect(byAdmin.statusCode).toBe(409);
    expect(byAdmin.json().error.code).toBe('assetNothingPending');

    const received = await userApi.post(`/api/assets/${a.id}/receive`, { version: issued.json().version });
    expect(received.json()).toMatchObject({ status: 'in_use', pending: null });
    expect((await userApi.get('/api/assets/mine')).json().holding.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect(await kinds(a.id)).toEqual(['assetRegistered', 'assetIssued', 'assetReceived']);
    expect(await auditActions(a.id)).toEqual(['create', 'asset.issue', 'asset.receive']);
  });

  it('refuses to issue an asset that is not in stock, naming its status, and changes nothing', async () => {
    const user = await t.createUser();
    const a = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, a.id, user);
    // Messages come in the reader's language (an English-speaking asset admin here).
    const english = await t.createUser({ roles: ['asset_admin'] });
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', english.id).execute();
    const again = await (await t.login(english)).post(`/api/assets/${a.id}/issue`, { version: v, userId: user.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'assetStatusConflict' });
    expect(again.json().error.message).toContain('In use');
    const zh = await w.adminApi.post(`/api/assets/${a.id}/issue`, { version: v, userId: user.id });
    expect(zh.json().error.message).toContain('在用');
    expect(await kinds(a.id)).toEqual(['assetRegistered', 'assetIssued', 'assetReceived']);
    const inactive = await t.createUser({ active: false });
    const b = await registerAsset(w.adminApi, w);
    const bad = await w.adminApi.post(`/api/assets/${b.id}/issue`, { version: b.version, userId: inactive.id });
    expect(bad.statusCode).toBe(400);
    expect((await w.adminApi.get(`/api/assets/${b.id}`)).json()).toMatchObject({ status: 'in_stock', version: b.version });
  });

  it('20 clients issuing the same asset at once: one wins, the rest get the conflict, one issue in the history', async () => {
    const a = await registerAsset(w.adminApi, w);
    const users = await Promise.all(Array.from({ length: 20 }, () => t.createUser()));
    const admins = await Promise.all(Array.from({ length: 20 }, () => t.login(w.admin)));
    const results = await Promise.all(
      admins.map((api, i) => api.post(`/api/assets/${a.id}/issue`, { version: a.version, userId: users[i]?.id })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(['assetStatusConflict']));
    expect((await kinds(a.id)).filter((k: string) => k === 'assetIssued')).toHaveLength(1);
    expect(await t.platform.db.selectFrom('asset_pending_actions').select('user_id').where('asset_id', '=', a.id).execute()).toHaveLength(
      1,
    );
  });
});

describe('return and transfer', () => {
  it('return puts the asset back in stock at a location; a requester may not return', async () => {
    const user = await t.createUser();
    const a = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, a.id, user);
    expect((await (await t.login(user)).post(`/api/assets/${a.id}/return`, { version: v, locationId: w.location.room })).statusCode).toBe(
      403,
    );
    const back = await w.adminApi.post(`/api/assets/${a.id}/return`, { version: v, locationId: w.location.room });
    expect(back.json()).toMatchObject({ status: 'in_stock', custodian: null, location: { id: w.location.room } });
    const twice = await w.adminApi.post(`/api/assets/${a.id}/return`, { version: back.json().version, locationId: w.location.room });
    expect(twice.json().error.code).toBe('assetStatusConflict');
  });

  it('the holder asks transfer-out; the receiver confirms transfer-in and becomes the holder', async () => {
    const holder = await t.createUser({ departmentId: w.dept.it });
    const receiver = await t.createUser({ departmentId: w.dept.sales });
    const a = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, a.id, holder);
    const holderApi = await t.login(holder);
    const asked = await holderApi.post(`/api/assets/${a.id}/transfer`, { version: v, userId: receiver.id, reason: '岗位调整' });
    expect(asked.json()).toMatchObject({ pending: 'transfer', custodian: { id: holder.id } });
    expect(await bell(receiver.id)).toEqual([`asset.transferRequested:${a.id}`]);
    // Nothing else may happen to it meanwhile.
    const repair = await w.adminApi.post(`/api/assets/${a.id}/repair`, { version: asked.json().version, vendor: 'x', fault: 'y' });
    expect(repair.json().error.code).toBe('assetPendingAction');

    const receiverApi = await t.login(receiver);
    const seen = (await receiverApi.get(`/api/assets/${a.id}`)).json();
    expect(seen.allowed).toEqual(['acceptTransfer', 'declineTransfer']);
    const accepted = await receiverApi.post(`/api/assets/${a.id}/accept-transfer`, { version: seen.version });
    expect(accepted.json()).toMatchObject({ custodian: { id: receiver.id }, department: { id: w.dept.sales }, pending: null });
    expect((await holderApi.get(`/api/assets/${a.id}`)).statusCode).toBe(404);
    expect((await kinds(a.id)).slice(-2)).toEqual(['assetTransferRequested', 'assetTransferred']);
  });

  it('a receiver may decline (the holder keeps it); a stranger cannot ask to transfer someone else’s asset', async () => {
    const holder = await t.createUser();
    const receiver = await t.createUser();
    const a = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, a.id, holder);
    const self = await (await t.login(holder)).post(`/api/assets/${a.id}/transfer`, { version: v, userId: holder.id });
    expect(self.json().error.code).toBe('sameTarget');
    const asked = await (await t.login(holder)).post(`/api/assets/${a.id}/transfer`, { version: v, userId: receiver.id });
    const declined = await (await t.login(receiver)).post(`/api/assets/${a.id}/decline-transfer`, {
      version: asked.json().version,
      reason: '不需要',
    });
    expect(declined.json()).toEqual({ ok: true });
    const kept = (await w.adminApi.get(`/api/assets/${a.id}`)).json();
    expect(kept).toMatchObject({ custodian: { id: holder.id }, pending: null });
    // A supervisor who can see it but does not hold it may not transfer it (403, not the holder).
    const supervisor = await t.createUser({ roles: ['supervisor'], scope: 'all' });
    const refused = await (await t.login(supervisor)).post(`/api/assets/${a.id}/transfer`, { version: kept.version, userId: receiver.id });
    expect(refused.statusCode).toBe(403);
    expect((await kinds(a.id)).slice(-2)).toEqual(['assetTransferRequested', 'assetTransferDeclined']);
  });
});

describe('repair, replacement, scrap, disposal, lost', () => {
  it('repair keeps the status before and returns to it on completion; replacement leaves the status', async () => {
    const user = await t.createUser();
    const a = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, a.id, user);
    const sent = await w.adminApi.post(`/api/assets/${a.id}/repair`, { version: v, vendor: '联想服务站', fault: '屏幕闪烁', cost: 300 });
    expect(sent.json().status).toBe('in_repair');
    const replaced = await w.adminApi.post(`/api/assets/${a.id}/replace`, {
      version: sent.json().version,
      component: '屏幕',
      oldPart: 'LP140WF1',
      newPart: 'LP140WF9',
      cost: 450.5,
    });
    expect(replaced.json().status).toBe('in_repair');
    const done = await w.adminApi.post(`/api/assets/${a.id}/complete-repair`, {
      version: replaced.json().version,
      result: '更换屏幕后正常',
    });
    expect(done.json()).toMatchObject({ status: 'in_use', custodian: { id: user.id } });
    const again = await w.adminApi.post(`/api/assets/${a.id}/complete-repair`, { version: done.json().version, result: 'x' });
    expect(again.json().error.code).toBe('assetStatusConflict');
    const timeline = (await w.adminApi.get(`/api/timeline/asset/${a.id}`)).json().items.map((e: { event: unknown }) => e.event);
    expect(timeline.slice(-3)).toEqual([
      { kind: 'assetRepairStarted', vendor: '联想服务站', fault: '屏幕闪烁', cost: '300.00' },
      { kind: 'assetPartReplaced', component: '屏幕', oldPart: 'LP140WF1', newPart: 'LP140WF9', cost: '450.50' },
      { kind: 'assetRepairCompleted', result: '更换屏幕后正常' },
    ]);
    const bad = await w.adminApi.post(`/api/assets/${a.id}/repair`, { version: done.json().version, vendor: '', fault: 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('scrap: requested by the asset admin, approvers told, approved by asset.approve → scrapped → disposed', async () => {
    const a = await registerAsset(w.adminApi, w);
    expect((await w.adminApi.post(`/api/assets/${a.id}/approve-scrap`, { version: a.version })).statusCode).toBe(403);
    const asked = await w.adminApi.post(`/api/assets/${a.id}/scrap`, { version: a.version, reason: '主板损坏，维修不经济' });
    expect(asked.json()).toMatchObject({ status: 'in_stock', pending: 'scrap' });
    expect(await bell(w.manager.id)).toContain(`asset.scrapRequested:${a.id}`);
    const managerApi = await t.login(w.manager);
    const queue = (await managerApi.get('/api/assets/scrap-approvals')).json().items;
    expect(queue.map((x: { id: number }) => x.id)).toContain(a.id);
    expect((await managerApi.get('/api/home/todos')).json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'assetScrapApprovals' })]),
    );
    const early = await w.adminApi.post(`/api/assets/${a.id}/dispose`, {
      version: asked.json().version,
      method: 'recycling',
      dataWiped: true,
    });
    expect(early.json().error.code).toBe('assetStatusConflict');
    const approved = await managerApi.post(`/api/assets/${a.id}/approve-scrap`, { version: asked.json().version, comment: '同意' });
    expect(approved.json()).toMatchObject({ status: 'scrapped', pending: null });
    const disposed = await w.adminApi.post(`/api/assets/${a.id}/dispose`, {
      version: approved.json().version,
      method: 'sale',
      dataWiped: true,
      proceeds: 200,
    });
    expect(disposed.json().status).toBe('disposed');
    expect((await kinds(a.id)).slice(-3)).toEqual(['assetScrapRequested', 'assetScrapApproved', 'assetDisposed']);
    expect((await auditActions(a.id)).slice(-3)).toEqual(['asset.scrap', 'asset.approveScrap', 'asset.dispose']);
  });

  it('a rejected scrap leaves the asset in stock; an asset in use cannot be scrapped; lost from in stock', async () => {
    const a = await registerAsset(w.adminApi, w);
    const asked = await w.adminApi.post(`/api/assets/${a.id}/scrap`, { version: a.version, reason: '老旧' });
    const managerApi = await t.login(w.manager);
    const rejected = await managerApi.post(`/api/assets/${a.id}/reject-scrap`, { version: asked.json().version, comment: '还能用' });
    expect(rejected.json()).toMatchObject({ status: 'in_stock', pending: null });
    const twice = await managerApi.post(`/api/assets/${a.id}/reject-scrap`, { version: rejected.json().version });
    expect(twice.json().error.code).toBe('assetNothingPending');
    const user = await t.createUser();
    const b = await registerAsset(w.adminApi, w);
    const v = await issuedTo(t, w, b.id, user);
    expect((await w.adminApi.post(`/api/assets/${b.id}/scrap`, { version: v, reason: 'x' })).json().error.code).toBe('assetStatusConflict');
    const lost = await w.adminApi.post(`/api/assets/${a.id}/lose`, { version: rejected.json().version, note: '盘点未找到' });
    expect(lost.json().status).toBe('lost');
    const requester = await t.login(user);
    expect((await requester.post(`/api/assets/${b.id}/lose`, { version: v })).statusCode).toBe(403);
    expect((await requester.get('/api/assets/scrap-approvals')).statusCode).toBe(403);
  });
});

describe('every route refuses who may not use it', () => {
  it('manage and approve routes are 403 for a requester, read routes 403 without asset.read, and nothing changes', async () => {
    const requesterUser = await t.createUser({ roles: ['requester'] });
    const requester = await t.login(requesterUser);
    const a = await registerAsset(w.adminApi, w);
    // Someone holding no role at all (signed in before counting: signing in is audited).
    const nobody = await t.login(await t.createUser({ roles: [] }));
    const before = { assets: await t.countRows('assets'), activity: await t.countRows('activity'), audit: await t.countRows('audit_log') };
    const v = { version: a.version };
    const refused: [string, string, unknown][] = [
      ['POST', '/api/assets', { categoryId: w.category.laptop, name: 'x', locationId: w.location.store }],
      ['PATCH', `/api/assets/${a.id}`, { ...v, name: 'x' }],
      ['POST', `/api/assets/${a.id}/issue`, { ...v, userId: requesterUser.id }],
      ['POST', `/api/assets/${a.id}/return`, { ...v, locationId: w.location.store }],
      ['POST', `/api/assets/${a.id}/repair`, { ...v, vendor: 'x', fault: 'y' }],
      ['POST', `/api/assets/${a.id}/complete-repair`, { ...v, result: 'x' }],
      ['POST', `/api/assets/${a.id}/replace`, { ...v, component: 'a', oldPart: 'b', newPart: 'c' }],
      ['POST', `/api/assets/${a.id}/scrap`, { ...v, reason: 'x' }],
      ['POST', `/api/assets/${a.id}/approve-scrap`, v],
      ['POST', `/api/assets/${a.id}/reject-scrap`, v],
      ['POST', `/api/assets/${a.id}/dispose`, { ...v, method: 'sale', dataWiped: true }],
      ['POST', `/api/assets/${a.id}/lose`, v],
      ['POST', '/api/assets/categories', { code: 'NO', name: 'no' }],
      ['PATCH', `/api/assets/categories/${w.category.laptop}`, { version: 1, name: 'no' }],
      ['POST', '/api/assets/locations', { code: 'NO', name: 'no' }],
      ['PATCH', `/api/assets/locations/${w.location.store}`, { version: 1, name: 'no' }],
      ['GET', '/api/assets/export', undefined],
      ['GET', '/api/assets/scrap-approvals', undefined],
      ['GET', '/api/assets/import/template', undefined],
    ];
    for (const [method, url, body] of refused) {
      const res = await requester.request(method, url, body === undefined ? {} : { body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    // Without asset.read nothing of the register can even be read.
    for (const url of ['/api/assets', `/api/assets/${a.id}`, '/api/assets/mine', '/api/assets/categories', '/api/assets/locations'])
      expect((await nobody.get(url)).statusCode, url).toBe(403);
    for (const path of ['receive', 'transfer', 'accept-transfer', 'decline-transfer'])
      expect((await nobody.post(`/api/assets/${a.id}/${path}`, { version: a.version, userId: requesterUser.id })).statusCode, path).toBe(
        403,
      );
    // The read-level operations on an asset out of the requester's scope: not found.
    const bodyFor = (path: string) => (path === 'transfer' ? { version: a.version, userId: requesterUser.id } : { version: a.version });
    for (const path of ['receive', 'transfer', 'accept-transfer', 'decline-transfer'])
      expect((await requester.post(`/api/assets/${a.id}/${path}`, bodyFor(path))).statusCode, path).toBe(404);
    expect({ assets: await t.countRows('assets'), activity: await t.countRows('activity'), audit: await t.countRows('audit_log') }).toEqual(
      before,
    );
  });
});
