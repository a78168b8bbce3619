import { type Kysely, sql } from 'kysely';

/**
 * Faults 故障 in detail (SPEC §3.3), on top of the core `faults` / `fault_systems` of 0016: the
 * overdue-response marks (each escalation level is announced once: a conditional write sets the mark),
 * the review 复盘 (one per fault) and its corrective actions tracked to completion, and work logs.
 * Availability is computed from `faults` + `fault_systems` with range aggregates; the partial index
 * on outage faults keeps that to the rows that count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE faults
      ADD COLUMN overdue_lead_notified_at timestamptz,
      ADD COLUMN overdue_manager_notified_at timestamptz;
    CREATE INDEX faults_response_due_idx ON faults (response_due_at) WHERE status = 'new' AND responded_at IS NULL;
    CREATE INDEX faults_reporter_idx ON faults (reporter_id, detected_at DESC);
    CREATE INDEX faults_outage_idx ON faults (started_at, recovered_at) WHERE impact_kind = 'outage' AND status <> 'cancelled';
    CREATE INDEX faults_title_trgm_idx ON faults USING gin (lower(number || ' ' || title) gin_trgm_ops);

    CREATE TABLE fault_reviews (
      fault_id bigint PRIMARY KEY REFERENCES faults(id) ON DELETE CASCADE,
      summary text NOT NULL DEFAULT '',
      narrative text NOT NULL DEFAULT '',
      analysis text NOT NULL DEFAULT '',
      lessons text NOT NULL DEFAULT '',
      -- completing needs at least one action or this explicit statement
      no_action_needed boolean NOT NULL DEFAULT false,
      completed_at timestamptz,
      completed_by bigint REFERENCES users(id),
      updated_by bigint NOT NULL REFERENCES users(id),
      version int NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE fault_actions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      fault_id bigint NOT NULL REFERENCES faults(id) ON DELETE CASCADE,
      title text NOT NULL,
      owner_id bigint NOT NULL REFERENCES users(id),
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      done_note text,
      done_at timestamptz,
      done_by bigint REFERENCES users(id),
      created_by bigint NOT NULL REFERENCES users(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fault_actions_fault_idx ON fault_actions (fault_id, id);
    CREATE INDEX fault_actions_owner_idx ON fault_actions (owner_id, due_date) WHERE status = 'open';
    CREATE INDEX fault_actions_due_idx ON fault_actions (due_date) WHERE status = 'open';

    CREATE TABLE fault_work_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      fault_id bigint NOT NULL REFERENCES faults(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id),
      minutes int NOT NULL CHECK (minutes > 0),
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fault_work_logs_fault_idx ON fault_work_logs (fault_id, id);
  `.execute(db);
}
