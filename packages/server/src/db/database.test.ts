import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';
import { createDatabase, type Database } from './database.js';

let db: Database;
beforeAll(async () => {
  db = createDatabase(await createTestDatabase(), 4).db;
});
afterAll(() => db.destroy());

// A checked-out pg client has no 'error' listener of the pool's, so a connection that PostgreSQL ends
// while a transaction holds it (pg_terminate_backend, a restart, Ctrl-C reaching PostgreSQL first)
// used to raise an unhandled 'error' event and end the whole server. Vitest fails the run on it.
it('survives PostgreSQL ending a connection that a transaction holds: the transaction fails, the pool goes on', async () => {
  const outcome = db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
    await sql`SELECT pg_terminate_backend(${rows[0]?.pid})`.execute(db);
    await new Promise((r) => setTimeout(r, 200)); // the connection ends while the callback still runs
    await sql`SELECT 1`.execute(trx);
  });
  await expect(outcome).rejects.toThrow();
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
  expect(rows).toEqual([{ one: 1 }]);
});
