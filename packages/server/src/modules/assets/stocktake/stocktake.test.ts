import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../../test/harness.js';
import { createAsset, newStocktake, type StocktakeFixture, stocktakeWorld } from './test-fixtures.js';

let t: TestContext;
let f: StocktakeFixture;
beforeAll(async () => {
  t = await setupTestApp();
  f = await stocktakeWorld(t);
});
afterAll(() => t.close());

const lines = async (id: number, query = '') => {
  const api = await t.login(f.owner);
  return (await api.get(`/api/stocktakes/${id}/lines?pageSize=500${query}`)).json().items as {
    id: number;
    tag: string;
    result: string;
    scannedBy: { id: number } | null;
    expectedLocation: { id: number } | null;
  }[];
};
const asset = (id: number) => t.platform.db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const assetTimeline = (id: number) =>
  t.platform.db.selectFrom('activity').select(['kind', 'payload']).where('record_type', '=', 'asset').where('record_id', '=', id).execute();

describe('starting a stocktake', () => {
  it('snapshots exactly the assets in scope, subtrees included, with their location, department and custodian', async () => {
    const { laptop, monitor } = f.categories;
    const { hq, hqIt, branch } = f.departments;
    const { tower, floor3, warehouse } = f.locations;
    const inScope = [
      await createAsset(t, { categoryId: laptop, departmentId: hq, locationId: tower, custodianId: f.counter.id }),
      await createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: floor3, status: 'in_stock' }),
      await createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: floor3, status: 'in_repair' }),
    ];
    const outOfScope = [
      await createAsset(t, { categoryId: monitor, departmentId: hqIt, locationId: floor3 }), // other category
      await createAsset(t, { categoryId: laptop, departmentId: branch, locationId: floor3 }), // other department
      await createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: warehouse }), // other location
      await createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: floor3, status: 'scrapped' }),
      await createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: floor3, status: 'lost' }),
    ];
    const api = await t.login(f.owner);
    const draft = await newStocktake(
      api,
      { categoryIds: [laptop], departmentIds: [hq], locationIds: [tower], counterIds: [f.counter.id], dueDate: '2026-12-31' },
      { start: false },
    );
    expect(draft).toMatchObject({ status: 'draft', number: expect.stringMatching(/^PD\d{8}-\d{4}$/) });
    const started = (await api.post(`/api/stocktakes/${draft.id}/actions/start`, { version: draft.version })).json();
    expect(started).toMatchObject({ status: 'in_progress', progress: { expected: 3, pending: 3, found: 0 } });
    const snapshot = await lines(draft.id);
    expect(snapshot.map((l) => l.tag).sort()).toEqual(inScope.map((a) => a.tag).sort());
    expect(snapshot.some((l) => outOfScope.some((a) => a.tag === l.tag))).toBe(false);
    expect(snapshot.find((l) => l.tag === inScope[0]?.tag)).toMatchObject({
      result: 'pending',
      expectedLocation: { id: tower },
      expectedDepartment: { id: hq },
      expectedCustodian: { id: f.counter.id },
    });

    // The counter is told, and sees it on the home to-do list.
    const bell = await t.platform.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .select(['e.type', 'e.record_id'])
      .where('n.user_id', '=', f.counter.id)
      .execute();
    expect(bell).toContainEqual({ type: 'stocktake.started', record_id: draft.id });
    const todos = (await (await t.login(f.counter)).get('/api/home/todos')).json();
    expect(JSON.stringify(todos)).toContain('stocktakesToCount');
    // Starting twice is refused.
    const again = await api.post(`/api/stocktakes/${draft.id}/actions/start`, { version: started.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('stocktakeNotRunning');
  });

  it('with an empty scope takes every asset that is in stock, in use or in repair', async () => {
    const api = await t.login(f.owner);
    const st = await newStocktake(api, { counterIds: [f.counter.id] });
    const expected = await t.platform.db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['in_stock', 'in_use', 'in_repair'])
      .executeTakeFirstOrThrow();
    expect(st.progress.expected).toBe(Number(expected.n));
    expect((await lines(st.id)).length).toBe(Number(expected.n));
  });
});

