import { describe, expect, it } from 'vitest';
import { cleanText, notificationIdsIn, replyText, ticketNumberIn, titleFrom } from './mail-text.js';

describe('replyText', () => {
  it('cuts a Gmail or Thunderbird attribution and what follows', () => {
    expect(replyText('好的，明天再试。\n\nOn Mon, 23 Nov 2026 at 09:30, 数运 <shuyun@example.com> wrote:\n> 已受理\n')).toBe(
      '好的，明天再试。',
    );
    // Gmail wraps a long attribution over two lines.
    expect(
      replyText('Fixed, thanks.\n\nOn Mon, 23 Nov 2026 at 09:30, Shuyun Service Desk <shuyun@example.com>\nwrote:\n> Accepted\n'),
    ).toBe('Fixed, thanks.');
  });

  it('cuts Outlook’s original-message marker and its From/Sent header block', () => {
    expect(replyText('已处理。\r\n\r\n-----Original Message-----\r\nFrom: 数运\r\nSent: Monday\r\n已受理')).toBe('已处理。');
    expect(replyText('已处理。\n\n________________________________\nFrom: 数运\nSent: 2026年11月23日 9:30\n已受理')).toBe('已处理。');
    expect(
      replyText('已处理。\n\nFrom: 数运 <shuyun@example.com>\nSent: Monday, November 23, 2026 9:30 AM\nTo: 张三\nSubject: 已受理'),
    ).toBe('已处理。');
  });

  it('cuts Chinese clients’ 发件人 blocks, QQ Mail’s 原始邮件 line and 写道', () => {
    expect(replyText('收到。\n\n发件人: 数运 <shuyun@example.com>\n发送时间: 2026年11月23日\n主题: 已受理')).toBe('收到。');
    expect(replyText('收到。\n\n发件人：数运\n时间：2026年11月23日')).toBe('收到。');
    expect(replyText('收到。\n------------------ 原始邮件 ------------------\n发件人: "数运"')).toBe('收到。');
    expect(replyText('收到。\n\n在 2026年11月23日 09:30，数运 <shuyun@example.com> 写道：\n> 已受理')).toBe('收到。');
  });

  it('drops "> " quoted lines but keeps an answer written between them', () => {
    expect(replyText('> 能否提供机器编号？\nPC-0231\n> 何时方便上门？\n下午三点以后')).toBe('PC-0231\n下午三点以后');
  });

  it('keeps text that only mentions From: or 发件人 mid-sentence, and returns empty for a bare quote', () => {
    expect(replyText('请把 From: 字段改成部门邮箱。\n谢谢')).toBe('请把 From: 字段改成部门邮箱。\n谢谢');
    expect(replyText('邮件里的发件人显示错了')).toBe('邮件里的发件人显示错了');
    expect(replyText('> 只有引用\n> 没有新内容\n')).toBe('');
  });
});

describe('titleFrom', () => {
  it('uses the subject without reply prefixes, else the first line of the body, at most 200 characters', () => {
    expect(titleFrom('  Re: 回复：打印机卡纸 ', '')).toBe('打印机卡纸');
    expect(titleFrom('Fwd: VPN\tdown', '')).toBe('VPN down');
    expect(titleFrom('', '\n\n  网络断了  \n第二行')).toBe('网络断了');
    expect(titleFrom('', '')).toBe('');
    expect([...titleFrom('长'.repeat(300), '')]).toHaveLength(200);
  });
});

describe('ticketNumberIn and cleanText', () => {
  it('finds a ticket number anywhere in a subject', () => {
    expect(ticketNumberIn('回复：[数运] GD20261122-0007 已受理')).toBe('GD20261122-0007');
    expect(ticketNumberIn('Re: GD20261122-12345')).toBe('GD20261122-12345');
    expect(ticketNumberIn('GD2026112-0007 / XQ20261122-0007')).toBeNull();
  });

  it('finds the notification mails a reply threads under, on Shuyun’s own domain only', () => {
    const headers = {
      'in-reply-to': '<notification.12@desk.example.com>',
      references:
        '<ticket.3@desk.example.com> <notification.7@desk.example.com> <notification.9@elsewhere.example> <notification.12@desk.example.com>',
    };
    expect(notificationIdsIn(headers, 'desk.example.com')).toEqual([12, 7]);
    expect(notificationIdsIn({}, 'desk.example.com')).toEqual([]);
    expect(notificationIdsIn({ references: '<notification.5@deskXexample.com>' }, 'desk.example.com')).toEqual([]);
  });

  it('normalises line endings, removes control characters and collapses blank runs', () => {
    expect(cleanText('a\r\nb\u0007\n\n\n\nc  \n')).toBe('a\nb\n\nc');
  });
});
