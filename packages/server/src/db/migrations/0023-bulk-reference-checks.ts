import { type Kysely, sql } from 'kysely';

/**
 * The rest of the per-row foreign keys a bulk asset import pays for, checked once per statement
 * instead, as migration 0021 did for the category, location and creator: the history's actor
 * (`activity.actor_id`) and the asset's department, custodian and IT system. Each foreign key ran one
 * query per inserted row, even for a null key; together ~45 ms of a 5,000-row chunk's ~250
 * (bench/README.md, finding 11). The guarantee stays the same:
 * - inserts: an AFTER … FOR EACH STATEMENT trigger joins the new rows' keys to the referenced table
 *   once, locking what it finds FOR KEY SHARE as a foreign key would, and raises
 *   `foreign_key_violation` naming the old constraint for a key that names nothing;
 * - updates that change one of these keys: the same check for that row;
 * - the referenced rows cannot be deleted while something names them (the foreign keys' NO ACTION):
 *   a delete waits for an insert holding the KEY SHARE lock, then sees its rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE activity DROP CONSTRAINT activity_actor_id_fkey;
    ALTER TABLE assets
      DROP CONSTRAINT assets_department_id_fkey,
      DROP CONSTRAINT assets_custodian_id_fkey,
      DROP CONSTRAINT assets_system_id_fkey;

    -- A key that names nothing: foreign_key_violation under the old constraint's name.
    CREATE FUNCTION missing_reference(source text, constraint_name text, missing bigint) RETURNS void
      LANGUAGE plpgsql AS $f$
    BEGIN
      RAISE foreign_key_violation USING CONSTRAINT = constraint_name, TABLE = source,
        MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s": key %s names no row',
                         source, constraint_name, missing);
    END
    $f$;

    -- A static query, so that PL/pgSQL keeps its plan: single-row timeline entries are the common case.
    CREATE FUNCTION activity_check_new_actors() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      missing bigint;
    BEGIN
      SELECT n.id INTO missing
        FROM (SELECT DISTINCT actor_id AS id FROM new_activity WHERE actor_id IS NOT NULL) n
        LEFT JOIN (SELECT id FROM users WHERE id IN (SELECT actor_id FROM new_activity) FOR KEY SHARE) u ON u.id = n.id
        WHERE u.id IS NULL LIMIT 1;
      IF FOUND THEN
        PERFORM missing_reference('activity', 'activity_actor_id_fkey', missing);
      END IF;
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER activity_actors_inserted AFTER INSERT ON activity
      REFERENCING NEW TABLE AS new_activity
      FOR EACH STATEMENT EXECUTE FUNCTION activity_check_new_actors();

    CREATE FUNCTION activity_check_changed_actor() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      PERFORM 1 FROM users WHERE id = NEW.actor_id FOR KEY SHARE;
      IF NOT FOUND THEN
        PERFORM missing_reference('activity', 'activity_actor_id_fkey', NEW.actor_id);
      END IF;
      RETURN NEW;
    END
    $f$;
    CREATE TRIGGER activity_actor_changed BEFORE UPDATE ON activity
      FOR EACH ROW WHEN (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL)
      EXECUTE FUNCTION activity_check_changed_actor();

    -- The first of ids that names no row of target: raises foreign_key_violation, after locking the
    -- rows found FOR KEY SHARE. Dynamic (one plan per call): for the few keys of a whole statement.
    CREATE FUNCTION check_keys(ids bigint[], target regclass, source text, constraint_name text) RETURNS void
      LANGUAGE plpgsql AS $f$
    DECLARE
      missing bigint;
    BEGIN
      IF ids IS NULL THEN
        RETURN;
      END IF;
      EXECUTE format('SELECT n.id FROM unnest($1) AS n(id)
                        LEFT JOIN (SELECT id FROM %s WHERE id = ANY($1) FOR KEY SHARE) t ON t.id = n.id
                      WHERE t.id IS NULL LIMIT 1', target)
        INTO missing USING ids;
      IF missing IS NOT NULL THEN
        PERFORM missing_reference(source, constraint_name, missing);
      END IF;
    END
    $f$;

    -- Migration 0021's statement check of new assets, now for all six keys, reading the new rows once
    -- (it scanned them twice per key).
    CREATE OR REPLACE FUNCTION assets_check_new_references() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      categories bigint[];
      locations bigint[];
      creators bigint[];
      departments bigint[];
      custodians bigint[];
      systems bigint[];
    BEGIN
      SELECT array_agg(DISTINCT category_id),
             array_agg(DISTINCT location_id) FILTER (WHERE location_id IS NOT NULL),
             array_agg(DISTINCT created_by) FILTER (WHERE created_by IS NOT NULL),
             array_agg(DISTINCT department_id) FILTER (WHERE department_id IS NOT NULL),
             array_agg(DISTINCT custodian_id) FILTER (WHERE custodian_id IS NOT NULL),
             array_agg(DISTINCT system_id) FILTER (WHERE system_id IS NOT NULL)
        INTO categories, locations, creators, departments, custodians, systems
        FROM new_assets;
      PERFORM check_keys(categories, 'asset_categories', 'assets', 'assets_category_id_fkey');
      PERFORM check_keys(locations, 'asset_locations', 'assets', 'assets_location_id_fkey');
      PERFORM check_keys(creators, 'users', 'assets', 'assets_created_by_fkey');
      PERFORM check_keys(departments, 'departments', 'assets', 'assets_department_id_fkey');
      PERFORM check_keys(custodians, 'users', 'assets', 'assets_custodian_id_fkey');
      PERFORM check_keys(systems, 'it_systems', 'assets', 'assets_system_id_fkey');
      RETURN NULL;
    END
    $f$;

    CREATE FUNCTION assets_check_changed_optional_references() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF NEW.department_id IS DISTINCT FROM OLD.department_id AND NEW.department_id IS NOT NULL THEN
        PERFORM check_keys(ARRAY[NEW.department_id], 'departments', 'assets', 'assets_department_id_fkey');
      END IF;
      IF NEW.custodian_id IS DISTINCT FROM OLD.custodian_id AND NEW.custodian_id IS NOT NULL THEN
        PERFORM check_keys(ARRAY[NEW.custodian_id], 'users', 'assets', 'assets_custodian_id_fkey');
      END IF;
      IF NEW.system_id IS DISTINCT FROM OLD.system_id AND NEW.system_id IS NOT NULL THEN
        PERFORM check_keys(ARRAY[NEW.system_id], 'it_systems', 'assets', 'assets_system_id_fkey');
      END IF;
      RETURN NEW;
    END
    $f$;
    CREATE TRIGGER assets_optional_references_changed BEFORE UPDATE ON assets
      FOR EACH ROW
      WHEN (NEW.department_id IS DISTINCT FROM OLD.department_id
         OR NEW.custodian_id IS DISTINCT FROM OLD.custodian_id
         OR NEW.system_id IS DISTINCT FROM OLD.system_id)
      EXECUTE FUNCTION assets_check_changed_optional_references();

    -- The referenced side: a row still named cannot be deleted (the foreign keys' ON DELETE NO ACTION).
    -- Like those foreign keys' checks, the history one reads activity without an index on actor_id:
    -- people are deactivated, not deleted.
    CREATE FUNCTION refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      constraint_name text;
    BEGIN
      IF TG_TABLE_NAME = 'departments' THEN
        IF EXISTS (SELECT 1 FROM assets WHERE department_id = OLD.id) THEN
          constraint_name := 'assets_department_id_fkey';
        END IF;
      ELSIF TG_TABLE_NAME = 'it_systems' THEN
        IF EXISTS (SELECT 1 FROM assets WHERE system_id = OLD.id) THEN
          constraint_name := 'assets_system_id_fkey';
        END IF;
      ELSIF EXISTS (SELECT 1 FROM assets WHERE custodian_id = OLD.id) THEN
        constraint_name := 'assets_custodian_id_fkey';
      ELSIF EXISTS (SELECT 1 FROM activity WHERE actor_id = OLD.id) THEN
        constraint_name := 'activity_actor_id_fkey';
      END IF;
      IF constraint_name IS NOT NULL THEN
        RAISE foreign_key_violation USING CONSTRAINT = constraint_name, TABLE = TG_TABLE_NAME,
          MESSAGE = format('delete on table "%s" violates foreign key constraint "%s": %s is still referenced',
                           TG_TABLE_NAME, constraint_name, OLD.id);
      END IF;
      RETURN OLD;
    END
    $f$;
    CREATE TRIGGER departments_referenced_by_assets BEFORE DELETE ON departments
      FOR EACH ROW EXECUTE FUNCTION refuse_referenced_delete();
    CREATE TRIGGER it_systems_referenced_by_assets BEFORE DELETE ON it_systems
      FOR EACH ROW EXECUTE FUNCTION refuse_referenced_delete();
    CREATE TRIGGER users_referenced_by_custody_or_activity BEFORE DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION refuse_referenced_delete();
  `.execute(db);
}
