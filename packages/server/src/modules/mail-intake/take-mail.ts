import { createHash } from 'node:crypto';
import { CreateTicketBody, FINAL_STATUSES, type TicketStatus, translate } from '@shuyun/shared';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { loadActor } from '../../platform/auth/actor.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { ownMailMarks } from '../../platform/notifications/mail-loops.js';
import { addComment } from '../tickets/comments.js';
import { createTicket } from '../tickets/create-ticket.js';
import { ticketsInScope } from '../tickets/queries.js';
import { recordUploads, storeAttachments } from './attachments.js';
import { joinTransaction } from './join-transaction.js';
import { headerRecord, ignoreReason } from './loop-guard.js';
import { cleanText, notificationIdsIn, replyText, ticketNumberIn, titleFrom } from './mail-text.js';
import {
  activeUserByUsername,
  alreadyHandled,
  anyInternalNotification,
  type LogEntry,
  type Outcome,
  openedByAddress,
  recentFromSender,
  usersByEmail,
  writeLog,
} from './queries.js';

export interface IncomingMail {
  /** The whole message, or only its header when it was too large to fetch. */
  source: Buffer;
  /** When the mail server received it (IMAP INTERNALDATE). */
  receivedAt: Date;
  /** Set when the message exceeded the size the intake fetches: only its header is in `source`. */
  tooLarge?: { size: number };
}

export interface IntakeResult {
  /** `duplicate`: already in the log, nothing done again. */
  outcome: Outcome | 'duplicate';
  reason: string | null;
  ticketId?: number;
}

type Ctx = ActionContext & { actor: Actor };
const MAX_TEXT = 20_000;

/**
 * Decides what one mail becomes and does it: ignored (auto-replies, bounces, Shuyun's own mail,
 * floods), rejected (unknown sender, not allowed, refused by the ticket service), a public comment
 * on the ticket whose number its subject carries, or a new ticket. A reply to a ticket that has
 * ended (closed, cancelled, rejected) opens a new ticket whose description names the old number; a
 * reply naming a ticket the sender may not see is treated as a new mail, revealing nothing. Whatever
 * the outcome, it is logged under the mail's Message-ID — together with the ticket or comment in one
 * transaction — so handling the same mail again does nothing.
 */
