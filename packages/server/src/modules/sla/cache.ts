import type { Database } from '../../db/database.js';

// SLA settings are read on every ticket change and by every timer job, so they are cached in-process
// for a few seconds. Several instances run: a change made through another instance is seen here at
// most TTL_MS later; a change made through this instance clears the cache at once.
export const TTL_MS = 5_000;

interface Entry<T> {
  expires: number;
  value: Promise<T>;
}
const caches = new WeakMap<Database, Map<string, Entry<unknown>>>();

/** The cached value of `key` for this database, loading it when missing or older than TTL_MS. */
export function cached<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
  const entry: Entry<T> = { expires: Date.now() + TTL_MS, value: load() };
  cache.set(key, entry);
  entry.value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry.value;
}

/** Forgets everything cached for this database (after a change to calendars or policies). */
export function clearSlaCache(db: Database): void {
  caches.delete(db);
}
