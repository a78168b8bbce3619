import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.js';
import { createDatabase, type Database, prepared } from './database.js';

let url: string;
let db: Database;
beforeAll(async () => {
  url = await createTestDatabase();
  db = createDatabase(url, 4).db;
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

describe('prepared queries', () => {
  /** One connection, so that every call runs on the same session; its named statements afterwards. */
  async function onOneConnection(options: { preparedStatements?: boolean }, run: (one: Database) => Promise<void>) {
    const one = createDatabase(url, 1, options).db;
    try {
      await run(one);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE NOT from_sql`.execute(one);
      return rows[0]?.n;
    } finally {
      await one.destroy();
    }
  }
  const twice = (one: Database, n: number) => prepared(one.selectNoFrom(sql<number>`${n}::int * 2`.as('v'))).executeTakeFirstOrThrow();

  it('parses a marked query once per connection and runs it with each call’s values', async () => {
    const named = await onOneConnection({}, async (one) => {
      expect(await twice(one, 2)).toEqual({ v: 4 });
      expect(await twice(one, 21)).toEqual({ v: 42 });
      expect(await one.selectNoFrom(sql<number>`1`.as('v')).execute()).toEqual([{ v: 1 }]); // unmarked: not kept
    });
    expect(named).toBe(1);
  });

  it('refuses to prepare a query that selects * (its columns would change with the next migration)', async () => {
    await onOneConnection({}, async (one) => {
      await expect(prepared(one.selectFrom('users as u').selectAll('u').where('u.id', '=', 1)).execute()).rejects.toThrow(
        /names its columns/,
      );
      await expect(prepared(one.selectFrom('users').selectAll().where('id', '=', 1)).execute()).rejects.toThrow(/names its columns/);
    });
  });

  it('goes on answering after a migration adds a column to the table it reads (another instance upgrading)', async () => {
    await sql`CREATE TABLE prepared_probe (id int PRIMARY KEY, name text)`.execute(db);
    await sql`INSERT INTO prepared_probe VALUES (1, 'a')`.execute(db);
    const named = await onOneConnection({}, async (one) => {
      const read = () =>
        prepared(
          one
            .selectFrom('prepared_probe' as never)
            .select(sql<string>`name`.as('name'))
            .where(sql<boolean>`id = ${1}`),
        ).execute();
      for (let i = 0; i < 7; i++) expect(await read()).toEqual([{ name: 'a' }]); // past the generic plan
      await sql`ALTER TABLE prepared_probe ADD COLUMN extra int`.execute(db);
      expect(await read()).toEqual([{ name: 'a' }]);
    });
    expect(named).toBe(1);
  });

  it('keeps nothing on the connection when prepared statements are turned off (PgBouncer)', async () => {
    const named = await onOneConnection({ preparedStatements: false }, async (one) => {
      expect(await twice(one, 3)).toEqual({ v: 6 });
    });
    expect(named).toBe(0);
  });
});
