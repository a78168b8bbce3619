import { randomBytes } from 'node:crypto';

// RFC 5322 messages for the intake tests, written out by hand so each test shows exactly which
// headers a mail carries.

export interface TestMail {
  from: string;
  fromName?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  /** null: no Message-ID header at all. */
  messageId?: string | null;
  headers?: Record<string, string>;
  attachments?: { name: string; type: string; content: Buffer }[];
}

const b64 = (data: Buffer | string) =>
  (Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')).toString('base64').replace(/.{76}/g, '$&\n');
const word = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`);

export const newMessageId = (domain = 'mail.corp.example') => `<${randomBytes(8).toString('hex')}@${domain}>`;

/** A complete message; returns it with the Message-ID it carries. */
export function buildMail(mail: TestMail): { raw: string; messageId: string | null } {
  const messageId = mail.messageId === undefined ? newMessageId() : mail.messageId;
  const head = [
    `From: ${mail.fromName ? `${word(mail.fromName)} ` : ''}<${mail.from}>`,
    `To: ${mail.to ?? 'helpdesk@corp.example'}`,
    `Subject: ${word(mail.subject ?? '')}`,
    'Date: Mon, 23 Nov 2026 09:30:00 +0800',
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    'MIME-Version: 1.0',
    ...Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const textPart = mail.html
    ? ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(mail.html)]
    : ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(mail.text ?? '')];
  if (!mail.attachments?.length) return { raw: [...head, ...textPart, ''].join('\n'), messageId };
  const boundary = `=_shuyun_${randomBytes(6).toString('hex')}`;
  const parts = mail.attachments.map((a) =>
    [
      `--${boundary}`,
      `Content-Type: ${a.type}; name="${word(a.name)}"`,
      `Content-Disposition: attachment; filename="${word(a.name)}"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(a.content),
    ].join('\n'),
  );
  const raw = [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...textPart,
    ...parts,
    `--${boundary}--`,
    '',
  ].join('\n');
  return { raw, messageId };
}
