import { z } from 'zod';
import { HOLD_REASONS, PRIORITIES, TICKET_ACTIONS, TICKET_CHANNELS, TICKET_STATUSES } from '../tickets/state-machine.js';
import { LocalizedFormField } from './catalog.js';
import { Day, Id, page, text, Version } from './common.js';

const longText = (max: number) => z.string().trim().max(max);

export const CreateTicketBody = z.strictObject({
  title: text(1, 200),
  description: longText(20_000).default(''),
  catalogItemId: Id.nullable().optional(),
  formValues: z.record(z.string().max(64), z.unknown()).default({}),
  priority: z.enum(PRIORITIES).optional(),
  systemId: Id.nullable().optional(),
  /** Service-desk agents submit on behalf of someone (needs ticket.dispatch). */
  requesterId: Id.optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  attachmentIds: z.array(Id).max(20).default([]),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const TicketActionBody = z.strictObject({
  version: Version,
  reason: longText(2000).nullable().optional(),
  assigneeId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  holdReason: z.enum(HOLD_REASONS).nullable().optional(),
  solution: longText(20_000).nullable().optional(),
  resolutionCategory: z.string().trim().max(80).nullable().optional(),
  workMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  targetId: Id.nullable().optional(),
});
export type TicketActionBody = z.infer<typeof TicketActionBody>;

export const UpdateTicketBody = z.strictObject({
  version: Version,
  title: text(1, 200).optional(),
  description: longText(20_000).optional(),
  priority: z.enum(PRIORITIES).optional(),
  systemId: Id.nullable().optional(),
});

export const CommentBody = z.strictObject({
  body: z.string().trim().min(1).max(20_000),
  internal: z.boolean().default(false),
  attachmentIds: z.array(Id).max(20).default([]),
});

export const WorkLogBody = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  note: longText(2000).nullable().optional(),
  workedOn: Day.optional(),
});

export const RatingBody = z.strictObject({
  stars: z.number().int().min(1).max(5),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  comment: longText(2000).nullable().optional(),
});

export const LinkBody = z.strictObject({
  targetType: z.enum(['ticket']),
  targetId: Id,
});

export const TICKET_VIEWS = ['mine', 'requested', 'team', 'all', 'waiting', 'overdue', 'approvals'] as const;
export const TICKET_SORTS = ['created', '-created', 'updated', '-updated', 'due', '-due', 'priority', '-priority'] as const;

const Stars = z.coerce.number().int().min(1).max(5);

export const TicketListQuery = z.strictObject({
  view: z.enum(TICKET_VIEWS).default('mine'),
  q: z.string().trim().max(100).optional(),
  status: z.union([z.enum(TICKET_STATUSES), z.array(z.enum(TICKET_STATUSES))]).optional(),
  priority: z.union([z.enum(PRIORITIES), z.array(z.enum(PRIORITIES))]).optional(),
  teamId: Id.optional(),
  assigneeId: Id.optional(),
  requesterId: Id.optional(),
  catalogItemId: Id.optional(),
  systemId: Id.optional(),
  sla: z.enum(['breached', 'atRisk', 'ok']).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  // Drill-down from the analytics dashboards: the instants an event happened in, and what it was like.
  respondedFrom: z.iso.datetime({ offset: true }).optional(),
  respondedTo: z.iso.datetime({ offset: true }).optional(),
  resolvedFrom: z.iso.datetime({ offset: true }).optional(),
  resolvedTo: z.iso.datetime({ offset: true }).optional(),
  ratedFrom: z.iso.datetime({ offset: true }).optional(),
  ratedTo: z.iso.datetime({ offset: true }).optional(),
  rating: z.union([Stars, z.array(Stars)]).optional(),
  transferred: z.stringbool().optional(),
  reopened: z.stringbool().optional(),
  slaBreached: z.enum(['response', 'resolution']).optional(),
  sort: z.enum(TICKET_SORTS).default('-created'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

const Person = z.object({ id: z.number(), displayName: z.string() }).nullable();

export const TicketSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  channel: z.enum(TICKET_CHANNELS),
  requester: Person,
  assignee: Person,
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  catalogItem: z.object({ id: z.number(), name: z.string() }).nullable(),
  system: z.object({ id: z.number(), name: z.string() }).nullable(),
  responseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  slaState: z.enum(['ok', 'atRisk', 'breached', 'paused', 'met', 'none']),
  transferCount: z.number(),
  rating: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

/** A page of tickets. A search (`q`) stops counting at 1,000 matches: then `totalCapped` is true and `total` is 1,000. */
export const TicketPage = page(TicketSummary).extend({ totalCapped: z.boolean() });
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketDetail = TicketSummary.extend({
  description: z.string(),
  formValues: z.record(z.string(), z.unknown()),
  /** The item's form in the reader's language, and each answer as text (option labels, names). */
  form: z.array(LocalizedFormField),
  formDisplay: z.record(z.string(), z.string()),
  holdReason: z.enum(HOLD_REASONS).nullable(),
  solution: z.string().nullable(),
  resolutionCategory: z.string().nullable(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number(),
  ratingTags: z.array(z.string()),
  ratingComment: z.string().nullable(),
  ratingState: z.enum(['pending', 'rated', 'notRated']),
  mergedInto: z.object({ id: z.number(), number: z.string() }).nullable(),
  workMinutes: z.number(),
  allowedActions: z.array(z.enum(TICKET_ACTIONS)),
  canComment: z.boolean(),
  canSeeInternal: z.boolean(),
  canRate: z.boolean(),
});
export type TicketDetail = z.infer<typeof TicketDetail>;
