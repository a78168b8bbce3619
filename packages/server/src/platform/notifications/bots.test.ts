import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext } from '../../test/harness.js';
import { forgetCached } from '../cache.js';
import { type NotificationEvent, notify } from './index.js';
import { CHANNELS_CACHE_KEY } from './notify.js';
import { guardOutbound, type ReceivedWebhook, startWebhookReceiver, verifyDingtalk, verifyFeishu, waitFor } from './test-peers.js';

let t: TestContext;
let guard: ReturnType<typeof guardOutbound>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let admin: ApiClient;
let seq = 0;
const secrets = {
  wecomKey: `wk-${randomBytes(12).toString('hex')}`,
  dingtalk: `SEC${randomBytes(24).toString('hex')}`,
  feishu: randomBytes(16).toString('base64url'),
};

beforeAll(async () => {
  guard = guardOutbound();
  receiver = await startWebhookReceiver(secrets);
  t = await setupTestApp({
    PUBLIC_URL: 'https://desk.example.com',
    NOTIFY_RETRY_LIMIT: '2',
    NOTIFY_RETRY_DELAY_SECONDS: '1',
    LOGIN_RATE_PER_MINUTE: '10000',
  });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
  guard.restore();
});
// Each test sets up the channels it needs.
beforeEach(async () => {
  await t.platform.db.updateTable('notification_channels').set({ enabled: false }).execute();
  // Behind the API's back: the cached subscriptions must be forgotten by hand.
  forgetCached(t.platform.db, CHANNELS_CACHE_KEY);
});
afterEach(() => {
  expect(guard.blocked, 'outbound connections').toEqual([]);
});

function ticketEvent(over: Partial<NotificationEvent> = {}): NotificationEvent {
  seq++;
  const id = 9000 + seq;
  return {
    type: 'ticket.created',
    actorId: null,
    recipients: [],
    record: {
      type: 'ticket',
      id,
      number: `GD20261122-${String(seq).padStart(4, '0')}`,
      title: '会议室投影仪无信号',
      link: `/tickets/${id}`,
    },
    data: {},
    audience: 'public',
    ...over,
  } as NotificationEvent;
}

const send = (event: NotificationEvent) => t.platform.db.transaction().execute((trx) => notify(trx, t.platform, event));
const about = (number: string) => receiver.received.filter((r) => JSON.stringify(r.body).includes(number));
const deliveriesOf = (eventId: number) =>
  t.platform.db.selectFrom('notification_deliveries').selectAll().where('event_id', '=', eventId).orderBy('id').execute();

async function settled(eventId: number, count: number) {
  return waitFor(async () => {
    const rows = await deliveriesOf(eventId);
    return rows.length === count && rows.every((d) => d.status !== 'pending') ? rows : null;
  }, `${count} deliveries of event ${eventId} to settle`);
}

