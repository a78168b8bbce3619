import { type Kysely, sql } from 'kysely';

/**
 * Stocktaking 资产盘点 (SPEC §3.6). A stocktake's scope is any combination of categories, departments
 * (with their subtrees) and locations (with their subtrees); starting it snapshots the assets in scope
 * into lines. A tag is in a stocktake at most once (unique (stocktake_id, tag)), so a line is scanned
 * once: the scan is one conditional write on a pending line, or one insert of a surplus line.
 * The counters live in stocktake_progress (one row per stocktake) so that reading them costs nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stocktakes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL,
      name text NOT NULL,
      category_ids bigint[] NOT NULL DEFAULT '{}',
      department_ids bigint[] NOT NULL DEFAULT '{}',
      location_ids bigint[] NOT NULL DEFAULT '{}',
      counter_ids bigint[] NOT NULL DEFAULT '{}',
      due_date date,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_progress', 'completed', 'cancelled')),
      owner_id bigint NOT NULL REFERENCES users(id),
      -- the owner's department when created: what a department-scoped reader sees
      department_id bigint REFERENCES departments(id),
      started_at timestamptz,
      completed_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX stocktakes_number_key ON stocktakes (number);
    CREATE INDEX stocktakes_status_idx ON stocktakes (status, id);
    CREATE INDEX stocktakes_counters_idx ON stocktakes USING gin (counter_ids);

    -- No foreign keys on the snapshot's columns: a start inserts one line per asset in scope (100,000
    -- and more) in one statement, and a key check per row and column would multiply its cost; the
    -- ids are copied from rows that exist, and assets, locations, departments and users are never deleted.
    CREATE TABLE stocktake_lines (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stocktake_id bigint NOT NULL,
      -- null for a surplus scan whose text is no asset's tag
      asset_id bigint,
      tag text NOT NULL,
      -- in the snapshot taken at start (false: surplus)
      expected boolean NOT NULL,
      asset_version int,
      expected_location_id bigint,
      expected_department_id bigint,
      expected_custodian_id bigint,
      result text NOT NULL DEFAULT 'pending'
        CHECK (result IN ('pending', 'found', 'wrong_location', 'wrong_user', 'surplus', 'missing')),
      scanned_location_id bigint,
      custodian_confirmed boolean,
      note text,
      scanned_by bigint,
      scanned_at timestamptz,
      applied_by bigint,
      applied_at timestamptz
    );
    CREATE UNIQUE INDEX stocktake_lines_tag_key ON stocktake_lines (stocktake_id, tag);
    CREATE INDEX stocktake_lines_result_idx ON stocktake_lines (stocktake_id, result, id);

    CREATE TABLE stocktake_progress (
      stocktake_id bigint PRIMARY KEY REFERENCES stocktakes(id),
      expected int NOT NULL DEFAULT 0,
      pending int NOT NULL DEFAULT 0,
      found int NOT NULL DEFAULT 0,
      wrong_location int NOT NULL DEFAULT 0,
      wrong_user int NOT NULL DEFAULT 0,
      surplus int NOT NULL DEFAULT 0,
      missing int NOT NULL DEFAULT 0,
      applied int NOT NULL DEFAULT 0
    );
  `.execute(db);
}
