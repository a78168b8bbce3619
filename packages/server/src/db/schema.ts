import type { ColumnType, Generated } from 'kysely';

/** A timestamptz with a default (optional on insert). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string | null, string | null>;

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  code: string;
  parent_id: number | null;
  manager_id: number | null;
  path: string;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  employee_no: string | null;
  email: string | null;
  phone: string | null;
  department_id: number | null;
  supervisor_id: number | null;
  title: string | null;
  locale: Generated<string>;
  password_hash: string | null;
  must_change_password: Generated<boolean>;
  password_changed_at: NullableTimestamp;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamTable {
  id: Generated<number>;
  name: string;
  code: string;
  description: string | null;
  lead_id: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamMemberTable {
  team_id: number;
  user_id: number;
}

export interface ItSystemTable {
  id: Generated<number>;
  name: string;
  code: string;
  description: string | null;
  business_domain: string | null;
  owner_id: number | null;
  analyst_id: number | null;
  criticality: string;
  availability_target: ColumnType<string, string | number, string | number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleTable {
  id: Generated<number>;
  key: string;
  name: string;
  builtin: Generated<boolean>;
  scope: string;
  permissions: string[];
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role_id: number;
  scope: string | null;
  granted_by: number | null;
  granted_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: RequiredTimestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  object_label: string | null;
  before: Json | null;
  after: Json | null;
  /** Null until the sealer links the entry into the chain (migration 0008). */
  prev_hash: string | null;
  hash: string | null;
  chain_seq: number | null;
}

export interface ActivityTable {
  id: Generated<number>;
  record_type: string;
  record_id: number;
  at: Timestamp;
  actor_id: number | null;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  internal: Generated<boolean>;
}

export interface NumberSequenceTable {
  prefix: string;
  day: string;
  last: number;
}