async function createChannel(body: Record<string, unknown>) {
  const res = await admin.post('/api/notification-channels', { name: `群 ${seq}`, eventTypes: ['ticket.created'], ...body });
  if (res.statusCode !== 201) throw new Error(`create channel: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number; webhookUrl: string; secret: string | null };
}

describe('channel administration', () => {
  it('a channel switched off, on or deleted through the API counts from the next notification (the cached subscriptions are forgotten)', async () => {
    const channel = await createChannel({ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, secret: secrets.dingtalk });
    const delivered = async () => (await deliveriesOf((await send(ticketEvent())).eventId)).length;
    expect(await delivered()).toBe(1);
    const off = await admin.patch(`/api/notification-channels/${channel.id}`, { enabled: false, version: channel.version });
    expect(off.statusCode).toBe(200);
    expect(await delivered()).toBe(0);
    const on = await admin.patch(`/api/notification-channels/${channel.id}`, { enabled: true, version: off.json().version });
    expect(on.statusCode).toBe(200);
    expect(await delivered()).toBe(1);
    expect((await admin.delete(`/api/notification-channels/${channel.id}`)).statusCode).toBe(200);
    expect(await delivered()).toBe(0);
  });

  it('stores the webhook URL and secret but answers only masked forms, also in the audit log', async () => {
    const dingtalk = await createChannel({ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, secret: secrets.dingtalk });
    expect(dingtalk.webhookUrl).toBe(`${receiver.base}/…0001`);
    expect(dingtalk.secret).toBe(`SEC…${secrets.dingtalk.slice(-2)}`);
    const wecom = await createChannel({ type: 'wecom', webhookUrl: receiver.urls.wecom });
    expect(wecom.webhookUrl).not.toContain(secrets.wecomKey);
    expect(wecom.secret).toBeNull();

    const list = await admin.get('/api/notification-channels');
    expect(list.statusCode).toBe(200);
    for (const text of [secrets.dingtalk, secrets.wecomKey, 'dt-token-0001']) expect(list.body).not.toContain(text);

    const stored = await t.platform.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', dingtalk.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ webhook_url: receiver.urls.dingtalk, secret: secrets.dingtalk });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('object_type', '=', 'notificationChannel')
      .where('object_id', 'in', [String(dingtalk.id), String(wecom.id)])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'create']);
    for (const text of [secrets.dingtalk, secrets.wecomKey, 'dt-token-0001']) expect(JSON.stringify(audit)).not.toContain(text);

    // Editing without resending the secret keeps it; null removes it.
    const renamed = await admin.patch(`/api/notification-channels/${dingtalk.id}`, { name: '运维群', version: 1 });
    expect(renamed.json()).toMatchObject({ name: '运维群', version: 2, secret: dingtalk.secret });
    const cleared = await admin.patch(`/api/notification-channels/${dingtalk.id}`, { secret: null, version: 2 });
    expect(cleared.json()).toMatchObject({ secret: null, version: 3 });
    const stale = await admin.patch(`/api/notification-channels/${dingtalk.id}`, { name: 'x', version: 2 });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses bad channels with a 400 naming the field, creating nothing', async () => {
    const count = async () => (await t.platform.db.selectFrom('notification_channels').select('id').execute()).length;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'wecom', webhookUrl: receiver.urls.wecom, secret: 'SECabc' }, 'secret'],
      [{ type: 'dingtalk', webhookUrl: 'ftp://example.com/x' }, 'webhookUrl'],
      [{ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, eventTypes: ['ticket.nope'] }, 'eventTypes.0'],
      [{ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, eventTypes: [] }, 'eventTypes'],
      [{ type: 'slack', webhookUrl: receiver.urls.dingtalk }, 'type'],
      [{ type: 'feishu', webhookUrl: receiver.urls.feishu, teamId: 999999 }, 'teamId'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/notification-channels', { name: 'bad', eventTypes: ['ticket.created'], ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(
        res.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await count()).toBe(before);
  });

  it('is for notification admins only; unknown channels are not found', async () => {
    const engineer = await t.login(await t.createUser({ roles: ['engineer'] }));
    expect((await engineer.get('/api/notification-channels')).statusCode).toBe(403);
    expect(
      (
        await engineer.post('/api/notification-channels', {
          type: 'wecom',
          name: 'x',
          webhookUrl: receiver.urls.wecom,
          eventTypes: ['ticket.created'],
        })
      ).statusCode,
    ).toBe(403);
    expect((await admin.patch('/api/notification-channels/999999', { name: 'x', version: 1 })).statusCode).toBe(404);
    expect((await admin.delete('/api/notification-channels/999999')).statusCode).toBe(404);
    expect((await admin.post('/api/notification-channels/999999/test')).statusCode).toBe(404);
  });
});

describe('group-bot delivery', () => {
  it("posts each vendor's documented format with a signature the receiver verifies independently", async () => {
    for (const [type, secret] of [
      ['wecom', null],
      ['dingtalk', secrets.dingtalk],
      ['feishu', secrets.feishu],
    ] as const) {
      await createChannel({ type, webhookUrl: receiver.urls[type], secret, locale: type === 'feishu' ? 'en-US' : 'zh-CN' });
    }
    const event = ticketEvent({ data: { note: '[点我](http://evil.example) <font>x</font>' } });
    event.record.title = '投影仪 **无信号** [链接](http://evil.example)';
    const { eventId, channels } = await send(event);
    expect(channels).toHaveLength(3);
    const deliveries = await settled(eventId, 3);
    expect(deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['wecom', 'sent', 1],
      ['dingtalk', 'sent', 1],
      ['feishu', 'sent', 1],
    ]);
    const got = about(event.record.number);
    const of = (vendor: string) => got.find((r) => r.vendor === vendor) as ReceivedWebhook;
    expect(got).toHaveLength(3);
    expect(got.every((r) => r.verified)).toBe(true);
    const [wecom, dingtalk, feishu] = [of('wecom'), of('dingtalk'), of('feishu')];
    const link = `https://desk.example.com/tickets/${event.record.id}`;

    expect(wecom.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining(link) } });
    expect(String((wecom.body.markdown as { content: string }).content)).toContain(`新工单 ${event.record.number}`);

    expect(dingtalk.query.get('access_token')).toBe('dt-token-0001');
    expect(Math.abs(Number(dingtalk.query.get('timestamp')) - Date.now())).toBeLessThan(60_000);
    expect(dingtalk.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining(event.record.number), text: expect.stringContaining(link) },
    });

    expect(Object.keys(feishu.body).sort()).toEqual(['content', 'msg_type', 'sign', 'timestamp']);
    expect(feishu.body.msg_type).toBe('text');
    expect(typeof feishu.body.timestamp).toBe('string');
    expect(Math.abs(Number(feishu.body.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect((feishu.body.content as { text: string }).text).toMatch(new RegExp(`^New ticket ${event.record.number}`)); // the channel's language

    // Values cannot inject markdown links or tags into the group message.
    for (const r of got) expect(JSON.stringify(r.body)).not.toMatch(/\[链接\]\(http|<font>|\*\*无信号\*\*/);
  });

  it('the receiver refuses a signature made with the wrong secret', () => {
    const now = Date.now();
    const ts = String(now);
    const sign = (key: string, message: string) => createHmac('sha256', key).update(message).digest('base64');
    expect(verifyDingtalk(secrets.dingtalk, ts, sign(secrets.dingtalk, `${ts}\n${secrets.dingtalk}`), now)).toBe(true);
    expect(verifyDingtalk(secrets.dingtalk, ts, sign('SECwrong', `${ts}\nSECwrong`), now)).toBe(false);
    const seconds = String(Math.floor(now / 1000));
    expect(verifyFeishu(secrets.feishu, seconds, sign(`${seconds}\n${secrets.feishu}`, ''), now)).toBe(true);
    expect(verifyFeishu(secrets.feishu, seconds, sign(`${seconds}\nwrong`, ''), now)).toBe(false);
    // Feishu's key and message are not interchangeable.
    expect(verifyFeishu(secrets.feishu, seconds, sign('', `${seconds}\n${secrets.feishu}`), now)).toBe(false);
  });

  it('a wrong secret is answered with a vendor error, retried, then logged as failed; fixed and retried it is sent', async () => {
    const dingtalk = await createChannel({ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, secret: 'SECnot-the-real-one' });
    const feishu = await createChannel({ type: 'feishu', webhookUrl: receiver.urls.feishu, secret: 'not-the-real-one' });
    const event = ticketEvent();
    const { eventId } = await send(event);
    const failed = await settled(eventId, 2);
    expect(failed.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['dingtalk', 'failed', 3],
      ['feishu', 'failed', 3],
    ]);
    expect(failed[0]?.last_error).toContain('310000');
    expect(failed[1]?.last_error).toContain('19021');
    expect(about(event.record.number).every((r) => !r.verified)).toBe(true);
    expect(about(event.record.number)).toHaveLength(6);

    await admin.patch(`/api/notification-channels/${dingtalk.id}`, { secret: secrets.dingtalk, version: dingtalk.version });
    await admin.patch(`/api/notification-channels/${feishu.id}`, { secret: secrets.feishu, version: feishu.version });
    for (const d of failed) expect((await admin.post(`/api/notification-deliveries/${d.id}/retry`)).statusCode).toBe(200);
    const sent = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows.every((d) => d.status === 'sent') ? rows : null;
    }, 'the retried deliveries');
    expect(sent.map((d) => d.last_error)).toEqual([null, null]);
    expect(
      about(event.record.number)
        .filter((r) => r.verified)
        .map((r) => r.vendor),
    ).toEqual(expect.arrayContaining(['dingtalk', 'feishu']));
  });

  it('retries when the vendor answers HTTP 200 with an error code', async () => {
    await createChannel({ type: 'wecom', webhookUrl: receiver.urls.wecom });
    receiver.state.failNext = 1;
    const event = ticketEvent();
    const { eventId } = await send(event);
    const [delivery] = await settled(eventId, 1);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(about(event.record.number)).toHaveLength(2);
  });

  it('routes by team and event type, and never posts internal events to a group', async () => {
    const teamA = await t.createTeam('桌面支持', []);
    const teamB = await t.createTeam('网络组', []);
    const channel = await createChannel({
      type: 'wecom',
      webhookUrl: receiver.urls.wecom,
      teamId: teamA,
      eventTypes: ['ticket.slaBreached'],
    });
    const other = await send(ticketEvent({ type: 'ticket.slaBreached', teamId: teamB }));
    expect(other.channels).toEqual([]);
    const noTeam = await send(ticketEvent({ type: 'ticket.slaBreached' }));
    expect(noTeam.channels).toEqual([]);
    const wrongType = await send(ticketEvent({ type: 'ticket.created', teamId: teamA }));
    expect(wrongType.channels).toEqual([]);
    const internal = await send(
      ticketEvent({ type: 'ticket.slaBreached', teamId: teamA, audience: 'internal', internalPermission: 'ticket.internal' }),
    );
    expect(internal.channels).toEqual([]);
    const mine = ticketEvent({
      type: 'ticket.slaBreached',
      teamId: teamA,
      data: { clock: '解决时限' },
    });
    const hit = await send(mine);
    expect(hit.channels).toEqual([channel.id]);
    await settled(hit.eventId, 1);
    expect(String(JSON.stringify(about(mine.record.number)[0]?.body))).toContain('已超出解决时限');
  });

  it('sends nothing to a disabled channel, and keeps the log of a deleted one', async () => {
    const channel = await createChannel({ type: 'wecom', webhookUrl: receiver.urls.wecom });
    const first = await send(ticketEvent());
    await settled(first.eventId, 1);
    const off = await admin.patch(`/api/notification-channels/${channel.id}`, { enabled: false, version: channel.version });
    expect(off.statusCode).toBe(200);
    expect((await send(ticketEvent())).channels).toEqual([]);
    expect((await admin.delete(`/api/notification-channels/${channel.id}`)).statusCode).toBe(200);
    const [kept] = await deliveriesOf(first.eventId);
    expect(kept).toMatchObject({ channel_id: null, status: 'sent', target: channel.webhookUrl });
  });
});

