import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { loadActor } from '../auth/actor.js';
import type { RealtimeEvent } from '../realtime/realtime.js';
import { type NotificationEvent, notify } from './index.js';
import { guardOutbound } from './test-peers.js';

let t: TestContext;
let guard: ReturnType<typeof guardOutbound>;
let seq = 0;

beforeAll(async () => {
  guard = guardOutbound();
  // No SMTP_URL: e-mail is off here (mail.test.ts has a mail server).
  t = await setupTestApp({ LOGIN_RATE_PER_MINUTE: '10000' });
});
afterAll(async () => {
  await t?.close();
  guard.restore();
});
afterEach(() => {
  expect(guard.blocked, 'outbound connections').toEqual([]);
});

function ticketEvent(over: Partial<NotificationEvent> & { recipients: number[] }): NotificationEvent {
  seq++;
  return {
    type: 'ticket.assigned',
    actorId: null,
    record: {
      type: 'ticket',
      id: 1000 + seq,
      number: `GD20261122-${String(seq).padStart(4, '0')}`,
      title: '打印机无法打印',
      link: `/tickets/${1000 + seq}`,
    },
    data: {},
    audience: 'public',
    ...over,
  } as NotificationEvent;
}

const send = (event: NotificationEvent) => t.platform.db.transaction().execute((trx) => notify(trx, t.platform, event));

const bellOf = (userId: number) =>
  t.platform.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select(['n.id', 'e.type', 'e.record_number'])
    .where('n.user_id', '=', userId)
    .orderBy('n.id')
    .execute();

const deliveriesOf = (eventId: number) =>
  t.platform.db.selectFrom('notification_deliveries').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

/** Everything published on the realtime channel to one user while it is subscribed. */
async function listen(user: TestUser) {
  const actor = await loadActor(t.platform.db, user.id, 'session');
  if (!actor) throw new Error('inactive');
  const events: RealtimeEvent[] = [];
  const subscription = t.platform.realtime.subscribe(actor, (e) => events.push(e));
  return { events, close: () => subscription.close() };
}

async function waitForEvent(events: RealtimeEvent[], predicate: (e: RealtimeEvent) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!events.some(predicate)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return events.find(predicate) as RealtimeEvent;
}

