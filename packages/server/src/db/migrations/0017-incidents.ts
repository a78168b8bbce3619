import { type Kysely, sql } from 'kysely';

/**
 * Incidents' own tables (SPEC §3.2) beside the core `incidents` table of 0016: the reporter's
 * department (for the department scope), alert repeat counts, work logs, the post-incident review
 * 复盘 with its action items, and the module's settings (the Alertmanager webhook token — only its
 * hash — and the default team for alerts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE incidents
      ADD COLUMN reporter_department_id bigint REFERENCES departments(id),
      -- how many times monitoring delivered the firing alert of this incident, and the last time
      ADD COLUMN alert_count int NOT NULL DEFAULT 0,
      ADD COLUMN alert_last_at timestamptz;
    CREATE INDEX incidents_department_idx ON incidents (reporter_department_id) WHERE reporter_department_id IS NOT NULL;
    CREATE INDEX incidents_reporter_idx ON incidents (reporter_id) WHERE reporter_id IS NOT NULL;
    CREATE INDEX incidents_title_trgm_idx ON incidents USING gin (lower(title) gin_trgm_ops);

    CREATE TABLE incident_work_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      incident_id bigint NOT NULL REFERENCES incidents(id),
      user_id bigint NOT NULL REFERENCES users(id),
      minutes int NOT NULL CHECK (minutes > 0),
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX incident_work_logs_incident_idx ON incident_work_logs (incident_id);

    -- The post-incident review 复盘: one per incident, draft until completed.
    CREATE TABLE incident_reviews (
      incident_id bigint PRIMARY KEY REFERENCES incidents(id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'completed')),
      summary text NOT NULL DEFAULT '',
      narrative text NOT NULL DEFAULT '',
      cause text NOT NULL DEFAULT '',
      lessons text NOT NULL DEFAULT '',
      completed_at timestamptz,
      completed_by bigint REFERENCES users(id),
      updated_by bigint REFERENCES users(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- The review's action items, tracked to completion by their owners.
    CREATE TABLE incident_review_actions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      incident_id bigint NOT NULL REFERENCES incidents(id),
      title text NOT NULL,
      owner_id bigint NOT NULL REFERENCES users(id),
      due_date date NOT NULL,
      done boolean NOT NULL DEFAULT false,
      done_at timestamptz,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX incident_review_actions_incident_idx ON incident_review_actions (incident_id);
    CREATE INDEX incident_review_actions_owner_idx ON incident_review_actions (owner_id, due_date) WHERE NOT done;

    -- One row: the Alertmanager webhook's bearer token (SHA-256 only) and the team alerts go to.
    CREATE TABLE incident_settings (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      token_hash text,
      token_prefix text,
      token_rotated_at timestamptz,
      default_team_id bigint REFERENCES teams(id),
      version int NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO incident_settings (id) VALUES (1);
  `.execute(db);
}
