import type { AssetLocationBody, AssetLocationUpdateBody } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { fieldError, notFound, rethrowUnique, versionConflict } from '../../platform/errors.js';

type Ctx = ActionContext & { actor: Actor };

/** The location tree as a flat list, parent before children, each with its full name from the root. */
export async function listLocations(db: Database) {
  const rows = await db.selectFrom('asset_locations').selectAll().orderBy('sort_order').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const out: {
    id: number;
    code: string;
    name: string;
    fullName: string;
    parentId: number | null;
    depth: number;
    sortOrder: number;
    active: boolean;
    version: number;
  }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      const names: string[] = [];
      for (let at: typeof r | undefined = r; at; at = at.parent_id ? byId.get(at.parent_id) : undefined) names.unshift(at.name);
      out.push({
        id: r.id,
        code: r.code,
        name: r.name,
        fullName: names.join(' / '),
        parentId: r.parent_id,
        depth,
        sortOrder: r.sort_order,
        active: r.active,
        version: r.version,
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

async function parentPath(trx: Transaction<DB>, id: number | null, parentId: number | null | undefined): Promise<string> {
  if (!parentId) return '/';
  const parent = await trx.selectFrom('asset_locations').select(['id', 'path']).where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw fieldError('parentId', 'notFound', 'errors.notFound');
  // No cycles: the new parent may not be the location itself or below it.
  if (id !== null && (parent.id === id || parent.path.includes(`/${id}/`))) throw fieldError('parentId', 'cycle', 'errors.departmentCycle');
  return parent.path;
}

/** Adds a location under a parent (or at the root); audited. */
export async function createLocation(db: Database, ctx: Ctx, input: z.infer<typeof AssetLocationBody>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const path = await parentPath(trx, null, input.parentId);
    const row = await trx
      .insertInto('asset_locations')
      .values({ code: input.code, name: input.name, parent_id: input.parentId ?? null, sort_order: input.sortOrder })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error) => rethrowUnique(error, { asset_locations_code_key: 'code' }));
    await trx
      .updateTable('asset_locations')
      .set({ path: `${path}${row.id}/` })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, ctx, { action: 'create', objectType: 'assetLocation', objectId: row.id, objectLabel: input.name, after: input });
    return row.id;
  });
}

/** Edits a location (version-checked); moving it re-roots the paths of everything below it. */
export async function updateLocation(db: Database, ctx: Ctx, id: number, input: z.infer<typeof AssetLocationUpdateBody>) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('asset_locations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const moving = input.parentId !== undefined && input.parentId !== before.parent_id;
    const newPath = moving ? `${await parentPath(trx, id, input.parentId)}${id}/` : before.path;
    const result = await trx
      .updateTable('asset_locations')
      .set({
        code: input.code,
        name: input.name,
        parent_id: input.parentId,
        path: newPath,
        sort_order: input.sortOrder,
        active: input.active,
        version: input.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst()
      .catch((error) => rethrowUnique(error, { asset_locations_code_key: 'code' }));
    if (result.numUpdatedRows === 0n) throw versionConflict();
    if (moving) {
      await trx
        .updateTable('asset_locations')
        .set({ path: sql`${newPath} || substr(path, ${before.path.length + 1})` })
        .where('path', 'like', `${before.path}%`)
        .where('id', '<>', id)
        .execute();
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'assetLocation',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before: { code: before.code, name: before.name, parentId: before.parent_id, sortOrder: before.sort_order, active: before.active },
      after,
    });
  });
}