describe('scanning', () => {
  it('records found, wrong location, wrong user and surplus; completion turns the rest into missing', async () => {
    const { laptop, monitor } = f.categories;
    const { hqIt } = f.departments;
    const { floor3, warehouse } = f.locations;
    const a = await Promise.all(
      [0, 1, 2, 3].map(() => createAsset(t, { categoryId: laptop, departmentId: hqIt, locationId: floor3, custodianId: f.owner.id })),
    );
    const outside = await createAsset(t, { categoryId: monitor, departmentId: hqIt, locationId: floor3 });
    const owner = await t.login(f.owner);
    const st = await newStocktake(owner, { categoryIds: [laptop], departmentIds: [hqIt], counterIds: [f.counter.id, f.counter2.id] });
    const base = st.progress.expected;
    const counter = await t.login(f.counter);
    const scan = (body: Record<string, unknown>) => counter.post(`/api/stocktakes/${st.id}/scans`, body);

    const found = await scan({ tag: ` ${a[0]?.tag.toLowerCase()} `, locationId: floor3 });
    expect(found.statusCode).toBe(201);
    expect(found.json().line).toMatchObject({ tag: a[0]?.tag, result: 'found', scannedBy: { id: f.counter.id } });
    expect((await scan({ tag: a[1]?.tag, locationId: warehouse })).json().line).toMatchObject({
      result: 'wrong_location',
      expectedLocation: { id: floor3 },
      scannedLocation: { id: warehouse },
    });
    expect((await scan({ tag: a[2]?.tag, custodianConfirmed: false, note: '在张三手里' })).json().line).toMatchObject({
      result: 'wrong_user',
      note: '在张三手里',
    });
    const known = (await scan({ tag: outside.tag })).json();
    expect(known.line).toMatchObject({ result: 'surplus', assetId: outside.id, expected: false });
    const unknown = (await scan({ tag: 'ZC-999999' })).json();
    expect(unknown.line).toMatchObject({ result: 'surplus', assetId: null, tag: 'ZC-999999' });
    expect(unknown.progress).toMatchObject({
      expected: base,
      found: 1,
      wrongLocation: 1,
      wrongUser: 1,
      surplus: 2,
      pending: base - 3,
      anomalies: 4,
    });

    // The owner may put a scan back (a correction); the line can then be scanned again.
    const wrongLine = (await lines(st.id, '&result=wrong_location'))[0];
    expect((await owner.post(`/api/stocktakes/${st.id}/lines/${wrongLine?.id}/reset`)).statusCode).toBe(200);
    expect((await scan({ tag: a[1]?.tag, locationId: floor3 })).json().line.result).toBe('found');
    const surplusLine = (await lines(st.id, '&result=surplus')).find((l) => l.tag === 'ZC-999999');
    expect((await owner.post(`/api/stocktakes/${st.id}/lines/${surplusLine?.id}/reset`)).statusCode).toBe(200);
    // …but counters may not correct.
    const counterReset = await counter.post(`/api/stocktakes/${st.id}/lines/${wrongLine?.id}/reset`);
    expect(counterReset.statusCode).toBe(403);

    const detail = (await owner.get(`/api/stocktakes/${st.id}`)).json();
    const completed = (await owner.post(`/api/stocktakes/${st.id}/actions/complete`, { version: detail.version })).json();
    expect(completed).toMatchObject({
      status: 'completed',
      progress: { pending: 0, found: 2, wrongUser: 1, surplus: 1, missing: base - 3 },
    });
    const missing = await lines(st.id, '&result=missing');
    expect(missing.map((l) => l.tag)).toContain(a[3]?.tag);
    expect(missing.length).toBe(base - 3);

    // No scans after completion.
    const late = await scan({ tag: a[3]?.tag });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('stocktakeNotRunning');
  });

  it('100 concurrent scans of one tag leave exactly one scan; 99 are told who scanned it and when', async () => {
    const target = await createAsset(t, {
      categoryId: f.categories.monitor,
      departmentId: f.departments.branch,
      locationId: f.locations.warehouse,
    });
    const owner = await t.login(f.owner);
    const st = await newStocktake(owner, { locationIds: [f.locations.warehouse], counterIds: [f.counter.id, f.counter2.id] });
    const first = await t.login(f.counter);
    const second = await t.login(f.counter2);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? first : second).post(`/api/stocktakes/${st.id}/scans`, { tag: target.tag })),
    );
    const ok = responses.filter((r) => r.statusCode === 201);
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(ok.length).toBe(1);
    expect(refused.length).toBe(99);
    const winner = ok[0]?.json().line.scannedBy;
    for (const r of refused) {
      const error = r.json().error;
      expect(error.code).toBe('alreadyScanned');
      expect(error.details.scannedBy).toEqual(winner);
      expect(error.message).toContain(winner.displayName);
    }
    const progress = (await owner.get(`/api/stocktakes/${st.id}/progress`)).json();
    expect(progress).toMatchObject({ found: 1, pending: progress.expected - 1 });
    const scanned = await lines(st.id, '&result=found');
    expect(scanned.map((l) => l.tag)).toEqual([target.tag]);

    // Same for a surplus tag: one line, 19 conflicts.
    const surplus = await Promise.all(
      Array.from({ length: 20 }, () => first.post(`/api/stocktakes/${st.id}/scans`, { tag: 'UNKNOWN-LABEL' })),
    );
    expect(surplus.filter((r) => r.statusCode === 201).length).toBe(1);
    expect(surplus.filter((r) => r.statusCode === 409 && r.json().error.code === 'alreadyScanned').length).toBe(19);
    expect((await owner.get(`/api/stocktakes/${st.id}/progress`)).json().surplus).toBe(1);
  });
});