export async function takeMail(platform: Platform, mail: IncomingMail): Promise<IntakeResult> {
  const { db, config } = platform;
  const parsed = await simpleParser(mail.source, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const headers = headerRecord(parsed.headerLines);
  const subject = (parsed.subject ?? '').trim();
  const sender = parsed.from?.value[0];
  const from = (sender?.address ?? '').trim().toLowerCase();
  const base = { messageId: messageIdOf(parsed.messageId, mail.source), from: from || '-', subject, receivedAt: mail.receivedAt };

  if (await alreadyHandled(db, base.messageId)) return { outcome: 'duplicate', reason: null };
  const finish = async (entry: Omit<LogEntry, keyof typeof base>): Promise<IntakeResult> => {
    const written = await logOnce(() => writeLog(db, { ...base, ...entry }));
    return written ? { outcome: entry.outcome, reason: entry.reason } : { outcome: 'duplicate', reason: null };
  };

  if (!from) return finish({ outcome: 'ignored', reason: 'noSender' });
  const own = ownMailMarks(config);
  const loop = ignoreReason(headers, subject, own);
  if (loop) return finish({ outcome: 'ignored', reason: loop });
  if ((await recentFromSender(db, from, mail.receivedAt)) >= config.MAIL_INTAKE_SENDER_LIMIT) {
    return finish({ outcome: 'ignored', reason: 'rateLimited' });
  }
  if (mail.tooLarge) return finish({ outcome: 'rejected', reason: 'messageTooLarge', details: { size: mail.tooLarge.size } });

  // The sender acts as themselves; unknown addresses are refused or filed for the guest account.
  const matches = await usersByEmail(db, from);
  if (matches.length > 1) return finish({ outcome: 'rejected', reason: 'ambiguousSender' });
  let userId = matches[0] ?? null;
  const guest = userId === null;
  if (guest) {
    if (config.MAIL_INTAKE_UNKNOWN_SENDERS !== 'guest') return finish({ outcome: 'rejected', reason: 'unknownSender' });
    userId = config.IMAP_GUEST_USER ? await activeUserByUsername(db, config.IMAP_GUEST_USER) : null;
    if (userId === null) return finish({ outcome: 'rejected', reason: 'guestUnavailable' });
  }
  const actor = await loadActor(db, userId as number, 'session');
  if (!actor) return finish({ outcome: 'rejected', reason: 'guestUnavailable' });
  const ctx: Ctx = { actor, ip: null, userAgent: 'shuyun-mail-intake' };
  const senderId = guest ? null : actor.userId;

  // A reply: the subject names a ticket this sender may see (a guest: one their own mail opened).
  const number = ticketNumberIn(subject);
  const found = number
    ? await ticketsInScope(db, actor).where('t.number', '=', number).select(['t.id', 't.number', 't.status']).executeTakeFirst()
    : undefined;
  const replyTo = found && (!guest || (await openedByAddress(db, found.id, from))) ? found : undefined;
  const replyOpen = replyTo && !FINAL_STATUSES.includes(replyTo.status as TicketStatus);
  // A reply to Shuyun's mail about an internal note stays internal, whatever its quoted history holds.
  const internal = !!replyOpen && (await anyInternalNotification(db, notificationIdsIn(headers, own.domain)));
  const needed = replyOpen ? (internal ? 'ticket.internal' : 'ticket.read') : 'ticket.submit';
  if (!actor.permissions.has(needed)) return finish({ outcome: 'rejected', reason: 'notAllowed', senderId });

  const body = cleanText(parsed.text ?? '');
  const commentText = replyOpen ? replyText(parsed.text ?? '') : '';
  if (replyOpen && !commentText && !parsed.attachments.length) {
    return finish({ outcome: 'ignored', reason: 'emptyReply', senderId, ticketId: replyTo.id, details: { ticketNumber: replyTo.number } });
  }

  const { kept, skipped } = await storeAttachments(platform.files, parsed.attachments);
  const t = (key: string, values: Record<string, unknown> = {}) => translate(actor.locale, `mailIntake.text.${key}`, values);
  const notes = [
    ...(guest ? [t('guestSender', { sender: sender?.name ? `${sender.name} <${from}>` : from })] : []),
    ...(replyTo && !replyOpen ? [t('followUp', { number: replyTo.number })] : []),
    ...(skipped.length ? [t('skippedAttachments', { names: skipped.map((s) => s.name).join(', ') })] : []),
  ];
  const details: Record<string, unknown> = {
    ...(skipped.length ? { skippedAttachments: skipped } : {}),
    ...(kept.length ? { attachments: kept.length } : {}),
    ...(replyTo && !replyOpen ? { followUpOf: replyTo.number } : {}),
  };

  try {
    return await platform.db.transaction().execute(async (trx) => {
      const joined = { ...platform, db: joinTransaction(trx) };
      const attachmentIds = await recordUploads(trx, ctx, kept);
      if (replyOpen) {
        const text = [commentText || t('attachmentsOnly'), ...notes.map((n) => `(${n})`)].join('\n\n');
        await addComment(joined, ctx, replyTo.id, { body: text.slice(0, MAX_TEXT), internal, attachmentIds });
        await writeLog(trx, {
          ...base,
          outcome: 'comment',
          reason: null,
          ticketId: replyTo.id,
          senderId,
          details: { ...details, ticketNumber: replyTo.number, ...(internal ? { internal } : {}) },
        });
        return { outcome: 'comment', reason: null, ticketId: replyTo.id } satisfies IntakeResult;
      }
      const input = CreateTicketBody.parse({
        title: titleFrom(subject, body) || t('untitled'),
        description: [...notes, body].filter(Boolean).join('\n\n').slice(0, MAX_TEXT),
        attachmentIds,
      });
      const ticketId = await createTicket(joined, ctx, input, 'email');
      const created = await ticketsInScope(joined.db, actor).where('t.id', '=', ticketId).select('t.number').executeTakeFirstOrThrow();
      const reason = guest ? 'guest' : replyTo ? 'followUp' : null;
      await writeLog(trx, {
        ...base,
        outcome: 'ticket',
        reason,
        ticketId,
        senderId,
        details: { ...details, ticketNumber: created.number },
      });
      return { outcome: 'ticket', reason, ticketId } satisfies IntakeResult;
    });
  } catch (error) {
    if (isDuplicateMessage(error)) return { outcome: 'duplicate', reason: null };
    // The ticket service refused it (a rule, a validation): nothing was written; say why in the log.
    if (error instanceof AppError || error instanceof z.ZodError) {
      const code = error instanceof AppError ? error.code : 'validation';
      return finish({ outcome: 'rejected', reason: 'refused', senderId, details: { ...details, code } });
    }
    throw error;
  }
}

/** The mail's Message-ID, or a stable stand-in from its bytes when it has none. */
function messageIdOf(messageId: string | undefined, source: Buffer): string {
  const id = messageId?.trim();
  if (id) return id.slice(0, 500);
  return `<${createHash('sha256').update(source).digest('hex').slice(0, 40)}@no-message-id.invalid>`;
}

const isDuplicateMessage = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'mail_intake_log_message_id_key';

/** Writes a log row; false when another run logged the same Message-ID first. */
async function logOnce(write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isDuplicateMessage(error)) return false;
    throw error;
  }
}
