import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE departments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      code text NOT NULL,
      parent_id bigint REFERENCES departments(id),
      manager_id bigint,
      path text NOT NULL DEFAULT '/',
      sort_order int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX departments_code_key ON departments (lower(code));
    CREATE INDEX departments_parent_idx ON departments (parent_id);
    CREATE INDEX departments_path_idx ON departments (path text_pattern_ops);

    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      employee_no text,
      email text,
      phone text,
      department_id bigint REFERENCES departments(id),
      supervisor_id bigint REFERENCES users(id),
      title text,
      locale text NOT NULL DEFAULT 'zh-CN',
      password_hash text,
      must_change_password boolean NOT NULL DEFAULT false,
      password_changed_at timestamptz,
      active boolean NOT NULL DEFAULT true,
      failed_logins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));
    CREATE UNIQUE INDEX users_employee_no_key ON users (employee_no) WHERE employee_no IS NOT NULL;
    CREATE INDEX users_department_idx ON users (department_id);
    CREATE INDEX users_search_trgm ON users
      USING gin ((display_name || ' ' || username || ' ' || coalesce(employee_no, '') || ' ' || coalesce(email, '')) gin_trgm_ops);
    ALTER TABLE departments ADD CONSTRAINT departments_manager_fk FOREIGN KEY (manager_id) REFERENCES users(id);

    CREATE TABLE teams (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      code text NOT NULL,
      description text,
      lead_id bigint REFERENCES users(id),
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX teams_code_key ON teams (lower(code));

    CREATE TABLE team_members (
      team_id bigint NOT NULL REFERENCES teams(id),
      user_id bigint NOT NULL REFERENCES users(id),
      PRIMARY KEY (team_id, user_id)
    );
    CREATE INDEX team_members_user_idx ON team_members (user_id);

    CREATE TABLE it_systems (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      code text NOT NULL,
      description text,
      business_domain text,
      owner_id bigint REFERENCES users(id),
      analyst_id bigint REFERENCES users(id),
      criticality text NOT NULL DEFAULT 'medium' CHECK (criticality IN ('high', 'medium', 'low')),
      availability_target numeric(6, 3) NOT NULL DEFAULT 99.9 CHECK (availability_target BETWEEN 0 AND 100),
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX it_systems_code_key ON it_systems (lower(code));

    CREATE TABLE roles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key text NOT NULL UNIQUE,
      name text NOT NULL,
      builtin boolean NOT NULL DEFAULT false,
      scope text NOT NULL CHECK (scope IN ('own', 'team', 'department', 'all')),
      permissions text[] NOT NULL DEFAULT '{}',
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE user_roles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      role_id bigint NOT NULL REFERENCES roles(id),
      scope text CHECK (scope IN ('own', 'team', 'department', 'all')),
      granted_by bigint REFERENCES users(id),
      granted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, role_id)
    );
    CREATE INDEX user_roles_role_idx ON user_roles (role_id);

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      name text NOT NULL,
      prefix text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

    -- Append-only and hash-chained: each row's hash covers its content and the previous hash.
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id bigint,
      actor_name text,
      ip text,
      user_agent text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      object_label text,
      before jsonb,
      after jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
    CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    CREATE TABLE activity (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      record_type text NOT NULL,
      record_id bigint NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id bigint REFERENCES users(id),
      kind text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      internal boolean NOT NULL DEFAULT false
    );
    CREATE INDEX activity_record_idx ON activity (record_type, record_id, id);

    CREATE TABLE number_sequences (
      prefix text NOT NULL,
      day date NOT NULL,
      last int NOT NULL,
      PRIMARY KEY (prefix, day)
    );

    CREATE TABLE attachments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      sha256 text NOT NULL,
      size bigint NOT NULL,
      mime text NOT NULL,
      name text NOT NULL,
      record_type text,
      record_id bigint,
      uploaded_by bigint NOT NULL REFERENCES users(id),
      has_thumbnail boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_record_idx ON attachments (record_type, record_id);

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
