import { BUILTIN_ROLES, PERMISSIONS } from '@shuyun/shared';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

const SEEN_KEY = 'builtin_permissions_seen';

/**
 * Creates missing built-in roles, and adds to them permissions introduced by a newer version of
 * Shuyun (those not seen at the last sync). Permissions an admin removed earlier stay removed.
 */
export async function syncBuiltinRoles(db: Database): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7243003)`.execute(trx);
    const seenRow = await trx.selectFrom('settings').select('value').where('key', '=', SEEN_KEY).executeTakeFirst();
    const seen = new Set<string>((seenRow?.value as string[] | undefined) ?? []);
    for (const role of BUILTIN_ROLES) {
      const inserted = await trx
        .insertInto('roles')
        .values({ key: role.key, name: role.key, builtin: true, scope: role.scope, permissions: role.permissions })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id')
        .executeTakeFirst();
      const added = role.permissions.filter((p) => !seen.has(p));
      if (!inserted && seenRow && added.length) {
        await trx
          .updateTable('roles')
          .set({ permissions: sql`(SELECT array_agg(DISTINCT p) FROM unnest(permissions || ${sql.val(added)}::text[]) AS p)` })
          .where('key', '=', role.key)
          .execute();
      }
    }
    const value = JSON.stringify([...PERMISSIONS]);
    await trx
      .insertInto('settings')
      .values({ key: SEEN_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
  });
}
