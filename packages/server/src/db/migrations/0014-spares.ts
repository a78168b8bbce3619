import { type Kysely, sql } from 'kysely';

/**
 * Spare parts (SPEC §3.7): items, warehouses, stock per item × warehouse (never negative), and the
 * ledger — every movement with the balance it left in its warehouse. A movement belongs to a
 * document (an inbound receipt with several lines, an issue, a return, a transfer, an adjustment)
 * that carries the readable number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE spare_warehouses (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      place text,
      keeper_id bigint REFERENCES users(id),
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX spare_warehouses_code_key ON spare_warehouses (lower(code));

    CREATE TABLE spare_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      model text,
      unit text NOT NULL,
      category text,
      min_stock int NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
      -- true from the movement that took the total below min_stock (and notified) until it is back
      low_alerted boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX spare_items_code_key ON spare_items (lower(code));
    CREATE INDEX spare_items_search_idx ON spare_items
      USING gin ((lower(code || ' ' || name || ' ' || coalesce(model, ''))) gin_trgm_ops);
    CREATE INDEX spare_items_category_idx ON spare_items (category, id);

    CREATE TABLE spare_stock (
      item_id bigint NOT NULL REFERENCES spare_items(id),
      warehouse_id bigint NOT NULL REFERENCES spare_warehouses(id),
      quantity int NOT NULL DEFAULT 0 CHECK (quantity >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (item_id, warehouse_id)
    );
    CREATE INDEX spare_stock_warehouse_idx ON spare_stock (warehouse_id, item_id);

    CREATE TABLE spare_documents (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('inbound', 'issue', 'return', 'transfer', 'adjust')),
      supplier text,
      note text,
      actor_id bigint REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX spare_documents_number_key ON spare_documents (number);

    CREATE TABLE spare_movements (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      document_id bigint NOT NULL REFERENCES spare_documents(id),
      kind text NOT NULL CHECK (kind IN ('inbound', 'issue', 'return', 'transferOut', 'transferIn', 'adjust')),
      item_id bigint NOT NULL REFERENCES spare_items(id),
      warehouse_id bigint NOT NULL REFERENCES spare_warehouses(id),
      -- signed: + into the warehouse, − out of it
      quantity int NOT NULL CHECK (quantity <> 0),
      -- the warehouse's stock of the item right after this movement
      balance_after int NOT NULL CHECK (balance_after >= 0),
      unit_price numeric(14, 2) CHECK (unit_price >= 0),
      -- what an issue was for (one of them), or what a return came back from
      ticket_id bigint REFERENCES tickets(id),
      asset_id bigint REFERENCES assets(id),
      recipient_id bigint REFERENCES users(id),
      -- for an issue: how much of it has come back; for a return: the issue it reverses
      returned int NOT NULL DEFAULT 0 CHECK (returned >= 0 AND returned <= greatest(-quantity, 0)),
      issue_id bigint REFERENCES spare_movements(id),
      actor_id bigint REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now(),
      note text
    );
    CREATE INDEX spare_movements_item_idx ON spare_movements (item_id, id);
    CREATE INDEX spare_movements_warehouse_idx ON spare_movements (warehouse_id, id);
    CREATE INDEX spare_movements_document_idx ON spare_movements (document_id);
    CREATE INDEX spare_movements_at_idx ON spare_movements (at, id);
    CREATE INDEX spare_movements_ticket_idx ON spare_movements (ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE INDEX spare_movements_asset_idx ON spare_movements (asset_id) WHERE asset_id IS NOT NULL;
  `.execute(db);
}
