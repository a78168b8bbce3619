import { createHash } from 'node:crypto';
import { type Expression, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
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

export function createDatabase(
  connectionString: string,
  poolSize = 20,
  options: { preparedStatements?: boolean } = {},
): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'shuyun' });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead
  pool.on('connect', (client) => {
    // The pool only listens for errors on idle clients. A connection PostgreSQL ends while Kysely
    // holds it (a transaction, a cursor) would raise an unhandled 'error' event and end the process;
    // its queries fail instead, and the pool drops the broken client when it comes back.
    client.on('error', () => {});
    if (options.preparedStatements !== false) prepareMarkedQueries(client);
  });
  // pg-cursor lets large reads (exports) stream in batches instead of loading every row.
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool };
}

const PREPARED_MARK = '/* prepared */';

/**
 * Marks a query to be prepared once per connection and then only executed: PostgreSQL parses and
 * plans it the first time, and after five runs keeps a generic plan. For the busiest lookups by
 * key, whose planning cost more than their execution (a submission spent ~6 ms of PostgreSQL's
 * time planning and ~3 ms executing: bench/README.md, finding 6). Only for queries of a fixed shape
 * whose best plan does not depend on the values (a key, not a list filter or a search pattern):
 * one generic plan serves every call. `DATABASE_PREPARED_STATEMENTS=false` turns it off (PgBouncer
 * in transaction mode before 1.21 cannot keep prepared statements).
 */
export function prepared<Q extends { modifyEnd(modifier: Expression<unknown>): Q }>(query: Q): Q {
  return query.modifyEnd(sql.raw(PREPARED_MARK));
}

/** `prepared` for a raw `sql` template: put last, e.g. sql`SELECT … ${preparedMark}`. */
export const preparedMark = sql.raw(PREPARED_MARK);

/** `prepared` for SQL text run without Kysely's builder (pg-boss's insert). */
export function preparedText(text: string): string {
  return `${text} ${PREPARED_MARK}`;
}

/** Sends a marked query as a named statement, named by its text, so each connection parses it once. */
function prepareMarkedQueries(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  Object.assign(client, {
    query(this: pg.Client, text: unknown, ...rest: unknown[]) {
      // Looked up per call, not kept: tests count statements by spying on the prototype.
      const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
      if (typeof text === 'string' && text.endsWith(PREPARED_MARK) && Array.isArray(rest[0])) {
        let name = names.get(text);
        if (!name) {
          // A prepared `*` would change its columns with the next migration, and PostgreSQL then
          // refuses to run it ("cached plan must not change result type") until the pool reconnects.
          if (/\.\*|\bselect\s+\*/i.test(text)) throw new Error(`a prepared query names its columns, not *: ${text}`);
          name = `s_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
          names.set(text, name);
        }
        return query.call(this, { name, text, values: rest[0] }, ...rest.slice(1));
      }
      return query.call(this, text, ...rest);
    },
  });
}

/** Applies pending migrations. Kysely's Postgres adapter holds an advisory lock meanwhile, so concurrent starts are safe. */
export async function migrate(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
