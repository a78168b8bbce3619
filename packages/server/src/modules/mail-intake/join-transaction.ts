import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

/**
 * A Database whose every query — and whose `transaction()`, which the ticket services open
 * themselves — runs inside `trx`. The intake calls those services through it so that the ticket or
 * comment and the intake log row commit together, or not at all.
 */
export function joinTransaction(trx: Transaction<DB>): Database {
  const joined = {
    execute: <T>(callback: (inner: Transaction<DB>) => Promise<T>) => callback(trx),
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => joined;
      const value = Reflect.get(target, property, target) as unknown;
      // Kysely keeps its state in private fields, which only the real object can reach.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Database;
}
