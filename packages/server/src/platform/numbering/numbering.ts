import { formatRecordNumber, NUMBER_PREFIXES, type NumberedRecordType } from '@shuyun/shared';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day in the business time zone, `YYYY-MM-DD`. */
export function businessDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // Building an ICU formatter costs far more than using one: one per time zone.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * Next readable number for a record type, e.g. `GD20261122-0007`. One atomic upsert per call:
 * concurrent callers serialise on the (prefix, day) row and never get the same number. A rolled-back
 * transaction leaves a gap, which SPEC allows. Pass the database (not a transaction) where many
 * records are created at once: the row lock then lasts one statement, not a whole transaction.
 */
export async function nextRecordNumber(trx: Kysely<DB>, type: NumberedRecordType, timeZone: string, at = new Date()): Promise<string> {
  const prefix = NUMBER_PREFIXES[type];
  const day = businessDay(at, timeZone);
  const row = await trx
    .insertInto('number_sequences')
    .values({ prefix, day, last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatRecordNumber(prefix, day, row.last);
}

/** Asset tags `ZC-000123`: one global sequence per prefix (day fixed at the epoch). */
export async function nextTag(trx: Kysely<DB>, prefix: string, width = 6): Promise<string> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ prefix, day: '1970-01-01', last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last).padStart(width, '0')}`;
}
