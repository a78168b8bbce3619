import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// Templates live under notifications.events.incident.
registerNotificationEvent('incident.major', { inApp: true, email: true });
registerNotificationEvent('incident.assigned', { inApp: true, email: true });
registerNotificationEvent('incident.resolved', { inApp: true, email: false });

export type IncidentPlatform = Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>;

interface IncidentRef {
  id: number;
  number: string;
  title: string;
  priority: string;
  teamId: number | null;
}

const recordOf = (incident: IncidentRef) => ({
  type: 'incident',
  id: incident.id,
  number: incident.number,
  title: incident.title,
  link: `/incidents/${incident.id}`,
});

/** A new P1/P2 incident: every active member of its team hears of it (and subscribed group bots). */
export async function notifyMajor(trx: Transaction<DB>, platform: IncidentPlatform, actorId: number | null, incident: IncidentRef) {
  if (!incident.teamId || (incident.priority !== 'P1' && incident.priority !== 'P2')) return;
  const members = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', incident.teamId).execute();
  if (!members.length) return;
  await notify(trx, platform, {
    type: 'incident.major',
    actorId,
    recipients: members.map((m) => m.user_id),
    record: recordOf(incident),
    data: { priority: incident.priority },
    teamId: incident.teamId,
    // public so that the IT group bots subscribed to major incidents hear of it too
    audience: 'public',
  });
}

export async function notifyAssigned(
  trx: Transaction<DB>,
  platform: IncidentPlatform,
  actorId: number | null,
  incident: IncidentRef,
  assigneeId: number,
) {
  await notify(trx, platform, {
    type: 'incident.assigned',
    actorId,
    recipients: [assigneeId],
    record: recordOf(incident),
    data: { priority: incident.priority },
    teamId: incident.teamId,
    audience: 'internal',
    internalPermission: 'incident.read',
  });
}

export async function notifyResolved(
  trx: Transaction<DB>,
  platform: IncidentPlatform,
  actorId: number | null,
  incident: IncidentRef,
  reporterId: number | null,
  resolution: string,
) {
  if (!reporterId) return;
  await notify(trx, platform, {
    type: 'incident.resolved',
    actorId,
    recipients: [reporterId],
    record: recordOf(incident),
    data: { resolution: resolution.slice(0, 500) },
    teamId: incident.teamId,
    audience: 'internal',
    internalPermission: 'incident.read',
  });
}
