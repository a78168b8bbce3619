import { allowedActions, type FaultDetail, faultMachine, OPEN_FAULT_STATUSES, REVIEWED_SEVERITIES } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/context.js';
import { machineActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { faultsInScope } from './access.js';
import { faultLinks } from './activity.js';
import { type SummaryRow, toSummary, withSummaryColumns } from './queries.js';
import { listReviewActions } from './review.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const OPEN: readonly string[] = OPEN_FAULT_STATUSES;

/** A fault as its page shows it: summary, impact, handling, review and actions, links, and what the caller may do. */
export async function getFaultDetail(db: Database, actor: Actor, id: number, today: string): Promise<FaultDetail> {
  const row = await withSummaryColumns(faultsInScope(db, actor).where('f.id', '=', id))
    .innerJoin('users as rp', 'rp.id', 'f.reporter_id')
    .select([
      'f.description',
      'f.impact_users',
      'f.impact_business',
      'f.root_cause',
      'f.resolution',
      'f.reporter_id',
      'rp.display_name as reporter_name',
      'f.closed_at',
      'f.work_minutes',
      'f.created_at',
      'f.version',
    ])
    .executeTakeFirst();
  if (!row) throw notFound();
  const review = await db
    .selectFrom('fault_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.completed_by')
    .select([
      'r.summary',
      'r.narrative',
      'r.analysis',
      'r.lessons',
      'r.no_action_needed',
      'r.completed_at',
      'r.completed_by',
      'u.display_name',
      'r.version',
    ])
    .where('r.fault_id', '=', id)
    .executeTakeFirst();
  const [actions, links] = await Promise.all([listReviewActions(db, actor, { faultId: id }, today), faultLinks(db, actor, id)]);
  const facts = {
    status: row.status as FaultDetail['status'],
    severity: row.severity as FaultDetail['severity'],
    reviewCompleted: !!review?.completed_at,
  };
  const allowed: string[] = allowedActions(faultMachine, facts, machineActor(actor));
  const open = OPEN.includes(row.status);
  const handles = actor.permissions.has('fault.handle');
  if (open && actor.permissions.has('fault.manage')) allowed.push('assign');
  if (handles && row.status !== 'cancelled') allowed.push('editTimes', 'workLog', 'link');
  if (handles && open) allowed.push('edit', 'comment');
  if (handles && ['in_progress', 'recovered', 'closed'].includes(row.status)) allowed.push('review');
  if (handles && actor.permissions.has('knowledge.write') && ['recovered', 'closed'].includes(row.status)) allowed.push('knowledge');
  return {
    ...toSummary(row as unknown as SummaryRow),
    description: row.description,
    impactUsers: row.impact_users,
    impactBusiness: row.impact_business,
    rootCause: row.root_cause,
    resolution: row.resolution,
    reporter: { id: row.reporter_id, displayName: row.reporter_name },
    closedAt: iso(row.closed_at),
    workMinutes: row.work_minutes,
    createdAt: iso(row.created_at) as string,
    version: row.version,
    review: review
      ? {
          summary: review.summary,
          narrative: review.narrative,
          analysis: review.analysis,
          lessons: review.lessons,
          noActionNeeded: review.no_action_needed,
          completedAt: iso(review.completed_at),
          completedBy: review.completed_by ? { id: review.completed_by, displayName: review.display_name ?? '' } : null,
          version: review.version,
        }
      : null,
    reviewRequired: REVIEWED_SEVERITIES.includes(facts.severity),
    actions,
    links,
    allowed,
  };
}
