import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { notify, registerNotificationEvent } from '../../platform/notifications/index.js';

// Templates live under notifications.events.fault; the preference names under deskAdmin.notifications.eventTypes.fault.
registerNotificationEvent('fault.registered', { inApp: true, email: true });
registerNotificationEvent('fault.assigned', { inApp: true, email: true });
registerNotificationEvent('fault.recovered', { inApp: true, email: false });
registerNotificationEvent('fault.responseOverdue', { inApp: true, email: true });
registerNotificationEvent('fault.actionAssigned', { inApp: true, email: true });

export type NotifyPlatform = Pick<Platform, 'config' | 'db' | 'jobs' | 'realtime'>;

export interface FaultRef {
  id: number;
  number: string;
  title: string;
  severity: string;
  team_id: number | null;
}

const recordOf = (f: FaultRef) => ({ type: 'fault', id: f.id, number: f.number, title: f.title, link: `/faults/${f.id}` });

/** Active holders of fault.manage: the IT managers. */
export async function faultManagers(trx: Transaction<DB>): Promise<number[]> {
  const rows = await trx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'ur.user_id')
    .select('ur.user_id')
    .distinct()
    .where('u.active', '=', true)
    .where((eb) => eb(eb.val('fault.manage'), '=', eb.fn.any('r.permissions')))
    .limit(500)
    .execute();
  return rows.map((r) => r.user_id);
}

async function teamMembers(trx: Transaction<DB>, teamId: number | null): Promise<number[]> {
  if (!teamId) return [];
  const rows = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute();
  return rows.map((r) => r.user_id);
}

/** A P1/P2 fault: the IT managers and the fault's team hear of it at once. */
export async function notifyRegistered(trx: Transaction<DB>, platform: NotifyPlatform, actorId: number, fault: FaultRef, systems: string) {
  if (fault.severity !== 'P1' && fault.severity !== 'P2') return;
  const recipients = [...new Set([...(await faultManagers(trx)), ...(await teamMembers(trx, fault.team_id))])];
  if (!recipients.length) return;
  await notify(trx, platform, {
    type: 'fault.registered',
    actorId,
    recipients,
    record: recordOf(fault),
    data: { severity: fault.severity, systems },
    teamId: fault.team_id,
    audience: 'public',
  });
}

export async function notifyAssigned(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  actorId: number,
  fault: FaultRef & { response_due_at: Date | null },
  assigneeId: number,
) {
  await notify(trx, platform, {
    type: 'fault.assigned',
    actorId,
    recipients: [assigneeId],
    record: recordOf(fault),
    data: { severity: fault.severity, due: fault.response_due_at ? localMinute(fault.response_due_at, platform.config.TIMEZONE) : '-' },
    teamId: fault.team_id,
    audience: 'public',
  });
}

export async function notifyRecovered(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  actorId: number,
  fault: FaultRef & { reporter_id: number },
  resolution: string,
) {
  await notify(trx, platform, {
    type: 'fault.recovered',
    actorId,
    recipients: [fault.reporter_id],
    record: recordOf(fault),
    data: { resolution: resolution.slice(0, 500) },
    teamId: fault.team_id,
    audience: 'public',
  });
}

export async function notifyOverdue(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  fault: FaultRef & { response_due_at: Date | null },
  recipients: number[],
) {
  if (!recipients.length) return;
  await notify(trx, platform, {
    type: 'fault.responseOverdue',
    actorId: null,
    recipients,
    record: recordOf(fault),
    data: { severity: fault.severity, due: fault.response_due_at ? localMinute(fault.response_due_at, platform.config.TIMEZONE) : '-' },
    teamId: fault.team_id,
    audience: 'public',
  });
}

export async function notifyActionAssigned(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  actorId: number,
  fault: FaultRef,
  action: { title: string; ownerId: number; dueDate: string },
) {
  await notify(trx, platform, {
    type: 'fault.actionAssigned',
    actorId,
    recipients: [action.ownerId],
    record: { ...recordOf(fault), title: action.title },
    data: { due: action.dueDate },
    audience: 'public',
  });
}
