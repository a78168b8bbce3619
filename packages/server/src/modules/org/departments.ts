import type { Department } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { rethrowWriteError, unknownReference } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { departments_code_key: 'code' };
const REFERENCES = { departments_parent_id_fkey: 'parentId', departments_manager_fk: 'managerId' };

// Paths are derived from other rows' paths, so every tree change serialises on one lock: two
// opposite moves cannot both pass the cycle check, and a child created during its parent's move
// cannot keep the old path. Tree changes are rare; the lock is held for one short transaction.
const TREE_LOCK = 7_243_004;
const lockTree = (trx: Transaction<DB>) => sql`SELECT pg_advisory_xact_lock(${TREE_LOCK})`.execute(trx);

/** All departments, flat and ordered by tree path (the client builds the tree). */
export async function listDepartments(db: Database): Promise<Department[]> {
  const rows = await db
    .selectFrom('departments as d')
    .leftJoin('users as m', 'm.id', 'd.manager_id')
    .select([
      'd.id',
      'd.name',
      'd.code',
      'd.parent_id',
      'd.manager_id',
      'm.display_name as manager_name',
      'd.path',
      'd.version',
      (eb) =>
        eb
          .selectFrom('users as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.department_id', '=', 'd.id')
          .where('u.active', '=', true)
          .as('user_count'),
    ])
    .orderBy('d.path')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    parentId: r.parent_id,
    managerId: r.manager_id,
    managerName: r.manager_name,
    path: r.path,
    userCount: Number(r.user_count ?? 0),
    version: r.version,
  }));
}

async function pathOf(trx: Transaction<DB>, actor: Actor, id: number | null | undefined): Promise<string> {
  if (!id) return '/';
  const parent = await trx.selectFrom('departments').select('path').where('id', '=', id).executeTakeFirst();
  if (!parent) throw unknownReference(actor, 'parentId');
  return parent.path;
}

export interface DepartmentInput {
  name: string;
  code: string;
  parentId?: number | null;
  managerId?: number | null;
}

/** Creates a department under its parent (or at the top), in the caller's transaction, audited. */
export async function createDepartment(trx: Transaction<DB>, ctx: Ctx, input: DepartmentInput): Promise<number> {
  await lockTree(trx);
  const parentPath = await pathOf(trx, ctx.actor, input.parentId);
  try {
    const row = await trx
      .insertInto('departments')
      .values({
        name: input.name,
        code: input.code,
        parent_id: input.parentId ?? null,
        manager_id: input.managerId ?? null,
        path: parentPath,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('departments')
      .set({ path: `${parentPath}${row.id}/` })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, ctx, { action: 'create', objectType: 'department', objectId: row.id, objectLabel: input.name, after: input });
    return row.id;
  } catch (error) {
    rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
  }
}

/** Edits a department; moving it re-roots its whole subtree. Refuses to move it under itself. */
export async function updateDepartment(db: Database, ctx: Ctx, id: number, input: Partial<DepartmentInput> & { version: number }) {
  await db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const before = await trx.selectFrom('departments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    if (before.version !== input.version) throw versionConflict();
    let newPath = before.path;
    if (input.parentId !== undefined && input.parentId !== before.parent_id) {
      const parentPath = await pathOf(trx, ctx.actor, input.parentId);
      if (parentPath.startsWith(before.path)) throw new AppError('departmentCycle');
      newPath = `${parentPath}${id}/`;
    }
    try {
      const updated = await trx
        .updateTable('departments')
        .set({
          name: input.name,
          code: input.code,
          parent_id: input.parentId,
          manager_id: input.managerId,
          path: newPath,
          version: before.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
    if (newPath !== before.path) {
      await trx
        .updateTable('departments')
        .set({ path: sql`${newPath} || substr(path, ${before.path.length + 1})` })
        .where('path', 'like', `${before.path}%`)
        .where('id', '!=', id)
        .execute();
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'department',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before,
      after,
    });
  });
}

/** Deletes an empty department (no sub-departments, no users). */
export async function deleteDepartment(db: Database, ctx: Ctx, id: number) {
  await db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const before = await trx.selectFrom('departments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    const child = await trx.selectFrom('departments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    const member = await trx.selectFrom('users').select('id').where('department_id', '=', id).limit(1).executeTakeFirst();
    if (child || member) throw new AppError('departmentNotEmpty');
    await trx.deleteFrom('departments').where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'delete', objectType: 'department', objectId: id, objectLabel: before.name, before });
  });
}
