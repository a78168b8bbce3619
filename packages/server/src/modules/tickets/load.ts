import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { ticketScope } from './access.js';

/** The full row of a ticket the actor may see, or 404 — the same answer whether it exists or not. */
export async function loadTicket(db: Database | Transaction<DB>, actor: Actor, id: number) {
  const row = await db
    .selectFrom('tickets as t')
    .selectAll('t')
    .where('t.id', '=', id)
    .where(ticketScope(actor) as never)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export type LoadedTicket = Awaited<ReturnType<typeof loadTicket>>;
