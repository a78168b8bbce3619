import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guardOutbound } from '../../platform/notifications/test-peers.js';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { mailIntakeJobs, POLL_JOB, scheduleMailIntake } from './jobs.js';
import { POLL_LOCK, pollMailbox } from './poll.js';
import { takeMail } from './take-mail.js';
import { type Dovecot, startDovecot } from './test-dovecot.js';
import { buildMail, newMessageId, type TestMail } from './test-mail.js';

const log = pino({ level: 'silent' });
let t: TestContext;
let dovecot: Dovecot;
let guard: ReturnType<typeof guardOutbound>;
let requester: TestUser;

beforeAll(async () => {
  guard = guardOutbound();
  dovecot = await startDovecot();
  t = await setupTestApp({
    IMAP_URL: dovecot.url,
    MAIL_FROM: '数运 <shuyun@example.com>',
    PUBLIC_URL: 'https://desk.example.com',
  });
  requester = await t.createUser({ roles: ['requester'] });
  await t.platform.db.updateTable('users').set({ email: 'zhang.san@corp.example' }).where('id', '=', requester.id).execute();
});
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
  guard?.restore();
});
afterEach(() => {
  expect(guard.blocked, 'outbound connections').toEqual([]);
});

/** A requester with this e-mail address (each test mails from its own, so the per-sender limit stays out of the way). */
async function person(email: string) {
  const user = await t.createUser({ roles: ['requester'] });
  await t.platform.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
  return user;
}

const runJob = async (platform = t.platform) => {
  const [job] = mailIntakeJobs(platform, log);
  await job?.handler({}, { id: 'test', retryCount: 0 });
};
const deliver = (mail: TestMail | string, receivedAt?: Date) => {
  const { raw, messageId } =
    typeof mail === 'string' ? { raw: mail, messageId: /^Message-ID: (.+)$/m.exec(mail)?.[1] ?? null } : buildMail(mail);
  dovecot.deliver(raw, receivedAt);
  return messageId as string;
};
const logOf = (messageId: string) =>
  t.platform.db.selectFrom('mail_intake_log').selectAll().where('message_id', '=', messageId).executeTakeFirst();
const count = (table: 'tickets' | 'mail_intake_log') => t.countRows(table);
const ticketsFrom = async (userId: number) =>
  (await t.platform.db.selectFrom('tickets').select('id').where('requester_id', '=', userId).execute()).length;

const bounce = (messageId: string) => `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.corp.example>
To: helpdesk@corp.example
Subject: Undelivered Mail Returned to Sender
Date: Mon, 23 Nov 2026 09:31:00 +0800
Message-ID: ${messageId}
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset=us-ascii

This is the mail system. Your message could not be delivered.
--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.corp.example
Final-Recipient: rfc822; nobody@corp.example
Action: failed
Status: 5.1.1
--b1--
`;

