import { PRIORITIES } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { clearSlaCache } from './cache.js';
import { assertNoIssues, type Issue, rethrowWriteError } from './field-errors.js';
import { getPolicy, toStoredTargets } from './queries.js';
import type { PolicyInput, PolicyUpdate } from './schemas.js';
import type { SlaTargets } from './sla.js';
import type { EscalationLevel } from './types.js';

type Ctx = ActionContext & { actor: Actor };

interface PolicyShape {
  targets: SlaTargets;
  escalation: { levels: EscalationLevel[] };
  isDefault: boolean;
  active: boolean;
}

/** A response target may not exceed the resolution target; escalation levels come later one by one; the default is active. */
function policyIssues(p: PolicyShape): Issue[] {
  const issues: Issue[] = [];
  for (const priority of PRIORITIES) {
    const t = p.targets[priority];
    if (t.responseMinutes > t.resolutionMinutes)
      issues.push({ path: `targets.${priority}.responseMinutes`, key: 'responseAfterResolution' });
  }
  p.escalation.levels.forEach((level, i) => {
    const previous = p.escalation.levels[i - 1];
    if (previous && level.afterBreachMinutes <= previous.afterBreachMinutes) {
      issues.push({ path: `escalation.levels.${i}.afterBreachMinutes`, key: 'escalationOrder' });
    }
  });
  if (p.isDefault && !p.active) issues.push({ path: 'active', key: 'defaultMustBeActive' });
  return issues;
}

async function takeDefault(trx: Transaction<DB>, ctx: Ctx, id: number | null) {
  let query = trx
    .updateTable('sla_policies')
    .set((eb) => ({ is_default: false, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('is_default', '=', true);
  if (id !== null) query = query.where('id', '<>', id);
  for (const row of await query.returning(['id', 'name']).execute()) {
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'sla_policy',
      objectId: row.id,
      objectLabel: row.name,
      before: { isDefault: true },
      after: { isDefault: false },
    });
  }
}

/** Creates an SLA policy; returns its id. Making it the default takes the flag from the previous one. */
export async function createPolicy(db: Database, ctx: Ctx, input: PolicyInput): Promise<number> {
  const isDefault = input.isDefault ?? false;
  const active = input.active ?? true;
  assertNoIssues(ctx.actor, policyIssues({ targets: input.targets, escalation: input.escalation, isDefault, active }));
  const id = await db.transaction().execute(async (trx) => {
    try {
      if (isDefault) await takeDefault(trx, ctx, null);
      const row = await trx
        .insertInto('sla_policies')
        .values({
          name: input.name,
          calendar_id: input.calendarId,
          targets: JSON.stringify(toStoredTargets(input.targets)),
          warn_ratio: input.warnRatio,
          escalation: JSON.stringify(input.escalation),
          is_default: isDefault,
          active,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'create', objectType: 'sla_policy', objectId: row.id, objectLabel: input.name, after: input });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
  });
  clearSlaCache(db);
  return id;
}

/**
 * Edits a policy if `version` is still current. The default policy stays active and stays the
 * default until another policy is made the default. Open tickets pick the change up when their SLA
 * is next recomputed.
 */
export async function updatePolicy(db: Database, ctx: Ctx, id: number, input: PolicyUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getPolicy(trx, id);
    if (!before) throw notFound();
    const issues = policyIssues({
      targets: input.targets ?? before.targets,
      escalation: input.escalation ?? before.escalation,
      isDefault: input.isDefault ?? before.isDefault,
      active: input.active ?? before.active,
    });
    if (input.isDefault === false && before.isDefault) issues.push({ path: 'isDefault', key: 'keepDefault' });
    assertNoIssues(ctx.actor, issues);
    try {
      if (input.isDefault && !before.isDefault) await takeDefault(trx, ctx, id);
      const result = await trx
        .updateTable('sla_policies')
        .set({
          name: input.name,
          calendar_id: input.calendarId,
          targets: input.targets && JSON.stringify(toStoredTargets(input.targets)),
          warn_ratio: input.warnRatio,
          escalation: input.escalation && JSON.stringify(input.escalation),
          is_default: input.isDefault,
          active: input.active,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor);
    }
    const { version: _v, ...after } = input;
    const { version: _bv, createdAt: _c, updatedAt: _u, ...previous } = before;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'sla_policy',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before: previous,
      after,
    });
  });
  clearSlaCache(db);
}
