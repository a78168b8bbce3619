import { type Kysely, sql } from 'kysely';

/**
 * Demands 需求 in detail (SPEC §3.4): implementation tasks 派工, the work-hours log 工作量记录 and test
 * rounds 测试登记. The demand itself (states, stage times, rating) is in 0016's `demands`; its
 * `progress` follows its tasks (done estimate / total estimate), written in each task change's
 * transaction. Also the indexes the demand lists, to-dos, metrics and auto-close read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE demand_tasks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands(id) ON DELETE CASCADE,
      title text NOT NULL,
      developer_id bigint NOT NULL REFERENCES users(id),
      estimate_hours numeric(8, 1) NOT NULL CHECK (estimate_hours > 0),
      due_date date,
      status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
      done_at timestamptz,
      created_by bigint NOT NULL REFERENCES users(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX demand_tasks_demand_idx ON demand_tasks (demand_id, id);
    CREATE INDEX demand_tasks_developer_idx ON demand_tasks (developer_id, status);

    CREATE TABLE demand_work_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands(id) ON DELETE CASCADE,
      task_id bigint REFERENCES demand_tasks(id),
      user_id bigint NOT NULL REFERENCES users(id),
      work_date date NOT NULL,
      hours numeric(5, 1) NOT NULL CHECK (hours > 0 AND hours <= 24),
      note text,
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX demand_work_logs_demand_idx ON demand_work_logs (demand_id, work_date);
    CREATE INDEX demand_work_logs_user_idx ON demand_work_logs (user_id, work_date);
    CREATE INDEX demand_work_logs_task_idx ON demand_work_logs (task_id) WHERE task_id IS NOT NULL;

    CREATE TABLE demand_tests (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands(id) ON DELETE CASCADE,
      round int NOT NULL CHECK (round >= 1),
      cases_run int NOT NULL CHECK (cases_run >= 0),
      passed int NOT NULL CHECK (passed >= 0),
      failed int NOT NULL CHECK (failed >= 0),
      defects int NOT NULL DEFAULT 0 CHECK (defects >= 0),
      result text NOT NULL CHECK (result IN ('pass', 'fail')),
      tester_id bigint NOT NULL REFERENCES users(id),
      tested_on date NOT NULL,
      note text,
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (demand_id, round),
      CHECK (passed + failed <= cases_run)
    );

    -- keyword search on number and title; auto-close of unrated deliveries; requester's to-rate list
    CREATE INDEX demands_search_trgm ON demands USING gin (lower(number || ' ' || title) gin_trgm_ops);
    CREATE INDEX demands_delivered_idx ON demands (delivered_at) WHERE status = 'delivered';
  `.execute(db);
}