describe('mail loops', () => {
  it('ignores auto-replies, bounces and Shuyun’s own mail — nothing created, each logged with its reason and marked read', async () => {
    const existing = await takeMail(t.platform, {
      source: Buffer.from(buildMail({ from: 'zhang.san@corp.example', subject: '网络很慢', text: '下午网速很慢。' }).raw),
      receivedAt: new Date(),
    });
    const number = (
      await t.platform.db
        .selectFrom('tickets')
        .select('number')
        .where('id', '=', existing.ticketId as number)
        .executeTakeFirstOrThrow()
    ).number;
    const me = 'zhang.san@corp.example';
    const cases: [string, TestMail | string][] = [
      [
        'autoSubmitted',
        { from: me, subject: `Re: ${number} 网络很慢`, headers: { 'Auto-Submitted': 'auto-replied' }, text: '我正在休假。' },
      ],
      ['autoReply', { from: me, subject: `Re: ${number}`, headers: { 'X-Autoreply': 'yes' }, text: '我正在休假。' }],
      ['autoReply', { from: me, subject: '休假', headers: { 'X-Autorespond': 'yes' }, text: '我正在休假。' }],
      ['autoReply', { from: me, subject: '休假中', headers: { 'X-Auto-Response-Suppress': 'All' }, text: '我正在休假。' }],
      ['bulk', { from: me, subject: '本周 IT 通讯', headers: { Precedence: 'bulk' }, text: '新闻……' }],
      ['bulk', { from: me, subject: '列表', headers: { Precedence: 'list' }, text: '新闻……' }],
      ['autoReplySubject', { from: me, subject: `自动回复：${number} 网络很慢`, text: '您好，我这周不在办公室。' }],
      ['autoReplySubject', { from: me, subject: 'Automatic reply: 网络很慢', text: 'I am out of the office.' }],
      ['autoReplySubject', { from: me, subject: 'Out of Office: 网络很慢', text: 'Back on Monday.' }],
      ['autoReplySubject', { from: me, subject: 'Undeliverable: 网络很慢', text: 'Delivery failed.' }],
      ['autoReplySubject', { from: me, subject: '退信：网络很慢', text: '投递失败。' }],
      ['bounce', bounce(newMessageId('mx.corp.example'))],
      ['bounce', { from: me, subject: '网络很慢', headers: { 'Return-Path': '<>' }, text: '投递失败。' }],
      ['bounce', { from: me, subject: '网络很慢', headers: { 'X-Failed-Recipients': 'nobody@corp.example' }, text: '投递失败。' }],
      ['bounce', { from: 'postmaster@corp.example', subject: '网络很慢', text: '投递失败。' }],
      // A Shuyun notification that came back: its own header, Message-ID and sender.
      [
        'ownMail',
        {
          from: 'shuyun@example.com',
          fromName: '数运',
          subject: `[数运] ${number} 有新评论`,
          messageId: '<notification.77@desk.example.com>',
          headers: { 'X-Shuyun-Record': `ticket:${number}`, 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          text: '有新评论。',
        },
      ],
      // Shuyun's sender address, threaded under Shuyun's Message-IDs, without the other marks.
      [
        'ownMail',
        { from: 'Shuyun@Example.com', subject: `Re: ${number}`, headers: { 'In-Reply-To': '<ticket.1@desk.example.com>' }, text: '转发' },
      ],
      ['ownMail', { from: me, subject: '转发', messageId: '<notification.78@desk.example.com>', text: '原样转发' }],
    ];
    const tickets = await count('tickets');
    const onExisting = async () =>
      (
        await t.platform.db
          .selectFrom('activity')
          .select('kind')
          .where('record_type', '=', 'ticket')
          .where('record_id', '=', existing.ticketId as number)
          .execute()
      ).map((a) => a.kind);
    const existingBefore = await onExisting();
    const ids = cases.map(([, mail]) => deliver(mail));
    const control = deliver({ from: me, subject: '显示器没有信号', headers: { 'Auto-Submitted': 'no' }, text: '这封是人写的。' });
    await runJob();

    for (const [i, [reason]] of cases.entries()) {
      expect(await logOf(ids[i] as string), `case ${i}`).toMatchObject({ outcome: 'ignored', reason, ticket_id: null });
    }
    // Only the mail a person wrote became a ticket; nothing was added to the ticket the auto-replies named.
    expect(await logOf(control)).toMatchObject({ outcome: 'ticket' });
    expect(await count('tickets')).toBe(tickets + 1);
    expect(await onExisting()).toEqual(existingBefore);
    const seen = await dovecot.seen();
    for (const id of [...ids, control]) expect(seen.get(id), id).toBe(true);
  });
});

describe('the same mail twice', () => {
  it('makes one ticket whether it is found twice in one poll or handled again after a crash before \\Seen', async () => {
    const sender = await person('twice@corp.example');
    const { raw, messageId } = buildMail({ from: 'twice@corp.example', subject: '重复的邮件', text: '只应有一张工单。' });
    const before = await ticketsFrom(sender.id);
    dovecot.deliver(raw);
    dovecot.deliver(raw);
    await runJob();
    expect(await ticketsFrom(sender.id)).toBe(before + 1);
    expect(await logOf(messageId as string)).toMatchObject({ outcome: 'ticket' });

    // A crash between the commit and marking it read: the ticket and its log row exist, the mail is unread.
    const second = buildMail({ from: 'twice@corp.example', subject: '处理到一半', text: '提交后进程崩溃。', messageId: null });
    expect(await takeMail(t.platform, { source: Buffer.from(second.raw.replace(/\n/g, '\r\n')), receivedAt: new Date() })).toMatchObject({
      outcome: 'ticket',
    });
    const logged = await count('mail_intake_log');
    dovecot.deliver(second.raw);
    await runJob();
    expect(await ticketsFrom(sender.id)).toBe(before + 2);
    expect(await count('mail_intake_log')).toBe(logged);
    expect([...(await dovecot.seen()).values()].every(Boolean)).toBe(true);
  });
});

describe('a flood from one sender', () => {
  it('is cut off after the limit within ten minutes; other senders and later mail still get through', async () => {
    const flooder = await person('wang.wu@corp.example');
    const other = await person('zhao.liu@corp.example');
    const limited = { ...t.platform, config: { ...t.config, MAIL_INTAKE_SENDER_LIMIT: 3 } };
    const start = Date.now() - 30 * 60_000;
    const flood = Array.from({ length: 5 }, (_, i) =>
      deliver({ from: 'wang.wu@corp.example', subject: `第 ${i + 1} 封`, text: '循环发送' }, new Date(start + i * 1000)),
    );
    const bystander = deliver({ from: 'zhao.liu@corp.example', subject: '正常来信', text: '不受影响' }, new Date(start + 2500));
    await runJob(limited);
    const entries = await Promise.all(flood.map(logOf));
    expect(entries.filter((e) => e?.outcome === 'ticket')).toHaveLength(3);
    expect(entries.filter((e) => e?.outcome === 'ignored' && e.reason === 'rateLimited')).toHaveLength(2);
    expect(await ticketsFrom(flooder.id)).toBe(3);
    expect(await logOf(bystander)).toMatchObject({ outcome: 'ticket', sender_id: other.id });

    const later = deliver({ from: 'wang.wu@corp.example', subject: '半小时后', text: '窗口已过' });
    await runJob(limited);
    expect(await logOf(later)).toMatchObject({ outcome: 'ticket' });
    expect(await ticketsFrom(flooder.id)).toBe(4);
  });
});

describe('polling', () => {
  it('never runs while another poll holds the mailbox', async () => {
    await person('queue@corp.example');
    const id = deliver({ from: 'queue@corp.example', subject: '排队', text: '等锁释放。' });
    await t.platform.db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${POLL_LOCK})`.execute(conn);
      try {
        expect(await pollMailbox(t.platform, log)).toMatchObject({ skipped: 'busy' });
        expect(await logOf(id)).toBeUndefined();
      } finally {
        await sql`SELECT pg_advisory_unlock(${POLL_LOCK})`.execute(conn);
      }
    });
    expect(await pollMailbox(t.platform, log)).toMatchObject({ handled: { ticket: 1 } });
    expect((await dovecot.seen()).get(id)).toBe(true);
  });

  it('is scheduled while IMAP_URL is set and unscheduled when it is not', async () => {
    const schedules = async () => (await t.platform.jobs.boss.getSchedules()).filter((s) => s.name === POLL_JOB);
    await scheduleMailIntake({ ...t.platform, config: { ...t.config, IMAP_POLL_SECONDS: 300 } }, 'Asia/Shanghai');
    expect(await schedules()).toMatchObject([{ name: POLL_JOB, cron: '*/5 * * * *', timezone: 'Asia/Shanghai' }]);
    await scheduleMailIntake({ ...t.platform, config: { ...t.config, IMAP_URL: undefined } }, 'Asia/Shanghai');
    expect(await schedules()).toEqual([]);
  });
});

describe('GET /api/mail-intake/log', () => {
  it('shows notification admins what was ignored and why, paged and filtered; others are refused', async () => {
    const admin = await t.login(await t.createUser({ roles: ['system_admin'] }));
    const ignored = Number(
      (
        await t.platform.db
          .selectFrom('mail_intake_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('outcome', '=', 'ignored')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const res = await admin.get('/api/mail-intake/log?outcome=ignored&pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: ignored, page: 1, pageSize: 5 });
    expect(body.items).toHaveLength(5);
    for (const item of body.items) expect(item).toMatchObject({ outcome: 'ignored', reasonText: expect.any(String) });

    const rateLimited = (await admin.get('/api/mail-intake/log?reason=rateLimited')).json();
    expect(rateLimited.total).toBe(2);
    expect(rateLimited.items[0]).toMatchObject({
      from: 'wang.wu@corp.example',
      reason: 'rateLimited',
      reasonText: '同一发件人 10 分钟内来信过多',
    });

    const tickets = (await admin.get('/api/mail-intake/log?outcome=ticket&from=WANG.WU@corp.example')).json();
    expect(tickets.total).toBe(4);
    expect(tickets.items[0].ticket.number).toMatch(/^GD\d{8}-\d{4}$/);

    expect((await admin.get('/api/mail-intake/log?outcome=lost')).statusCode).toBe(400);
    expect((await (await t.login(requester)).get('/api/mail-intake/log')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/mail-intake/log')).statusCode).toBe(401);
  });
});
