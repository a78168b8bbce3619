import type { Database } from '../../db/database.js';
import { forgetCached, cached as platformCached } from '../../platform/cache.js';

// SLA settings are read on every ticket change and by every timer job: cached for a few seconds
// (platform/cache.ts says how fresh), under keys of their own.

/** The cached value of `key` (an SLA setting) for this database. */
export function cached<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
  return platformCached(db, `sla:${key}`, load);
}

/** Forgets every SLA setting cached for this database (after a change to calendars or policies). */
export function clearSlaCache(db: Database): void {
  forgetCached(db, 'sla:');
}
