import type { Config } from '../../config.js';
import { mailDomain } from './mail.js';

export type MailLoopReason = 'ownMail' | 'autoSubmitted' | 'autoReply' | 'bounce' | 'bulk';

/** What identifies Shuyun's own mail: the Message-ID domain and the sender address. */
export function ownMailMarks(config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>): { domain: string; from: string | null } {
  const from = /<([^>]+)>\s*$/.exec(config.MAIL_FROM ?? '')?.[1] ?? config.MAIL_FROM ?? null;
  return { domain: mailDomain(config), from: from ? from.trim().toLowerCase() : null };
}

const address = (value: string | undefined) => (/<([^>]*)>/.exec(value ?? '')?.[1] ?? value ?? '').trim().toLowerCase();

/**
 * Why an incoming mail must not become a ticket or a comment (null: a person wrote it). For the mail
 * intake: it refuses Shuyun's own notifications (their headers, Message-ID or sender), auto-replies,
 * bounces and bulk mail, so that two systems never answer each other in a loop.
 * `headers` are keyed by lower-case name.
 */
export function mailLoopReason(
  headers: Record<string, string | undefined>,
  own: { domain: string; from: string | null },
): MailLoopReason | null {
  const get = (name: string) => headers[name]?.trim();
  const from = address(get('from'));
  const messageId = get('message-id') ?? '';
  if (get('x-shuyun-record') !== undefined) return 'ownMail';
  if (messageId.toLowerCase().endsWith(`@${own.domain.toLowerCase()}>`) && /^<notification\./i.test(messageId)) return 'ownMail';
  if (own.from && from === own.from) return 'ownMail';
  if (/^(mailer-daemon|postmaster)@/i.test(from) || /multipart\/report/i.test(get('content-type') ?? '') || get('return-path') === '<>') {
    return 'bounce';
  }
  const autoSubmitted = get('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return 'autoSubmitted';
  if (get('x-autoreply') !== undefined || get('x-autorespond') !== undefined) return 'autoReply';
  if (/^(bulk|junk|list|auto_reply)$/i.test(get('precedence') ?? '')) return 'bulk';
  return null;
}
