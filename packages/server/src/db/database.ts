import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

// bigint ids and counts come back as JS numbers (safe below 2^53); numeric stays a string.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// …and so do bigint[] columns (e.g. approver ids). 1016 is the OID of int8[].
const parseTextArray = pg.types.getTypeParser(1016 as never) as (v: string) => (string | null)[];
pg.types.setTypeParser(1016 as never, (v: string) => parseTextArray(v).map((x) => (x === null ? null : Number.parseInt(x, 10))));

export type Database = Kysely<DB>;

export function createDatabase(connectionString: string, poolSize = 20): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'shuyun' });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead
  // The pool only listens for errors on idle clients. A connection PostgreSQL ends while Kysely holds
  // it (a transaction, a cursor) would raise an unhandled 'error' event and end the process; its
  // queries fail instead, and the pool drops the broken client when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}));
  // pg-cursor lets large reads (exports) stream in batches instead of loading every row.
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool };
}

/** Applies pending migrations. Kysely's Postgres adapter holds an advisory lock meanwhile, so concurrent starts are safe. */
export async function migrate(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
