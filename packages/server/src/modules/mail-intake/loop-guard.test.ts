import { describe, expect, it } from 'vitest';
import { headerRecord, ignoreReason } from './loop-guard.js';

const own = { domain: 'desk.example.com', from: 'shuyun@example.com' };
const person = { from: '张三 <zhang.san@corp.example>', 'message-id': '<abc@corp.example>' };
const reason = (headers: Record<string, string>, subject = '打印机卡纸') => ignoreReason({ ...person, ...headers }, subject, own);

describe('ignoreReason', () => {
  it('lets a person’s mail through, including a reply threaded under Shuyun’s notifications', () => {
    expect(reason({})).toBeNull();
    expect(reason({ 'auto-submitted': 'no' })).toBeNull();
    expect(reason({ 'in-reply-to': '<notification.5@desk.example.com>', references: '<ticket.9@desk.example.com>' })).toBeNull();
    expect(reason({ 'message-id': '<xyz@desk.example.com>' })).toBeNull();
    expect(reason({}, '关于退信的问题')).toBeNull();
  });

  it('refuses Shuyun’s own mail by its header, its Message-ID or its sender', () => {
    expect(reason({ 'x-shuyun-record': 'ticket:GD20261122-0007' })).toBe('ownMail');
    expect(reason({ 'message-id': '<notification.12@desk.example.com>' })).toBe('ownMail');
    expect(reason({ from: '数运 <Shuyun@Example.com>', 'in-reply-to': '<ticket.1@desk.example.com>' })).toBe('ownMail');
  });

  it('refuses auto-replies by their headers', () => {
    expect(reason({ 'auto-submitted': 'auto-replied' })).toBe('autoSubmitted');
    expect(reason({ 'auto-submitted': 'auto-generated' })).toBe('autoSubmitted');
    expect(reason({ 'x-autoreply': 'yes' })).toBe('autoReply');
    expect(reason({ 'x-autorespond': 'yes' })).toBe('autoReply');
    expect(reason({ 'x-auto-response-suppress': 'OOF, AutoReply' })).toBe('autoReply');
    for (const p of ['bulk', 'junk', 'list', 'auto_reply', 'Bulk']) expect(reason({ precedence: p }), p).toBe('bulk');
  });

  it('refuses bounces', () => {
    expect(reason({ from: 'MAILER-DAEMON@mx.corp.example' })).toBe('bounce');
    expect(reason({ from: 'Postmaster <postmaster@corp.example>' })).toBe('bounce');
    expect(reason({ 'return-path': '<>' })).toBe('bounce');
    expect(reason({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' })).toBe('bounce');
    expect(reason({ 'x-failed-recipients': 'a@corp.example' })).toBe('bounce');
  });

  it('refuses auto-replies that only their subject gives away', () => {
    for (const subject of [
      '自动回复：打印机卡纸',
      '自動回覆: 打印机卡纸',
      'Automatic reply: printer',
      'Auto-Reply: printer',
      'Out of Office: printer',
      'Undeliverable: printer',
      'Undelivered Mail Returned to Sender',
      'Delivery Status Notification (Failure)',
      '退信：打印机卡纸',
      '系统退信',
      'Re: 自动回复: GD20261122-0007',
    ]) {
      expect(reason({}, subject), subject).toBe('autoReplySubject');
    }
  });
});

describe('headerRecord', () => {
  it('keys headers by lower-case name, keeps the first of repeated ones and unfolds continuation lines', () => {
    expect(
      headerRecord([
        { key: 'received', line: 'Received: from a\r\n\tby b' },
        { key: 'received', line: 'Received: from c' },
        { key: 'auto-submitted', line: 'Auto-Submitted: auto-replied' },
      ]),
    ).toEqual({ received: 'from a by b', 'auto-submitted': 'auto-replied' });
  });
});
