import { describe, expect, it } from 'vitest';
import { mailLoopReason, ownMailMarks } from './mail-loops.js';

const own = ownMailMarks({ PUBLIC_URL: 'https://desk.example.com', MAIL_FROM: '数运 <Shuyun@example.com>' });
const person = { from: '张三 <zhangsan@corp.example>', subject: 'Re: [GD20261122-0007] 打印机', 'message-id': '<abc@corp.example>' };

describe('mail loop detection for the mail intake', () => {
  it('knows our own marks', () => {
    expect(own).toEqual({ domain: 'desk.example.com', from: 'shuyun@example.com' });
  });

  it('lets a person’s mail through, also a reply to one of our notifications', () => {
    expect(mailLoopReason(person, own)).toBeNull();
    expect(mailLoopReason({ ...person, 'in-reply-to': '<notification.12@desk.example.com>', 'auto-submitted': 'no' }, own)).toBeNull();
  });

  it('refuses our own notifications, by header, Message-ID or sender', () => {
    expect(mailLoopReason({ ...person, 'x-shuyun-record': 'ticket:GD20261122-0007' }, own)).toBe('ownMail');
    expect(mailLoopReason({ ...person, 'message-id': '<notification.42@desk.example.com>' }, own)).toBe('ownMail');
    expect(mailLoopReason({ ...person, from: 'SHUYUN@example.com' }, own)).toBe('ownMail');
  });

  it('refuses auto-replies, bounces and bulk mail', () => {
    expect(mailLoopReason({ ...person, 'auto-submitted': 'auto-replied' }, own)).toBe('autoSubmitted');
    expect(mailLoopReason({ ...person, 'x-autoreply': 'yes' }, own)).toBe('autoReply');
    expect(mailLoopReason({ ...person, from: 'MAILER-DAEMON@corp.example' }, own)).toBe('bounce');
    expect(mailLoopReason({ ...person, 'content-type': 'multipart/report; report-type=delivery-status' }, own)).toBe('bounce');
    expect(mailLoopReason({ ...person, 'return-path': '<>' }, own)).toBe('bounce');
    expect(mailLoopReason({ ...person, precedence: 'bulk' }, own)).toBe('bulk');
  });
});
