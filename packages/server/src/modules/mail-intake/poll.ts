import { ImapFlow } from 'imapflow';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Platform } from '../../platform/http/types.js';
import { imapOptions } from './settings.js';
import { type IntakeResult, takeMail } from './take-mail.js';

// Held for the whole poll, so two instances (or two overlapping schedules) never read the mailbox at once.
export const POLL_LOCK = 7_243_006;
// A run takes at most this many mails; the rest wait for the next poll.
const MAX_PER_RUN = 200;

export interface PollSummary {
  /** `off`: IMAP_URL is unset; `busy`: another poll holds the mailbox. */
  skipped?: 'off' | 'busy';
  /** Mails handled (and marked \Seen), by outcome. */
  handled: Partial<Record<IntakeResult['outcome'], number>>;
  /** Mails that failed unexpectedly and stay unread, to be tried again at the next poll. */
  failed: number;
}

/** Larger messages are not downloaded: only their header is read, and they are rejected as too large. */
export function maxMessageBytes(uploadMaxMb: number): number {
  // Twenty attachments' worth would be too much to hold in memory; allow a few, base64-encoded (4/3).
  return Math.ceil(uploadMaxMb * 1024 * 1024 * 3 * (4 / 3)) + 1024 * 1024;
}

/**
 * One poll of the intake mailbox: every unread mail is handed to `takeMail` in arrival order and then
 * marked \Seen (nothing is moved or deleted). A mail whose handling fails unexpectedly is left
 * unread; one that was handled but not yet marked (a crash in between) is found in the log and only
 * marked this time.
 */
export async function pollMailbox(platform: Platform, log: Logger): Promise<PollSummary> {
  const { config, db } = platform;
  if (!config.IMAP_URL) return { skipped: 'off', handled: {}, failed: 0 };
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${POLL_LOCK}) AS locked`.execute(conn);
    if (!rows[0]?.locked) return { skipped: 'busy' as const, handled: {}, failed: 0 };
    try {
      return await pollOnce(platform, config.IMAP_URL as string, log);
    } finally {
      await sql`SELECT pg_advisory_unlock(${POLL_LOCK})`.execute(conn);
    }
  });
}

async function pollOnce(platform: Platform, url: string, log: Logger): Promise<PollSummary> {
  const { config } = platform;
  const summary: PollSummary = { handled: {}, failed: 0 };
  const client = new ImapFlow(imapOptions(url));
  // Without a listener an 'error' event would end the process; the awaited call fails as well.
  client.on('error', (error: Error) => log.warn({ err: error }, 'mail intake: IMAP connection error'));
  await client.connect();
  try {
    const lock = await client.getMailboxLock(config.IMAP_MAILBOX);
    try {
      const found = await client.search({ seen: false }, { uid: true });
      const uids = (found || []).sort((a, b) => a - b).slice(0, MAX_PER_RUN);
      if (!uids.length) return summary;
      const limit = maxMessageBytes(config.UPLOAD_MAX_MB);
      const metas = await client.fetchAll(uids.join(','), { uid: true, size: true, internalDate: true }, { uid: true });
      for (const meta of metas.sort((a, b) => a.uid - b.uid)) {
        const uid = String(meta.uid);
        const receivedAt = meta.internalDate ? new Date(meta.internalDate) : new Date();
        const size = meta.size ?? 0;
        let result: IntakeResult;
        try {
          // Fetched with BODY.PEEK, so reading alone never marks a mail as read.
          const tooLarge = size > limit;
          const message = await client.fetchOne(uid, tooLarge ? { uid: true, headers: true } : { uid: true, source: true }, { uid: true });
          const source = message ? (tooLarge ? message.headers : message.source) : undefined;
          if (!source) throw new Error(`message ${uid} vanished while it was read`);
          result = await takeMail(platform, { source, receivedAt, ...(tooLarge ? { tooLarge: { size } } : {}) });
        } catch (error) {
          summary.failed++;
          log.error(
            { err: error, uid, mailbox: config.IMAP_MAILBOX },
            'mail intake: a mail could not be handled; it stays unread and is tried again',
          );
          continue;
        }
        await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
        summary.handled[result.outcome] = (summary.handled[result.outcome] ?? 0) + 1;
        if (result.outcome === 'ignored' || result.outcome === 'rejected') {
          log.info({ uid, outcome: result.outcome, reason: result.reason }, 'mail intake: mail not turned into a ticket');
        }
      }
      return summary;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
