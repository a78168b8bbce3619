import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { rethrowWriteError } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { it_systems_code_key: 'code' };
const REFERENCES = { it_systems_owner_id_fkey: 'ownerId', it_systems_analyst_id_fkey: 'analystId' };

export async function listSystems(db: Database, id?: number) {
  let query = db
    .selectFrom('it_systems as s')
    .leftJoin('users as o', 'o.id', 's.owner_id')
    .leftJoin('users as a', 'a.id', 's.analyst_id')
    .select([
      's.id',
      's.name',
      's.code',
      's.description',
      's.business_domain',
      's.owner_id',
      'o.display_name as owner_name',
      's.analyst_id',
      'a.display_name as analyst_name',
      's.criticality',
      's.availability_target',
      's.active',
      's.version',
    ])
    .orderBy('s.id');
  if (id) query = query.where('s.id', '=', id);
  const rows = await query.execute();
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    code: s.code,
    description: s.description,
    businessDomain: s.business_domain,
    ownerId: s.owner_id,
    ownerName: s.owner_name,
    analystId: s.analyst_id,
    analystName: s.analyst_name,
    criticality: s.criticality as 'high' | 'medium' | 'low',
    availabilityTarget: Number(s.availability_target),
    active: s.active,
    version: s.version,
  }));
}

export interface SystemInput {
  name: string;
  code: string;
  description?: string | null;
  businessDomain?: string | null;
  ownerId?: number | null;
  analystId?: number | null;
  criticality: 'high' | 'medium' | 'low';
  availabilityTarget: number;
}

export async function createSystem(db: Database, ctx: Ctx, input: SystemInput) {
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .insertInto('it_systems')
        .values({
          name: input.name,
          code: input.code,
          description: input.description ?? null,
          business_domain: input.businessDomain ?? null,
          owner_id: input.ownerId ?? null,
          analyst_id: input.analystId ?? null,
          criticality: input.criticality,
          availability_target: input.availabilityTarget,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'create', objectType: 'system', objectId: row.id, objectLabel: input.name, after: input });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
  });
}

export async function updateSystem(
  db: Database,
  ctx: Ctx,
  id: number,
  input: Partial<SystemInput> & { version: number; active?: boolean },
) {
  await db.transaction().execute(async (trx) => {
    const [before] = await listSystems(trx, id);
    if (!before) throw notFound();
    try {
      const result = await trx
        .updateTable('it_systems')
        .set({
          name: input.name,
          code: input.code,
          description: input.description,
          business_domain: input.businessDomain,
          owner_id: input.ownerId,
          analyst_id: input.analystId,
          criticality: input.criticality,
          availability_target: input.availabilityTarget,
          active: input.active,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'system',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before,
      after,
    });
  });
}
