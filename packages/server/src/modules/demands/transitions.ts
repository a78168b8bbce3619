import {
  DEMAND_DECISIONS,
  DEMAND_MACHINE,
  type DemandAction,
  type DemandActionInput,
  type DemandStatus,
  decide,
  type TimelineEvent,
} from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { machineActor } from '../../platform/context.js';
import { AppError, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimelineEntries } from '../../platform/timeline/timeline.js';
import { type Ctx, type DemandRow, factsOf, loadDemand, statusConflict } from './load.js';
import { demandManagers, type NotifyPlatform, notifyDemand } from './notify.js';

export interface DemandActionBody extends DemandActionInput {
  version: number;
  effortDays?: number;
  plannedDate?: string;
  cost?: number | null;
}

/**
 * One step of a demand's flow (接单, 驳回, 评估, 审核, 退回, 撤销, 评价): the shared state machine decides
 * whether this person may take it from this status, then one conditional write on (id, status,
 * version) — zero rows means someone else moved the demand first (a localised 409 naming its status
 * now) — and in the same transaction the timeline, the audit entry and the hand-over notification.
 */
export async function performDemandAction(
  platform: Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>,
  ctx: Ctx,
  id: number,
  action: DemandAction,
  input: DemandActionBody,
) {
  await platform.db.transaction().execute(async (trx) => {
    const d = await loadDemand(trx, ctx.actor, id);
    const decision = decide(DEMAND_MACHINE, factsOf(d), action, machineActor(ctx.actor), input);
    if (!decision.ok) {
      if (decision.code === 'invalidTransition') throw statusConflict(d.status, action);
      if (decision.code === 'forbidden' && DEMAND_DECISIONS.includes(action) && d.requester_id === ctx.actor.userId)
        throw new AppError('demandOwnApproval');
      throw new AppError(decision.code);
    }
    const now = new Date();
    const set: Record<string, unknown> = { status: decision.to, updated_at: now };
    const events: TimelineEvent[] = [{ kind: 'stateChanged', from: d.status, to: decision.to }];
    let supervisorId: number | null = d.supervisor_id;
    switch (action) {
      case 'accept':
        set.accepted_at = now;
        break;
      case 'reject':
      case 'disapprove':
        set.reject_reason = input.reason;
        events[0] = { kind: 'stateChanged', from: d.status, to: decision.to, reason: input.reason ?? undefined };
        break;
      case 'return':
        events[0] = { kind: 'stateChanged', from: d.status, to: decision.to, reason: input.comment ?? undefined };
        break;
      case 'evaluate':
        supervisorId = await supervisorOf(trx, d);
        Object.assign(set, {
          solution: input.solution,
          effort_days: input.effortDays,
          planned_date: input.plannedDate,
          cost: input.cost ?? null,
          supervisor_id: supervisorId,
          evaluated_at: now,
        });
        events.unshift({ kind: 'demandEvaluated', effortDays: input.effortDays ?? 0, plannedDate: input.plannedDate ?? '' });
        break;
      case 'approve':
        set.approved_at = now;
        if (input.comment) events[0] = { kind: 'stateChanged', from: d.status, to: decision.to, reason: input.comment };
        break;
      case 'rate':
        Object.assign(set, { rating: input.rating, rating_comment: input.comment || null, rated_at: now, closed_at: now });
        events.unshift({ kind: 'rated', stars: input.rating ?? 0, ...(input.comment ? { comment: input.comment } : {}) });
        break;
      case 'cancel':
        break;
    }
    const updated = await trx
      .updateTable('demands')
      .set({ ...set, version: sql`version + 1` })
      .where('id', '=', id)
      .where('status', '=', d.status)
      .where('version', '=', input.version)
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (!updated) throw await conflictFor(trx, ctx, id, action);
    await appendTimelineEntries(
      trx,
      { type: 'demand', id },
      events.map((event) => ({ actorId: ctx.actor.userId, event })),
    );
    const { version: _v, ...inputs } = input;
    await writeAudit(trx, ctx, {
      action: `demand.${action}`,
      objectType: 'demand',
      objectId: id,
      objectLabel: d.number,
      before: { status: d.status },
      after: { status: decision.to, ...inputs, ...(action === 'evaluate' ? { supervisorId } : {}) },
    });
    await handOver(trx, platform, ctx, d, action, input, supervisorId);
  });
}

async function conflictFor(trx: Transaction<DB>, ctx: Ctx, id: number, action: DemandAction): Promise<AppError> {
  const now = await loadDemand(trx, ctx.actor, id);
  if (DEMAND_MACHINE.transitions.some((t) => t.action === action && t.from.includes(now.status as DemandStatus))) return versionConflict();
  return statusConflict(now.status, action);
}

/**
 * The business supervisor: the head of the requester's department, else of the nearest department
 * above it that has one — never the requester themselves, and only an active user.
 */
async function supervisorOf(trx: Transaction<DB>, d: DemandRow): Promise<number> {
  const row = d.requester_department_id
    ? await trx
        .selectFrom('departments as x')
        .innerJoin('departments as mine', (j) => j.on(sql<boolean>`mine.path LIKE x.path || '%'`))
        .innerJoin('users as m', 'm.id', 'x.manager_id')
        .select('x.manager_id')
        .where('mine.id', '=', d.requester_department_id)
        .where('x.path', '<>', '/')
        .where('m.active', '=', true)
        .where('x.manager_id', '<>', d.requester_id)
        .orderBy(sql`length(x.path)`, 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!row?.manager_id) throw new AppError('demandNoSupervisor');
  return row.manager_id;
}

async function handOver(
  trx: Transaction<DB>,
  platform: NotifyPlatform,
  ctx: Ctx,
  d: DemandRow,
  action: DemandAction,
  input: DemandActionBody,
  supervisorId: number | null,
) {
  const me = ctx.actor.userId;
  switch (action) {
    case 'evaluate':
      return notifyDemand(trx, platform, 'approvalRequested', me, [supervisorId], d, {
        effortDays: input.effortDays ?? 0,
        plannedDate: input.plannedDate ?? '',
      });
    case 'approve':
      return notifyDemand(trx, platform, 'approved', me, [d.requester_id, d.analyst_id], d);
    case 'reject':
    case 'disapprove':
      return notifyDemand(trx, platform, 'rejected', me, [d.requester_id, action === 'disapprove' ? d.analyst_id : null], d, {
        reason: input.reason ?? '',
      });
    case 'return':
      return notifyDemand(trx, platform, 'returned', me, [d.analyst_id], d, { reason: input.comment ?? '' });
    case 'rate':
      if ((input.rating ?? 5) <= 2)
        return notifyDemand(trx, platform, 'lowRating', me, [d.analyst_id, ...(await demandManagers(trx))], d, {
          rating: input.rating ?? 0,
          comment: input.comment || '—',
        });
      return;
    default:
      return;
  }
}
