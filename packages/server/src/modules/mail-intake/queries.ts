import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export const OUTCOMES = ['ticket', 'comment', 'ignored', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The per-sender rate limit's window. */
export const SENDER_WINDOW_MINUTES = 10;

export interface LogEntry {
  messageId: string;
  from: string;
  subject: string;
  outcome: Outcome;
  reason: string | null;
  details?: Record<string, unknown>;
  ticketId?: number | null;
  senderId?: number | null;
  receivedAt: Date;
}

/** Records what became of a mail. Inside the transaction of the ticket or comment it made, if any. */
export async function writeLog(db: Database | Transaction<DB>, entry: LogEntry): Promise<void> {
  await db
    .insertInto('mail_intake_log')
    .values({
      message_id: entry.messageId,
      from_address: entry.from,
      subject: entry.subject.slice(0, 1000),
      outcome: entry.outcome,
      reason: entry.reason,
      details: JSON.stringify(entry.details ?? {}),
      ticket_id: entry.ticketId ?? null,
      sender_id: entry.senderId ?? null,
      received_at: entry.receivedAt,
    })
    .execute();
}

export async function alreadyHandled(db: Database, messageId: string): Promise<boolean> {
  const row = await db.selectFrom('mail_intake_log').select('id').where('message_id', '=', messageId).executeTakeFirst();
  return !!row;
}

/** Mails from this address received in the window before `receivedAt` (whatever became of them). */
export async function recentFromSender(db: Database, from: string, receivedAt: Date): Promise<number> {
  const since = new Date(receivedAt.getTime() - SENDER_WINDOW_MINUTES * 60_000);
  const { n } = await db
    .selectFrom('mail_intake_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('from_address', '=', from)
    .where('received_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Active users with this e-mail address (compared case-insensitively). */
export async function usersByEmail(db: Database, address: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', address.toLowerCase())
    .where('active', '=', true)
    .limit(2)
    .execute();
  return rows.map((r) => r.id);
}

export async function activeUserByUsername(db: Database, username: string): Promise<number | null> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Whether this address's mail opened that ticket (so a guest's reply may be added to it). */
export async function openedByAddress(db: Database, ticketId: number, from: string): Promise<boolean> {
  const row = await db
    .selectFrom('mail_intake_log')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('outcome', '=', 'ticket')
    .where('from_address', '=', from)
    .executeTakeFirst();
  return !!row;
}

/**
 * Whether any of these Shuyun notification deliveries told of something internal (an internal note),
 * so that a reply to it must stay internal too.
 */
export async function anyInternalNotification(db: Database, deliveryIds: number[]): Promise<boolean> {
  if (!deliveryIds.length) return false;
  const row = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .select('d.id')
    .where('d.id', 'in', deliveryIds)
    .where('e.audience', '=', 'internal')
    .executeTakeFirst();
  return !!row;
}

export interface LogFilter {
  outcome?: Outcome;
  reason?: string;
  from?: string;
  page: number;
  pageSize: number;
}

/** The intake log, newest first. */
export async function listLog(db: Database, filter: LogFilter) {
  let base = db.selectFrom('mail_intake_log as l');
  if (filter.outcome) base = base.where('l.outcome', '=', filter.outcome);
  if (filter.reason) base = base.where('l.reason', '=', filter.reason);
  if (filter.from) base = base.where('l.from_address', '=', filter.from.toLowerCase());
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'l.id',
      'l.message_id',
      'l.from_address',
      'l.subject',
      'l.outcome',
      'l.reason',
      'l.details',
      'l.ticket_id',
      'l.sender_id',
      'l.received_at',
      'l.processed_at',
    ])
    .orderBy('l.processed_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      messageId: r.message_id,
      from: r.from_address,
      subject: r.subject,
      outcome: r.outcome,
      reason: r.reason,
      details: r.details,
      ticket: r.ticket_id ? { id: r.ticket_id, number: String(r.details.ticketNumber ?? '') } : null,
      senderId: r.sender_id,
      receivedAt: new Date(r.received_at).toISOString(),
      processedAt: new Date(r.processed_at).toISOString(),
    })),
    total: Number(total),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
