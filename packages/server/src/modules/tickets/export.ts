import { type TicketListQuery, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import { auditAlone } from '../../platform/audit/audit.js';
import type { ActionContext, Actor } from '../../platform/context.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { itemOptions } from '../catalog/service.js';
import { applyListFilters, applySort, SUMMARY_COLUMNS, type SummaryRow, ticketsInScope } from './queries.js';

/**
 * Streams the filtered ticket list (any size) to an .xlsx in the reader's language: rows are read
 * through a cursor and written as they come, so memory stays flat. The export itself is audited.
 */
export async function exportTickets(
  platform: Platform,
  ctx: ActionContext & { actor: Actor },
  filter: Omit<TicketListQuery, 'page' | 'pageSize'>,
  reply: FastifyReply,
) {
  const { db, config } = platform;
  const { actor } = ctx;
  const locale = actor.locale;
  const t = (key: string) => translate(locale, key);
  const myTeams = actor.teamIds;
  const full = { ...filter, page: 1, pageSize: 1 } as TicketListQuery;
  const query = applySort(
    applyListFilters(ticketsInScope(db, actor), actor, full, myTeams).select([...SUMMARY_COLUMNS, 't.resolved_at', 't.closed_at']) as never,
    filter.sort,
  );
  await auditAlone(db, ctx, { action: 'export', objectType: 'ticket', after: filter });
  const when = (d: Date | null) => (d ? localMinute(d, config.TIMEZONE) : '');
  // Every item's name once, before streaming (no lookups inside the row loop).
  const itemNames = new Map((await itemOptions(db, locale)).map((item) => [item.id, item.name]));

  async function* rows() {
    for await (const raw of (
      query as unknown as { stream(n: number): AsyncIterable<SummaryRow & { resolved_at: Date | null; closed_at: Date | null }> }
    ).stream(1000)) {
      yield {
        number: raw.number,
        title: raw.title,
        status: t(`tickets.status.${raw.status}`),
        priority: raw.priority,
        item: raw.catalog_item_id ? (itemNames.get(raw.catalog_item_id) ?? '') : '',
        requester: raw.requester_name ?? '',
        team: raw.team_name ?? '',
        assignee: raw.assignee_name ?? '',
        system: raw.system_name ?? '',
        sla: t(`tickets.sla.${raw.sla_state}`),
        transfers: raw.transfer_count,
        rating: raw.rating ?? '',
        createdAt: when(raw.created_at),
        resolutionDueAt: when(raw.resolution_due_at),
        resolvedAt: when(raw.resolved_at),
        closedAt: when(raw.closed_at),
      };
    }
  }
  const columns = [
    'number',
    'title',
    'status',
    'priority',
    'item',
    'requester',
    'team',
    'assignee',
    'system',
    'sla',
    'transfers',
    'rating',
    'createdAt',
    'resolutionDueAt',
    'resolvedAt',
    'closedAt',
  ];
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t('tickets.exportName')}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      {
        name: t('tickets.exportName'),
        columns: columns.map((key) => ({ key, header: t(`tickets.columns.${key}`), width: key === 'title' ? 40 : 16 })),
      },
      rows(),
    ),
  );
}
