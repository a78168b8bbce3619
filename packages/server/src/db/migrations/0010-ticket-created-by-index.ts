import { type Kysely, sql } from 'kysely';

/**
 * "Requested by me" matches `requester_id = me OR created_by = me` (a dispatcher may submit for
 * someone else). Without an index on created_by the OR made PostgreSQL scan every ticket: 176 ms to
 * count a requester's tickets at 1M, the slowest action of the mixed workload. With it, a bitmap OR
 * of two index scans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tickets_created_by_idx ON tickets (created_by, created_at DESC)`.execute(db);
}
