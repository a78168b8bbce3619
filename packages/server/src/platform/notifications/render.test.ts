import { translate } from '@shuyun/shared';
import { describe, expect, it } from 'vitest';
import { botRequest, maskSecret, maskUrl } from './bots.js';
import { notificationEventTypes, registerNotificationEvent, TICKET_NOTIFICATION_EVENTS } from './events.js';
import { mailDomain } from './mail.js';
import { absoluteLink, escapeBotMarkdown, type MessageSource, renderMail, renderMessage } from './render.js';
import { decodeWords, parseMime, verifyDingtalk, verifyFeishu } from './test-peers.js';

const source = (over: Partial<MessageSource> = {}): MessageSource => ({
  type: 'ticket.assigned',
  actorName: '王工',
  record: { type: 'ticket', id: 7, number: 'GD20261122-0007', title: '打印机无法打印', link: '/tickets/7' },
  data: {},
  ...over,
});

describe('templates', () => {
  it('exist for every registered event type in both languages', () => {
    expect(notificationEventTypes()).toEqual(expect.arrayContaining(Object.keys(TICKET_NOTIFICATION_EVENTS)));
    for (const type of notificationEventTypes()) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        for (const part of ['title', 'body']) {
          const key = `notifications.events.${type}.${part}`;
          expect(translate(locale, key), `${locale} ${key}`).not.toBe(key);
        }
      }
    }
  });

  it('render in the recipient language with the record, actor and data filled in', () => {
    const zh = renderMessage('zh-CN', source());
    expect(zh.title).toBe('工单 GD20261122-0007 已指派给您：打印机无法打印');
    expect(zh.body).toBe('王工 将工单「打印机无法打印」指派给您，请及时处理。');
    const en = renderMessage('en-US', source({ type: 'ticket.rejected', data: { reason: 'Not in budget' } }));
    expect(en.title).toBe('Ticket GD20261122-0007 was not approved: 打印机无法打印');
    expect(en.body).toBe('王工 rejected the ticket "打印机无法打印".\nReason: Not in budget');
  });

  it('translate i18n: data values and name the system when there is no actor', () => {
    // Any catalogue key works; the ticket module passes its SLA clock names this way.
    const warning = source({ type: 'ticket.slaWarning', actorName: null, data: { clock: 'i18n:notifications.channels.email' } });
    expect(renderMessage('en-US', warning).body).toBe('Ticket "打印机无法打印": E-mail is about to be missed. Please act soon.');
    expect(renderMessage('zh-CN', warning).body).toBe('工单「打印机无法打印」的邮件即将到期，请尽快处理。');
    const system = renderMessage('en-US', source({ type: 'ticket.mentioned', actorName: null, data: { excerpt: 'hi' } }));
    expect(system.title).toBe('System mentioned you on ticket GD20261122-0007');
  });

  it('keep the title on one line whatever the record title holds', () => {
    const { title } = renderMessage('zh-CN', source({ record: { ...source().record, title: 'a\r\nBcc: x@evil.test\nb' } }));
    expect(title).not.toMatch(/[\r\n]/);
  });
});

