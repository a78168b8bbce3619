import type { CreateTicketBody, Priority, TicketChannel } from '@shuyun/shared';
import type { Transaction } from 'kysely';
import { prepared } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Platform } from '../../platform/http/types.js';
import { nextRecordNumber } from '../../platform/numbering/numbering.js';
import { appendTimelineEntries } from '../../platform/timeline/timeline.js';
import type { SlaEvent } from '../sla/sla.js';
import { autoAssign } from './assignment.js';
import { resolveCatalogItem } from './catalog-port.js';
import { afterTicketChange, CHANGED_TICKET_COLUMNS } from './effects.js';
import { slaForNewTicket } from './sla.js';

type Ctx = ActionContext & { actor: Actor };

/**
 * Submits a ticket: checks the catalogue item and its form, numbers it, routes it (supervisor
 * approval first when the item says so, else the auto-assignment rules), starts its SLA clocks, and
 * records timeline, audit, notifications and realtime events in the same transaction.
 */
export async function createTicket(platform: Platform, ctx: Ctx, input: CreateTicketBody, channel: TicketChannel): Promise<number> {
  const { db, config } = platform;
  const onBehalf = input.requesterId !== undefined && input.requesterId !== ctx.actor.userId;
  if (onBehalf && !ctx.actor.permissions.has('ticket.dispatch')) throw new AppError('forbidden');
  const requesterId = input.requesterId ?? ctx.actor.userId;
  const requester = await prepared(
    db
      .selectFrom('users as u')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.id', 'u.active', 'u.department_id', 'u.supervisor_id', 'd.manager_id', 'd.path as department_path'])
      .where('u.id', '=', requesterId),
  ).executeTakeFirst();
  if (!requester?.active) throw fieldError('requesterId', 'notFound', 'validation.ticketRequesterUnknown');

  const item = await resolveCatalogItem(db, ctx, input.catalogItemId ?? null, input.formValues, requesterId);
  const priority: Priority = input.priority ?? item?.defaultPriority ?? 'P3';
  const approverIds = item?.requiresApproval
    ? [...new Set([requester.supervisor_id, requester.manager_id].filter((id): id is number => !!id && id !== requesterId))]
    : [];
  const status = approverIds.length ? 'pending_approval' : 'new';

  if (input.systemId) {
    const system = await db
      .selectFrom('it_systems')
      .select('id')
      .where('id', '=', input.systemId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!system) throw fieldError('systemId', 'notFound', 'validation.ticketSystemUnknown');
  }
  const now = new Date();
  // Numbered in a statement of its own, so that concurrent submissions do not queue on the day's
  // counter row for the length of each other's transactions (a failure below leaves a gap).
  const number = await nextRecordNumber(db, 'ticket', config.TIMEZONE, now);

  // Routed before the transaction, for the same reason: a round-robin turn is taken in one
  // statement of its own, so submissions to one team do not queue on the team's turn row for the
  // length of each other's transactions (a failure below skips a turn).
  const routed =
    status === 'new'
      ? await autoAssign(db, {
          title: input.title,
          description: input.description,
          catalogItemId: item?.id ?? null,
          requesterDepartmentPath: requester.department_path,
          systemId: input.systemId ?? null,
        })
      : null;

  const slaEvents: SlaEvent[] = [
    { at: now, kind: 'started', priority },
    ...(status === 'pending_approval' ? [{ at: now, kind: 'paused' as const }] : []),
  ];
  const { sla, columns: slaColumns } = await slaForNewTicket(platform, item?.slaPolicyId ?? null, slaEvents, now);

  return db.transaction().execute(async (trx) => {
    const teamId = routed?.teamId ?? item?.defaultTeamId ?? null;
    const assigneeId = routed?.assigneeId ?? null;
    const ticket = await trx
      .insertInto('tickets')
      .values({
        number,
        title: input.title,
        description: input.description,
        catalog_item_id: item?.id ?? null,
        form_values: JSON.stringify(item?.formValues ?? {}),
        status,
        priority,
        channel,
        requester_id: requesterId,
        requester_department_id: requester.department_id,
        created_by: ctx.actor.userId,
        approver_ids: approverIds,
        team_id: teamId,
        assignee_id: assigneeId,
        system_id: input.systemId ?? null,
        ...slaColumns,
        created_at: now,
        updated_at: now,
      })
      .returning(CHANGED_TICKET_COLUMNS)
      .executeTakeFirstOrThrow();
    const record = { type: 'ticket', id: ticket.id };

    await trx
      .insertInto('ticket_sla_events')
      .values(slaEvents.map((e) => ({ ticket_id: ticket.id, at: e.at, kind: e.kind, priority: e.priority ?? null })))
      .execute();
    const uploads = [...new Set([...input.attachmentIds, ...(item?.formAttachmentIds ?? [])])];
    if (uploads.length) await attachUploads(trx, ctx.actor.userId, uploads, ticket.id);

    await appendTimelineEntries(trx, record, [
      { actorId: ctx.actor.userId, event: { kind: 'created' } },
      // Names as they were at the time, like every other timeline entry.
      ...(routed
        ? [
            {
              actorId: null,
              event: {
                kind: 'autoAssigned' as const,
                rule: routed.ruleName,
                matched: routed.matched,
                strategy: routed.strategy,
                toTeam: routed.teamName,
                toUser: routed.assigneeName ?? undefined,
              },
            },
          ]
        : []),
    ]);
    await writeAudit(trx, ctx, {
      action: 'create',
      objectType: 'ticket',
      objectId: ticket.id,
      objectLabel: number,
      after: { title: input.title, priority, status, requesterId, teamId, assigneeId, catalogItemId: item?.id ?? null, channel },
    });
    await afterTicketChange(trx, platform, ctx, ticket.id, { kind: 'created' }, { ticket, slaEvents, sla });
    return ticket.id;
  });
}

/** Moves the submitter's own unattached uploads onto the ticket (anything else is refused); their ids and names, in id order. */
export async function attachUploads(
  trx: Transaction<DB>,
  userId: number,
  attachmentIds: number[],
  ticketId: number,
): Promise<{ id: number; name: string }[]> {
  const moved = await trx
    .updateTable('attachments')
    .set({ record_type: 'ticket', record_id: ticketId })
    .where('id', 'in', attachmentIds)
    .where('uploaded_by', '=', userId)
    .where('record_type', 'is', null)
    .returning(['id', 'name'])
    .execute();
  if (moved.length !== new Set(attachmentIds).size) {
    throw fieldError('attachmentIds', 'notFound', 'validation.ticketAttachmentUnknown');
  }
  return moved.sort((a, b) => a.id - b.id);
}
