import { type Kysely, sql } from 'kysely';

/**
 * The asset register's keyword search moves from a trigram index on `assets` to a table of its own,
 * so that a bulk import can leave the search entries of its rows to a job that runs after it commits.
 * The trigram index was half of the database's time in a 50,000-row import (bench/README.md, finding
 * 11); the import now answers without it and the entries follow a few seconds later.
 *
 * - `asset_search`: one row per asset, its search text (`asset_search_text`: tag, serial, name, model,
 *   lower-cased) under the trigram index. Kept by triggers: every insert adds the rows' entries in the
 *   same statement, every change of one of the four columns rewrites the entry.
 * - `asset_search_pending`: ranges of asset ids whose entries are still to be written. An insert made
 *   with `SET LOCAL shuyun.asset_search = 'deferred'` (the import) records the range of its rows' ids
 *   here, one row per statement, instead of writing their entries; the `assets.searchCatchUp` job
 *   writes the entries of each range (a range may also hold assets inserted meanwhile by others,
 *   whose entries are simply written again).
 * - The search (modules/assets/queries.ts) matches both: the entries, and the pending assets' own
 *   columns, so a row is found from the moment its import commits, before and after the job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION asset_search_text(tag text, serial_no text, name text, model text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(tag || ' ' || coalesce(serial_no, '') || ' ' || name || ' ' || coalesce(model, '')) $$;

    CREATE TABLE asset_search (
      asset_id bigint PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
      text text NOT NULL
    );
    INSERT INTO asset_search (asset_id, text) SELECT id, asset_search_text(tag, serial_no, name, model) FROM assets;
    CREATE INDEX asset_search_trgm ON asset_search USING gin (text gin_trgm_ops);
    -- The planner's estimates from the start (autovacuum may be a minute away, or off).
    ANALYZE asset_search;
    DROP INDEX assets_search_trgm;

    -- No foreign key: the job joins to assets, so the entry of an asset deleted meanwhile is simply not written.
    CREATE TABLE asset_search_pending (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      first_id bigint NOT NULL,
      last_id bigint NOT NULL
    );

    CREATE FUNCTION assets_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('shuyun.asset_search', true) = 'deferred' THEN
        INSERT INTO asset_search_pending (first_id, last_id) SELECT min(id), max(id) FROM new_assets HAVING count(*) > 0;
      ELSE
        INSERT INTO asset_search (asset_id, text)
          SELECT id, asset_search_text(tag, serial_no, name, model) FROM new_assets;
      END IF;
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER assets_search_inserted AFTER INSERT ON assets
      REFERENCING NEW TABLE AS new_assets
      FOR EACH STATEMENT EXECUTE FUNCTION assets_search_inserted();

    CREATE FUNCTION assets_search_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      INSERT INTO asset_search (asset_id, text) VALUES (NEW.id, asset_search_text(NEW.tag, NEW.serial_no, NEW.name, NEW.model))
        ON CONFLICT (asset_id) DO UPDATE SET text = excluded.text;
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER assets_search_changed AFTER UPDATE OF tag, serial_no, name, model ON assets
      FOR EACH ROW
      WHEN ((OLD.tag, OLD.serial_no, OLD.name, OLD.model) IS DISTINCT FROM (NEW.tag, NEW.serial_no, NEW.name, NEW.model))
      EXECUTE FUNCTION assets_search_changed();
  `.execute(db);
}
