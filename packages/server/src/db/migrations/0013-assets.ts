import { type Kysely, sql } from 'kysely';

/**
 * IT assets (SPEC §3.6): categories (with straight-line depreciation life), a location tree, and the
 * asset register. An asset's history is its activity timeline (record_type 'asset'): every operation
 * — inbound, issue, receipt, return, transfer, repair, replacement, scrap, disposal, stocktake — is an
 * entry there, written in the operation's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE asset_categories (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      -- straight-line depreciation: the price less its residual, spread over the useful life
      useful_life_months int NOT NULL DEFAULT 60 CHECK (useful_life_months BETWEEN 1 AND 600),
      residual_rate numeric(5, 4) NOT NULL DEFAULT 0.05 CHECK (residual_rate >= 0 AND residual_rate < 1),
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX asset_categories_code_key ON asset_categories (lower(code));

    CREATE TABLE asset_locations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      parent_id bigint REFERENCES asset_locations(id),
      -- '/1/4/' : the ids from the root, for "this location and below"
      path text NOT NULL DEFAULT '/',
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX asset_locations_code_key ON asset_locations (lower(code));
    CREATE INDEX asset_locations_path_idx ON asset_locations (path text_pattern_ops);

    CREATE TABLE assets (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tag text NOT NULL,
      category_id bigint NOT NULL REFERENCES asset_categories(id),
      name text NOT NULL,
      model text,
      serial_no text,
      vendor text,
      purchase_date date,
      purchase_price numeric(14, 2) CHECK (purchase_price >= 0),
      warranty_end date,
      status text NOT NULL DEFAULT 'in_stock'
        CHECK (status IN ('in_stock', 'in_use', 'in_repair', 'scrapped', 'disposed', 'lost')),
      location_id bigint REFERENCES asset_locations(id),
      -- the department the asset belongs to (its user's, once issued)
      department_id bigint REFERENCES departments(id),
      -- who holds it (使用人); null while in stock
      custodian_id bigint REFERENCES users(id),
      -- the IT system it hosts, if any
      system_id bigint REFERENCES it_systems(id),
      custom_fields jsonb NOT NULL DEFAULT '{}',
      -- while in repair: the status to go back to when the repair is completed
      status_before_repair text,
      note text,
      created_by bigint REFERENCES users(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX assets_tag_key ON assets (tag);
    CREATE UNIQUE INDEX assets_serial_key ON assets (lower(serial_no)) WHERE serial_no IS NOT NULL;
    CREATE INDEX assets_status_idx ON assets (status, id);
    CREATE INDEX assets_category_idx ON assets (category_id, id);
    CREATE INDEX assets_department_idx ON assets (department_id, id);
    CREATE INDEX assets_location_idx ON assets (location_id, id);
    CREATE INDEX assets_custodian_idx ON assets (custodian_id) WHERE custodian_id IS NOT NULL;
    CREATE INDEX assets_warranty_idx ON assets (warranty_end) WHERE warranty_end IS NOT NULL;
    CREATE INDEX assets_purchase_date_idx ON assets (purchase_date, id);
    CREATE INDEX assets_purchase_price_idx ON assets (purchase_price, id);
    -- keyword search over tag, serial, name and model (the list's search box)
    CREATE INDEX assets_search_trgm ON assets USING gin (
      (lower(tag || ' ' || coalesce(serial_no, '') || ' ' || name || ' ' || coalesce(model, ''))) gin_trgm_ops);

    -- What an asset waits for from someone: the receiver's receipt (领用签收), a transfer-in (转入确认),
    -- a scrap approval (报废审批). At most one per asset; removed when answered (the history keeps it).
    CREATE TABLE asset_pending_actions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      asset_id bigint NOT NULL REFERENCES assets(id),
      kind text NOT NULL CHECK (kind IN ('receipt', 'transfer', 'scrap')),
      -- who must answer (receipt, transfer); null for scrap (any asset.approve holder)
      user_id bigint REFERENCES users(id),
      from_user_id bigint REFERENCES users(id),
      requested_by bigint REFERENCES users(id),
      reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX asset_pending_actions_asset_key ON asset_pending_actions (asset_id);
    CREATE INDEX asset_pending_actions_user_idx ON asset_pending_actions (user_id, kind) WHERE user_id IS NOT NULL;
    CREATE INDEX asset_pending_actions_kind_idx ON asset_pending_actions (kind);
  `.execute(db);
}