describe('completing while counters scan', () => {
  it('lets no scan land after the count: every accepted scan is in the result, the rest are refused, the counters equal the lines', async () => {
    const dept = await t.createDepartment('并发盘点部');
    const assets = await Promise.all(
      Array.from({ length: 30 }, () => createAsset(t, { categoryId: f.categories.laptop, departmentId: dept })),
    );
    const owner = await t.login(f.owner);
    const st = await newStocktake(owner, { departmentIds: [dept], counterIds: [f.counter.id, f.counter2.id] });
    const counters = [await t.login(f.counter), await t.login(f.counter2)];
    const detail = (await owner.get(`/api/stocktakes/${st.id}`)).json();
    const [complete, ...scans] = await Promise.all([
      owner.post(`/api/stocktakes/${st.id}/actions/complete`, { version: detail.version }),
      ...assets.map((a, i) => (counters[i % 2] as (typeof counters)[number]).post(`/api/stocktakes/${st.id}/scans`, { tag: a.tag })),
    ]);
    expect(complete?.statusCode).toBe(200);
    const accepted = scans.filter((r) => r.statusCode === 201).map((r) => r.json().line.tag as string);
    const refused = scans.filter((r) => r.statusCode !== 201);
    expect(accepted.length + refused.length).toBe(30);
    for (const r of refused) expect([r.statusCode, r.json().error.code]).toEqual([409, 'stocktakeNotRunning']);
    const byResult = new Map<string, string[]>();
    for (const line of await lines(st.id)) byResult.set(line.result, [...(byResult.get(line.result) ?? []), line.tag]);
    expect((byResult.get('found') ?? []).sort()).toEqual(accepted.sort());
    expect(byResult.get('pending')).toBeUndefined();
    const progress = (await owner.get(`/api/stocktakes/${st.id}/progress`)).json();
    expect(progress).toMatchObject({ expected: 30, pending: 0, found: accepted.length, missing: 30 - accepted.length });
  });
});

