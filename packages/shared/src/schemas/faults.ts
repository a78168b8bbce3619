import { z } from 'zod';
import { FAULT_CAUSES, FAULT_IMPACT_KINDS, FAULT_SEVERITIES, FAULT_STATUSES } from '../faults/state-machine.js';
import { Day, Id, page, text, Version } from './common.js';

const Instant = z.iso.datetime({ offset: true });
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Long = (max: number) => text(0, max);

// ---- register and edit ----
export const CreateFaultBody = z.strictObject({
  title: text(1, 200),
  description: Long(5000).default(''),
  severity: z.enum(FAULT_SEVERITIES),
  systemIds: z.array(Id).min(1).max(20),
  impactKind: z.enum(FAULT_IMPACT_KINDS).default('outage'),
  impactUsers: z.number().int().min(0).max(10_000_000).nullable().optional(),
  impactBusiness: Long(1000).nullable().optional(),
  startedAt: Instant,
  detectedAt: Instant,
  teamId: Id.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  /** Escalated from this incident 事件 (sets its fault, once). */
  incidentId: Id.optional(),
  /** Registered for this failed release 发布. */
  releaseId: Id.optional(),
});
export type CreateFaultBody = z.infer<typeof CreateFaultBody>;

export const UpdateFaultBody = z.strictObject({
  version: Version,
  title: text(1, 200).optional(),
  description: Long(5000).optional(),
  severity: z.enum(FAULT_SEVERITIES).optional(),
  systemIds: z.array(Id).min(1).max(20).optional(),
  impactKind: z.enum(FAULT_IMPACT_KINDS).optional(),
  impactUsers: z.number().int().min(0).max(10_000_000).nullable().optional(),
  impactBusiness: Long(1000).nullable().optional(),
});
export type UpdateFaultBody = z.infer<typeof UpdateFaultBody>;

export const FaultPrefillQuery = z.strictObject({ incidentId: Id.optional(), releaseId: Id.optional() });
export const FaultPrefill = z.object({
  source: z.object({ type: z.enum(['incident', 'release']), id: z.number(), number: z.string() }),
  title: z.string(),
  description: z.string(),
  systemIds: z.array(z.number()),
  severity: z.enum(FAULT_SEVERITIES).nullable(),
});

// ---- handling ----
export const FaultVersionBody = z.strictObject({ version: Version });
export const FaultRecoverBody = z.strictObject({ version: Version, resolution: Long(5000), recoveredAt: Instant.optional() });
export const FaultReasonBody = z.strictObject({ version: Version, reason: Long(500) });
export const FaultCloseBody = z.strictObject({
  version: Version,
  causeCategory: z.enum(FAULT_CAUSES).nullable().optional(),
  rootCause: Long(5000).nullable().optional(),
});
export const FaultAssignBody = z.strictObject({ version: Version, teamId: Id.nullable(), assigneeId: Id.nullable() });
export const FaultTimesBody = z.strictObject({
  version: Version,
  startedAt: Instant.optional(),
  detectedAt: Instant.optional(),
  recoveredAt: Instant.optional(),
  reason: text(1, 500),
});
export type FaultTimesBody = z.infer<typeof FaultTimesBody>;
export const FaultCommentBody = z.strictObject({ body: text(1, 5000), attachmentIds: z.array(Id).max(10).default([]) });
export const FaultWorkLogBody = z.strictObject({ minutes: z.number().int().min(1).max(1440), note: Long(500).nullable().optional() });
export const FaultLinkBody = z.strictObject({ number: text(4, 40) });

// ---- review 复盘 and corrective actions ----
export const FaultReviewBody = z.strictObject({
  /** The review's version as read (0 when there is none yet). */
  version: z.number().int().min(0),
  summary: Long(5000),
  narrative: Long(10000),
  analysis: Long(10000),
  lessons: Long(5000),
  noActionNeeded: z.boolean().default(false),
});
export type FaultReviewBody = z.infer<typeof FaultReviewBody>;
export const FaultReviewActionBody = z.strictObject({ title: text(1, 200), ownerId: Id, dueDate: Day });
export const FaultActionDoneBody = z.strictObject({ version: Version, note: Long(1000) });
export const ReviewActionListQuery = z.strictObject({ view: z.enum(['mine', 'overdue', 'open']).default('mine') });

