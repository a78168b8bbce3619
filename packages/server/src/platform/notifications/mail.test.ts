import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { EMAIL_JOB } from './deliveries.js';
import { type NotificationEvent, notify } from './index.js';
import { createMailer } from './mail.js';
import { mailLoopReason, ownMailMarks } from './mail-loops.js';
import { type CapturedMail, guardOutbound, startSmtpCapture, waitFor } from './test-peers.js';

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let guard: ReturnType<typeof guardOutbound>;
let admin: ApiClient;
let seq = 0;

beforeAll(async () => {
  guard = guardOutbound();
  smtp = await startSmtpCapture();
  t = await setupTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: '数运 <shuyun@example.com>',
    PUBLIC_URL: 'https://desk.example.com',
    NOTIFY_RETRY_LIMIT: '2',
    NOTIFY_RETRY_DELAY_SECONDS: '1',
    LOGIN_RATE_PER_MINUTE: '10000',
  });
  admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  guard.restore();
});
afterEach(() => {
  expect(guard.blocked, 'outbound connections').toEqual([]);
});

function ticketEvent(over: Partial<NotificationEvent> & { recipients: number[] }): NotificationEvent {
  seq++;
  const id = 5000 + seq;
  return {
    type: 'ticket.commented',
    actorId: null,
    record: { type: 'ticket', id, number: `GD20261122-${String(seq).padStart(4, '0')}`, title: '邮箱无法同步', link: `/tickets/${id}` },
    data: { excerpt: '已重置账号，请再试一次。' },
    audience: 'public',
    ...over,
  } as NotificationEvent;
}

const send = (event: NotificationEvent) => t.platform.db.transaction().execute((trx) => notify(trx, t.platform, event));
const mailsAbout = (number: string) => smtp.mails.filter((m) => m.headers.get('x-shuyun-record') === `ticket:${number}`);
const deliveriesOf = (eventId: number) =>
  t.platform.db.selectFrom('notification_deliveries').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
const addressOf = (user: TestUser) => `${user.username}@example.com`.toLowerCase();

async function mailsFor(number: string, count: number): Promise<CapturedMail[]> {
  return waitFor(() => (mailsAbout(number).length >= count ? mailsAbout(number) : null), `${count} mail(s) about ${number}`);
}

