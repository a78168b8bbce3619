import type { TimelineEvent } from '@shuyun/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { appendTimeline, listTimeline } from './timeline.js';

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

let nextRecord = 1000;
const newRecord = (type = 'probe') => ({ type, id: nextRecord++ });

async function append(record: { type: string; id: number }, actorId: number | null, event: TimelineEvent, internal = false) {
  await t.platform.db.transaction().execute((trx) => appendTimeline(trx, record, actorId, event, { internal }));
}

describe('appending and listing', () => {
  it('writes nothing when the business transaction rolls back', async () => {
    const record = newRecord();
    await expect(
      t.platform.db.transaction().execute(async (trx) => {
        await appendTimeline(trx, record, null, { kind: 'created' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listTimeline(t.platform.db, record, { includeInternal: true })).toEqual([]);
  });

  it('lists a record’s entries oldest first, with the actor’s name and the typed payload', async () => {
    const actor = await t.createUser();
    const record = newRecord();
    const other = newRecord();
    await append(record, actor.id, { kind: 'created' });
    await append(other, actor.id, { kind: 'created' });
    await t.platform.db.transaction().execute(async (trx) => {
      await appendTimeline(trx, record, actor.id, { kind: 'assigned', toUser: '李四', toTeam: '网络组' });
      await appendTimeline(trx, record, null, { kind: 'stateChanged', from: 'new', to: 'assigned' });
    });
    await append(record, actor.id, { kind: 'updated', fields: ['title', 'priority'] });

    const entries = await listTimeline(t.platform.db, record, { includeInternal: false });
    expect(entries.map((e) => e.event)).toEqual([
      { kind: 'created' },
      { kind: 'assigned', toUser: '李四', toTeam: '网络组' },
      { kind: 'stateChanged', from: 'new', to: 'assigned' },
      { kind: 'updated', fields: ['title', 'priority'] },
    ]);
    expect(entries[0]).toMatchObject({ actorId: actor.id, actorName: expect.stringMatching(/^测试用户/), internal: false });
    expect(entries[2]).toMatchObject({ actorId: null, actorName: null });
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);

    const after = await listTimeline(t.platform.db, record, { includeInternal: false, afterId: entries[1]?.id });
    expect(after.map((e) => e.event.kind)).toEqual(['stateChanged', 'updated']);
  });

  it('hides internal entries unless the reader may see them', async () => {
    const record = newRecord();
    await append(record, null, { kind: 'commented', body: '客户可见', internal: false });
    await append(record, null, { kind: 'commented', body: '内部备注', internal: true }, true);
    const publicView = await listTimeline(t.platform.db, record, { includeInternal: false });
    expect(publicView.map((e) => (e.event as { body: string }).body)).toEqual(['客户可见']);
    const internalView = await listTimeline(t.platform.db, record, { includeInternal: true });
    expect(internalView.map((e) => [(e.event as { body: string }).body, e.internal])).toEqual([
      ['客户可见', false],
      ['内部备注', true],
    ]);
  });
});

describe('GET /api/timeline/:type/:id', () => {
  let subject: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    subject = await t.createUser();
    admin = await t.createUser({ roles: ['system_admin'] });
    await append({ type: 'user', id: subject.id }, admin.id, { kind: 'created' });
    await append({ type: 'user', id: subject.id }, admin.id, { kind: 'passwordReset' }, true);
  });

  it('answers 404 for a record type no module registered, even when entries exist', async () => {
    await append({ type: 'unregistered', id: 1 }, null, { kind: 'created' });
    const client = await t.login(admin);
    const res = await client.get('/api/timeline/unregistered/1');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('notFound');
    expect(res.body).not.toContain('created');
  });

  it('answers 404 for a record outside the reader’s scope', async () => {
    const requester = await t.createUser();
    const res = await (await t.login(requester)).get(`/api/timeline/user/${subject.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('notFound');
  });

  it('answers 404 for a record that does not exist', async () => {
    const res = await (await t.login(admin)).get('/api/timeline/user/987654');
    expect(res.statusCode).toBe(404);
  });

  it('lists the timeline for a reader in scope, internal entries only for those allowed', async () => {
    const adminView = await (await t.login(admin)).get(`/api/timeline/user/${subject.id}`);
    expect(adminView.statusCode).toBe(200);
    expect(adminView.json().items.map((e: { event: { kind: string } }) => e.event.kind)).toEqual(['created', 'passwordReset']);

    // The service desk sees every user but not account-security entries.
    const desk = await t.createUser({ roles: ['service_desk'] });
    const deskView = await (await t.login(desk)).get(`/api/timeline/user/${subject.id}`);
    expect(deskView.statusCode).toBe(200);
    expect(deskView.json().items.map((e: { event: { kind: string } }) => e.event.kind)).toEqual(['created']);
  });

  it('requires a signed-in reader', async () => {
    const res = await t.anonymous().get(`/api/timeline/user/${subject.id}`);
    expect(res.statusCode).toBe(401);
  });
});
