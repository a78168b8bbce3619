import { DEFAULT_FAULT_RESPONSE_MINUTES, type FaultSettings, type FaultSeverity } from '@shuyun/shared';
import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import type { Db } from './access.js';

const KEY = 'faults.responseMinutes';

/** Response targets per severity in minutes (wall clock), the defaults where none are saved. */
export async function responseTargets(db: Db): Promise<Record<FaultSeverity, number>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return { ...DEFAULT_FAULT_RESPONSE_MINUTES, ...((row?.value as Partial<Record<FaultSeverity, number>> | undefined) ?? {}) };
}

export async function getFaultSettings(db: Db): Promise<FaultSettings> {
  return { responseMinutes: await responseTargets(db) };
}

/** Saves the targets (fault.manage); they apply to faults registered or re-graded from now on. Audited. */
export async function updateFaultSettings(db: Database, ctx: ActionContext & { actor: Actor }, input: FaultSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await responseTargets(trx);
    await trx
      .insertInto('settings')
      .values({ key: KEY, value: JSON.stringify(input.responseMinutes), updated_at: new Date() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input.responseMinutes), updated_at: new Date() }))
      .execute();
    await writeAudit(trx, ctx, { action: 'fault.settings', objectType: 'faultSettings', before, after: input.responseMinutes });
  });
}

export const dueAt = (detectedAt: Date, minutes: number) => new Date(detectedAt.getTime() + minutes * 60_000);
