import { z } from 'zod';
import { Day, Id, page, text, Version } from './common.js';

// ---- vocabulary (the CHECKs of migration 0016) ----
export const INCIDENT_STATUSES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_OPEN_STATUSES: readonly IncidentStatus[] = ['new', 'in_progress', 'on_hold'];
export const INCIDENT_CATEGORIES = ['service', 'performance', 'security', 'network', 'hardware', 'application', 'data', 'other'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const INCIDENT_SOURCES = ['manual', 'ticket', 'alert'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
export const INCIDENT_LEVELS = ['high', 'medium', 'low'] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];
export const INCIDENT_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/**
 * The ITIL matrix: high×high P1; high×medium and medium×high P2; medium×medium, high×low and
 * low×high P3; everything else P4.
 */
export function incidentPriority(impact: IncidentLevel, urgency: IncidentLevel): IncidentPriority {
  const score = { high: 2, medium: 1, low: 0 };
  const sum = score[impact] + score[urgency];
  if (sum === 4) return 'P1';
  if (sum === 3) return 'P2';
  if (sum === 2) return 'P3';
  return 'P4';
}

/** Significant incidents (P1, P2) need a completed post-incident review 复盘 before they close. */
export const reviewRequiredFor = (priority: IncidentPriority) => priority === 'P1' || priority === 'P2';

/** Alertmanager `labels.severity` → impact and urgency (unknown severities count as warnings). */
export const ALERT_SEVERITY_LEVELS: Record<string, { impact: IncidentLevel; urgency: IncidentLevel }> = {
  critical: { impact: 'high', urgency: 'high' },
  warning: { impact: 'medium', urgency: 'medium' },
  info: { impact: 'low', urgency: 'low' },
};

// ---- the state machine ----
export const INCIDENT_ACTIONS = ['accept', 'assign', 'priority', 'hold', 'resume', 'resolve', 'close', 'reopen', 'cancel'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** From which statuses an action may be taken, and the status it leaves (null: unchanged). */
export const INCIDENT_TRANSITIONS: Record<IncidentAction, { from: readonly IncidentStatus[]; to: IncidentStatus | null }> = {
  accept: { from: ['new'], to: 'in_progress' },
  assign: { from: ['new', 'in_progress', 'on_hold'], to: null },
  priority: { from: ['new', 'in_progress', 'on_hold'], to: null },
  hold: { from: ['in_progress'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'in_progress' },
  resolve: { from: ['new', 'in_progress', 'on_hold'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved'], to: 'in_progress' },
  cancel: { from: ['new', 'in_progress', 'on_hold'], to: 'cancelled' },
};

export interface IncidentActorFacts {
  userId: number;
  canHandle: boolean;
  canManage: boolean;
  teamIds: readonly number[];
}
export interface IncidentFacts {
  status: IncidentStatus;
  assigneeId: number | null;
  teamId: number | null;
}

/**
 * Whether this person may take this action on this incident now. Managers (`incident.manage`) may
 * take every action; a handler (`incident.handle`) works incidents assigned to them or to one of their
 * teams (or to no team yet); closing and cancelling are for managers only (permissions.ts).
 */
export function canTakeIncidentAction(action: IncidentAction, incident: IncidentFacts, actor: IncidentActorFacts): boolean {
  if (!INCIDENT_TRANSITIONS[action].from.includes(incident.status)) return false;
  if (actor.canManage) return true;
  if (!actor.canHandle || action === 'cancel' || action === 'close') return false;
  const mine = incident.assigneeId === actor.userId;
  const myTeam = incident.teamId === null || actor.teamIds.includes(incident.teamId);
  if (action === 'accept') return mine || (incident.assigneeId === null && myTeam);
  return mine || myTeam;
}

export function allowedIncidentActions(incident: IncidentFacts, actor: IncidentActorFacts): IncidentAction[] {
  return INCIDENT_ACTIONS.filter((a) => canTakeIncidentAction(a, incident, actor));
}

// ---- requests ----
const LongText = z.string().trim().max(10_000);
const Reason = text(1, 500);
const Instant = z.iso.datetime({ offset: true });

export const CreateIncidentBody = z.strictObject({
  title: text(1, 200),
  description: LongText.default(''),
  category: z.enum(INCIDENT_CATEGORIES),
  impact: z.enum(INCIDENT_LEVELS),
  urgency: z.enum(INCIDENT_LEVELS),
  systemId: Id.nullable().optional(),
  occurredAt: Instant.optional(),
  teamId: Id.nullable().optional(),
  assigneeId: Id.nullable().optional(),
  /** Registered from this ticket (source 'ticket'; linked both ways). */
  ticketId: Id.optional(),
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const IncidentActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), version: Version }),
  z.strictObject({ action: z.literal('assign'), version: Version, teamId: Id.nullable(), assigneeId: Id.nullable() }),
  z.strictObject({ action: z.literal('priority'), version: Version, priority: z.enum(INCIDENT_PRIORITIES), reason: Reason }),
  z.strictObject({ action: z.literal('hold'), version: Version, reason: Reason }),
  z.strictObject({ action: z.literal('resume'), version: Version }),
  z.strictObject({ action: z.literal('resolve'), version: Version, resolution: text(1, 4000), cause: text(0, 4000).nullable().optional() }),
  z.strictObject({ action: z.literal('close'), version: Version }),
  z.strictObject({ action: z.literal('reopen'), version: Version, reason: Reason }),
  z.strictObject({ action: z.literal('cancel'), version: Version, reason: Reason }),
]);
export type IncidentActionBody = z.infer<typeof IncidentActionBody>;

export const IncidentCommentBody = z.strictObject({ body: text(1, 4000) });
export const IncidentWorkLogBody = z.strictObject({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  note: text(0, 500).nullable().optional(),
});
export const IncidentLinkBody = z.strictObject({ number: text(1, 40) });

const Sort = z.enum(['occurredAt', 'priority', 'number', 'status', 'updatedAt']);
export const IncidentListQuery = z.strictObject({
  view: z.enum(['all', 'mine', 'teamUnassigned']).default('all'),
  q: z.string().trim().max(100).optional(),
  status: z.enum([...INCIDENT_STATUSES, 'open']).optional(),
  priority: z.enum(INCIDENT_PRIORITIES).optional(),
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  source: z.enum(INCIDENT_SOURCES).optional(),
  systemId: Id.optional(),
  teamId: Id.optional(),
  occurredFrom: Day.optional(),
  occurredTo: Day.optional(),
  sort: Sort.default('occurredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
export const IncidentExportQuery = IncidentListQuery.omit({ page: true, pageSize: true });

export const IncidentStatsQuery = z.strictObject({ from: Day, to: Day });

// ---- review 复盘 ----
export const IncidentReviewBody = z.strictObject({
  version: z.number().int().min(0),
  summary: LongText,
  narrative: LongText,
  cause: LongText,
  lessons: LongText,
});
export type IncidentReviewBody = z.infer<typeof IncidentReviewBody>;
export const IncidentReviewActionBody = z.strictObject({ title: text(1, 200), ownerId: Id, dueDate: Day });
export const IncidentReviewActionDoneBody = z.strictObject({ done: z.boolean() });

// ---- settings (Alertmanager webhook) ----
export const IncidentSettingsBody = z.strictObject({ version: Version, defaultTeamId: Id.nullable() });

// ---- responses ----
const Ref = z.object({ id: z.number(), name: z.string() });
const Person = z.object({ id: z.number(), displayName: z.string() });

export const IncidentSummary = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  priority: z.enum(INCIDENT_PRIORITIES),
  category: z.enum(INCIDENT_CATEGORIES),
  source: z.enum(INCIDENT_SOURCES),
  system: Ref.nullable(),
  team: Ref.nullable(),
  assignee: Person.nullable(),
  occurredAt: z.string(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  alertCount: z.number().int(),
  reviewRequired: z.boolean(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;
export const IncidentPage = page(IncidentSummary);

export const IncidentReviewAction = z.object({
  id: z.number(),
  title: z.string(),
  owner: Person,
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type IncidentReviewAction = z.infer<typeof IncidentReviewAction>;

export const IncidentReview = z.object({
  status: z.enum(['none', 'draft', 'completed']),
  summary: z.string(),
  narrative: z.string(),
  cause: z.string(),
  lessons: z.string(),
  completedAt: z.string().nullable(),
  completedBy: Person.nullable(),
  version: z.number().int(),
  actions: z.array(IncidentReviewAction),
});
export type IncidentReview = z.infer<typeof IncidentReview>;

export const IncidentDetail = IncidentSummary.extend({
  description: z.string(),
  impact: z.enum(INCIDENT_LEVELS),
  urgency: z.enum(INCIDENT_LEVELS),
  reporter: Person.nullable(),
  ticket: z.object({ id: z.number(), number: z.string(), title: z.string().nullable() }).nullable(),
  fault: z.object({ id: z.number(), number: z.string(), status: z.string() }).nullable(),
  alert: z.object({ fingerprint: z.string(), labels: z.record(z.string(), z.string()), lastAt: z.string().nullable() }).nullable(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  cause: z.string().nullable(),
  workMinutes: z.number().int(),
  reviewStatus: z.enum(['none', 'draft', 'completed']),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do now (the server checks again). */
  actions: z.array(z.enum(INCIDENT_ACTIONS)),
  canWork: z.boolean(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentLink = z.object({ type: z.string(), id: z.number(), number: z.string(), title: z.string().nullable() });
export const IncidentLinks = z.object({ items: z.array(IncidentLink) });
export const IncidentWorkLog = z.object({
  id: z.number(),
  minutes: z.number(),
  note: z.string().nullable(),
  user: Person,
  createdAt: z.string(),
});
export const IncidentWorkLogs = z.object({ items: z.array(IncidentWorkLog) });

const Avg = z.object({
  priority: z.enum(INCIDENT_PRIORITIES),
  count: z.number().int(),
  mttaMinutes: z.number().nullable(),
  mttrMinutes: z.number().nullable(),
});
export const IncidentStats = z.object({
  total: z.number().int(),
  byPriority: z.array(Avg),
  byCategory: z.array(z.object({ category: z.enum(INCIDENT_CATEGORIES), count: z.number().int() })),
  mttaMinutes: z.number().nullable(),
  mttrMinutes: z.number().nullable(),
});
export type IncidentStats = z.infer<typeof IncidentStats>;

export const IncidentSettings = z.object({
  defaultTeam: Ref.nullable(),
  tokenPrefix: z.string().nullable(),
  tokenRotatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type IncidentSettings = z.infer<typeof IncidentSettings>;
export const IncidentTokenResult = z.object({ token: z.string(), tokenPrefix: z.string() });

/** The Alertmanager v4 webhook payload (only what is read; extra fields are allowed, as Alertmanager adds them). */
export const AlertmanagerPayload = z.object({
  version: z.string().optional(),
  status: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()).default({}),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: z.string(),
        endsAt: z.string().optional(),
        generatorURL: z.string().optional(),
        fingerprint: z.string().max(200).optional(),
      }),
    )
    .max(1000),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayload>;
export const AlertmanagerResult = z.object({ created: z.number().int(), repeated: z.number().int(), resolved: z.number().int() });