describe('notify: who gets a message', () => {
  it('gives each recipient one bell entry: duplicates collapse, never the actor, never an inactive user', async () => {
    const [actor, a, b, inactive] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser({ active: false })]);
    const result = await send(ticketEvent({ actorId: actor.id, recipients: [a.id, b.id, a.id, actor.id, inactive.id, b.id] }));
    expect(result.inApp.sort()).toEqual([a.id, b.id].sort());
    expect(await bellOf(a.id)).toHaveLength(1);
    expect(await bellOf(b.id)).toHaveLength(1);
    expect(await bellOf(actor.id)).toEqual([]);
    expect(await bellOf(inactive.id)).toEqual([]);
  });

  it('sends an internal event only to holders of the permission the caller names', async () => {
    const [requester, engineer, supervisor] = await Promise.all([
      t.createUser({ roles: ['requester'] }),
      t.createUser({ roles: ['engineer'] }),
      t.createUser({ roles: ['supervisor'] }),
    ]);
    const result = await send(
      ticketEvent({
        type: 'ticket.commented',
        recipients: [requester.id, engineer.id, supervisor.id],
        data: { excerpt: '内部：怀疑是驱动问题' },
        audience: 'internal',
        internalPermission: 'ticket.internal',
      }),
    );
    expect(result.inApp).toEqual([engineer.id]);
    expect(result.email).toEqual([engineer.id]);
    expect(await bellOf(requester.id)).toEqual([]);
    expect(await bellOf(supervisor.id)).toEqual([]);
    // The same event made public reaches all three.
    const open = await send(ticketEvent({ type: 'ticket.commented', recipients: [requester.id, engineer.id, supervisor.id] }));
    expect(open.inApp.sort()).toEqual([requester.id, engineer.id, supervisor.id].sort());
  });

  it('refuses an internal event that names no permission', async () => {
    const user = await t.createUser();
    const event = { ...ticketEvent({ recipients: [user.id] }), audience: 'internal' } as NotificationEvent;
    await expect(send(event)).rejects.toThrow(/internalPermission/);
    expect(await bellOf(user.id)).toEqual([]);
  });

  it("applies the caller's recipient filter", async () => {
    const [a, b] = await Promise.all([t.createUser(), t.createUser()]);
    const result = await send(
      ticketEvent({ recipients: [a.id, b.id], filterRecipients: async (_trx, ids) => ids.filter((id) => id === b.id) }),
    );
    expect(result.inApp).toEqual([b.id]);
  });

  it('follows preferences per event type and channel, with the defaults elsewhere', async () => {
    const user = await t.createUser();
    const client = await t.login(user);
    const put = await client.request('PUT', '/api/notifications/preferences', {
      body: {
        items: [
          { eventType: 'ticket.commented', inApp: false },
          { eventType: 'ticket.rated', email: true },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);

    const commented = await send(ticketEvent({ type: 'ticket.commented', recipients: [user.id] }));
    expect(commented.inApp).toEqual([]);
    expect(commented.email).toEqual([user.id]); // e-mail for comments stays on by default
    const rated = await send(ticketEvent({ type: 'ticket.rated', recipients: [user.id], data: { stars: 2 } }));
    expect(rated.inApp).toEqual([user.id]);
    expect(rated.email).toEqual([user.id]); // off by default, switched on
    const closed = await send(ticketEvent({ type: 'ticket.closed', recipients: [user.id] }));
    expect(closed.email).toEqual([]); // default: bell only
  });

  it('records e-mail as skipped while no mail server is configured, and queues no job', async () => {
    const user = await t.createUser();
    const { eventId } = await send(ticketEvent({ recipients: [user.id] }));
    expect(await deliveriesOf(eventId)).toEqual([
      expect.objectContaining({
        channel: 'email',
        recipient_id: user.id,
        status: 'skipped',
        last_error: 'smtpDisabled',
        target: `${user.username}@example.com`,
      }),
    ]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notifications.email'`.execute(
      t.platform.db,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses an unregistered event type or a link that leaves the app', async () => {
    const user = await t.createUser();
    await expect(send(ticketEvent({ type: 'ticket.nope', recipients: [user.id] }))).rejects.toThrow(/unregistered/);
    const outside = ticketEvent({ recipients: [user.id] });
    outside.record.link = '//evil.example.com/x';
    await expect(send(outside)).rejects.toThrow();
    expect(await bellOf(user.id)).toEqual([]);
  });
});

describe('notify: outbox and realtime', () => {
  it('writes and publishes nothing when the business transaction rolls back', async () => {
    const user = await t.createUser();
    const stream = await listen(user);
    try {
      const before = await t.platform.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rolledBack = ticketEvent({ recipients: [user.id] });
      await expect(
        t.platform.db.transaction().execute(async (trx) => {
          await notify(trx, t.platform, rolledBack);
          throw new Error('the ticket change failed');
        }),
      ).rejects.toThrow('the ticket change failed');
      const after = await t.platform.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect(await bellOf(user.id)).toEqual([]);

      // A committed one arrives; by then the rolled-back one would have too.
      const committed = ticketEvent({ recipients: [user.id] });
      await send(committed);
      await waitForEvent(stream.events, (e) => e.type === 'notification', 'the committed notification');
      expect(stream.events.map((e) => (e.data?.record as { number: string } | undefined)?.number)).toEqual([committed.record.number]);
    } finally {
      stream.close();
    }
  });

  it("pushes a live update to each recipient in that recipient's language", async () => {
    const [zh, en, bystander] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', en.id).execute();
    const streams = await Promise.all([listen(zh), listen(en), listen(bystander)]);
    try {
      const event = ticketEvent({ recipients: [zh.id, en.id] });
      const { inApp } = await send(event);
      expect(inApp.sort()).toEqual([zh.id, en.id].sort());
      const zhEvent = await waitForEvent(streams[0].events, (e) => e.type === 'notification', 'zh push');
      const enEvent = await waitForEvent(streams[1].events, (e) => e.type === 'notification', 'en push');
      expect(zhEvent.data).toMatchObject({
        eventType: 'ticket.assigned',
        title: `工单 ${event.record.number} 已指派给您：打印机无法打印`,
        link: event.record.link,
      });
      expect(enEvent.data).toMatchObject({ title: `Ticket ${event.record.number} assigned to you: 打印机无法打印` });
      expect(streams[2].events).toEqual([]);
    } finally {
      for (const s of streams) s.close();
    }
  });
});

describe('the bell API', () => {
  let owner: TestUser;
  let ownerClient: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    owner = await t.createUser();
    ownerClient = await t.login(owner);
    other = await t.login(await t.createUser());
    for (const type of ['ticket.assigned', 'ticket.commented', 'ticket.resolved']) {
      await send(ticketEvent({ type, recipients: [owner.id], data: { excerpt: '请看附件' } }));
    }
  });

  it("lists only the caller's notifications, newest first, rendered in the caller's language", async () => {
    const res = await ownerClient.get('/api/notifications?pageSize=2');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.items.map((i: { eventType: string }) => i.eventType)).toEqual(['ticket.resolved', 'ticket.commented']);
    expect(body.items[0]).toMatchObject({
      read: false,
      link: expect.stringMatching(/^\/tickets\/\d+$/),
      record: { type: 'ticket', title: '打印机无法打印' },
    });
    expect(body.items[0].body).toBe('系统 已解决工单「打印机无法打印」，请确认结果并评价。');
    expect(body.items[1].body).toBe('系统 回复了工单「打印机无法打印」：\n请看附件');
    expect((await other.get('/api/notifications')).json()).toMatchObject({ items: [], total: 0 });

    await t.platform.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', owner.id).execute();
    const en = (await ownerClient.get('/api/notifications?pageSize=1')).json();
    expect(en.items[0].title).toMatch(/^Ticket GD\d+-\d+ resolved: /);
    await t.platform.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', owner.id).execute();
  });

  it("marks one read, never someone else's (404), then all", async () => {
    const items = (await ownerClient.get('/api/notifications')).json().items as { id: number }[];
    const first = items[0] as { id: number };
    expect((await ownerClient.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });

    const foreign = await other.post(`/api/notifications/${first.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('notFound');
    expect((await ownerClient.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });
    expect((await ownerClient.post('/api/notifications/999999999/read')).statusCode).toBe(404);

    expect((await ownerClient.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(200);
    expect((await ownerClient.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await ownerClient.get('/api/notifications?unread=true')).json();
    expect(unread.total).toBe(2);
    expect(unread.items.map((i: { id: number }) => i.id)).not.toContain(first.id);

    expect((await other.post('/api/notifications/read-all')).json()).toEqual({ count: 0 });
    expect((await ownerClient.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    expect((await ownerClient.post('/api/notifications/read-all')).json()).toEqual({ count: 2 });
    expect((await ownerClient.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('hides internal notifications from a reader who has since lost the permission', async () => {
    const engineer = await t.createUser({ roles: ['engineer'] });
    const client = await t.login(engineer);
    await send(
      ticketEvent({ type: 'ticket.commented', recipients: [engineer.id], audience: 'internal', internalPermission: 'ticket.internal' }),
    );
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    await t.platform.db.deleteFrom('user_roles').where('user_id', '=', engineer.id).execute();
    const requesterRole = await t.platform.db.selectFrom('roles').select('id').where('key', '=', 'requester').executeTakeFirstOrThrow();
    await t.platform.db.insertInto('user_roles').values({ user_id: engineer.id, role_id: requesterRole.id, scope: null }).execute();
    expect((await client.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await client.get('/api/notifications')).json().total).toBe(0);
  });

  it('requires a signed-in user', async () => {
    expect((await t.anonymous().get('/api/notifications')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/notifications/preferences')).statusCode).toBe(401);
  });
});

describe('preferences API', () => {
  it('lists every event type with its defaults and saves only what is sent', async () => {
    const client = await t.login(await t.createUser());
    const initial = (await client.get('/api/notifications/preferences')).json().items as { eventType: string }[];
    expect(initial.find((i) => i.eventType === 'ticket.closed')).toEqual({
      eventType: 'ticket.closed',
      inApp: true,
      email: false,
      defaults: { inApp: true, email: false },
    });
    const res = await client.request('PUT', '/api/notifications/preferences', {
      body: { items: [{ eventType: 'ticket.closed', email: true }] },
    });
    expect(res.statusCode).toBe(200);
    const saved = (res.json().items as { eventType: string }[]).find((i) => i.eventType === 'ticket.closed');
    expect(saved).toMatchObject({ inApp: true, email: true });
    // Saving again changes only the named channel.
    await client.request('PUT', '/api/notifications/preferences', { body: { items: [{ eventType: 'ticket.closed', inApp: false }] } });
    const after = (await client.get('/api/notifications/preferences'))
      .json()
      .items.find((i: { eventType: string }) => i.eventType === 'ticket.closed');
    expect(after).toMatchObject({ inApp: false, email: true });
  });

  it('refuses unknown event types, duplicates and unknown fields, changing nothing', async () => {
    const user = await t.createUser();
    const client = await t.login(user);
    for (const items of [
      [{ eventType: 'ticket.nope', inApp: false }],
      [
        { eventType: 'ticket.closed', inApp: false },
        { eventType: 'ticket.closed', email: true },
      ],
      [{ eventType: 'ticket.closed', sms: true }],
      [],
    ]) {
      const res = await client.request('PUT', '/api/notifications/preferences', { body: { items } });
      expect(res.statusCode, JSON.stringify(items)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
    const rows = await t.platform.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toEqual([]);
  });
});
