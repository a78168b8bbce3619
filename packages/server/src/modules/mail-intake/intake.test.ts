import { sql } from 'kysely';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guardOutbound } from '../../platform/notifications/test-peers.js';
import { setupTestApp, type TestContext, type TestUser } from '../../test/harness.js';
import { mailIntakeJobs } from './jobs.js';
import { pollMailbox } from './poll.js';
import { type Dovecot, startDovecot } from './test-dovecot.js';
import { buildMail, type TestMail } from './test-mail.js';

const log = pino({ level: 'silent' });
let t: TestContext;
let dovecot: Dovecot;
let guard: ReturnType<typeof guardOutbound>;
let requester: TestUser;
let colleague: TestUser;
let png: Buffer;

beforeAll(async () => {
  guard = guardOutbound();
  dovecot = await startDovecot();
  // A 1 MB upload limit keeps the oversize cases small.
  t = await setupTestApp({
    IMAP_URL: dovecot.url,
    MAIL_FROM: '数运 <shuyun@example.com>',
    PUBLIC_URL: 'https://desk.example.com',
    UPLOAD_MAX_MB: '1',
  });
  requester = await t.createUser({ roles: ['requester'] });
  colleague = await t.createUser({ roles: ['requester'] });
  await setEmail(requester, 'zhang.san@corp.example');
  await setEmail(colleague, 'li.si@corp.example');
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
  guard?.restore();
});
afterEach(() => {
  expect(guard.blocked, 'outbound connections').toEqual([]);
});

async function setEmail(user: TestUser, email: string) {
  await t.platform.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
}

/** Delivers mails to the mailbox and runs the intake job's handler once, as the schedule would. */
async function deliverAndRun(mails: TestMail[], platform = t.platform) {
  const ids = mails.map((m) => {
    const { raw, messageId } = buildMail(m);
    dovecot.deliver(raw);
    return messageId as string;
  });
  const [job] = mailIntakeJobs(platform, log);
  await job?.handler({}, { id: 'test', retryCount: 0 });
  return ids;
}

const logOf = (messageId: string) =>
  t.platform.db.selectFrom('mail_intake_log').selectAll().where('message_id', '=', messageId).executeTakeFirst();
const ticketById = (id: number) => t.platform.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const countRows = (table: 'tickets' | 'attachments') => t.countRows(table);
const comments = async (ticketId: number, who: TestUser) =>
  (
    (await (await t.login(who)).get(`/api/timeline/ticket/${ticketId}`)).json().items as {
      actorId: number;
      internal: boolean;
      event: { kind: string; body?: string };
    }[]
  ).filter((e) => e.event.kind === 'commented');
const attachmentsOf = async (ticketId: number, who: TestUser) =>
  (await (await t.login(who)).get(`/api/files?recordType=ticket&recordId=${ticketId}`)).json().items as {
    name: string;
    mime: string;
    uploadedBy: number;
  }[];

async function newTicketFrom(mail: TestMail) {
  const [id] = await deliverAndRun([mail]);
  const entry = await logOf(id as string);
  if (entry?.outcome !== 'ticket' || !entry.ticket_id) throw new Error(`expected a ticket, got ${JSON.stringify(entry)}`);
  return { messageId: id as string, ticket: await ticketById(entry.ticket_id), entry };
}

