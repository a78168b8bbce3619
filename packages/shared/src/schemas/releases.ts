import { z } from 'zod';
import { RELEASE_ACTIONS, RELEASE_RISKS, RELEASE_STATUSES } from '../releases/state-machine.js';
import { Day, Id, page, text, Version } from './common.js';

const Moment = z.iso.datetime({ offset: true });
const LongText = (max: number) => text(0, max);

/** The fields of a release request 发布申请. */
const releaseFields = {
  systemId: Id,
  versionLabel: text(1, 60),
  title: text(1, 200),
  /** Demands of the system in status implementing, in no other open release. */
  demandIds: z.array(Id).max(100),
  windowStart: Moment,
  windowEnd: Moment,
  plan: LongText(20_000),
  rollbackPlan: LongText(20_000),
  risk: z.enum(RELEASE_RISKS),
};

export const CreateReleaseBody = z.strictObject({
  ...releaseFields,
  demandIds: releaseFields.demandIds.default([]),
  plan: releaseFields.plan.default(''),
  rollbackPlan: releaseFields.rollbackPlan.default(''),
  risk: releaseFields.risk.default('medium'),
  /** A failed release this one re-plans (复制为新发布). */
  copiedFromId: Id.optional(),
});
export type CreateReleaseBody = z.infer<typeof CreateReleaseBody>;

export const UpdateReleaseBody = z.strictObject({
  version: Version,
  systemId: Id.optional(),
  versionLabel: releaseFields.versionLabel.optional(),
  title: releaseFields.title.optional(),
  demandIds: releaseFields.demandIds.optional(),
  windowStart: Moment.optional(),
  windowEnd: Moment.optional(),
  plan: releaseFields.plan.optional(),
  rollbackPlan: releaseFields.rollbackPlan.optional(),
  risk: releaseFields.risk.optional(),
});
export type UpdateReleaseBody = z.infer<typeof UpdateReleaseBody>;

export const ReleaseVersionBody = z.strictObject({ version: Version });
export const ReleaseDecisionBody = z.strictObject({ version: Version, comment: text(0, 2000).optional() });
export type ReleaseDecisionBody = z.infer<typeof ReleaseDecisionBody>;
export const ReleaseSucceedBody = z.strictObject({
  version: Version,
  executedAt: Moment.optional(),
  note: text(0, 5000).optional(),
});
export type ReleaseSucceedBody = z.infer<typeof ReleaseSucceedBody>;
/** Failure handling 失败处理: what happened and whether it was rolled back. */
export const ReleaseFailBody = z.strictObject({
  version: Version,
  executedAt: Moment.optional(),
  note: text(0, 5000),
  rolledBack: z.boolean(),
});
export type ReleaseFailBody = z.infer<typeof ReleaseFailBody>;

export const ACCEPTANCE_RESULTS = ['passed', 'failed'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];
/** The analyst's acceptance record 验收记录: passed closes the release as accepted. */
export const ReleaseAcceptanceBody = z.strictObject({
  version: Version,
  result: z.enum(ACCEPTANCE_RESULTS),
  comment: text(1, 2000),
});
export type ReleaseAcceptanceBody = z.infer<typeof ReleaseAcceptanceBody>;
/** A requester's own acceptance remark on a release that delivers their demand. */
export const ReleaseRemarkBody = z.strictObject({
  result: z.enum(ACCEPTANCE_RESULTS),
  comment: text(1, 2000),
});
export type ReleaseRemarkBody = z.infer<typeof ReleaseRemarkBody>;