describe('applying results', () => {
  it('marks missing assets lost and moves wrongly located ones, with history; a changed asset is a conflict', async () => {
    const { laptop } = f.categories;
    const dept = await t.createDepartment('应用测试部');
    const { floor3, warehouse } = f.locations;
    const lostOne = await createAsset(t, { categoryId: laptop, departmentId: dept, locationId: floor3 });
    const moved = await createAsset(t, { categoryId: laptop, departmentId: dept, locationId: floor3 });
    const editedLater = await createAsset(t, { categoryId: laptop, departmentId: dept, locationId: floor3 });
    const raced = await createAsset(t, { categoryId: laptop, departmentId: dept, locationId: floor3 });
    const owner = await t.login(f.owner);
    const st = await newStocktake(owner, { departmentIds: [dept], counterIds: [f.counter.id] });
    const counter = await t.login(f.counter);
    await counter.post(`/api/stocktakes/${st.id}/scans`, { tag: moved.tag, locationId: warehouse });
    const detail = (await owner.get(`/api/stocktakes/${st.id}`)).json();
    await owner.post(`/api/stocktakes/${st.id}/actions/complete`, { version: detail.version });
    const byTag = new Map((await lines(st.id)).map((l) => [l.tag, l]));

    // Someone edits an asset after the stocktake saw it: applying would overwrite that edit.
    await t.platform.db
      .updateTable('assets')
      .set({ name: '已改名', version: editedLater.version + 1 })
      .where('id', '=', editedLater.id)
      .execute();
    const conflict = await owner.post(`/api/stocktakes/${st.id}/lines/${byTag.get(editedLater.tag)?.id}/apply`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('versionConflict');
    expect(await asset(editedLater.id)).toMatchObject({ status: 'in_use', name: '已改名', version: editedLater.version + 1 });
    expect((await lines(st.id, '&applied=true')).length).toBe(0);

    // Single apply of a missing line.
    const single = await owner.post(`/api/stocktakes/${st.id}/lines/${byTag.get(lostOne.tag)?.id}/apply`);
    expect(single.statusCode).toBe(200);
    expect(await asset(lostOne.id)).toMatchObject({ status: 'lost', version: lostOne.version + 1 });
    expect(await assetTimeline(lostOne.id)).toContainEqual({ kind: 'stocktakeMarkedLost', payload: { stocktakeNumber: st.number } });
    // Applying the same line again changes nothing.
    expect((await owner.post(`/api/stocktakes/${st.id}/lines/${byTag.get(lostOne.tag)?.id}/apply`)).statusCode).toBe(409);
    expect((await asset(lostOne.id)).version).toBe(lostOne.version + 1);

    // A race between applying and an edit of the asset: exactly one wins, nothing is lost.
    const [applied, edit] = await Promise.all([
      owner.post(`/api/stocktakes/${st.id}/lines/${byTag.get(raced.tag)?.id}/apply`),
      t.platform.db
        .updateTable('assets')
        .set({ note: '并发修改', version: raced.version + 1 })
        .where('id', '=', raced.id)
        .where('version', '=', raced.version)
        .executeTakeFirst(),
    ]);
    const after = await asset(raced.id);
    if (applied.statusCode === 200) {
      expect(edit.numUpdatedRows).toBe(0n);
      expect(after).toMatchObject({ status: 'lost', note: null });
    } else {
      expect(applied.statusCode).toBe(409);
      expect(edit.numUpdatedRows).toBe(1n);
      expect(after).toMatchObject({ status: 'in_use', note: '并发修改' });
    }

    // Bulk: the rest (the wrong-location line and the conflicting one); the conflict is reported, the rest applied.
    const bulk = (await owner.post(`/api/stocktakes/${st.id}/apply`, {})).json();
    expect(bulk.conflicts.map((c: { tag: string }) => c.tag)).toContain(editedLater.tag);
    expect(await asset(moved.id)).toMatchObject({ location_id: warehouse, status: 'in_use' });
    expect(await assetTimeline(moved.id)).toContainEqual({
      kind: 'stocktakeRelocated',
      payload: { stocktakeNumber: st.number, from: '总部大楼 3 层', to: '华东仓库' },
    });
    const kinds = (await owner.get(`/api/timeline/stocktake/${st.id}`)).json().items.map((e: { event: { kind: string } }) => e.event.kind);
    expect(kinds.filter((k: string) => k === 'stocktakeApplied').length).toBe(bulk.progress.applied);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'stocktake.apply')
      .where('object_type', '=', 'asset')
      .execute();
    expect(audit.map((r) => Number(r.object_id))).toEqual(expect.arrayContaining([lostOne.id, moved.id]));
  });
});
