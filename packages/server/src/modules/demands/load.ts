import type { DemandFacts, DemandStatus } from '@shuyun/shared';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { demandsInScope } from './access.js';

export type Ctx = ActionContext & { actor: Actor };

export interface DemandRow {
  id: number;
  number: string;
  title: string;
  status: DemandStatus;
  system_id: number;
  requester_id: number;
  requester_department_id: number | null;
  analyst_id: number | null;
  supervisor_id: number | null;
  version: number;
}

const COLUMNS = [
  'd.id',
  'd.number',
  'd.title',
  'd.status',
  'd.system_id',
  'd.requester_id',
  'd.requester_department_id',
  'd.analyst_id',
  'd.supervisor_id',
  'd.version',
] as const;

/** The demand as the caller may see it (404 outside scope); `lock` takes its row for the transaction. */
export async function loadDemand(trx: Transaction<DB>, actor: Actor, id: number, lock = false): Promise<DemandRow> {
  let query = demandsInScope(trx, actor)
    .select([...COLUMNS])
    .where('d.id', '=', id);
  if (lock) query = query.modifyEnd(sql`FOR NO KEY UPDATE`);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound();
  return row as DemandRow;
}

export function factsOf(d: Pick<DemandRow, 'status' | 'requester_id' | 'analyst_id' | 'supervisor_id'>): DemandFacts {
  return { status: d.status, requesterId: d.requester_id, analystId: d.analyst_id, supervisorId: d.supervisor_id };
}

/** "The demand is now X; it cannot be <action>ed", naming the current status in the reader's language. */
export function statusConflict(status: string, action: string): AppError {
  return new AppError(
    'demandStatusConflict',
    { status: `i18n:demands.status.${status}`, action: `i18n:demands.conflictAction.${action}` },
    { status },
  );
}
