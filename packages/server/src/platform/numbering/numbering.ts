import { formatRecordNumber, NUMBER_PREFIXES, type NumberedRecordType } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The calendar day in the business time zone, `YYYY-MM-DD`. */
export function businessDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Next readable number for a record type, e.g. `GD20261122-0007`. One atomic upsert per call:
 * concurrent callers serialise on the (prefix, day) row and never get the same number. A rolled-back
 * transaction leaves a gap, which SPEC allows.
 */
export async function nextRecordNumber(trx: Transaction<DB>, type: NumberedRecordType, timeZone: string, at = new Date()): Promise<string> {
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
export async function nextTag(trx: Transaction<DB>, prefix: string, width = 6): Promise<string> {
  const row = await trx
    .insertInto('number_sequences')
    .values({ prefix, day: '1970-01-01', last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'day']).doUpdateSet({ last: sql`number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last).padStart(width, '0')}`;
}
