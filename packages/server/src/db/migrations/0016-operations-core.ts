import { type Kysely, sql } from 'kysely';

/**
 * The core tables of IT operations and change (SPEC §3.2–3.4): incidents 事件, faults 故障 with the
 * systems they affect, business demands 需求 and releases 发布 with the demands they deliver. They are
 * here together because they point at each other (an incident escalates to a fault, a release delivers
 * demands, a failed release links a fault); each module adds its own detail tables in a later
 * migration. Every record's history is its activity timeline (record_type 'incident' | 'fault' |
 * 'demand' | 'release'); stage times live on the row for the efficiency metrics.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE faults (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      -- P1 most severe; response targets per severity (P1 1 h, P2 4 h …) are settings of the module
      severity text NOT NULL CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
      status text NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'recovered', 'closed', 'cancelled')),
      -- outage: the service is down; degraded: it works badly. Availability counts outage time only.
      impact_kind text NOT NULL DEFAULT 'outage' CHECK (impact_kind IN ('outage', 'degraded')),
      impact_users int CHECK (impact_users >= 0),
      impact_business text,
      cause_category text
        CHECK (cause_category IN ('hardware', 'software', 'network', 'change', 'capacity', 'security', 'human', 'external', 'unknown')),
      root_cause text,
      resolution text,
      reporter_id bigint NOT NULL REFERENCES users(id),
      team_id bigint REFERENCES teams(id),
      assignee_id bigint REFERENCES users(id),
      -- when the service started to fail, when IT learned of it, first response, service restored
      started_at timestamptz NOT NULL,
      detected_at timestamptz NOT NULL,
      response_due_at timestamptz,
      responded_at timestamptz,
      recovered_at timestamptz,
      closed_at timestamptz,
      known_error boolean NOT NULL DEFAULT false,
      work_minutes int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (detected_at >= started_at),
      CHECK (recovered_at IS NULL OR recovered_at >= started_at)
    );
    CREATE INDEX faults_status_idx ON faults (status, severity, detected_at DESC);
    CREATE INDEX faults_detected_idx ON faults (detected_at DESC);
    CREATE INDEX faults_team_idx ON faults (team_id, status);
    CREATE INDEX faults_assignee_idx ON faults (assignee_id, status) WHERE assignee_id IS NOT NULL;
    CREATE INDEX faults_number_pattern_idx ON faults (number text_pattern_ops);

    -- The IT systems a fault affects; availability per system is computed from these rows.
    CREATE TABLE fault_systems (
      fault_id bigint NOT NULL REFERENCES faults(id) ON DELETE CASCADE,
      system_id bigint NOT NULL REFERENCES it_systems(id),
      PRIMARY KEY (fault_id, system_id)
    );
    CREATE INDEX fault_systems_system_idx ON fault_systems (system_id, fault_id);

    CREATE TABLE incidents (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      -- manual, from a ticket, or from a monitoring alert (Alertmanager webhook)
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'ticket', 'alert')),
      category text NOT NULL DEFAULT 'service'
        CHECK (category IN ('service', 'performance', 'security', 'network', 'hardware', 'application', 'data', 'other')),
      impact text NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
      urgency text NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
      -- from impact × urgency by default; may be overridden by a handler
      priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
      status text NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled')),
      reporter_id bigint REFERENCES users(id),
      team_id bigint REFERENCES teams(id),
      assignee_id bigint REFERENCES users(id),
      system_id bigint REFERENCES it_systems(id),
      ticket_id bigint REFERENCES tickets(id),
      -- set when escalated to a fault
      fault_id bigint REFERENCES faults(id),
      -- monitoring alerts: one open incident per fingerprint; the alert's labels as sent
      alert_fingerprint text,
      alert_labels jsonb,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      responded_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      resolution text,
      cause text,
      work_minutes int NOT NULL DEFAULT 0,
      -- significant incidents need a post-incident review 复盘 before they close
      review_required boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX incidents_open_fingerprint_key ON incidents (alert_fingerprint)
      WHERE alert_fingerprint IS NOT NULL AND status IN ('new', 'in_progress', 'on_hold');
    CREATE INDEX incidents_status_idx ON incidents (status, priority, occurred_at DESC);
    CREATE INDEX incidents_occurred_idx ON incidents (occurred_at DESC);
    CREATE INDEX incidents_team_idx ON incidents (team_id, status);
    CREATE INDEX incidents_assignee_idx ON incidents (assignee_id, status) WHERE assignee_id IS NOT NULL;
    CREATE INDEX incidents_fault_idx ON incidents (fault_id) WHERE fault_id IS NOT NULL;
    CREATE INDEX incidents_ticket_idx ON incidents (ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE INDEX incidents_number_pattern_idx ON incidents (number text_pattern_ops);

    CREATE TABLE demands (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      title text NOT NULL,
      -- 需求背景 and what is wanted
      background text NOT NULL DEFAULT '',
      system_id bigint NOT NULL REFERENCES it_systems(id),
      kind text NOT NULL DEFAULT 'change' CHECK (kind IN ('new_feature', 'change', 'report', 'data', 'other')),
      -- submitted → accepted (analyst) → pending_approval (solution evaluated) → implementing (approved)
      -- → released (a release including it succeeded) → delivered (acceptance recorded) → closed
      -- (rated or auto-closed); rejected by the analyst or the supervisor; cancelled by the requester
      status text NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted', 'accepted', 'pending_approval', 'implementing', 'released', 'delivered', 'closed', 'rejected', 'cancelled')),
      requester_id bigint NOT NULL REFERENCES users(id),
      requester_department_id bigint REFERENCES departments(id),
      -- the business analyst owning the system's demands (业务分工), copied at submission
      analyst_id bigint REFERENCES users(id),
      -- the business supervisor who approves (the requester's department head), copied at evaluation
      supervisor_id bigint REFERENCES users(id),
      expected_date date,
      -- solution evaluation 评估方案
      solution text,
      effort_days numeric(8, 1) CHECK (effort_days >= 0),
      planned_date date,
      cost numeric(14, 2) CHECK (cost >= 0),
      reject_reason text,
      progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      -- stage times (submitted is created_at)
      accepted_at timestamptz,
      evaluated_at timestamptz,
      approved_at timestamptz,
      released_at timestamptz,
      delivered_at timestamptz,
      closed_at timestamptz,
      -- delivery rating 交付评价
      rating int CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      rated_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX demands_status_idx ON demands (status, created_at DESC);
    CREATE INDEX demands_created_idx ON demands (created_at DESC);
    CREATE INDEX demands_system_idx ON demands (system_id, status);
    CREATE INDEX demands_analyst_idx ON demands (analyst_id, status);
    CREATE INDEX demands_requester_idx ON demands (requester_id, created_at DESC);
    CREATE INDEX demands_department_idx ON demands (requester_department_id, created_at DESC);
    CREATE INDEX demands_supervisor_idx ON demands (supervisor_id, status) WHERE supervisor_id IS NOT NULL;
    CREATE INDEX demands_number_pattern_idx ON demands (number text_pattern_ops);

    CREATE TABLE releases (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      title text NOT NULL,
      system_id bigint NOT NULL REFERENCES it_systems(id),
      version_label text NOT NULL,
      -- draft → pending_approval → approved | rejected → succeeded | failed → accepted (验收) ;
      -- cancelled before execution
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'pending_approval', 'approved', 'rejected', 'succeeded', 'failed', 'accepted', 'cancelled')),
      risk text NOT NULL DEFAULT 'medium' CHECK (risk IN ('high', 'medium', 'low')),
      window_start timestamptz NOT NULL,
      window_end timestamptz NOT NULL,
      plan text NOT NULL DEFAULT '',
      rollback_plan text NOT NULL DEFAULT '',
      requester_id bigint NOT NULL REFERENCES users(id),
      approver_id bigint REFERENCES users(id),
      approved_at timestamptz,
      executed_at timestamptz,
      result_note text,
      rolled_back boolean NOT NULL DEFAULT false,
      -- a failed release's fault (failure handling 失败处理)
      fault_id bigint REFERENCES faults(id),
      accepted_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (window_end > window_start)
    );
    CREATE INDEX releases_window_idx ON releases (window_start);
    CREATE INDEX releases_status_idx ON releases (status, window_start);
    CREATE INDEX releases_system_idx ON releases (system_id, window_start DESC);
    CREATE INDEX releases_number_pattern_idx ON releases (number text_pattern_ops);

    -- The demands a release delivers.
    CREATE TABLE release_demands (
      release_id bigint NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
      demand_id bigint NOT NULL REFERENCES demands(id),
      PRIMARY KEY (release_id, demand_id)
    );
    CREATE INDEX release_demands_demand_idx ON release_demands (demand_id);
  `.execute(db);
}
