import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// The releases' notification events; templates live under notifications.events.release.
registerNotificationEvent('release.submitted', { inApp: true, email: true });
registerNotificationEvent('release.approved', { inApp: true, email: true });
registerNotificationEvent('release.rejected', { inApp: true, email: true });
registerNotificationEvent('release.succeeded', { inApp: true, email: false });
registerNotificationEvent('release.failed', { inApp: true, email: true });

export type ReleaseEvent = 'release.submitted' | 'release.approved' | 'release.rejected' | 'release.succeeded' | 'release.failed';

export interface ReleaseRef {
  id: number;
  number: string;
  title: string;
}

/** Tells people about a release (in the change's transaction; one message per person, never the actor). */
export async function notifyRelease(
  trx: Transaction<DB>,
  platform: Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>,
  type: ReleaseEvent,
  actorId: number,
  recipients: number[],
  release: ReleaseRef,
  data: Record<string, string | number> = {},
): Promise<void> {
  const unique = [...new Set(recipients)];
  if (!unique.length) return;
  await notify(trx, platform, {
    type,
    actorId,
    recipients: unique,
    record: { type: 'release', id: release.id, number: release.number, title: release.title, link: `/releases/${release.id}` },
    data,
    audience: 'public',
  });
}

/** Active holders of a permission (approvers: release.approve). */
export async function holdersOf(trx: Transaction<DB>, permission: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val(permission), '=', eb.fn.any('r.permissions')))
    .execute();
  return rows.map((r) => r.user_id);
}

/** Active holders of the built-in IT manager role (told about every failed release). */
export async function itManagers(trx: Transaction<DB>): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where('r.key', '=', 'it_manager')
    .execute();
  return rows.map((r) => r.user_id);
}

/** The requesters and analysts of the demands a release includes. */
export async function demandPeople(trx: Transaction<DB>, releaseId: number): Promise<{ requesters: number[]; analysts: number[] }> {
  const rows = await trx
    .selectFrom('release_demands as rd')
    .innerJoin('demands as d', 'd.id', 'rd.demand_id')
    .select(['d.requester_id', 'd.analyst_id'])
    .where('rd.release_id', '=', releaseId)
    .execute();
  return {
    requesters: [...new Set(rows.map((r) => r.requester_id))],
    analysts: [...new Set(rows.flatMap((r) => (r.analyst_id ? [r.analyst_id] : [])))],
  };
}