describe('test messages', () => {
  it('sends one now and answers the vendor error when the bot refuses it', async () => {
    const good = await createChannel({ type: 'feishu', webhookUrl: receiver.urls.feishu, secret: secrets.feishu });
    const before = receiver.received.length;
    const ok = await admin.post(`/api/notification-channels/${good.id}/test`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ sent: true, error: null });
    const received = receiver.received.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ vendor: 'feishu', verified: true });
    expect(JSON.stringify(received[0]?.body.content)).toContain('数运测试消息');

    const bad = await createChannel({ type: 'dingtalk', webhookUrl: receiver.urls.dingtalk, secret: 'SECwrong' });
    const refused = await admin.post(`/api/notification-channels/${bad.id}/test`);
    expect(refused.json()).toMatchObject({ sent: false, error: expect.stringContaining('310000') });
    const log = (await admin.get(`/api/notification-deliveries?channelId=${bad.id}`)).json();
    expect(log.items).toEqual([
      expect.objectContaining({ id: refused.json().deliveryId, status: 'failed', eventId: null, channelName: expect.any(String) }),
    ]);
  });
});

describe('the outbound guard', () => {
  it('records and refuses a connection that would leave the machine', async () => {
    await expect(fetch('http://192.0.2.1:8080/', { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
    expect(guard.blocked).toEqual(['192.0.2.1']);
    guard.blocked.length = 0;
  });
});
