import type { TimelineEvent } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { appendTimeline } from '../../platform/timeline/timeline.js';
import { type Ctx, type DemandRow, loadDemand } from './load.js';
import { notifyDemand } from './notify.js';

type P = Pick<Platform, 'db' | 'config' | 'jobs' | 'realtime'>;

/**
 * Runs an implementation change (派工, 工作量, 测试) on an implementing demand. The demand's row is
 * locked first, so the changes of one demand queue and its progress is recomputed from what they
 * all wrote; a demand no longer implementing is a localised 409.
 */
async function onImplementing<T>(platform: P, ctx: Ctx, id: number, run: (trx: Transaction<DB>, d: DemandRow) => Promise<T>): Promise<T> {
  return platform.db.transaction().execute(async (trx) => {
    const d = await loadDemand(trx, ctx.actor, id, true);
    if (d.status !== 'implementing')
      throw new AppError('demandNotImplementing', { status: `i18n:demands.status.${d.status}` }, { status: d.status });
    return run(trx, d);
  });
}

/** progress = done estimate / total estimate, in whole percent (0 without tasks). */
async function refreshProgress(trx: Transaction<DB>, demandId: number) {
  await trx
    .updateTable('demands')
    .set({
      progress: sql`(SELECT coalesce(round(100 * sum(estimate_hours) FILTER (WHERE status = 'done') / nullif(sum(estimate_hours), 0)), 0)::int
        FROM demand_tasks WHERE demand_id = ${demandId})`,
      updated_at: new Date(),
    })
    .where('id', '=', demandId)
    .execute();
}

async function activeUser(trx: Transaction<DB>, id: number, path: string) {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) throw new AppError('validation', {}, [{ path, code: 'notFound', message: 'i18n:errors.notFound' }]);
  return user;
}

async function record(trx: Transaction<DB>, ctx: Ctx, d: DemandRow, action: string, event: TimelineEvent, after: unknown) {
  await appendTimeline(trx, { type: 'demand', id: d.id }, ctx.actor.userId, event);
  await writeAudit(trx, ctx, { action: `demand.${action}`, objectType: 'demand', objectId: d.id, objectLabel: d.number, after });
}

/** 派工: a task for a developer, who is told. */
export async function addTask(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { title: string; developerId: number; estimateHours: number; dueDate?: string | null },
) {
  return onImplementing(platform, ctx, id, async (trx, d) => {
    const developer = await activeUser(trx, input.developerId, 'developerId');
    const task = await trx
      .insertInto('demand_tasks')
      .values({
        demand_id: id,
        title: input.title,
        developer_id: developer.id,
        estimate_hours: input.estimateHours,
        due_date: input.dueDate ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshProgress(trx, id);
    await record(
      trx,
      ctx,
      d,
      'addTask',
      { kind: 'demandTaskAdded', title: input.title, developer: developer.display_name, hours: input.estimateHours },
      {
        taskId: task.id,
        ...input,
      },
    );
    await notifyDemand(trx, platform, 'taskAssigned', ctx.actor.userId, [developer.id], d, {
      task: input.title,
      hours: input.estimateHours,
    });
    return task.id;
  });
}

/** Changes a task (conditional on its version); its status moves the demand's progress. */
export async function updateTask(
  platform: P,
  ctx: Ctx,
  id: number,
  taskId: number,
  input: {
    version: number;
    title?: string;
    developerId?: number;
    estimateHours?: number;
    dueDate?: string | null;
    status?: 'todo' | 'doing' | 'done';
  },
) {
  await onImplementing(platform, ctx, id, async (trx, d) => {
    const before = await trx
      .selectFrom('demand_tasks')
      .select(['id', 'title', 'status', 'developer_id', 'version'])
      .where('id', '=', taskId)
      .where('demand_id', '=', id)
      .executeTakeFirst();
    if (!before) throw notFound();
    const developer =
      input.developerId && input.developerId !== before.developer_id ? await activeUser(trx, input.developerId, 'developerId') : null;
    const status = input.status ?? before.status;
    const after = await trx
      .updateTable('demand_tasks')
      .set({
        title: input.title,
        developer_id: developer?.id,
        estimate_hours: input.estimateHours,
        due_date: input.dueDate,
        status,
        done_at: status === 'done' ? (before.status === 'done' ? undefined : new Date()) : null,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', taskId)
      .where('version', '=', input.version)
      .returning(['title', 'status'])
      .executeTakeFirst();
    if (!after) throw versionConflict();
    await refreshProgress(trx, id);
    await record(
      trx,
      ctx,
      d,
      'updateTask',
      { kind: 'demandTaskChanged', title: after.title, status: after.status, ...(developer ? { developer: developer.display_name } : {}) },
      { taskId, ...input },
    );
    if (developer)
      await notifyDemand(trx, platform, 'taskAssigned', ctx.actor.userId, [developer.id], d, {
        task: after.title,
        hours: input.estimateHours ?? 0,
      });
  });
}

/** 工作量记录: hours of one person on one day, optionally on one of the demand's tasks. */
export async function logWork(
  platform: P,
  ctx: Ctx,
  id: number,
  input: { taskId?: number | null; userId?: number; workDate: string; hours: number; note?: string },
) {
  return onImplementing(platform, ctx, id, async (trx, d) => {
    if (input.taskId) {
      const task = await trx
        .selectFrom('demand_tasks')
        .select('id')
        .where('id', '=', input.taskId)
        .where('demand_id', '=', id)
        .executeTakeFirst();
      if (!task) throw new AppError('validation', {}, [{ path: 'taskId', code: 'notFound', message: 'i18n:errors.notFound' }]);
    }
    const user = await activeUser(trx, input.userId ?? ctx.actor.userId, 'userId');
    const row = await trx
      .insertInto('demand_work_logs')
      .values({
        demand_id: id,
        task_id: input.taskId ?? null,
        user_id: user.id,
        work_date: input.workDate,
        hours: input.hours,
        note: input.note || null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await record(
      trx,
      ctx,
      d,
      'logWork',
      { kind: 'workLogged', minutes: Math.round(input.hours * 60), ...(input.note ? { note: input.note } : {}) },
      {
        workLogId: row.id,
        ...input,
        userId: user.id,
      },
    );
    return row.id;
  });
}

/** 测试登记: the next round's counts and result. */
export async function registerTest(
  platform: P,
  ctx: Ctx,
  id: number,
  input: {
    casesRun: number;
    passed: number;
    failed: number;
    defects: number;
    result: 'pass' | 'fail';
    testerId?: number;
    testedOn: string;
    note?: string;
  },
) {
  return onImplementing(platform, ctx, id, async (trx, d) => {
    const tester = await activeUser(trx, input.testerId ?? ctx.actor.userId, 'testerId');
    // The demand row is locked, so the next round number is ours alone.
    const row = await trx
      .insertInto('demand_tests')
      .values({
        demand_id: id,
        round: sql`(SELECT coalesce(max(round), 0) + 1 FROM demand_tests WHERE demand_id = ${id})`,
        cases_run: input.casesRun,
        passed: input.passed,
        failed: input.failed,
        defects: input.defects,
        result: input.result,
        tester_id: tester.id,
        tested_on: input.testedOn,
        note: input.note || null,
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'round'])
      .executeTakeFirstOrThrow();
    await record(
      trx,
      ctx,
      d,
      'registerTest',
      {
        kind: 'demandTestRegistered',
        round: row.round,
        result: input.result,
        passed: input.passed,
        failed: input.failed,
        defects: input.defects,
      },
      { testId: row.id, ...input, testerId: tester.id },
    );
    return row.id;
  });
}
