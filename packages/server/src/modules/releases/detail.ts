import {
  allowedActions,
  EDITABLE_RELEASE_STATUSES,
  OPEN_RELEASE_STATUSES,
  type ReleaseDetail,
  type ReleaseDetailAction,
  type ReleaseStatus,
  releaseMachine,
} from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { recordAccess } from '../../platform/access/records.js';
import { type Actor, machineActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { demandsInScope } from '../demands/access.js';
import { releasesInScope } from './access.js';
import { overlappingReleases, toSummary, withSummaryColumns } from './queries.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** What the caller may do on the release page now: the machine's actions plus edit, copy, acceptance and remarks. */
function allowed(actor: Actor, status: ReleaseStatus, requesterId: number, hasFault: boolean, canRemark: boolean): ReleaseDetailAction[] {
  const out: ReleaseDetailAction[] = allowedActions(releaseMachine, { status, requesterId }, machineActor(actor));
  const manage = actor.permissions.has('release.manage');
  if (manage && requesterId === actor.userId && EDITABLE_RELEASE_STATUSES.includes(status)) out.push('edit');
  if (manage && status === 'failed') out.push('copy');
  if (manage && status === 'succeeded') out.push('acceptanceFailed');
  if (status === 'failed' && !hasFault && actor.permissions.has('fault.handle') && actor.permissions.has('release.manage'))
    out.push('registerFault');
  if (canRemark) out.push('remark');
  return out;
}

/** Whether the caller may read a record of another module (its own access rules, through the platform registry). */
function readable(db: Database, actor: Actor, type: string, id: number): Promise<boolean> {
  const access = recordAccess(type);
  return access ? access.canRead(db, actor, id) : Promise.resolve(false);
}

/**
 * One release with its demands, decisions, acceptance records, fault, overlaps and allowed actions (404 outside scope).
 * Reading the release does not open what it links to: an included demand shows its title and requester, and the
 * fault its title and status, only to someone who may read that demand or fault; others see a demand's number
 * and status and the fault's number.
 */
export async function getReleaseDetail(db: Database, actor: Actor, id: number): Promise<ReleaseDetail> {
  const row = await withSummaryColumns(releasesInScope(db, actor))
    .leftJoin('users as ap', 'ap.id', 'r.approver_id')
    .leftJoin('faults as f', 'f.id', 'r.fault_id')
    .leftJoin('releases as cf', 'cf.id', 'r.copied_from_id')
    .select([
      'r.plan',
      'r.rollback_plan',
      'r.approver_id',
      'ap.display_name as approver_name',
      'r.approved_at',
      'r.executed_at',
      'r.result_note',
      'r.rolled_back',
      'r.fault_id',
      'f.number as fault_number',
      'f.title as fault_title',
      'f.status as fault_status',
      'r.accepted_at',
      'r.copied_from_id',
      'cf.number as copied_from_number',
      'cf.title as copied_from_title',
      'r.version',
      'r.created_at',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const [demands, approvals, acceptances, copies] = await Promise.all([
    db
      .selectFrom('release_demands as rd')
      .innerJoin('demands as d', 'd.id', 'rd.demand_id')
      .innerJoin('users as u', 'u.id', 'd.requester_id')
      .select(['d.id', 'd.number', 'd.title', 'd.status', 'd.requester_id', 'u.display_name as requester_name'])
      .where('rd.release_id', '=', id)
      .orderBy('d.number')
      .execute(),
    db
      .selectFrom('release_approvals as a')
      .innerJoin('users as u', 'u.id', 'a.decided_by')
      .select(['a.id', 'a.decision', 'a.comment', 'a.decided_by', 'u.display_name', 'a.decided_at'])
      .where('a.release_id', '=', id)
      .orderBy('a.decided_at')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('release_acceptances as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.kind', 'a.result', 'a.comment', 'a.user_id', 'u.display_name', 'a.created_at'])
      .where('a.release_id', '=', id)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('releases as c')
      .select(['c.id', 'c.number', 'c.title', 'c.status'])
      .where('c.copied_from_id', '=', id)
      .orderBy('c.id')
      .execute(),
  ]);
  // Which included demands the caller may read: one scoped query for all of them.
  const [readableDemands, faultVisible] = await Promise.all([
    demands.length
      ? demandsInScope(db, actor)
          .select('d.id')
          .where(
            'd.id',
            'in',
            demands.map((d) => d.id),
          )
          .execute()
      : [],
    row.fault_id ? readable(db, actor, 'fault', row.fault_id) : false,
  ]);
  const demandIds = new Set(readableDemands.map((d) => d.id));
  const demandVisible = demands.map((d) => demandIds.has(d.id));
  const status = row.status as ReleaseStatus;
  const executed = !OPEN_RELEASE_STATUSES.includes(status);
  const overlaps =
    executed || status === 'cancelled' ? [] : await overlappingReleases(db, row.system_id, row.window_start, row.window_end, id);
  const canRemark =
    (status === 'succeeded' || status === 'accepted') &&
    demands.some((d) => d.requester_id === actor.userId) &&
    !acceptances.some((a) => a.kind === 'requester' && a.user_id === actor.userId);
  return {
    ...toSummary(row),
    plan: row.plan,
    rollbackPlan: row.rollback_plan,
    approver: row.approver_id ? { id: row.approver_id, name: row.approver_name ?? '' } : null,
    approvedAt: iso(row.approved_at),
    executedAt: iso(row.executed_at),
    resultNote: row.result_note,
    rolledBack: row.rolled_back,
    fault: row.fault_id
      ? {
          id: row.fault_id,
          number: row.fault_number ?? '',
          title: faultVisible ? (row.fault_title ?? '') : null,
          status: faultVisible ? (row.fault_status ?? '') : null,
        }
      : null,
    acceptedAt: iso(row.accepted_at),
    copiedFrom: row.copied_from_id
      ? { id: row.copied_from_id, number: row.copied_from_number ?? '', title: row.copied_from_title ?? '' }
      : null,
    copies: copies.map((c) => ({ id: c.id, number: c.number, title: c.title, status: c.status as ReleaseStatus })),
    demands: demands.map((d, i) => ({
      id: d.id,
      number: d.number,
      title: demandVisible[i] ? d.title : null,
      status: d.status,
      requester: demandVisible[i] ? { id: d.requester_id, name: d.requester_name } : null,
    })),
    approvals: approvals.map((a) => ({
      id: a.id,
      decision: a.decision,
      comment: a.comment,
      by: { id: a.decided_by, name: a.display_name },
      at: new Date(a.decided_at).toISOString(),
    })),
    acceptances: acceptances.map((a) => ({
      id: a.id,
      kind: a.kind,
      result: a.result,
      comment: a.comment,
      by: { id: a.user_id, name: a.display_name },
      at: new Date(a.created_at).toISOString(),
    })),
    overlaps,
    windowEnded: new Date(row.window_end).getTime() <= Date.now(),
    allowed: allowed(actor, status, row.requester_id, !!row.fault_id, canRemark),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
