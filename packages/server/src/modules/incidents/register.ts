import { type CreateIncidentBody, incidentPriority, reviewRequiredFor } from '@shuyun/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAccess } from '../../platform/access/records.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimeline, appendTimelineEntries } from '../../platform/timeline/timeline.js';
import type { Ctx } from './access.js';
import { type IncidentPlatform, notifyAssigned, notifyMajor } from './notify.js';

/**
 * Checks a team/assignee pair: an active team, an active assignee who belongs to that team when one is
 * named. Returns their names for the timeline.
 */
export async function checkAssignment(
  db: Kysely<DB>,
  teamId: number | null | undefined,
  assigneeId: number | null | undefined,
): Promise<{ teamName?: string; assigneeName?: string }> {
  const out: { teamName?: string; assigneeName?: string } = {};
  if (teamId) {
    const team = await db.selectFrom('teams').select('name').where('id', '=', teamId).where('active', '=', true).executeTakeFirst();
    if (!team) throw fieldError('teamId', 'notFound', 'incidents.errors.unknownTeam');
    out.teamName = team.name;
  }
  if (assigneeId) {
    const user = await db
      .selectFrom('users')
      .select(['display_name'])
      .where('id', '=', assigneeId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!user) throw fieldError('assigneeId', 'notFound', 'incidents.errors.unknownPerson');
    if (teamId) {
      const member = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', assigneeId)
        .executeTakeFirst();
      if (!member) throw fieldError('assigneeId', 'notMember', 'incidents.errors.notTeamMember');
    }
    out.assigneeName = user.display_name;
  }
  return out;
}

async function checkSystem(db: Kysely<DB>, systemId: number | null | undefined) {
  if (!systemId) return;
  const system = await db.selectFrom('it_systems').select('id').where('id', '=', systemId).executeTakeFirst();
  if (!system) throw fieldError('systemId', 'notFound', 'incidents.errors.unknownSystem');
}

/**
 * Registers an incident by hand or from a ticket the caller may read: priority from impact × urgency,
 * a review required for P1/P2, an SJ number; from a ticket, a record link and a timeline entry on both.
 */
export async function createIncident(platform: IncidentPlatform, ctx: Ctx, input: CreateIncidentBody): Promise<number> {
  const { db, config } = platform;
  if (input.ticketId) {
    const access = recordAccess('ticket');
    if (!access || !(await access.canRead(db, ctx.actor, input.ticketId))) throw notFound();
  }
  const names = await checkAssignment(db, input.teamId, input.assigneeId);
  await checkSystem(db, input.systemId);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  if (occurredAt.getTime() > Date.now() + 60_000) throw fieldError('occurredAt', 'future', 'incidents.errors.future');
  const priority = incidentPriority(input.impact, input.urgency);

  return db.transaction().execute(async (trx) => {
    const ticket = input.ticketId
      ? await trx.selectFrom('tickets').select(['id', 'number']).where('id', '=', input.ticketId).executeTakeFirstOrThrow()
      : null;
    const number = await nextRecordNumber(trx, 'incident', config.TIMEZONE);
    const assigned = !!input.assigneeId;
    const row = await trx
      .insertInto('incidents')
      .values({
        number,
        title: input.title,
        description: input.description,
        source: ticket ? 'ticket' : 'manual',
        category: input.category,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        status: 'new',
        reporter_id: ctx.actor.userId,
        reporter_department_id: ctx.actor.departmentId,
        team_id: input.teamId ?? null,
        assignee_id: input.assigneeId ?? null,
        system_id: input.systemId ?? null,
        ticket_id: ticket?.id ?? null,
        occurred_at: occurredAt,
        review_required: reviewRequiredFor(priority),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const record = { type: 'incident', id: row.id };
    await appendTimelineEntries(trx, record, [
      { actorId: ctx.actor.userId, event: ticket ? { kind: 'incidentFromTicket', ticketNumber: ticket.number } : { kind: 'created' } },
      ...(input.teamId || assigned
        ? [{ actorId: ctx.actor.userId, event: { kind: 'assigned' as const, toTeam: names.teamName, toUser: names.assigneeName } }]
        : []),
    ]);
    if (ticket) {
      await trx
        .insertInto('record_links')
        .values({ from_type: 'incident', from_id: row.id, to_type: 'ticket', to_id: ticket.id, created_by: ctx.actor.userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await appendTimeline(trx, { type: 'ticket', id: ticket.id }, ctx.actor.userId, {
        kind: 'incidentRegistered',
        incidentNumber: number,
      });
    }
    await writeAudit(trx, ctx, {
      action: 'incident.create',
      objectType: 'incident',
      objectId: row.id,
      objectLabel: number,
      after: {
        title: input.title,
        category: input.category,
        impact: input.impact,
        urgency: input.urgency,
        priority,
        teamId: input.teamId ?? null,
        assigneeId: input.assigneeId ?? null,
        systemId: input.systemId ?? null,
        ticket: ticket?.number ?? null,
      },
    });
    const ref = { id: row.id, number, title: input.title, priority, teamId: input.teamId ?? null };
    await notifyMajor(trx, platform, ctx.actor.userId, ref);
    if (input.assigneeId && input.assigneeId !== ctx.actor.userId)
      await notifyAssigned(trx, platform, ctx.actor.userId, ref, input.assigneeId);
    return row.id;
  });
}
