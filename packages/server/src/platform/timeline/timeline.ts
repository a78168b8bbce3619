import type { TimelineEvent } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import { type Database, prepared } from '../../db/database.js';
import type { DB } from '../../db/schema.js';

export interface TimelineEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  internal: boolean;
  event: TimelineEvent;
}

/** Appends an event to a record's timeline, in the caller's transaction. */
export async function appendTimeline(
  trx: Transaction<DB>,
  record: { type: string; id: number },
  actorId: number | null,
  event: TimelineEvent,
  options: { internal?: boolean } = {},
): Promise<void> {
  await appendTimelineEntries(trx, record, [{ actorId, event, internal: options.internal }]);
}

/** Appends several events at once (one statement), in the order given. */
export async function appendTimelineEntries(
  trx: Transaction<DB>,
  record: { type: string; id: number },
  entries: { actorId: number | null; event: TimelineEvent; internal?: boolean }[],
): Promise<void> {
  if (!entries.length) return;
  await trx
    .insertInto('activity')
    .values(
      entries.map(({ actorId, event: { kind, ...payload }, internal }) => ({
        record_type: record.type,
        record_id: record.id,
        actor_id: actorId,
        kind,
        payload: JSON.stringify(payload),
        internal: internal ?? false,
      })),
    )
    .execute();
}

/** A record's timeline, oldest first. Internal entries only for readers allowed to see them. */
export async function listTimeline(
  db: Database,
  record: { type: string; id: number },
  options: { includeInternal: boolean; limit?: number; afterId?: number },
): Promise<TimelineEntry[]> {
  let query = db
    .selectFrom('activity as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.actor_id', 'u.display_name', 'a.kind', 'a.payload', 'a.internal'])
    .where('a.record_type', '=', record.type)
    .where('a.record_id', '=', record.id)
    .where('a.id', '>', options.afterId ?? 0)
    .orderBy('a.id')
    .limit(options.limit ?? 500);
  if (!options.includeInternal) query = query.where('a.internal', '=', false);
  // Prepared: the record's index answers whatever the values (its generic plan was checked at 8.7M entries).
  const rows = await prepared(query).execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.display_name,
    internal: r.internal,
    event: { kind: r.kind, ...(r.payload as object) } as TimelineEvent,
  }));
}
