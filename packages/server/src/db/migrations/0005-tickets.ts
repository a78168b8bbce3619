import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tickets (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL UNIQUE,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      catalog_item_id bigint REFERENCES catalog_items(id),
      form_values jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('pending_approval', 'new', 'in_progress', 'on_hold', 'resolved', 'closed', 'cancelled', 'rejected')),
      priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
      channel text NOT NULL,
      requester_id bigint NOT NULL REFERENCES users(id),
      requester_department_id bigint REFERENCES departments(id),
      created_by bigint NOT NULL REFERENCES users(id),
      approver_ids bigint[] NOT NULL DEFAULT '{}',
      team_id bigint REFERENCES teams(id),
      assignee_id bigint REFERENCES users(id),
      system_id bigint REFERENCES it_systems(id),
      sla_policy_id bigint REFERENCES sla_policies(id),
      response_due_at timestamptz,
      resolution_due_at timestamptz,
      responded_at timestamptz,
      resolved_at timestamptz,
      closed_at timestamptz,
      -- Derived from ticket_sla_events by the SLA engine; stored for fast queues and dashboards.
      sla_state text NOT NULL DEFAULT 'none',
      sla_warned_at timestamptz,
      sla_breached_at timestamptz,
      escalation_level int NOT NULL DEFAULT 0,
      hold_reason text,
      solution text,
      resolution_category text,
      transfer_count int NOT NULL DEFAULT 0,
      reopen_count int NOT NULL DEFAULT 0,
      work_minutes int NOT NULL DEFAULT 0,
      rating int CHECK (rating BETWEEN 1 AND 5),
      rating_tags text[] NOT NULL DEFAULT '{}',
      rating_comment text,
      rating_state text NOT NULL DEFAULT 'pending' CHECK (rating_state IN ('pending', 'rated', 'notRated')),
      rated_at timestamptz,
      merged_into_id bigint REFERENCES tickets(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tickets_queue_idx ON tickets (team_id, status, resolution_due_at);
    CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, status, updated_at DESC);
    CREATE INDEX tickets_assignee_created_idx ON tickets (assignee_id, created_at DESC, id DESC);
    CREATE INDEX tickets_number_pattern_idx ON tickets (number text_pattern_ops);
    CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at DESC);
    CREATE INDEX tickets_department_idx ON tickets (requester_department_id, created_at DESC);
    CREATE INDEX tickets_created_idx ON tickets (created_at DESC);
    CREATE INDEX tickets_open_due_idx ON tickets (resolution_due_at) WHERE status IN ('new', 'in_progress');
    CREATE INDEX tickets_approver_idx ON tickets USING gin (approver_ids) WHERE status = 'pending_approval';
    CREATE INDEX tickets_title_trgm ON tickets USING gin (title gin_trgm_ops);

    -- What the SLA clocks are computed from: starts, pauses, acceptance, resolution, priority changes.
    CREATE TABLE ticket_sla_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      at timestamptz NOT NULL,
      kind text NOT NULL,
      priority text,
      -- Why the clock paused (a hold reason), shown in the SLA explanation.
      reason text
    );
    CREATE INDEX ticket_sla_events_ticket_idx ON ticket_sla_events (ticket_id, id);

    CREATE TABLE ticket_work_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      user_id bigint NOT NULL REFERENCES users(id),
      minutes int NOT NULL CHECK (minutes > 0),
      note text,
      worked_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ticket_work_logs_ticket_idx ON ticket_work_logs (ticket_id);
    CREATE INDEX ticket_work_logs_user_idx ON ticket_work_logs (user_id, worked_on);

    -- Links between any two records (ticket ↔ ticket now; incidents, knowledge… later).
    CREATE TABLE record_links (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      from_type text NOT NULL,
      from_id bigint NOT NULL,
      to_type text NOT NULL,
      to_id bigint NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (from_type, from_id, to_type, to_id)
    );
    CREATE INDEX record_links_to_idx ON record_links (to_type, to_id);

    CREATE TABLE assignment_rules (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      sort_order int NOT NULL DEFAULT 0,
      catalog_item_ids bigint[] NOT NULL DEFAULT '{}',
      department_ids bigint[] NOT NULL DEFAULT '{}',
      system_ids bigint[] NOT NULL DEFAULT '{}',
      keywords text[] NOT NULL DEFAULT '{}',
      team_id bigint NOT NULL REFERENCES teams(id),
      strategy text NOT NULL DEFAULT 'none' CHECK (strategy IN ('none', 'round_robin', 'least_loaded')),
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Round-robin position per team.
    CREATE TABLE team_assignment_state (
      team_id bigint PRIMARY KEY REFERENCES teams(id),
      last_user_id bigint REFERENCES users(id)
    );

    -- People who are away (leave, training): auto-assignment skips them.
    CREATE TABLE user_absences (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      note text,
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX user_absences_user_idx ON user_absences (user_id, ends_at);

    CREATE TABLE saved_views (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      module text NOT NULL,
      name text NOT NULL,
      filters jsonb NOT NULL DEFAULT '{}',
      columns text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, module, name)
    );

    -- A follow-up for the team lead when a requester rates 2 stars or less.
    CREATE TABLE ticket_followups (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id bigint NOT NULL REFERENCES tickets(id) UNIQUE,
      owner_id bigint REFERENCES users(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz
    );
  `.execute(db);
}