describe('e-mail over SMTP', () => {
  it("sends one mail per recipient, in the recipient's language, with the headers that stop mail loops", async () => {
    const [actor, zh, en] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await t.platform.db.updateTable('users').set({ locale: 'en-US', display_name: 'Li Lei' }).where('id', '=', en.id).execute();
    await t.platform.db.updateTable('users').set({ display_name: '王工' }).where('id', '=', actor.id).execute();
    const event = ticketEvent({ actorId: actor.id, recipients: [zh.id, en.id, zh.id, actor.id] });
    const { eventId } = await send(event);

    const mails = await mailsFor(event.record.number, 2);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive with the others
    expect(mailsAbout(event.record.number)).toHaveLength(2);
    const toZh = mails.find((m) => m.envelopeTo.includes(addressOf(zh))) as CapturedMail;
    const toEn = mails.find((m) => m.envelopeTo.includes(addressOf(en))) as CapturedMail;
    expect(toZh.envelopeTo).toEqual([addressOf(zh)]);
    expect(toEn.envelopeTo).toEqual([addressOf(en)]);
    expect(toZh.envelopeFrom).toBe('shuyun@example.com');
    expect(toZh.subject).toBe(`工单 ${event.record.number} 有新回复：邮箱无法同步`);
    expect(toEn.subject).toBe(`New reply on ticket ${event.record.number}: 邮箱无法同步`);
    expect(toZh.text).toContain('王工 回复了工单「邮箱无法同步」：\n已重置账号，请再试一次。');
    expect(toEn.text).toContain('王工 replied on the ticket "邮箱无法同步"');

    for (const mail of mails) {
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
      expect(mail.headers.get('message-id')).toMatch(/^<notification\.\d+@desk\.example\.com>$/);
      expect(mail.headers.get('references')).toBe(`<ticket.${event.record.id}@desk.example.com>`);
      expect(mail.headers.get('x-shuyun-record')).toBe(`ticket:${event.record.number}`);
      expect(mail.html).toContain(`href="https://desk.example.com/tickets/${event.record.id}"`);
      expect(mail.text).toContain(`https://desk.example.com/tickets/${event.record.id}`);
    }
    expect(new Set(mails.map((m) => m.headers.get('message-id'))).size).toBe(2);
    // Were a notification to come back into the mail intake (a forward rule, a mailbox loop), it is recognised.
    const marks = ownMailMarks(t.config);
    for (const mail of mails) expect(mailLoopReason(Object.fromEntries(mail.headers), marks)).toBe('ownMail');
    const { 'x-shuyun-record': _record, ...withoutRecord } = Object.fromEntries(toZh.headers);
    expect(mailLoopReason(withoutRecord, marks)).toBe('ownMail');

    const deliveries = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows.every((d) => d.status === 'sent') ? rows : null;
    }, 'deliveries marked sent');
    expect(deliveries.map((d) => [d.recipient_id, d.target, d.attempts, d.last_error])).toEqual(
      [
        [zh.id, addressOf(zh), 1, null],
        [en.id, addressOf(en), 1, null],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(deliveries.every((d) => d.sent_at instanceof Date)).toBe(true);
  });

  it('escapes a <script> title everywhere in the HTML body', async () => {
    const user = await t.createUser();
    const event = ticketEvent({ recipients: [user.id], data: { excerpt: '<img src=x onerror="alert(1)">' } });
    event.record.title = '<script>alert("pwned")</script>';
    await send(event);
    const [mail] = await mailsFor(event.record.number, 1);
    expect(mail?.html).not.toMatch(/<script|<img/i);
    expect(mail?.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(mail?.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(mail?.subject).toBe(`工单 ${event.record.number} 有新回复：<script>alert("pwned")</script>`);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const user = await t.createUser();
    const rolledBack = ticketEvent({ recipients: [user.id] });
    await expect(
      t.platform.db.transaction().execute(async (trx) => {
        await notify(trx, t.platform, rolledBack);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const committed = ticketEvent({ recipients: [user.id] });
    await send(committed);
    await mailsFor(committed.record.number, 1);
    // Jobs run in order of creation; the rolled-back one, had it been queued, would have gone first.
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsAbout(rolledBack.record.number)).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM notification_events WHERE record_number = ${rolledBack.record.number}`.execute(t.platform.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('skips a recipient without an address, and one who lost the right to an internal event before it was sent', async () => {
    const [noAddress, engineer] = await Promise.all([t.createUser(), t.createUser({ roles: ['engineer'] })]);
    await t.platform.db.updateTable('users').set({ email: null }).where('id', '=', noAddress.id).execute();
    const first = await send(ticketEvent({ recipients: [noAddress.id] }));
    expect(await deliveriesOf(first.eventId)).toEqual([expect.objectContaining({ status: 'skipped', last_error: 'noAddress' })]);

    // The engineer may see internal comments when the event is recorded, and loses that in the same transaction.
    const internal = ticketEvent({ recipients: [engineer.id], audience: 'internal', internalPermission: 'ticket.internal' });
    const { eventId } = await t.platform.db.transaction().execute(async (trx) => {
      const result = await notify(trx, t.platform, internal);
      await trx.deleteFrom('user_roles').where('user_id', '=', engineer.id).execute();
      return result;
    });
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows[0]?.status !== 'pending' ? rows : null;
    }, 'the internal delivery to be decided');
    expect(delivery).toMatchObject({ status: 'skipped', last_error: 'noPermission' });
    expect(mailsAbout(internal.record.number)).toEqual([]);
  });

  it('refuses to start with SMTP_URL but no MAIL_FROM', () => {
    expect(() => createMailer({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: undefined, PUBLIC_URL: undefined })).toThrow(/MAIL_FROM/);
    expect(createMailer({ SMTP_URL: undefined, MAIL_FROM: undefined, PUBLIC_URL: undefined })).toBeNull();
  });
});

describe('retries and the delivery log', () => {
  it('retries a refused mail, marks it failed after the last retry, and sends it when an admin retries', async () => {
    const user = await t.createUser();
    smtp.reject.add(addressOf(user));
    const event = ticketEvent({ recipients: [user.id] });
    const { eventId } = await send(event);
    const [failed] = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows[0]?.status === 'failed' ? rows : null;
    }, 'the delivery to fail for good');
    expect(failed?.attempts).toBe(3); // the first try and NOTIFY_RETRY_LIMIT=2 retries
    expect(failed?.last_error).toMatch(/550|mailbox unavailable|rejected/i);
    expect(mailsAbout(event.record.number)).toEqual([]);

    const log = await admin.get(`/api/notification-deliveries?status=failed&recipientId=${user.id}`);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject({
      total: 1,
      items: [
        {
          id: failed?.id,
          channel: 'email',
          status: 'failed',
          attempts: 3,
          eventType: 'ticket.commented',
          recordNumber: event.record.number,
        },
      ],
    });

    smtp.reject.delete(addressOf(user));
    const retry = await admin.post(`/api/notification-deliveries/${failed?.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(200);
    await mailsFor(event.record.number, 1);
    const [sent] = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows[0]?.status === 'sent' ? rows : null;
    }, 'the retried delivery to be sent');
    expect(sent).toMatchObject({ attempts: 4, last_error: null });

    // Only a failed delivery can be retried.
    const again = await admin.post(`/api/notification-deliveries/${failed?.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await admin.post('/api/notification-deliveries/999999999/retry')).statusCode).toBe(404);
  });

  it('a delivery job that finds its delivery already sent sends nothing', async () => {
    const user = await t.createUser();
    const event = ticketEvent({ recipients: [user.id] });
    const { eventId } = await send(event);
    await mailsFor(event.record.number, 1);
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(eventId);
      return rows[0]?.status === 'sent' ? rows : null;
    }, 'the first send');
    // The same job again, as after a crash between sending and completing.
    const jobId = await t.platform.db.transaction().execute((trx) => t.platform.jobs.enqueue(trx, EMAIL_JOB, { deliveryId: delivery?.id }));
    await waitFor(async () => {
      const { rows } = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE id = ${jobId}`.execute(t.platform.db);
      return rows[0]?.state === 'completed';
    }, 'the repeated job to complete');
    expect(mailsAbout(event.record.number)).toHaveLength(1);
    expect((await deliveriesOf(eventId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('filters and pages the log, and is for notification admins only', async () => {
    const user = await t.createUser();
    const event = ticketEvent({ recipients: [user.id] });
    await send(event);
    await mailsFor(event.record.number, 1);
    const byRecord = (await admin.get(`/api/notification-deliveries?recordNumber=${event.record.number}`)).json();
    expect(byRecord.total).toBe(1);
    expect(byRecord.items[0]).toMatchObject({ recipientId: user.id, target: addressOf(user), channel: 'email' });
    const page = (await admin.get('/api/notification-deliveries?pageSize=1&page=2&channel=email')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    expect((await admin.get('/api/notification-deliveries?status=bogus')).statusCode).toBe(400);

    const engineer = await t.login(await t.createUser({ roles: ['engineer'] }));
    expect((await engineer.get('/api/notification-deliveries')).statusCode).toBe(403);
    expect((await engineer.post(`/api/notification-deliveries/${byRecord.items[0].id}/retry`)).statusCode).toBe(403);
  });
});
