import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { forgetCached } from '../../platform/cache.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { fieldError, notFound, versionConflict } from '../../platform/errors.js';
import { RULES_CACHE_KEY } from './assignment.js';

type Ctx = ActionContext & { actor: Actor };

export interface RuleInput {
  name: string;
  sortOrder: number;
  catalogItemIds: number[];
  departmentIds: number[];
  systemIds: number[];
  keywords: string[];
  teamId: number;
  strategy: 'none' | 'round_robin' | 'least_loaded';
  active: boolean;
}

function view(r: {
  id: number;
  name: string;
  sort_order: number;
  catalog_item_ids: number[];
  department_ids: number[];
  system_ids: number[];
  keywords: string[];
  team_id: number;
  strategy: string;
  active: boolean;
  version: number;
}) {
  return {
    id: r.id,
    name: r.name,
    sortOrder: r.sort_order,
    catalogItemIds: r.catalog_item_ids,
    departmentIds: r.department_ids,
    systemIds: r.system_ids,
    keywords: r.keywords,
    teamId: r.team_id,
    strategy: r.strategy as RuleInput['strategy'],
    active: r.active,
    version: r.version,
  };
}

/** A change to the rules, in a transaction; submissions on this instance see it as soon as it commits. */
async function changingRules<T>(db: Database, change: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const result = await db.transaction().execute(change);
  forgetCached(db, RULES_CACHE_KEY);
  return result;
}

export async function listRules(db: Database) {
  return (await db.selectFrom('assignment_rules').selectAll().orderBy('sort_order').orderBy('id').execute()).map(view);
}

async function assertTeam(db: Database, teamId: number) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).where('active', '=', true).executeTakeFirst();
  if (!team) throw fieldError('teamId', 'notFound', 'errors.notFound');
}

const columns = (input: Partial<RuleInput>) => ({
  name: input.name,
  sort_order: input.sortOrder,
  catalog_item_ids: input.catalogItemIds,
  department_ids: input.departmentIds,
  system_ids: input.systemIds,
  keywords: input.keywords?.map((k) => k.trim()).filter(Boolean),
  team_id: input.teamId,
  strategy: input.strategy,
  active: input.active,
});

export async function createRule(db: Database, ctx: Ctx, input: RuleInput) {
  await assertTeam(db, input.teamId);
  return changingRules(db, async (trx) => {
    const row = await trx
      .insertInto('assignment_rules')
      .values(columns(input) as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', objectType: 'assignmentRule', objectId: row.id, objectLabel: input.name, after: input });
    return view(row);
  });
}

export async function updateRule(db: Database, ctx: Ctx, id: number, input: Partial<RuleInput> & { version: number }) {
  if (input.teamId) await assertTeam(db, input.teamId);
  return changingRules(db, async (trx) => {
    const before = await trx.selectFrom('assignment_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const row = await trx
      .updateTable('assignment_rules')
      .set({ ...columns(input), version: input.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw versionConflict();
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'assignmentRule',
      objectId: id,
      objectLabel: row.name,
      before: view(before),
      after: input,
    });
    return view(row);
  });
}

/**
 * Puts every rule in the given order, in one transaction: the caller lists all rules, each at the
 * version it saw, so a rule added, removed or changed meanwhile is a conflict rather than a mixed
 * order. Rules get sort orders 10, 20, 30… (only those that move are written).
 */
export async function reorderRules(db: Database, ctx: Ctx, order: { id: number; version: number }[]) {
  return changingRules(db, async (trx) => {
    const rows = await trx
      .selectFrom('assignment_rules')
      .select(['id', 'version', 'sort_order'])
      .orderBy('sort_order')
      .orderBy('id')
      .forUpdate()
      .execute();
    const seen = new Map(order.map((o) => [o.id, o.version]));
    if (seen.size !== order.length || rows.length !== order.length || rows.some((r) => seen.get(r.id) !== r.version)) {
      throw versionConflict();
    }
    const ids = order.map((o) => o.id);
    const moved = rows.filter((r) => r.sort_order !== (ids.indexOf(r.id) + 1) * 10).map((r) => r.id);
    if (moved.length) {
      await trx
        .updateTable('assignment_rules')
        .set({
          sort_order: sql<number>`array_position(${ids}::bigint[], id) * 10`,
          version: sql<number>`version + 1`,
          updated_at: new Date(),
        })
        .where('id', 'in', moved)
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'reorder',
      objectType: 'assignmentRule',
      before: { order: rows.map((r) => r.id) },
      after: { order: ids },
    });
    return listRules(trx);
  });
}