export interface AttachmentTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  record_type: string | null;
  record_id: number | null;
  uploaded_by: number;
  has_thumbnail: Generated<boolean>;
  created_at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface TicketTable {
  id: Generated<number>;
  number: string;
  title: string;
  description: Generated<string>;
  catalog_item_id: number | null;
  form_values: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: string;
  priority: string;
  channel: string;
  requester_id: number;
  requester_department_id: number | null;
  created_by: number;
  approver_ids: ColumnType<number[], number[] | undefined, number[]>;
  team_id: number | null;
  assignee_id: number | null;
  system_id: number | null;
  sla_policy_id: number | null;
  response_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  responded_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  sla_state: Generated<string>;
  sla_warned_at: NullableTimestamp;
  sla_breached_at: NullableTimestamp;
  escalation_level: Generated<number>;
  hold_reason: string | null;
  solution: string | null;
  resolution_category: string | null;
  transfer_count: Generated<number>;
  reopen_count: Generated<number>;
  work_minutes: Generated<number>;
  rating: number | null;
  rating_tags: ColumnType<string[], string[] | undefined, string[]>;
  rating_comment: string | null;
  rating_state: Generated<string>;
  rated_at: NullableTimestamp;
  sla_response_breached: Generated<boolean>;
  sla_resolution_breached: Generated<boolean>;
  merged_into_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketSlaEventTable {
  id: Generated<number>;
  ticket_id: number;
  at: RequiredTimestamp;
  kind: string;
  priority: string | null;
  reason: Generated<string | null>;
}

export interface TicketWorkLogTable {
  id: Generated<number>;
  ticket_id: number;
  user_id: number;
  minutes: number;
  note: string | null;
  worked_on: ColumnType<Date, string, string>;
  created_at: Timestamp;
}

export interface RecordLinkTable {
  id: Generated<number>;
  from_type: string;
  from_id: number;
  to_type: string;
  to_id: number;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AssignmentRuleTable {
  id: Generated<number>;
  name: string;
  sort_order: Generated<number>;
  catalog_item_ids: ColumnType<number[], number[] | undefined, number[]>;
  department_ids: ColumnType<number[], number[] | undefined, number[]>;
  system_ids: ColumnType<number[], number[] | undefined, number[]>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  team_id: number;
  strategy: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TeamAssignmentStateTable {
  team_id: number;
  last_user_id: number | null;
}

/** Kept by the trigger of migration 0011: tickets assigned to the person in new / in_progress / on_hold. */
export interface TicketOpenLoadTable {
  user_id: number;
  open_count: number;
}

export interface UserAbsenceTable {
  id: Generated<number>;
  user_id: number;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  note: string | null;
}

export interface SavedViewTable {
  id: Generated<number>;
  user_id: number;
  module: string;
  name: string;
  filters: ColumnType<Record<string, unknown>, string | undefined, string>;
  columns: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface TicketFollowupTable {
  id: Generated<number>;
  ticket_id: number;
  owner_id: number | null;
  status: Generated<string>;
  note: string | null;
  created_at: Timestamp;
  done_at: NullableTimestamp;
}

export interface NotificationEventTable {
  id: Generated<number>;
  type: string;
  actor_id: number | null;
  record_type: string;
  record_id: number;
  record_number: string;
  record_title: string;
  record_link: string;
  data: ColumnType<unknown, string, string>;
  audience: 'public' | 'internal';
  internal_permission: string | null;
  team_id: number | null;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  event_id: number;
  user_id: number;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface NotificationPreferenceTable {
  user_id: number;
  event_type: string;
  channel: 'inApp' | 'email';
  enabled: boolean;
  updated_at: Timestamp;
}

export interface NotificationChannelTable {
  id: Generated<number>;
  type: 'wecom' | 'dingtalk' | 'feishu';
  name: string;
  webhook_url: string;
  secret: string | null;
  event_types: string[];
  team_id: number | null;
  locale: Generated<string>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  event_id: number | null;
  channel: 'email' | 'wecom' | 'dingtalk' | 'feishu';
  recipient_id: number | null;
  channel_id: number | null;
  target: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface CatalogCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  name_en: string | null;
  icon: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogItemTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  name: string;
  name_en: string | null;
  description: Generated<string>;
  description_en: string | null;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  default_priority: Generated<string>;
  default_team_id: number | null;
  sla_policy_id: number | null;
  approval_required: Generated<boolean>;
  /** numeric(12,2): read as a string. */
  price: ColumnType<string, string | number | undefined, string | number>;
  visibility: Generated<string>;
  /** bigint[]: pg reads the elements as strings. */
  visible_department_ids: ColumnType<(number | string)[], number[] | undefined, number[]>;
  visible_role_keys: ColumnType<string[], string[] | undefined, string[]>;
  form: ColumnType<unknown, string | undefined, string>;
  search_text: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BusinessCalendarTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  /** 7 arrays (index 0 = Sunday) of [startMinute, endMinute) pairs in local time. */
  weekly: ColumnType<[number, number][][], string, string>;
  is_default: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CalendarDayTable {
  calendar_id: number;
  /** A `date`: pg reads it as a Date at local midnight, so select it with to_char(day, 'YYYY-MM-DD'). */
  day: ColumnType<Date | string, string, string>;
  kind: string;
  name: string;
}

export interface SlaPolicyTable {
  id: Generated<number>;
  name: string;
  calendar_id: number;
  /** Per priority, working minutes: {"P1": {"response": 30, "resolution": 240}, …}. */
  targets: ColumnType<Record<string, { response: number; resolution: number }>, string, string>;
  warn_ratio: ColumnType<string, string | number, string | number>;
  escalation: ColumnType<{ levels: { afterBreachMinutes: number; notify: string }[] }, string | undefined, string>;
  is_default: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MailIntakeLogTable {
  id: Generated<number>;
  message_id: string;
  from_address: string;
  subject: Generated<string>;
  outcome: 'ticket' | 'comment' | 'ignored' | 'rejected';
  reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  ticket_id: number | null;
  sender_id: number | null;
  received_at: RequiredTimestamp;
  processed_at: Timestamp;
}

export interface KnowledgeCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  name_en: string | null;
  description: string | null;
  /** bigint[]: pg reads the elements as strings. */
  reviewer_ids: ColumnType<(number | string)[], number[] | undefined, number[]>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeArticleTable {
  id: Generated<number>;
  number: string;
  status: Generated<string>;
  owner_id: number;
  created_by: number;
  published_version_id: number | null;
  title: string;
  type: string;
  category_id: number;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** bigint[]: pg reads the elements as strings. */
  system_ids: ColumnType<(number | string)[], number[] | undefined, number[]>;
  audience: Generated<string>;
  search_text: Generated<string>;
  /** Written as a tsvector literal (platform/search), never read back as such. */
  search_vector: ColumnType<string, string | undefined, string>;
  /** strip(search_vector), generated (migration 0009): what search matches on. */
  search_terms: ColumnType<string, never, never>;
  /** A `date`: select it with to_char(…, 'YYYY-MM-DD'). */
  review_by: ColumnType<Date | string | null, string | null | undefined, string | null>;
  review_notified_for: ColumnType<Date | string | null, string | null | undefined, string | null>;
  published_at: NullableTimestamp;
  view_count: Generated<number>;
  helpful_count: Generated<number>;
  not_helpful_count: Generated<number>;
  application_count: Generated<number>;
  deflection_count: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeVersionTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  status: string;
  title: string;
  type: string;
  category_id: number;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  system_ids: ColumnType<(number | string)[], number[] | undefined, number[]>;
  audience: Generated<string>;
  body_html: Generated<string>;
  symptom_html: Generated<string>;
  cause_html: Generated<string>;
  workaround_html: Generated<string>;
  fix_html: Generated<string>;
  created_by: number;
  based_on_revision: number | null;
  submitted_at: NullableTimestamp;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  review_comment: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeVoteTable {
  article_id: number;
  user_id: number;
  helpful: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeViewTable {
  article_id: number;
  user_id: number;
  day: ColumnType<Date | string, string, string>;
}

export interface KnowledgeDeflectionTable {
  id: Generated<number>;
  article_id: number;
  user_id: number;
  day: ColumnType<Date | string, string, string>;
  query: string | null;
  channel: string | null;
  created_at: Timestamp;
}

export interface KnowledgeApplicationTable {
  id: Generated<number>;
  article_id: number;
  record_type: string;
  record_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface DB {
  departments: DepartmentTable;
  users: UserTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  it_systems: ItSystemTable;
  roles: RoleTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  activity: ActivityTable;
  number_sequences: NumberSequenceTable;
  attachments: AttachmentTable;
  settings: SettingTable;
  tickets: TicketTable;
  ticket_sla_events: TicketSlaEventTable;
  ticket_work_logs: TicketWorkLogTable;
  record_links: RecordLinkTable;
  assignment_rules: AssignmentRuleTable;
  team_assignment_state: TeamAssignmentStateTable;
  ticket_open_load: TicketOpenLoadTable;
  user_absences: UserAbsenceTable;
  saved_views: SavedViewTable;
  ticket_followups: TicketFollowupTable;
  notification_events: NotificationEventTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  notification_channels: NotificationChannelTable;
  notification_deliveries: NotificationDeliveryTable;
  catalog_categories: CatalogCategoryTable;
  catalog_items: CatalogItemTable;
  business_calendars: BusinessCalendarTable;
  calendar_days: CalendarDayTable;
  sla_policies: SlaPolicyTable;
  mail_intake_log: MailIntakeLogTable;
  knowledge_categories: KnowledgeCategoryTable;
  knowledge_articles: KnowledgeArticleTable;
  knowledge_versions: KnowledgeVersionTable;
  knowledge_votes: KnowledgeVoteTable;
  knowledge_views: KnowledgeViewTable;
  knowledge_deflections: KnowledgeDeflectionTable;
  knowledge_applications: KnowledgeApplicationTable;
  ticket_daily_stats: TicketDailyStatsTable;
  ticket_daily_team_stats: Omit<TicketDailyStatsTable, 'assignee_id' | 'priority'>;
  ticket_monthly_people_stats: Omit<TicketDailyStatsTable, 'day' | 'priority'> & { month: ColumnType<string, string, string> };
  analytics_watermarks: AnalyticsWatermarkTable;
  asset_categories: AssetCategoryTable;
  asset_locations: AssetLocationTable;
  assets: AssetTable;
  asset_pending_actions: AssetPendingActionTable;
  asset_search: AssetSearchTable;
  asset_search_pending: AssetSearchPendingTable;
  spare_warehouses: SpareWarehouseTable;
  spare_items: SpareItemTable;
  spare_stock: SpareStockTable;
  spare_documents: SpareDocumentTable;
  spare_movements: SpareMovementTable;
  stocktakes: StocktakeTable;
  stocktake_lines: StocktakeLineTable;
  stocktake_progress: StocktakeProgressTable;
  faults: FaultTable;
  fault_systems: FaultSystemTable;
  incidents: IncidentTable;
  demands: DemandTable;
  releases: ReleaseTable;
  release_demands: ReleaseDemandTable;
  demand_tasks: DemandTaskTable;
  demand_work_logs: DemandWorkLogTable;
  demand_tests: DemandTestTable;
  release_approvals: ReleaseApprovalTable;
  release_acceptances: ReleaseAcceptanceTable;
  incident_work_logs: IncidentWorkLogTable;
  incident_reviews: IncidentReviewTable;
  incident_review_actions: IncidentReviewActionTable;
  incident_settings: IncidentSettingsTable;
  fault_reviews: FaultReviewTable;
  fault_actions: FaultActionTable;
  fault_work_logs: FaultWorkLogTable;
}

/** numeric: pg reads it as a string. */
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;
/** A `date`: select it with to_char(…, 'YYYY-MM-DD'). */
type DateOnly = ColumnType<Date | string | null, string | null | undefined, string | null>;

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Level = 'high' | 'medium' | 'low';

export type FaultStatus = 'new' | 'in_progress' | 'recovered' | 'closed' | 'cancelled';
export type FaultCause = 'hardware' | 'software' | 'network' | 'change' | 'capacity' | 'security' | 'human' | 'external' | 'unknown';

export interface FaultTable {
  id: Generated<number>;
  number: string;
  title: string;
  description: Generated<string>;
  severity: Priority;
  status: ColumnType<FaultStatus, FaultStatus | undefined, FaultStatus>;
  impact_kind: ColumnType<'outage' | 'degraded', 'outage' | 'degraded' | undefined, 'outage' | 'degraded'>;
  impact_users: number | null;
  impact_business: string | null;
  cause_category: FaultCause | null;
  root_cause: string | null;
  resolution: string | null;
  reporter_id: number;
  team_id: number | null;
  assignee_id: number | null;
  started_at: RequiredTimestamp;
  detected_at: RequiredTimestamp;
  response_due_at: NullableTimestamp;
  responded_at: NullableTimestamp;
  recovered_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  known_error: Generated<boolean>;
  work_minutes: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0018: each overdue-response escalation level is announced once
  overdue_lead_notified_at: NullableTimestamp;
  overdue_manager_notified_at: NullableTimestamp;
}

export interface FaultSystemTable {
  fault_id: number;
  system_id: number;
}

export type IncidentStatus = 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'cancelled';
export type IncidentCategory = 'service' | 'performance' | 'security' | 'network' | 'hardware' | 'application' | 'data' | 'other';

export interface IncidentTable {
  id: Generated<number>;
  number: string;
  title: string;
  description: Generated<string>;
  source: ColumnType<'manual' | 'ticket' | 'alert', 'manual' | 'ticket' | 'alert' | undefined, 'manual' | 'ticket' | 'alert'>;
  category: ColumnType<IncidentCategory, IncidentCategory | undefined, IncidentCategory>;
  impact: Level;
  urgency: Level;
  priority: Priority;
  status: ColumnType<IncidentStatus, IncidentStatus | undefined, IncidentStatus>;
  reporter_id: number | null;
  team_id: number | null;
  assignee_id: number | null;
  system_id: number | null;
  ticket_id: number | null;
  fault_id: number | null;
  alert_fingerprint: string | null;
  alert_labels: Json;
  occurred_at: Timestamp;
  responded_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  resolution: string | null;
  cause: string | null;
  work_minutes: Generated<number>;
  review_required: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0017
  reporter_department_id: number | null;
  alert_count: Generated<number>;
  alert_last_at: NullableTimestamp;
}

export type DemandStatus =
  | 'submitted'
  | 'accepted'
  | 'pending_approval'
  | 'implementing'
  | 'released'
  | 'delivered'
  | 'closed'
  | 'rejected'
  | 'cancelled';
export type DemandKind = 'new_feature' | 'change' | 'report' | 'data' | 'other';

export interface DemandTable {
  id: Generated<number>;
  number: string;
  title: string;
  background: Generated<string>;
  system_id: number;
  kind: ColumnType<DemandKind, DemandKind | undefined, DemandKind>;
  status: ColumnType<DemandStatus, DemandStatus | undefined, DemandStatus>;
  requester_id: number;
  requester_department_id: number | null;
  analyst_id: number | null;
  supervisor_id: number | null;
  expected_date: DateOnly;
  solution: string | null;
  effort_days: Numeric;
  planned_date: DateOnly;
  cost: Numeric;
  reject_reason: string | null;
  progress: Generated<number>;
  accepted_at: NullableTimestamp;
  evaluated_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  released_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ReleaseStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected' | 'succeeded' | 'failed' | 'accepted' | 'cancelled';

export interface ReleaseTable {
  id: Generated<number>;
  number: string;
  title: string;
  system_id: number;
  version_label: string;
  status: ColumnType<ReleaseStatus, ReleaseStatus | undefined, ReleaseStatus>;
  risk: ColumnType<Level, Level | undefined, Level>;
  window_start: RequiredTimestamp;
  window_end: RequiredTimestamp;
  plan: Generated<string>;
  rollback_plan: Generated<string>;
  requester_id: number;
  approver_id: number | null;
  approved_at: NullableTimestamp;
  executed_at: NullableTimestamp;
  result_note: string | null;
  rolled_back: Generated<boolean>;
  fault_id: number | null;
  accepted_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 0020: the failed release this one re-plans. */
  copied_from_id: number | null;
}

export interface ReleaseDemandTable {
  release_id: number;
  demand_id: number;
}

export interface ReleaseApprovalTable {
  id: Generated<number>;
  release_id: number;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decided_by: number;
  decided_at: Timestamp;
}

export interface ReleaseAcceptanceTable {
  id: Generated<number>;
  release_id: number;
  kind: 'analyst' | 'requester';
  result: 'passed' | 'failed';
  comment: string;
  user_id: number;
  created_at: Timestamp;
}

export interface AssetCategoryTable {
  id: Generated<number>;
  code: string;
  name: string;
  useful_life_months: Generated<number>;
  /** numeric: pg reads it as a string. */
  residual_rate: ColumnType<string, string | number | undefined, string | number>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetLocationTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  path: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetTable {
  id: Generated<number>;
  tag: string;
  category_id: number;
  name: string;
  model: string | null;
  serial_no: string | null;
  vendor: string | null;
  /** A `date`: select it with to_char(…, 'YYYY-MM-DD'). */
  purchase_date: ColumnType<Date | string | null, string | null | undefined, string | null>;
  /** numeric: pg reads it as a string. */
  purchase_price: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** A `date`: select it with to_char(…, 'YYYY-MM-DD'). */
  warranty_end: ColumnType<Date | string | null, string | null | undefined, string | null>;
  status: Generated<string>;
  location_id: number | null;
  department_id: number | null;
  custodian_id: number | null;
  system_id: number | null;
  custom_fields: ColumnType<Record<string, unknown>, string | undefined, string>;
  status_before_repair: string | null;
  note: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An asset's keyword-search text (tag, serial, name, model), kept by triggers on `assets` (migration 0022). */
export interface AssetSearchTable {
  asset_id: number;
  text: string;
}

/** Ranges of asset ids a bulk import registered whose search entries the `assets.searchCatchUp` job has still to write. */
export interface AssetSearchPendingTable {
  id: Generated<number>;
  first_id: number;
  last_id: number;
}

/** What an asset waits for: a receipt, a transfer-in, a scrap approval (one per asset). */
export interface AssetPendingActionTable {
  id: Generated<number>;
  asset_id: number;
  kind: 'receipt' | 'transfer' | 'scrap';
  user_id: number | null;
  from_user_id: number | null;
  requested_by: number | null;
  reason: string | null;
  created_at: Generated<Date>;
}

/** One local day × team × assignee × priority of ticket figures; each figure counted on its own event's day. */
export interface TicketDailyStatsTable {
  day: ColumnType<string, string, string>;
  team_id: number | null;
  assignee_id: number | null;
  priority: string;
  created: number;
  transferred: number;
  accepted: number;
  accept_seconds: number;
  response_met: number;
  response_breached: number;
  resolved: number;
  complete_seconds: number;
  resolution_met: number;
  resolution_breached: number;
  reopened: number;
  closed: number;
  rated: number;
  rating_sum: number;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
  low_rated: number;
}

export interface AnalyticsWatermarkTable {
  name: string;
  at: Timestamp;
}

export interface SpareWarehouseTable {
  id: Generated<number>;
  code: string;
  name: string;
  place: string | null;
  keeper_id: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpareItemTable {
  id: Generated<number>;
  code: string;
  name: string;
  model: string | null;
  unit: string;
  category: string | null;
  min_stock: Generated<number>;
  low_alerted: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpareStockTable {
  item_id: number;
  warehouse_id: number;
  quantity: Generated<number>;
  updated_at: Timestamp;
}

export interface SpareDocumentTable {
  id: Generated<number>;
  number: string;
  kind: string;
  supplier: string | null;
  note: string | null;
  actor_id: number | null;
  at: Timestamp;
}

export interface SpareMovementTable {
  id: Generated<number>;
  document_id: number;
  kind: string;
  item_id: number;
  warehouse_id: number;
  quantity: number;
  balance_after: number;
  /** numeric: pg reads it as a string. */
  unit_price: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  ticket_id: number | null;
  asset_id: number | null;
  recipient_id: number | null;
  returned: Generated<number>;
  issue_id: number | null;
  actor_id: number | null;
  at: Timestamp;
  note: string | null;
}

/** A stocktake 盘点单 over a scope (empty arrays: no restriction on that dimension). */
export interface StocktakeTable {
  id: Generated<number>;
  number: string;
  name: string;
  category_ids: ColumnType<number[], number[] | undefined, number[]>;
  department_ids: ColumnType<number[], number[] | undefined, number[]>;
  location_ids: ColumnType<number[], number[] | undefined, number[]>;
  counter_ids: ColumnType<number[], number[] | undefined, number[]>;
  /** date: pg reads it as a local-midnight Date. */
  due_date: ColumnType<Date | null, string | null | undefined, string | null>;
  status: Generated<'draft' | 'in_progress' | 'completed' | 'cancelled'>;
  owner_id: number;
  department_id: number | null;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StocktakeLineTable {
  id: Generated<number>;
  stocktake_id: number;
  asset_id: number | null;
  tag: string;
  expected: boolean;
  asset_version: number | null;
  expected_location_id: number | null;
  expected_department_id: number | null;
  expected_custodian_id: number | null;
  result: Generated<'pending' | 'found' | 'wrong_location' | 'wrong_user' | 'surplus' | 'missing'>;
  scanned_location_id: number | null;
  custodian_confirmed: boolean | null;
  note: string | null;
  scanned_by: number | null;
  scanned_at: NullableTimestamp;
  applied_by: number | null;
  applied_at: NullableTimestamp;
}

export interface StocktakeProgressTable {
  stocktake_id: number;
  expected: Generated<number>;
  pending: Generated<number>;
  found: Generated<number>;
  wrong_location: Generated<number>;
  wrong_user: Generated<number>;
  surplus: Generated<number>;
  missing: Generated<number>;
  applied: Generated<number>;
}

// demands 需求 in detail (migration 0019)
export interface DemandTaskTable {
  id: Generated<number>;
  demand_id: number;
  title: string;
  developer_id: number;
  estimate_hours: Numeric;
  due_date: DateOnly;
  status: ColumnType<'todo' | 'doing' | 'done', 'todo' | 'doing' | 'done' | undefined, 'todo' | 'doing' | 'done'>;
  done_at: NullableTimestamp;
  created_by: number;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DemandWorkLogTable {
  id: Generated<number>;
  demand_id: number;
  task_id: number | null;
  user_id: number;
  work_date: DateOnly;
  hours: Numeric;
  note: string | null;
  created_by: number;
  created_at: Timestamp;
}

export interface DemandTestTable {
  id: Generated<number>;
  demand_id: number;
  round: number;
  cases_run: number;
  passed: number;
  failed: number;
  defects: Generated<number>;
  result: 'pass' | 'fail';
  tester_id: number;
  tested_on: DateOnly;
  note: string | null;
  created_by: number;
  created_at: Timestamp;
}

// ---- incidents (0017) ----
export interface IncidentWorkLogTable {
  id: Generated<number>;
  incident_id: number;
  user_id: number;
  minutes: number;
  note: string | null;
  created_at: Timestamp;
}

export interface IncidentReviewTable {
  incident_id: number;
  status: ColumnType<'draft' | 'completed', 'draft' | 'completed' | undefined, 'draft' | 'completed'>;
  summary: Generated<string>;
  narrative: Generated<string>;
  cause: Generated<string>;
  lessons: Generated<string>;
  completed_at: NullableTimestamp;
  completed_by: number | null;
  updated_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentReviewActionTable {
  id: Generated<number>;
  incident_id: number;
  title: string;
  owner_id: number;
  due_date: ColumnType<Date | string, string, string>;
  done: Generated<boolean>;
  done_at: NullableTimestamp;
  created_by: number | null;
  created_at: Timestamp;
}

export interface IncidentSettingsTable {
  id: Generated<number>;
  token_hash: string | null;
  token_prefix: string | null;
  token_rotated_at: NullableTimestamp;
  default_team_id: number | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

// ---- faults in detail (0018) ----
export interface FaultReviewTable {
  fault_id: number;
  summary: Generated<string>;
  narrative: Generated<string>;
  analysis: Generated<string>;
  lessons: Generated<string>;
  no_action_needed: Generated<boolean>;
  completed_at: NullableTimestamp;
  completed_by: number | null;
  updated_by: number;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface FaultActionTable {
  id: Generated<number>;
  fault_id: number;
  title: string;
  owner_id: number;
  due_date: ColumnType<Date | string, string, string>;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  done_note: string | null;
  done_at: NullableTimestamp;
  done_by: number | null;
  created_by: number;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface FaultWorkLogTable {
  id: Generated<number>;
  fault_id: number;
  user_id: number;
  minutes: number;
  note: string | null;
  created_at: Timestamp;
}
