import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { pollCron } from './jobs.js';
import { checkIntakeConfig, imapOptions } from './settings.js';

const base = { IMAP_MAILBOX: 'INBOX', IMAP_POLL_SECONDS: 60, MAIL_INTAKE_SENDER_LIMIT: 20, MAIL_FROM: undefined, PUBLIC_URL: undefined };

describe('mail intake settings', () => {
  it('connects with TLS for imaps://, and requires STARTTLS for imap:// unless the server is on this machine', () => {
    expect(imapOptions('imaps://desk%40corp.example:p%40ss%3Aword@mail.corp.example')).toMatchObject({
      host: 'mail.corp.example',
      port: 993,
      secure: true,
      auth: { user: 'desk@corp.example', pass: 'p@ss:word' },
    });
    expect(imapOptions('imap://desk:secret@mail.corp.example')).toMatchObject({ port: 143, secure: false, doSTARTTLS: true });
    expect(imapOptions('imap://desk:secret@127.0.0.1:1143')).toMatchObject({ port: 1143, secure: false, doSTARTTLS: undefined });
    expect(() => imapOptions('imap://mail.corp.example')).toThrow(/IMAP_URL/);
  });

  it('refuses guest mode without a guest account, and a poll interval that is not whole minutes', () => {
    const url = 'imaps://desk:secret@mail.corp.example';
    expect(() => checkIntakeConfig({ ...base, IMAP_URL: url, MAIL_INTAKE_UNKNOWN_SENDERS: 'guest', IMAP_GUEST_USER: undefined })).toThrow(
      /IMAP_GUEST_USER/,
    );
    expect(() =>
      checkIntakeConfig({ ...base, IMAP_URL: url, MAIL_INTAKE_UNKNOWN_SENDERS: 'guest', IMAP_GUEST_USER: 'mailguest' }),
    ).not.toThrow();
    expect(() =>
      checkIntakeConfig({ ...base, IMAP_URL: undefined, MAIL_INTAKE_UNKNOWN_SENDERS: 'guest', IMAP_GUEST_USER: undefined }),
    ).not.toThrow();
    expect(() => loadConfig({ IMAP_POLL_SECONDS: '90' })).toThrow(/IMAP_POLL_SECONDS/);
    expect(() => loadConfig({ IMAP_URL: 'pop3://desk:secret@mail.corp.example' })).toThrow(/IMAP_URL/);
    expect(loadConfig({})).toMatchObject({
      IMAP_MAILBOX: 'INBOX',
      IMAP_POLL_SECONDS: 60,
      MAIL_INTAKE_UNKNOWN_SENDERS: 'reject',
      MAIL_INTAKE_SENDER_LIMIT: 20,
    });
  });

  it('turns the poll interval into a cron schedule', () => {
    expect(pollCron(60)).toBe('* * * * *');
    expect(pollCron(300)).toBe('*/5 * * * *');
    expect(pollCron(3600)).toBe('0 * * * *');
  });
});
