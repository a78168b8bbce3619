import { z } from 'zod';
import { DEMAND_ACTIONS, DEMAND_KINDS, DEMAND_STATUSES } from '../demands/state-machine.js';
import { Day, Id, page, text, Version } from './common.js';

const Money = z.number().min(0).max(999_999_999_999).multipleOf(0.01);
const longText = (max: number) => z.string().trim().max(max);

export const DEMAND_VIEWS = ['mine', 'toAccept', 'toApprove', 'implementing', 'all'] as const;
export type DemandView = (typeof DEMAND_VIEWS)[number];
export const DEMAND_SORTS = [
  '-createdAt',
  'createdAt',
  'expectedDate',
  '-expectedDate',
  'plannedDate',
  '-plannedDate',
  'number',
  '-number',
] as const;
export const DEMAND_TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export type DemandTaskStatus = (typeof DEMAND_TASK_STATUSES)[number];

/** 提交需求: attachments are uploads held by the requester (POST /api/files without a record). */
export const CreateDemandBody = z.strictObject({
  systemId: Id,
  kind: z.enum(DEMAND_KINDS),
  title: text(1, 200),
  background: longText(10_000).min(1),
  expectedDate: Day.nullable().optional(),
  attachmentIds: z.array(Id).max(20).default([]),
});
export type CreateDemandBody = z.infer<typeof CreateDemandBody>;

export const DemandVersionBody = z.strictObject({ version: Version });
export const DemandReasonBody = z.strictObject({ version: Version, reason: text(1, 1000) });
export const DemandCommentBody = z.strictObject({ version: Version, comment: text(1, 1000) });
export const DemandApproveBody = z.strictObject({ version: Version, comment: longText(1000).optional() });
/** 评估方案 */
export const DemandEvaluateBody = z.strictObject({
  version: Version,
  solution: longText(10_000).min(1),
  effortDays: z.number().min(0).max(100_000).multipleOf(0.1),
  plannedDate: Day,
  cost: Money.nullable().optional(),
});
export type DemandEvaluateBody = z.infer<typeof DemandEvaluateBody>;
/** 交付评价 */
export const DemandRateBody = z.strictObject({
  version: Version,
  rating: z.number().int().min(1).max(5),
  comment: longText(1000).optional(),
});

export const DemandListQuery = z.strictObject({
  view: z.enum(DEMAND_VIEWS).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(DEMAND_STATUSES).optional(),
  systemId: Id.optional(),
  kind: z.enum(DEMAND_KINDS).optional(),
  departmentId: Id.optional(),
  analystId: Id.optional(),
  createdFrom: Day.optional(),
  createdTo: Day.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(DEMAND_SORTS).default('-createdAt'),
});
export type DemandListQuery = z.infer<typeof DemandListQuery>;
export const DemandExportQuery = DemandListQuery.omit({ page: true, pageSize: true });

const Ref = z.object({ id: z.number(), name: z.string() });
export const DemandSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  kind: z.enum(DEMAND_KINDS),
  status: z.enum(DEMAND_STATUSES),
  system: Ref,
  requester: Ref,
  department: Ref.nullable(),
  analyst: Ref.nullable(),
  supervisor: Ref.nullable(),
  expectedDate: z.string().nullable(),
  plannedDate: z.string().nullable(),
  progress: z.number(),
  overdue: z.boolean(),
  rating: z.number().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export const DemandPage = page(DemandSummary);

export const DemandTask = z.object({
  id: z.number(),
  title: z.string(),
  developer: Ref,
  estimateHours: z.number(),
  dueDate: z.string().nullable(),
  status: z.enum(DEMAND_TASK_STATUSES),
  loggedHours: z.number(),
  version: z.number(),
});
export const DemandWorkLog = z.object({
  id: z.number(),
  taskId: z.number().nullable(),
  taskTitle: z.string().nullable(),
  user: Ref,
  workDate: z.string(),
  hours: z.number(),
  note: z.string().nullable(),
});
export const DemandTest = z.object({
  id: z.number(),
  round: z.number(),
  casesRun: z.number(),
  passed: z.number(),
  failed: z.number(),
  defects: z.number(),
  result: z.enum(['pass', 'fail']),
  tester: Ref,
  testedOn: z.string(),
  note: z.string().nullable(),
});
export const DemandRelease = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  version: z.string(),
  status: z.string(),
  windowStart: z.string(),
});

