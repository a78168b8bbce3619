import { type Expression, type SqlBool, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { registerRecordAccess } from '../../platform/access/records.js';
import type { Actor } from '../../platform/context.js';

export type Db = Database | Transaction<DB>;

/**
 * Who may read a release (rows of `releases as r`): every holder of release.read (IT staff: the
 * calendar is the department's, so any scope of it reads all), and — read-only — the requester of a
 * demand the release includes, who opens it from their demand and records their acceptance remark.
 */
export function releaseScope(actor: Actor): Expression<SqlBool> {
  if (actor.permissions.has('release.read')) return sql<SqlBool>`true`;
  return sql<SqlBool>`r.id IN (SELECT rd.release_id FROM release_demands rd JOIN demands d ON d.id = rd.demand_id
    WHERE d.requester_id = ${actor.userId})`;
}

/** Releases the caller may read (alias `r`). */
export function releasesInScope(db: Db, actor: Actor) {
  return db.selectFrom('releases as r').where(releaseScope(actor));
}

export async function canReadRelease(db: Db, actor: Actor, id: number): Promise<boolean> {
  return !!(await releasesInScope(db, actor).select('r.id').where('r.id', '=', id).executeTakeFirst());
}

/** Lets the timeline, attachments and links serve a release to whoever may read it. */
export function registerReleaseRecords(): void {
  registerRecordAccess('release', {
    canRead: (db, actor, id) => canReadRelease(db, actor, id),
    canWrite: async (db, actor, id) => actor.permissions.has('release.manage') && (await canReadRelease(db, actor, id)),
    canSeeInternal: (actor) => actor.permissions.has('release.read'),
  });
}
