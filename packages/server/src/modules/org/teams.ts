import type { Database } from '../../db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { notFound, versionConflict } from '../../platform/errors.js';
import { rethrowWriteError } from './field-errors.js';

type Ctx = ActionContext & { actor: Actor };
const UNIQUE = { teams_code_key: 'code' };
const REFERENCES = { teams_lead_id_fkey: 'leadId', team_members_user_id_fkey: 'memberIds' };

export async function listTeams(db: Database, teamId?: number) {
  let query = db
    .selectFrom('teams as t')
    .leftJoin('users as l', 'l.id', 't.lead_id')
    .select(['t.id', 't.name', 't.code', 't.description', 't.lead_id', 'l.display_name as lead_name', 't.active', 't.version'])
    .orderBy('t.id');
  if (teamId) query = query.where('t.id', '=', teamId);
  const teams = await query.execute();
  const members = teams.length
    ? await db
        .selectFrom('team_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.team_id', 'u.id', 'u.display_name'])
        .where(
          'm.team_id',
          'in',
          teams.map((t) => t.id),
        )
        .orderBy('u.display_name')
        .execute()
    : [];
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    code: t.code,
    description: t.description,
    leadId: t.lead_id,
    leadName: t.lead_name,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, displayName: m.display_name })),
    active: t.active,
    version: t.version,
  }));
}

export interface TeamInput {
  name: string;
  code: string;
  description?: string | null;
  leadId?: number | null;
  memberIds?: number[];
}

export async function createTeam(db: Database, ctx: Ctx, input: TeamInput) {
  return db.transaction().execute(async (trx) => {
    try {
      const row = await trx
        .insertInto('teams')
        .values({ name: input.name, code: input.code, description: input.description ?? null, lead_id: input.leadId ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const members = new Set([...(input.memberIds ?? []), ...(input.leadId ? [input.leadId] : [])]);
      if (members.size)
        await trx
          .insertInto('team_members')
          .values([...members].map((user_id) => ({ team_id: row.id, user_id })))
          .execute();
      await writeAudit(trx, ctx, { action: 'create', objectType: 'team', objectId: row.id, objectLabel: input.name, after: input });
      return row.id;
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
  });
}

/** Edits a team; when memberIds is given it replaces the membership (the lead is always a member). */
export async function updateTeam(db: Database, ctx: Ctx, id: number, input: Partial<TeamInput> & { version: number; active?: boolean }) {
  await db.transaction().execute(async (trx) => {
    const [before] = await listTeams(trx, id);
    if (!before) throw notFound();
    try {
      const result = await trx
        .updateTable('teams')
        .set({
          name: input.name,
          code: input.code,
          description: input.description,
          lead_id: input.leadId,
          active: input.active,
          version: input.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw versionConflict();
      const lead = input.leadId === undefined ? before.leadId : input.leadId;
      if (input.memberIds) {
        const members = new Set([...input.memberIds, ...(lead ? [lead] : [])]);
        await trx.deleteFrom('team_members').where('team_id', '=', id).execute();
        if (members.size)
          await trx
            .insertInto('team_members')
            .values([...members].map((user_id) => ({ team_id: id, user_id })))
            .execute();
      } else if (lead) {
        // A new lead joins the team even when the membership was not resent.
        await trx
          .insertInto('team_members')
          .values({ team_id: id, user_id: lead })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    } catch (error) {
      rethrowWriteError(error, ctx.actor, REFERENCES, UNIQUE);
    }
    const { version: _v, ...after } = input;
    await writeAudit(trx, ctx, {
      action: 'update',
      objectType: 'team',
      objectId: id,
      objectLabel: input.name ?? before.name,
      before,
      after,
    });
  });
}