// ---- lists ----
export const FAULT_SORTS = ['-detected', 'detected', '-severity', 'severity', 'responseDue', '-number'] as const;
export const FaultListQuery = z.strictObject({
  view: z.enum(['all', 'mine', 'overdue']).default('all'),
  q: z.string().trim().max(100).optional(),
  status: z.enum(FAULT_STATUSES).optional(),
  open: Bool.optional(),
  severity: z.enum(FAULT_SEVERITIES).optional(),
  systemId: Id.optional(),
  cause: z.enum(FAULT_CAUSES).optional(),
  teamId: Id.optional(),
  detectedFrom: Day.optional(),
  detectedTo: Day.optional(),
  sort: z.enum(FAULT_SORTS).default('-detected'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type FaultListQuery = z.infer<typeof FaultListQuery>;
export const FaultExportQuery = FaultListQuery.omit({ page: true, pageSize: true });

const Ref = z.object({ id: z.number(), name: z.string() });
const UserRef = z.object({ id: z.number(), displayName: z.string() });

export const FaultSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  severity: z.enum(FAULT_SEVERITIES),
  status: z.enum(FAULT_STATUSES),
  impactKind: z.enum(FAULT_IMPACT_KINDS),
  systems: z.array(Ref),
  team: Ref.nullable(),
  assignee: UserRef.nullable(),
  causeCategory: z.enum(FAULT_CAUSES).nullable(),
  startedAt: z.string(),
  detectedAt: z.string(),
  responseDueAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  recoveredAt: z.string().nullable(),
  /** Not responded by its response target (still waiting, or answered late). */
  responseOverdue: z.boolean(),
  knownError: z.boolean(),
});
export type FaultSummary = z.infer<typeof FaultSummary>;
export const FaultPage = page(FaultSummary);

export const FaultReview = z.object({
  summary: z.string(),
  narrative: z.string(),
  analysis: z.string(),
  lessons: z.string(),
  noActionNeeded: z.boolean(),
  completedAt: z.string().nullable(),
  completedBy: UserRef.nullable(),
  version: z.number(),
});
export const FaultReviewAction = z.object({
  id: z.number(),
  faultId: z.number(),
  faultNumber: z.string(),
  faultTitle: z.string(),
  title: z.string(),
  owner: UserRef,
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  doneNote: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
});
export type FaultReviewAction = z.infer<typeof FaultReviewAction>;
export const FaultReviewActionList = z.object({ items: z.array(FaultReviewAction) });

export const FaultLink = z.object({ type: z.string(), id: z.number(), number: z.string(), title: z.string(), status: z.string() });

export const FaultDetail = FaultSummary.extend({
  description: z.string(),
  impactUsers: z.number().nullable(),
  impactBusiness: z.string().nullable(),
  rootCause: z.string().nullable(),
  resolution: z.string().nullable(),
  reporter: UserRef,
  closedAt: z.string().nullable(),
  workMinutes: z.number(),
  createdAt: z.string(),
  version: z.number(),
  review: FaultReview.nullable(),
  reviewRequired: z.boolean(),
  actions: z.array(FaultReviewAction),
  links: z.array(FaultLink),
  /** What the caller may do now (state machine and permissions). */
  allowed: z.array(z.string()),
});
export type FaultDetail = z.infer<typeof FaultDetail>;

// ---- settings ----
export const FaultSettings = z.strictObject({
  responseMinutes: z.strictObject({
    P1: z.number().int().min(5).max(10_080),
    P2: z.number().int().min(5).max(10_080),
    P3: z.number().int().min(5).max(10_080),
    P4: z.number().int().min(5).max(10_080),
  }),
});
export type FaultSettings = z.infer<typeof FaultSettings>;

// ---- availability 可用性分析 ----
export const AvailabilityQuery = z.strictObject({ from: Day, to: Day });
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;
const Counts = z.record(z.string(), z.number());
export const AvailabilityRow = z.object({
  system: z.object({ id: z.number(), name: z.string(), code: z.string(), criticality: z.string() }),
  /** e.g. 99.9 */
  target: z.number(),
  periodMinutes: z.number(),
  downtimeMinutes: z.number(),
  /** Percent, e.g. 99.95 */
  availability: z.number(),
  met: z.boolean(),
  faults: z.number(),
  outages: z.number(),
  bySeverity: Counts,
  byCause: Counts,
  /** Minutes, null when nothing to average. */
  mtta: z.number().nullable(),
  mttr: z.number().nullable(),
  mtbf: z.number().nullable(),
});
export type AvailabilityRow = z.infer<typeof AvailabilityRow>;
export const AvailabilityReport = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(AvailabilityRow),
  byCause: Counts,
  bySeverity: Counts,
});
export type AvailabilityReport = z.infer<typeof AvailabilityReport>;
export const AvailabilityTrendQuery = z.strictObject({ systemId: Id, months: z.coerce.number().int().min(1).max(36).default(12) });
export const AvailabilityTrend = z.object({
  system: z.object({ id: z.number(), name: z.string() }),
  target: z.number(),
  months: z.array(
    z.object({ month: z.string(), downtimeMinutes: z.number(), availability: z.number(), met: z.boolean(), faults: z.number() }),
  ),
});
