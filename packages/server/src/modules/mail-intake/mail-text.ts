// Turning a mail's subject and body into a ticket's title, description or a comment.

const TICKET_NUMBER = /GD\d{8}-\d{4,}/;
// Control characters other than tab and newline: refused by the ticket schemas.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
// "Re:", "回复：", "Fwd:", "转发:", "AW:"… repeated, in front of a subject.
const REPLY_PREFIX = /^(?:\s*(?:re|fw|fwd|aw|wg|sv|回复|答复|回覆|转发|轉寄)\s*(?:\[\d+\])?\s*[:：])+\s*/i;

/** The first ticket number in a subject (`GD20261122-0007`), or null. */
export function ticketNumberIn(subject: string): string | null {
  return TICKET_NUMBER.exec(subject)?.[0] ?? null;
}

/** The ids of Shuyun notification mails (`<notification.<id>@domain>`) that In-Reply-To and References name. */
export function notificationIdsIn(headers: Record<string, string | undefined>, domain: string): number[] {
  const text = `${headers['in-reply-to'] ?? ''} ${headers.references ?? ''}`;
  const escaped = domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ids = [...text.matchAll(new RegExp(`<notification\\.(\\d{1,15})@${escaped}>`, 'gi'))].map((m) => Number(m[1]));
  return [...new Set(ids)];
}

/** Line endings normalised, control characters removed, trailing spaces and blank edges trimmed. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A ticket title from the subject (reply prefixes dropped), else the body's first line; at most 200 characters. */
export function titleFrom(subject: string, body: string): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(CONTROL, '').trim();
  const fromSubject = oneLine(subject.replace(REPLY_PREFIX, ''));
  const title = fromSubject || oneLine(body.split('\n').find((line) => line.trim()) ?? '');
  return [...title].slice(0, 200).join('').trim();
}

// A line that starts the quoted history of a reply: everything from it on is dropped.
const HISTORY_STARTS: RegExp[] = [
  /^On\s.+wrote:$/i, // Gmail, Apple Mail, Thunderbird
  /^在.+写道[:：]$/, // the same in Chinese clients
  /^-{2,}\s*Original Message\s*-{2,}$/i, // Outlook
  /^-{2,}\s*原始邮件\s*-{2,}$/, // QQ Mail, Foxmail
  /^_{10,}$/, // Outlook's rule above the quoted headers
  /^发件人\s*[:：]/, // Chinese Outlook and Foxmail header blocks
];
const HEADER_BLOCK_FROM = /^From\s*:/i;
const HEADER_BLOCK_NEXT = /^(Sent|Date|To|Subject|Cc)\s*:/i;

/**
 * The new text of a reply: the quoted history (after "On … wrote:", "-----Original Message-----",
 * "发件人:", an Outlook "From:/Sent:" header block…) is cut off and "> " quoted lines are dropped.
 */
export function replyText(body: string): string {
  const lines = cleanText(body).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    if (HISTORY_STARTS.some((re) => re.test(line))) break;
    // Gmail wraps a long attribution line: "On Mon, 23 Nov 2026 at 09:30, Name <a@b.c>" / "wrote:".
    if (/^On\s/i.test(line) && /^.{0,80}wrote:$/i.test(next) && !/wrote:$/i.test(line)) break;
    if (HEADER_BLOCK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_BLOCK_NEXT.test(l.trim()))) break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i] ?? '');
  }
  return cleanText(kept.join('\n'));
}