export const RELEASE_SORTS = ['window', '-window', 'number', '-number'] as const;
export const ReleaseListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(RELEASE_STATUSES).optional(),
  systemId: Id.optional(),
  risk: z.enum(RELEASE_RISKS).optional(),
  /** Releases whose window overlaps [from, to] (days in the business time zone). */
  from: Day.optional(),
  to: Day.optional(),
  /** The home to-dos: waiting for my approval (not my own); mine approved and due today or overdue; mine awaiting acceptance. */
  todo: z.enum(['approve', 'execute', 'accept']).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(RELEASE_SORTS).default('-window'),
});
export type ReleaseListQuery = z.infer<typeof ReleaseListQuery>;
export const ReleaseExportQuery = ReleaseListQuery.omit({ page: true, pageSize: true });
export type ReleaseExportQuery = z.infer<typeof ReleaseExportQuery>;

/** The calendar: releases whose window overlaps [from, to]; at most 62 days at once (checked by the server). */
export const ReleaseCalendarQuery = z.strictObject({ from: Day, to: Day, systemId: Id.optional() });
export type ReleaseCalendarQuery = z.infer<typeof ReleaseCalendarQuery>;

export const ReleaseDemandOptionsQuery = z.strictObject({ systemId: Id, releaseId: Id.optional() });
export const ReleaseOverlapQuery = z.strictObject({ systemId: Id, windowStart: Moment, windowEnd: Moment, releaseId: Id.optional() });

const Ref = z.object({ id: z.number(), name: z.string() });
const NumberRef = z.object({ id: z.number(), number: z.string(), title: z.string() });

export const ReleaseSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  system: Ref,
  versionLabel: z.string(),
  status: z.enum(RELEASE_STATUSES),
  risk: z.enum(RELEASE_RISKS),
  windowStart: z.string(),
  windowEnd: z.string(),
  requester: Ref,
  demandCount: z.number().int(),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummary>;
export const ReleasePage = page(ReleaseSummary);
export const ReleaseCalendar = z.object({ items: z.array(ReleaseSummary) });

export const ReleaseDemandOption = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  status: z.string(),
  requester: Ref,
});
export const ReleaseDemandOptions = z.object({ items: z.array(ReleaseDemandOption) });
/** A demand on the release page: its title and requester only for someone who may read the demand itself. */
export const ReleaseDetailDemand = ReleaseDemandOption.extend({ title: z.string().nullable(), requester: Ref.nullable() });
export const ReleaseOverlaps = z.object({ items: z.array(NumberRef.extend({ windowStart: z.string(), windowEnd: z.string() })) });

export const RELEASE_DETAIL_ACTIONS = [...RELEASE_ACTIONS, 'edit', 'copy', 'acceptanceFailed', 'remark', 'registerFault'] as const;
export type ReleaseDetailAction = (typeof RELEASE_DETAIL_ACTIONS)[number];

export const ReleaseDetail = ReleaseSummary.extend({
  plan: z.string(),
  rollbackPlan: z.string(),
  approver: Ref.nullable(),
  approvedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
  resultNote: z.string().nullable(),
  rolledBack: z.boolean(),
  /** The fault registered on a failed release; its title and status only for someone who may read the fault. */
  fault: z.object({ id: z.number(), number: z.string(), title: z.string().nullable(), status: z.string().nullable() }).nullable(),
  acceptedAt: z.string().nullable(),
  copiedFrom: NumberRef.nullable(),
  copies: z.array(NumberRef.extend({ status: z.enum(RELEASE_STATUSES) })),
  demands: z.array(ReleaseDetailDemand),
  approvals: z.array(
    z.object({ id: z.number(), decision: z.enum(['approved', 'rejected']), comment: z.string().nullable(), by: Ref, at: z.string() }),
  ),
  acceptances: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['analyst', 'requester']),
      result: z.enum(ACCEPTANCE_RESULTS),
      comment: z.string(),
      by: Ref,
      at: z.string(),
    }),
  ),
  /** Other approved releases of the same system whose windows overlap this one (a warning, not a refusal). */
  overlaps: ReleaseOverlaps.shape.items,
  windowEnded: z.boolean(),
  allowed: z.array(z.enum(RELEASE_DETAIL_ACTIONS)),
  version: z.number(),
  createdAt: z.string(),
});
export type ReleaseDetail = z.infer<typeof ReleaseDetail>;
