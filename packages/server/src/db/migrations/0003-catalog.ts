import { type Kysely, sql } from 'kysely';

// Service catalogue: categories (two levels) and the items people request, each with its form.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE catalog_categories (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id bigint REFERENCES catalog_categories(id),
      code text NOT NULL,
      name text NOT NULL,
      name_en text,
      icon text,
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_id IS NULL OR parent_id <> id)
    );
    CREATE UNIQUE INDEX catalog_categories_code_key ON catalog_categories (lower(code));
    CREATE INDEX catalog_categories_parent_idx ON catalog_categories (parent_id, sort_order);

    CREATE TABLE catalog_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      category_id bigint NOT NULL REFERENCES catalog_categories(id),
      code text NOT NULL,
      name text NOT NULL,
      name_en text,
      description text NOT NULL DEFAULT '',
      description_en text,
      keywords text[] NOT NULL DEFAULT '{}',
      default_priority text NOT NULL DEFAULT 'P3' CHECK (default_priority IN ('P1', 'P2', 'P3', 'P4')),
      default_team_id bigint REFERENCES teams(id),
      -- null: the default SLA policy.
      sla_policy_id bigint REFERENCES sla_policies(id),
      approval_required boolean NOT NULL DEFAULT false,
      price numeric(12, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
      visibility text NOT NULL DEFAULT 'everyone' CHECK (visibility IN ('everyone', 'departments', 'roles')),
      -- No foreign keys on these lists: a deleted department or role simply stops matching anyone.
      visible_department_ids bigint[] NOT NULL DEFAULT '{}',
      visible_role_keys text[] NOT NULL DEFAULT '{}',
      form jsonb NOT NULL DEFAULT '[]',
      -- Name, keywords and descriptions in both languages, lower-cased; kept by the service for ILIKE search.
      search_text text NOT NULL DEFAULT '',
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX catalog_items_code_key ON catalog_items (lower(code));
    CREATE INDEX catalog_items_category_idx ON catalog_items (category_id, sort_order);
    CREATE INDEX catalog_items_team_idx ON catalog_items (default_team_id);
    CREATE INDEX catalog_items_search_trgm ON catalog_items USING gin (search_text gin_trgm_ops);
  `.execute(db);
}
