import { allowedActions, DEMAND_MACHINE } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import { machineActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { type Db, demandsInScope } from './access.js';
import { factsOf } from './load.js';
import { toSummary, withSummaryColumns } from './queries.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const num = (v: string | null) => (v === null ? null : Number(v));

/** The demand page: the demand, what the caller may do, its implementation and the releases including it. */
export async function getDemandDetail(db: Db, actor: Actor, id: number, timeZone: string) {
  const row = await withSummaryColumns(demandsInScope(db, actor), timeZone)
    .select([
      'd.background',
      'd.solution',
      'd.effort_days',
      'd.cost',
      'd.reject_reason',
      'd.rating_comment',
      'd.accepted_at',
      'd.evaluated_at',
      'd.approved_at',
      'd.released_at',
      'd.delivered_at',
      'd.closed_at',
      'd.rated_at',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const [tasks, logs, tests, releases] = await Promise.all([
    db
      .selectFrom('demand_tasks as k')
      .innerJoin('users as u', 'u.id', 'k.developer_id')
      .select([
        'k.id',
        'k.title',
        'k.developer_id',
        'u.display_name',
        'k.estimate_hours',
        sql<string | null>`to_char(k.due_date, 'YYYY-MM-DD')`.as('due_day'),
        'k.status',
        'k.version',
        sql<string>`(SELECT coalesce(sum(w.hours), 0) FROM demand_work_logs w WHERE w.task_id = k.id)`.as('logged'),
      ])
      .where('k.demand_id', '=', id)
      .orderBy('k.id')
      .execute(),
    db
      .selectFrom('demand_work_logs as w')
      .innerJoin('users as u', 'u.id', 'w.user_id')
      .leftJoin('demand_tasks as k', 'k.id', 'w.task_id')
      .select([
        'w.id',
        'w.task_id',
        'k.title as task_title',
        'w.user_id',
        'u.display_name',
        sql<string>`to_char(w.work_date, 'YYYY-MM-DD')`.as('day'),
        'w.hours',
        'w.note',
      ])
      .where('w.demand_id', '=', id)
      .orderBy('w.work_date', 'desc')
      .orderBy('w.id', 'desc')
      .execute(),
    db
      .selectFrom('demand_tests as x')
      .innerJoin('users as u', 'u.id', 'x.tester_id')
      .select([
        'x.id',
        'x.round',
        'x.cases_run',
        'x.passed',
        'x.failed',
        'x.defects',
        'x.result',
        'x.tester_id',
        'u.display_name',
        sql<string>`to_char(x.tested_on, 'YYYY-MM-DD')`.as('day'),
        'x.note',
      ])
      .where('x.demand_id', '=', id)
      .orderBy('x.round')
      .execute(),
    db
      .selectFrom('release_demands as rd')
      .innerJoin('releases as r', 'r.id', 'rd.release_id')
      .select(['r.id', 'r.number', 'r.title', 'r.version_label', 'r.status', 'r.window_start'])
      .where('rd.demand_id', '=', id)
      .orderBy('r.window_start', 'desc')
      .execute(),
  ]);
  const byPerson = new Map<number, { user: { id: number; name: string }; hours: number }>();
  for (const w of logs) {
    const entry = byPerson.get(w.user_id) ?? { user: { id: w.user_id, name: w.display_name }, hours: 0 };
    entry.hours += Number(w.hours);
    byPerson.set(w.user_id, entry);
  }
  const summary = toSummary(row);
  const facts = factsOf({
    status: summary.status,
    requester_id: row.requester_id,
    analyst_id: row.analyst_id,
    supervisor_id: row.supervisor_id,
  });
  return {
    ...summary,
    background: row.background,
    requesterDepartment: summary.department,
    solution: row.solution,
    effortDays: num(row.effort_days),
    cost: num(row.cost),
    rejectReason: row.reject_reason,
    ratingComment: row.rating_comment,
    acceptedAt: iso(row.accepted_at),
    evaluatedAt: iso(row.evaluated_at),
    approvedAt: iso(row.approved_at),
    releasedAt: iso(row.released_at),
    deliveredAt: iso(row.delivered_at),
    closedAt: iso(row.closed_at),
    ratedAt: iso(row.rated_at),
    allowed: allowedActions(DEMAND_MACHINE, facts, machineActor(actor)),
    canImplement: summary.status === 'implementing' && actor.permissions.has('demand.implement'),
    tasks: tasks.map((k) => ({
      id: k.id,
      title: k.title,
      developer: { id: k.developer_id, name: k.display_name },
      estimateHours: Number(k.estimate_hours),
      dueDate: k.due_day,
      status: k.status,
      loggedHours: Number(k.logged),
      version: k.version,
    })),
    workLogs: logs.map((w) => ({
      id: w.id,
      taskId: w.task_id,
      taskTitle: w.task_title,
      user: { id: w.user_id, name: w.display_name },
      workDate: w.day,
      hours: Number(w.hours),
      note: w.note,
    })),
    hoursByPerson: [...byPerson.values()].sort((a, b) => b.hours - a.hours),
    totalHours: logs.reduce((sum, w) => sum + Number(w.hours), 0),
    tests: tests.map((x) => ({
      id: x.id,
      round: x.round,
      casesRun: x.cases_run,
      passed: x.passed,
      failed: x.failed,
      defects: x.defects,
      result: x.result,
      tester: { id: x.tester_id, name: x.display_name },
      testedOn: x.day,
      note: x.note,
    })),
    releases: releases.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      version: r.version_label,
      status: r.status,
      windowStart: new Date(r.window_start).toISOString(),
    })),
  };
}