export const DemandDetail = DemandSummary.extend({
  background: z.string(),
  requesterDepartment: Ref.nullable(),
  solution: z.string().nullable(),
  effortDays: z.number().nullable(),
  cost: z.number().nullable(),
  rejectReason: z.string().nullable(),
  ratingComment: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ratedAt: z.string().nullable(),
  /** The actions the caller may take now (state machine, state and actor). */
  allowed: z.array(z.enum(DEMAND_ACTIONS)),
  /** Whether the caller may dispatch tasks, log hours and register tests now. */
  canImplement: z.boolean(),
  tasks: z.array(DemandTask),
  workLogs: z.array(DemandWorkLog),
  hoursByPerson: z.array(z.object({ user: Ref, hours: z.number() })),
  totalHours: z.number(),
  tests: z.array(DemandTest),
  releases: z.array(DemandRelease),
});
export type DemandDetail = z.infer<typeof DemandDetail>;

/** 派工 */
export const DemandTaskBody = z.strictObject({
  title: text(1, 200),
  developerId: Id,
  estimateHours: z.number().min(0.5).max(10_000).multipleOf(0.5),
  dueDate: Day.nullable().optional(),
});
export const DemandTaskUpdateBody = z.strictObject({
  version: Version,
  title: text(1, 200).optional(),
  developerId: Id.optional(),
  estimateHours: z.number().min(0.5).max(10_000).multipleOf(0.5).optional(),
  dueDate: Day.nullable().optional(),
  status: z.enum(DEMAND_TASK_STATUSES).optional(),
});
export const DemandTaskParams = z.strictObject({ id: Id, taskId: Id });
/** 工作量记录 */
export const DemandWorkLogBody = z.strictObject({
  taskId: Id.nullable().optional(),
  userId: Id.optional(),
  workDate: Day,
  hours: z.number().min(0.5).max(24).multipleOf(0.5),
  note: longText(500).optional(),
});
/** 测试登记 */
export const DemandTestBody = z
  .strictObject({
    casesRun: z.number().int().min(0).max(1_000_000),
    passed: z.number().int().min(0).max(1_000_000),
    failed: z.number().int().min(0).max(1_000_000),
    defects: z.number().int().min(0).max(1_000_000),
    result: z.enum(['pass', 'fail']),
    testerId: Id.optional(),
    testedOn: Day,
    note: longText(1000).optional(),
  })
  .refine((b) => b.passed + b.failed <= b.casesRun, { message: 'invalidValue', path: ['failed'] });

/** 业务分工: each system and its analyst, with the open demands they own. */
export const DemandDivision = z.object({
  items: z.array(
    z.object({
      systemId: z.number(),
      systemName: z.string(),
      businessDomain: z.string().nullable(),
      analyst: Ref.nullable(),
      open: z.number(),
    }),
  ),
});

export const DemandMetricsQuery = z.strictObject({ from: Day, to: Day });
const StageDays = z.object({
  submitToAccept: z.number().nullable(),
  acceptToEvaluate: z.number().nullable(),
  evaluateToApprove: z.number().nullable(),
  approveToRelease: z.number().nullable(),
  releaseToDeliver: z.number().nullable(),
});
export const DemandMetricsRow = z.object({
  system: Ref.nullable(),
  total: z.number(),
  byStatus: z.record(z.string(), z.number()),
  stageDays: StageDays,
  delivered: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  rated: z.number(),
  averageRating: z.number().nullable(),
});
export const DemandMetrics = z.object({ from: z.string(), to: z.string(), total: DemandMetricsRow, systems: z.array(DemandMetricsRow) });
export type DemandMetrics = z.infer<typeof DemandMetrics>;
