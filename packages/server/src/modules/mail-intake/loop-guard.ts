import { type MailLoopReason, mailLoopReason } from '../../platform/notifications/mail-loops.js';

export type IgnoreReason = MailLoopReason | 'autoReplySubject';

// Subjects that auto-replies and bounces start with (after any "Re:"), in the languages seen here.
const AUTOMATIC_SUBJECT =
  /^(?:(?:re|aw|回复|答复)\s*[:：]\s*)*(?:自动回复|自動回覆|自动答复|自动应答|Automatic reply|Auto(?:matic)?[- ]?(?:reply|response)|Out of (?:the )?office|Undeliverable|Undelivered Mail|Delivery Status Notification|Mail delivery failed|Returned mail|Delivery has failed|退信|系统退信|邮件退信|投递失败)/i;

/**
 * Why a mail must never become a ticket or a comment, or null when a person wrote it: Shuyun's own
 * notifications, auto-replies, bounces and bulk mail (by their headers, see `mailLoopReason`), and
 * auto-replies that only their subject gives away. `headers` are keyed by lower-case name.
 */
export function ignoreReason(
  headers: Record<string, string | undefined>,
  subject: string,
  own: { domain: string; from: string | null },
): IgnoreReason | null {
  const byHeaders = mailLoopReason(headers, own);
  if (byHeaders) return byHeaders;
  if (headers['x-failed-recipients'] !== undefined) return 'bounce';
  // Set by senders that are themselves automatic (Shuyun's own notifications carry it too).
  if (headers['x-auto-response-suppress'] !== undefined) return 'autoReply';
  if (AUTOMATIC_SUBJECT.test(subject.trim())) return 'autoReplySubject';
  return null;
}

/** Raw header lines as a lower-case-keyed record (the first occurrence of each), unfolded. */
export function headerRecord(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name in headers) continue;
    headers[name] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return headers;
}
