import { createTransport } from 'nodemailer';
import type { Config } from '../../config.js';
import type { RenderedMail } from './render.js';

export interface OutgoingMail extends RenderedMail {
  to: string;
  deliveryId: number;
  record: { type: string; id: number; number: string };
}

export interface Mailer {
  /** The domain of our Message-IDs, so that mail intake can recognise mail that came from us. */
  domain: string;
  send(mail: OutgoingMail): Promise<void>;
}

/** The domain Shuyun's mail is marked with: PUBLIC_URL's host, else MAIL_FROM's domain. */
export function mailDomain(config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>): string {
  if (config.PUBLIC_URL) return new URL(config.PUBLIC_URL).hostname;
  const at = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM ?? '');
  return at?.[1] ?? 'shuyun.invalid';
}

/**
 * SMTP over nodemailer, or null when SMTP_URL is unset (e-mail is off). Every message says it was
 * generated automatically and names its record, so auto-replies are suppressed and the mail intake
 * can refuse loops.
 */
export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'PUBLIC_URL'>): Mailer | null {
  if (!config.SMTP_URL) return null;
  if (!config.MAIL_FROM) throw new Error('Invalid configuration:\n  MAIL_FROM: required when SMTP_URL is set');
  const transport = createTransport({
    url: config.SMTP_URL,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const from = config.MAIL_FROM;
  const domain = mailDomain(config);
  return {
    domain,
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<notification.${mail.deliveryId}@${domain}>`,
        // Every message about one record threads under the record.
        references: `<${mail.record.type}.${mail.record.id}@${domain}>`,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
          'X-Shuyun-Record': `${mail.record.type}:${mail.record.number}`.replace(/[\r\n]/g, ''),
        },
      });
    },
  };
}