describe('e-mail rendering', () => {
  it('escapes every interpolated value in the HTML and keeps the text alternative readable', () => {
    const evil = source({
      type: 'ticket.commented',
      actorName: '<b>Mallory</b>',
      record: { ...source().record, title: '<script>alert("x")</script>' },
      data: { excerpt: `<img src=x onerror=alert(1)> & "quotes" 'single'` },
    });
    const mail = renderMail('en-US', evil, 'https://desk.example.com/tickets/7?a=1&b="2"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>Mallory');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;single&#39;');
    expect(mail.html).toContain('href="https://desk.example.com/tickets/7?a=1&amp;b=&quot;2&quot;"');
    expect(mail.subject).toBe('New reply on ticket GD20261122-0007: <script>alert("x")</script>');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
    expect(mail.text).toContain('Open in Shuyun: https://desk.example.com/tickets/7');
  });

  it('links under PUBLIC_URL, also when it has a path', () => {
    expect(absoluteLink('https://desk.example.com', '/tickets/7')).toBe('https://desk.example.com/tickets/7');
    expect(absoluteLink('https://example.com/shuyun/', '/tickets/7')).toBe('https://example.com/shuyun/tickets/7');
    expect(absoluteLink(undefined, '/tickets/7')).toBe('/tickets/7');
  });

  it('marks Message-IDs with the public host, else the sender domain', () => {
    expect(mailDomain({ PUBLIC_URL: 'https://desk.example.com:8443/x', MAIL_FROM: 'a@b.test' })).toBe('desk.example.com');
    expect(mailDomain({ PUBLIC_URL: undefined, MAIL_FROM: '数运 <shuyun@corp.example>' })).toBe('corp.example');
  });
});

describe('group-bot messages', () => {
  const message = { title: 'T', body: 'B', url: 'https://desk.example.com/tickets/7' };

  it('neutralise markdown links and tags in values', () => {
    expect(escapeBotMarkdown('[click](http://evil) <font color="red">x</font> **b**')).toBe(
      '［click］（http://evil） ＜font color="red"＞x＜/font＞ ＊＊b＊＊',
    );
  });

  it('sign DingTalk requests so that the documented check accepts them, and only with the right secret', () => {
    const now = Date.now();
    const request = botRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC-right', message, now);
    const url = new URL(request.url);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(now));
    const sign = url.searchParams.get('sign') as string;
    expect(verifyDingtalk('SEC-right', String(now), sign, now)).toBe(true);
    expect(verifyDingtalk('SEC-wrong', String(now), sign, now)).toBe(false);
    // The signature travels URL-encoded: base64's + / = never appear raw in the query.
    expect(request.url.split('sign=')[1]).not.toMatch(/[+/=]/);
    expect(request.body).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: expect.stringContaining('B') } });
  });

  it('sign Feishu requests in the body with seconds, keyed by the string to sign', () => {
    const now = 1_767_225_600_123;
    const request = botRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz', 'fs-secret', message, now);
    expect(request.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xyz');
    const body = request.body as { timestamp: string; sign: string; msg_type: string; content: { text: string } };
    expect(body.timestamp).toBe('1767225600');
    expect(body.msg_type).toBe('text');
    expect(verifyFeishu('fs-secret', body.timestamp, body.sign, now)).toBe(true);
    expect(verifyFeishu('fs-secre7', body.timestamp, body.sign, now)).toBe(false);
    // An hour-old signature is refused, as the vendor does.
    expect(verifyFeishu('fs-secret', body.timestamp, body.sign, now + 2 * 3600_000)).toBe(false);
  });

  it('post WeCom markdown to the URL as configured', () => {
    const request = botRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1', null, message);
    expect(request.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1');
    expect(request.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**T**') } });
  });

  it('mask webhook URLs and secrets', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'https://qyapi.weixin.qq.com/…5aaa',
    );
    expect(maskSecret('SECa1b2c3d4e5f6a7b8')).toBe('SEC…b8');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret(null)).toBeNull();
  });
});

describe('event registry', () => {
  it('accepts module.event names and refuses others', () => {
    expect(() => registerNotificationEvent('not a type', { inApp: true, email: false })).toThrow();
    registerNotificationEvent('testing.pinged', { inApp: true, email: false });
    expect(notificationEventTypes()).toContain('testing.pinged');
  });
});

describe('the test MIME reader', () => {
  it('decodes encoded words and quoted-printable bodies', () => {
    expect(decodeWords('=?UTF-8?B?5bel5Y2V?= =?UTF-8?Q?_GD-1?=')).toBe('工单 GD-1');
    const { parts } = parseMime(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=E5=B7=A5=\r\n=E5=8D=95\r\n',
    );
    expect(parts[0]?.body).toBe('工单');
  });
});