describe('a mail from a known user', () => {
  it('becomes a ticket in their name with its attachment kept, refused files noted, and is marked read', async () => {
    const [id] = await deliverAndRun([
      {
        from: 'Zhang.San@Corp.Example',
        fromName: '张三',
        subject: '三楼打印机一直卡纸',
        text: '三楼东侧的打印机从早上开始一直卡纸，换了纸也不行。\n\n照片见附件。\n张三',
        attachments: [
          { name: '打印机.png', type: 'image/png', content: png },
          { name: 'fix.exe', type: 'application/octet-stream', content: Buffer.from('MZ fake') },
          { name: '扫描件.pdf', type: 'application/pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_200_000, 32)]) },
        ],
      },
    ]);
    const entry = await logOf(id as string);
    expect(entry).toMatchObject({ outcome: 'ticket', reason: null, from_address: 'zhang.san@corp.example', sender_id: requester.id });
    expect(entry?.details).toMatchObject({
      skippedAttachments: [
        { name: 'fix.exe', reason: 'fileType' },
        { name: '扫描件.pdf', reason: 'fileTooLarge' },
      ],
      attachments: 1,
    });

    const ticket = await ticketById(entry?.ticket_id as number);
    expect(ticket).toMatchObject({ title: '三楼打印机一直卡纸', channel: 'email', requester_id: requester.id, created_by: requester.id });
    expect(ticket.description).toContain('三楼东侧的打印机从早上开始一直卡纸，换了纸也不行。\n\n照片见附件。\n张三');
    expect(ticket.description).toContain('以下附件未保存（类型不允许或文件过大）：fix.exe, 扫描件.pdf');
    expect(entry?.details.ticketNumber).toBe(ticket.number);

    // The requester sees it as their own, with the photo; the refused file was never stored.
    const detail = await (await t.login(requester)).get(`/api/tickets/${ticket.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ channel: 'email', requester: { id: requester.id } });
    expect(await attachmentsOf(ticket.id, requester)).toMatchObject([{ name: '打印机.png', mime: 'image/png', uploadedBy: requester.id }]);
    expect((await dovecot.seen()).get(id as string)).toBe(true);
  });

  it('rejects a mail too large to read, reading only its header', async () => {
    const tickets = await countRows('tickets');
    const [id] = await deliverAndRun([
      {
        from: 'zhang.san@corp.example',
        subject: '超大邮件',
        text: '见附件。',
        attachments: [{ name: 'huge.zip', type: 'application/zip', content: Buffer.alloc(6 * 1024 * 1024, 65) }],
      },
    ]);
    expect(await logOf(id as string)).toMatchObject({ outcome: 'rejected', reason: 'messageTooLarge', subject: '超大邮件' });
    expect(await countRows('tickets')).toBe(tickets);
    expect((await dovecot.seen()).get(id as string)).toBe(true);
  });

  it('takes the title from the first line of an HTML-only mail without a subject', async () => {
    const { ticket } = await newTicketFrom({
      from: 'li.si@corp.example',
      subject: '',
      html: '<div><b>VPN 连不上</b></div><p>在家里用 VPN 提示证书错误。</p>',
    });
    expect(ticket.title).toBe('VPN 连不上');
    expect(ticket.description).toContain('在家里用 VPN 提示证书错误。');
    expect(ticket.requester_id).toBe(colleague.id);
  });
});

describe('a reply that names a ticket in its subject', () => {
  it('becomes a public comment without the quoted history, with its attachment', async () => {
    const { ticket } = await newTicketFrom({ from: 'zhang.san@corp.example', subject: '邮箱无法收信', text: '从昨天起收不到外部邮件。' });
    const before = await countRows('tickets');
    const [id] = await deliverAndRun([
      {
        from: 'zhang.san@corp.example',
        subject: `回复：[数运] ${ticket.number} 邮箱无法收信 已受理`,
        // A reply to a notification threads under Shuyun's Message-IDs: that alone must not look like Shuyun's own mail.
        headers: { 'In-Reply-To': '<notification.41@desk.example.com>', References: `<ticket.${ticket.id}@desk.example.com>` },
        text: `重启电脑后还是收不到。\n附上截图。\n\n在 2026年11月23日 09:00，数运 <shuyun@example.com> 写道：\n> 您的工单 ${ticket.number} 已受理\n> 处理人：王工\n`,
        attachments: [{ name: 'screenshot.png', type: 'image/png', content: png }],
      },
    ]);
    expect(await logOf(id as string)).toMatchObject({ outcome: 'comment', ticket_id: ticket.id, sender_id: requester.id });
    expect(await countRows('tickets')).toBe(before);
    const added = await comments(ticket.id, requester);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ actorId: requester.id, internal: false, event: { body: '重启电脑后还是收不到。\n附上截图。' } });
    expect((await attachmentsOf(ticket.id, requester)).map((a) => a.name)).toEqual(['screenshot.png']);
    expect((await dovecot.seen()).get(id as string)).toBe(true);
  });

  it('keeps a reply to the mail about an internal note internal', async () => {
    const agent = await t.createUser({ roles: ['service_desk'] });
    await setEmail(agent, 'desk.agent@corp.example');
    const { ticket } = await newTicketFrom({ from: 'zhang.san@corp.example', subject: '主机不开机', text: '按电源没反应。' });
    const event = await t.platform.db
      .insertInto('notification_events')
      .values({
        type: 'ticket.commented',
        record_type: 'ticket',
        record_id: ticket.id,
        record_number: ticket.number,
        record_title: ticket.title,
        record_link: `/tickets/${ticket.id}`,
        data: JSON.stringify({ excerpt: '怀疑主板坏了' }),
        audience: 'internal',
        internal_permission: 'ticket.internal',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const delivery = await t.platform.db
      .insertInto('notification_deliveries')
      .values({ event_id: event.id, channel: 'email', recipient_id: agent.id, target: 'desk.agent@corp.example', status: 'sent' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [id] = await deliverAndRun([
      {
        from: 'desk.agent@corp.example',
        subject: `Re: [数运] ${ticket.number} 有新的内部备注`,
        headers: { 'In-Reply-To': `<notification.${delivery.id}@desk.example.com>` },
        text: '同意，已下单新主板。\n\n> 怀疑主板坏了',
      },
    ]);
    expect(await logOf(id as string)).toMatchObject({ outcome: 'comment', details: { internal: true } });
    expect(await comments(ticket.id, agent)).toMatchObject([
      { actorId: agent.id, internal: true, event: { body: '同意，已下单新主板。' } },
    ]);
    expect(await comments(ticket.id, requester)).toEqual([]);
  });

  it('adds nothing when the reply holds only the quoted history', async () => {
    const { ticket } = await newTicketFrom({ from: 'zhang.san@corp.example', subject: '鼠标失灵', text: '鼠标左键失灵。' });
    const [id] = await deliverAndRun([
      { from: 'zhang.san@corp.example', subject: `Re: ${ticket.number}`, text: '> 您的工单已受理\n> 处理人：王工\n' },
    ]);
    expect(await logOf(id as string)).toMatchObject({ outcome: 'ignored', reason: 'emptyReply', ticket_id: ticket.id });
    expect(await comments(ticket.id, requester)).toEqual([]);
  });

  it('opens a new ticket when the named ticket is someone else’s, leaving theirs untouched', async () => {
    const { ticket: theirs } = await newTicketFrom({ from: 'zhang.san@corp.example', subject: '显示器闪烁', text: '屏幕一直闪。' });
    const { ticket: mine, entry } = await newTicketFrom({
      from: 'li.si@corp.example',
      subject: `Re: ${theirs.number} 显示器闪烁`,
      text: '我这边也一样。',
    });
    expect(mine.id).not.toBe(theirs.id);
    expect(mine).toMatchObject({ requester_id: colleague.id, title: `${theirs.number} 显示器闪烁` });
    expect(entry.reason).toBeNull();
    expect(mine.description).not.toContain('屏幕一直闪');
    expect(await comments(theirs.id, requester)).toEqual([]);
  });

  it('opens a new ticket mentioning the old number when the named ticket is closed', async () => {
    const { ticket: old } = await newTicketFrom({ from: 'zhang.san@corp.example', subject: '软件安装', text: '请安装 WPS。' });
    await t.platform.db.updateTable('tickets').set({ status: 'closed', closed_at: new Date() }).where('id', '=', old.id).execute();
    const { ticket, entry } = await newTicketFrom({
      from: 'zhang.san@corp.example',
      subject: `RE: ${old.number} 软件安装`,
      text: 'WPS 又打不开了。',
    });
    expect(ticket.id).not.toBe(old.id);
    expect(entry).toMatchObject({ reason: 'followUp', details: { followUpOf: old.number } });
    expect(ticket.description).toContain(`此邮件回复的工单 ${old.number} 已结束`);
    expect(ticket.description).toContain('WPS 又打不开了。');
    expect(await comments(old.id, requester)).toEqual([]);
  });
});

describe('a mail from an unknown address', () => {
  it('is rejected by default: logged, marked read, nothing created', async () => {
    const tickets = await countRows('tickets');
    const [id] = await deliverAndRun([{ from: 'stranger@elsewhere.example', subject: '你好', text: '请帮我开通账号。' }]);
    expect(await logOf(id as string)).toMatchObject({ outcome: 'rejected', reason: 'unknownSender', ticket_id: null, sender_id: null });
    expect(await countRows('tickets')).toBe(tickets);
    expect((await dovecot.seen()).get(id as string)).toBe(true);
  });

  it('in guest mode is filed for the guest account with the sender named, and only that sender’s reply joins it', async () => {
    const guestUser = await t.createUser({ roles: ['requester'], username: `mailguest_${Date.now()}` });
    const guestMode = {
      ...t.platform,
      config: { ...t.config, MAIL_INTAKE_UNKNOWN_SENDERS: 'guest' as const, IMAP_GUEST_USER: guestUser.username },
    };
    const [first] = await deliverAndRun(
      [{ from: 'visitor@partner.example', fromName: '王五', subject: '会议室投影仪坏了', text: '3 号会议室投影仪没有信号。' }],
      guestMode,
    );
    const entry = await logOf(first as string);
    expect(entry).toMatchObject({ outcome: 'ticket', reason: 'guest', sender_id: null });
    const ticket = await ticketById(entry?.ticket_id as number);
    expect(ticket).toMatchObject({ requester_id: guestUser.id, created_by: guestUser.id, channel: 'email', title: '会议室投影仪坏了' });
    expect(ticket.description).toContain('王五 <visitor@partner.example>');
    expect(ticket.description).toContain('3 号会议室投影仪没有信号。');

    const [reply, other] = await deliverAndRun(
      [
        { from: 'visitor@partner.example', subject: `Re: ${ticket.number}`, text: '现在好了，谢谢。' },
        { from: 'someone@partner.example', subject: `Re: ${ticket.number}`, text: '我来插一句。' },
      ],
      guestMode,
    );
    expect(await logOf(reply as string)).toMatchObject({ outcome: 'comment', ticket_id: ticket.id });
    const otherEntry = await logOf(other as string);
    expect(otherEntry).toMatchObject({ outcome: 'ticket', reason: 'guest' });
    expect(otherEntry?.ticket_id).not.toBe(ticket.id);
    // A guest's comment names who wrote it, since the account is shared.
    expect((await comments(ticket.id, guestUser)).map((c) => c.event.body)).toEqual([
      '现在好了，谢谢。\n\n(来自邮件，发件人：visitor@partner.example)',
    ]);
  });
});

describe('a mail whose handling fails unexpectedly', () => {
  it('leaves no ticket behind when its log entry cannot be written: both are one transaction', async () => {
    await sql`
      CREATE FUNCTION refuse_log() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subject = '日志写不进去' THEN RAISE EXCEPTION 'log refused'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_log BEFORE INSERT ON mail_intake_log FOR EACH ROW EXECUTE FUNCTION refuse_log();
    `.execute(t.platform.db);
    const { raw, messageId } = buildMail({
      from: 'zhang.san@corp.example',
      subject: '日志写不进去',
      text: '工单和日志要么都在，要么都不在。',
    });
    dovecot.deliver(raw);
    const tickets = await countRows('tickets');
    try {
      expect(await pollMailbox(t.platform, log)).toMatchObject({ failed: 1, handled: {} });
      expect(await countRows('tickets')).toBe(tickets);
      expect((await dovecot.seen()).get(messageId as string)).toBe(false);
    } finally {
      await sql`DROP TRIGGER refuse_log ON mail_intake_log; DROP FUNCTION refuse_log();`.execute(t.platform.db);
    }
    expect(await pollMailbox(t.platform, log)).toMatchObject({ failed: 0, handled: { ticket: 1 } });
    expect(await countRows('tickets')).toBe(tickets + 1);
  });

  it('stays unread with nothing written, and is taken at the next poll', async () => {
    const broken = {
      ...t.platform,
      files: {
        save: async () => {
          throw new Error('disk unavailable');
        },
      } as unknown as typeof t.platform.files,
    };
    const { raw, messageId } = buildMail({
      from: 'zhang.san@corp.example',
      subject: '键盘失灵',
      text: '部分按键没反应。',
      attachments: [{ name: 'keyboard.png', type: 'image/png', content: png }],
    });
    dovecot.deliver(raw);
    const tickets = await countRows('tickets');
    expect(await pollMailbox(broken, log)).toMatchObject({ failed: 1, handled: {} });
    expect(await logOf(messageId as string)).toBeUndefined();
    expect(await countRows('tickets')).toBe(tickets);
    expect((await dovecot.seen()).get(messageId as string)).toBe(false);

    expect(await pollMailbox(t.platform, log)).toMatchObject({ failed: 0, handled: { ticket: 1 } });
    expect(await logOf(messageId as string)).toMatchObject({ outcome: 'ticket' });
    expect((await dovecot.seen()).get(messageId as string)).toBe(true);
  });
});
