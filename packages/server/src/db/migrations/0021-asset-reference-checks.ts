import { type Kysely, sql } from 'kysely';

/**
 * The asset register's category, location and creator references checked once per statement instead
 * of once per row. A foreign key runs one query per inserted row and key: for a 50,000-row Excel
 * import that was ~25 % of the database's time (bench/README.md, finding 11). The guarantee is the
 * same as the foreign keys gave:
 * - inserts: one AFTER … FOR EACH STATEMENT trigger joins the new rows (a transition table) to the
 *   referenced tables, locking what it finds FOR KEY SHARE as a foreign key would, and raises
 *   `foreign_key_violation` naming the old constraint for a key that names nothing;
 * - updates that change one of these keys: the same check for that row (a WHEN clause skips the rest);
 * - the referenced rows cannot be deleted while an asset names them (categories and locations are
 *   deactivated, never deleted; people are deactivated too). A delete waits for an insert that holds
 *   the KEY SHARE lock, then sees its rows, as with a foreign key.
 * The other references of `assets` (department, custodian, system) stay foreign keys: they are mostly
 * null on import, where a foreign key costs nearly nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE assets
      DROP CONSTRAINT assets_category_id_fkey,
      DROP CONSTRAINT assets_location_id_fkey,
      DROP CONSTRAINT assets_created_by_fkey;

    CREATE FUNCTION assets_check_new_references() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      missing bigint;
    BEGIN
      SELECT n.id INTO missing
        FROM (SELECT DISTINCT category_id AS id FROM new_assets) n
        LEFT JOIN (SELECT id FROM asset_categories WHERE id IN (SELECT category_id FROM new_assets) FOR KEY SHARE) c ON c.id = n.id
        WHERE c.id IS NULL LIMIT 1;
      IF FOUND THEN
        RAISE foreign_key_violation USING CONSTRAINT = 'assets_category_id_fkey', TABLE = 'assets',
          MESSAGE = format('insert or update on table "assets" violates foreign key constraint "assets_category_id_fkey": no asset category %s', missing);
      END IF;
      SELECT n.id INTO missing
        FROM (SELECT DISTINCT location_id AS id FROM new_assets WHERE location_id IS NOT NULL) n
        LEFT JOIN (SELECT id FROM asset_locations WHERE id IN (SELECT location_id FROM new_assets) FOR KEY SHARE) l ON l.id = n.id
        WHERE l.id IS NULL LIMIT 1;
      IF FOUND THEN
        RAISE foreign_key_violation USING CONSTRAINT = 'assets_location_id_fkey', TABLE = 'assets',
          MESSAGE = format('insert or update on table "assets" violates foreign key constraint "assets_location_id_fkey": no asset location %s', missing);
      END IF;
      SELECT n.id INTO missing
        FROM (SELECT DISTINCT created_by AS id FROM new_assets WHERE created_by IS NOT NULL) n
        LEFT JOIN (SELECT id FROM users WHERE id IN (SELECT created_by FROM new_assets) FOR KEY SHARE) u ON u.id = n.id
        WHERE u.id IS NULL LIMIT 1;
      IF FOUND THEN
        RAISE foreign_key_violation USING CONSTRAINT = 'assets_created_by_fkey', TABLE = 'assets',
          MESSAGE = format('insert or update on table "assets" violates foreign key constraint "assets_created_by_fkey": no user %s', missing);
      END IF;
      RETURN NULL;
    END
    $f$;

    CREATE TRIGGER assets_references_inserted AFTER INSERT ON assets
      REFERENCING NEW TABLE AS new_assets
      FOR EACH STATEMENT EXECUTE FUNCTION assets_check_new_references();

    CREATE FUNCTION assets_check_changed_references() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      PERFORM 1 FROM asset_categories WHERE id = NEW.category_id FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE foreign_key_violation USING CONSTRAINT = 'assets_category_id_fkey', TABLE = 'assets',
          MESSAGE = format('update on table "assets" violates foreign key constraint "assets_category_id_fkey": no asset category %s', NEW.category_id);
      END IF;
      IF NEW.location_id IS NOT NULL THEN
        PERFORM 1 FROM asset_locations WHERE id = NEW.location_id FOR KEY SHARE;
        IF NOT FOUND THEN
          RAISE foreign_key_violation USING CONSTRAINT = 'assets_location_id_fkey', TABLE = 'assets',
            MESSAGE = format('update on table "assets" violates foreign key constraint "assets_location_id_fkey": no asset location %s', NEW.location_id);
        END IF;
      END IF;
      IF NEW.created_by IS NOT NULL THEN
        PERFORM 1 FROM users WHERE id = NEW.created_by FOR KEY SHARE;
        IF NOT FOUND THEN
          RAISE foreign_key_violation USING CONSTRAINT = 'assets_created_by_fkey', TABLE = 'assets',
            MESSAGE = format('update on table "assets" violates foreign key constraint "assets_created_by_fkey": no user %s', NEW.created_by);
        END IF;
      END IF;
      RETURN NEW;
    END
    $f$;

    CREATE TRIGGER assets_references_changed BEFORE UPDATE ON assets
      FOR EACH ROW
      WHEN (NEW.category_id IS DISTINCT FROM OLD.category_id
         OR NEW.location_id IS DISTINCT FROM OLD.location_id
         OR NEW.created_by IS DISTINCT FROM OLD.created_by)
      EXECUTE FUNCTION assets_check_changed_references();

    -- The referenced side: a row an asset names cannot be deleted (the foreign keys' ON DELETE NO ACTION).
    CREATE FUNCTION assets_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      used boolean;
    BEGIN
      IF TG_TABLE_NAME = 'asset_categories' THEN
        used := EXISTS (SELECT 1 FROM assets WHERE category_id = OLD.id);
      ELSIF TG_TABLE_NAME = 'asset_locations' THEN
        used := EXISTS (SELECT 1 FROM assets WHERE location_id = OLD.id);
      ELSE
        used := EXISTS (SELECT 1 FROM assets WHERE created_by = OLD.id);
      END IF;
      IF used THEN
        RAISE foreign_key_violation USING TABLE = 'assets',
          CONSTRAINT = CASE TG_TABLE_NAME WHEN 'asset_categories' THEN 'assets_category_id_fkey'
                                          WHEN 'asset_locations' THEN 'assets_location_id_fkey'
                                          ELSE 'assets_created_by_fkey' END,
          MESSAGE = format('delete on table "%s" violates a reference from table "assets": %s is still named by an asset', TG_TABLE_NAME, OLD.id);
      END IF;
      RETURN OLD;
    END
    $f$;

    CREATE TRIGGER asset_categories_referenced BEFORE DELETE ON asset_categories
      FOR EACH ROW EXECUTE FUNCTION assets_refuse_referenced_delete();
    CREATE TRIGGER asset_locations_referenced BEFORE DELETE ON asset_locations
      FOR EACH ROW EXECUTE FUNCTION assets_refuse_referenced_delete();
    CREATE TRIGGER users_referenced_by_assets BEFORE DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION assets_refuse_referenced_delete();
  `.execute(db);
}
