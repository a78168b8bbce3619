import type { Database } from '../db/database.js';

// Settings read on every change (SLA policies and calendars, group-bot subscriptions, assignment
// rules) are cached in-process for a few seconds. Several instances run: a change made through
// another instance is seen here at most TTL_MS later; a change made through this instance forgets
// its keys at once.
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

/** Forgets what is cached for this database under keys that start with `prefix`. */
export function forgetCached(db: Database, prefix: string): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}
