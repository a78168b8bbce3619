import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';

/**
 * Release to-dos: releases waiting for my approval (not my own); my approved releases whose window
 * starts today or has passed without a result; my succeeded releases awaiting acceptance 验收.
 */
export async function releaseTodoCounts(db: Database, actor: Actor, timeZone: string) {
  const approves = actor.permissions.has('release.approve');
  const manages = actor.permissions.has('release.manage');
  if (!approves && !manages) return [];
  const me = actor.userId;
  const endOfToday = sql`((now() AT TIME ZONE ${timeZone})::date + 1)::timestamp AT TIME ZONE ${timeZone}`;
  const row = await db
    .selectFrom('releases')
    .select([
      sql<string>`count(*) FILTER (WHERE status = 'pending_approval' AND requester_id <> ${me} AND ${approves})`.as('approve'),
      sql<string>`count(*) FILTER (WHERE status = 'approved' AND requester_id = ${me} AND window_start < ${endOfToday})`.as('execute'),
      sql<string>`count(*) FILTER (WHERE status = 'succeeded' AND requester_id = ${me})`.as('accept'),
    ])
    .where('status', 'in', ['pending_approval', 'approved', 'succeeded'])
    .executeTakeFirstOrThrow();
  const items: { key: string; count: number; link: string }[] = [];
  if (approves) items.push({ key: 'releasesToApprove', count: Number(row.approve), link: '/releases?todo=approve' });
  if (manages) {
    items.push({ key: 'releasesToExecute', count: Number(row.execute), link: '/releases?todo=execute' });
    items.push({ key: 'releasesToAccept', count: Number(row.accept), link: '/releases?todo=accept' });
  }
  return items;
}
