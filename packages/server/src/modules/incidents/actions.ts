import {
  canTakeIncidentAction,
  INCIDENT_TRANSITIONS,
  type IncidentActionBody,
  type IncidentStatus,
  reviewRequiredFor,
  type TimelineEvent,
} from '@shuyun/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { DB, IncidentTable } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { AppError, fieldError, forbidden, versionConflict } from '../../platform/errors.js';
import { appendTimelineEntries } from '../../platform/timeline/timeline.js';
import { actorFacts, type Ctx, factsOf, loadIncident } from './access.js';
import { type IncidentPlatform, notifyAssigned, notifyMajor, notifyResolved } from './notify.js';
import { checkAssignment } from './register.js';

const statusConflict = (status: IncidentStatus, action: string) =>
  new AppError('incidentStatusConflict', { status: `i18n:incidents.status.${status}`, action: `i18n:incidents.actions.${action}` });

const reviewDone = (eb: ExpressionBuilder<DB, 'incidents'>): Expression<SqlBool> =>
  eb.or([
    eb('review_required', '=', false),
    sql<SqlBool>`EXISTS (SELECT 1 FROM incident_reviews r WHERE r.incident_id = incidents.id AND r.status = 'completed')`,
  ]);

/**
 * Takes one action on an incident (SPEC §3.2 handling): the shared state machine says whether this
 * person may take it from this status; then one conditional write on (id, version, status) — zero
 * rows is the most specific conflict the current row explains — and in the same transaction the
 * timeline, the audit entry and the notifications.
 */
export async function performIncidentAction(platform: IncidentPlatform, ctx: Ctx, id: number, input: IncidentActionBody): Promise<void> {
  const { db } = platform;
  const { actor } = ctx;
  const incident = await loadIncident(db, actor, id);
  const action = input.action;
  const transition = INCIDENT_TRANSITIONS[action];
  if (!transition.from.includes(incident.status)) throw statusConflict(incident.status, action);
  if (!canTakeIncidentAction(action, factsOf(incident), actorFacts(actor))) throw forbidden();

  const now = new Date();
  const set: Updateable<IncidentTable> = { updated_at: now };
  if (transition.to) set.status = transition.to;
  const events: TimelineEvent[] = [];
  if (transition.to) {
    events.push({
      kind: 'stateChanged',
      from: incident.status,
      to: transition.to,
      ...('reason' in input && action !== 'priority' ? { reason: input.reason } : {}),
    });
  }
  let assignTo: number | null = null;
  let newPriority: string | null = null;

  switch (input.action) {
    case 'accept':
      set.responded_at = sql`coalesce(responded_at, ${now})` as never;
      set.assignee_id = sql`coalesce(assignee_id, ${actor.userId})` as never;
      if (!incident.assignee_id) events.push({ kind: 'assigned', toUser: actor.displayName });
      break;
    case 'assign': {
      if (!input.teamId && !input.assigneeId) throw new AppError('targetRequired');
      // A handler who is not a manager assigns within their own teams only.
      if (!actor.permissions.has('incident.manage') && (!input.teamId || !actor.teamIds.includes(input.teamId))) {
        throw fieldError('teamId', 'notMyTeam', 'incidents.errors.notMyTeam');
      }
      if (input.teamId === incident.team_id && input.assigneeId === incident.assignee_id) throw new AppError('sameTarget');
      const names = await checkAssignment(db, input.teamId, input.assigneeId);
      set.team_id = input.teamId;
      set.assignee_id = input.assigneeId;
      events.push({ kind: 'assigned', toTeam: names.teamName, toUser: names.assigneeName });
      if (input.assigneeId && input.assigneeId !== actor.userId && input.assigneeId !== incident.assignee_id) assignTo = input.assigneeId;
      break;
    }
    case 'priority':
      if (input.priority === incident.priority) throw fieldError('priority', 'same', 'incidents.errors.samePriority');
      set.priority = input.priority;
      set.review_required = reviewRequiredFor(input.priority);
      newPriority = input.priority;
      events.push({ kind: 'incidentPriorityChanged', from: incident.priority, to: input.priority, reason: input.reason });
      break;
    case 'resolve':
      set.resolved_at = now;
      set.resolution = input.resolution;
      set.cause = input.cause ?? null;
      set.responded_at = sql`coalesce(responded_at, ${now})` as never;
      set.assignee_id = sql`coalesce(assignee_id, ${actor.userId})` as never;
      break;
    case 'close':
      set.closed_at = now;
      break;
    case 'reopen':
      set.resolved_at = null;
      break;
    case 'cancel':
      set.closed_at = now;
      break;
    default:
      break;
  }

  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('incidents')
      .set({ ...set, version: sql`version + 1` as never })
      .where('id', '=', incident.id)
      .where('version', '=', input.version)
      .where('status', 'in', [...transition.from])
      .$if(action === 'close', (q) => q.where(reviewDone))
      .returning(['status', 'team_id', 'assignee_id', 'priority'])
      .executeTakeFirst();
    if (!updated) {
      const now = await trx
        .selectFrom('incidents')
        .select(['status', 'version', 'review_required'])
        .where('id', '=', incident.id)
        .executeTakeFirstOrThrow();
      if (!transition.from.includes(now.status)) throw statusConflict(now.status, action);
      if (now.version !== input.version) throw versionConflict();
      throw new AppError('incidentReviewRequired');
    }
    await appendTimelineEntries(
      trx,
      { type: 'incident', id: incident.id },
      events.map((event) => ({ actorId: actor.userId, event })),
    );
    const { version: _v, ...body } = input;
    await writeAudit(trx, ctx, {
      action: `incident.${action}`,
      objectType: 'incident',
      objectId: incident.id,
      objectLabel: incident.number,
      before: { status: incident.status, priority: incident.priority, teamId: incident.team_id, assigneeId: incident.assignee_id },
      after: { ...body, status: updated.status, teamId: updated.team_id, assigneeId: updated.assignee_id },
    });
    const ref = { id: incident.id, number: incident.number, title: incident.title, priority: updated.priority, teamId: updated.team_id };
    if (assignTo) await notifyAssigned(trx, platform, actor.userId, ref, assignTo);
    if (newPriority && reviewRequiredFor(updated.priority) && !reviewRequiredFor(incident.priority)) {
      await notifyMajor(trx, platform, actor.userId, ref);
    }
    if (input.action === 'resolve' && incident.reporter_id !== actor.userId) {
      await notifyResolved(trx, platform, actor.userId, ref, incident.reporter_id, input.resolution);
    }
  });
}
