import { allowedIncidentActions, type IncidentDetail, type IncidentExportQuery, translate } from '@shuyun/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import { recordAccess } from '../../platform/access/records.js';
import { auditAlone } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { streamWorkbook } from '../../platform/excel/xlsx-stream.js';
import type { Platform } from '../../platform/http/types.js';
import { localMinute } from '../../platform/i18n.js';
import { actorFacts, type Ctx, canWorkOn, factsOf, incidentsInScope } from './access.js';
import { filteredIncidents, type IncidentRow, toSummary, withNames } from './lists.js';

/** One incident with names, its ticket (title only for those who may read it), its fault, and what the caller may do. */
export async function getIncidentDetail(db: Database, actor: Actor, id: number): Promise<IncidentDetail> {
  const row = await withNames(incidentsInScope(db, actor).where('i.id', '=', id))
    .leftJoin('users as rp', 'rp.id', 'i.reporter_id')
    .leftJoin('tickets as tk', 'tk.id', 'i.ticket_id')
    .leftJoin('faults as f', 'f.id', 'i.fault_id')
    .leftJoin('incident_reviews as rv', 'rv.incident_id', 'i.id')
    .select([
      'i.description',
      'i.impact',
      'i.urgency',
      'i.reporter_id',
      'rp.display_name as reporter_name',
      'i.ticket_id',
      'tk.number as ticket_number',
      'tk.title as ticket_title',
      'i.fault_id',
      'f.number as fault_number',
      'f.status as fault_status',
      'i.alert_fingerprint',
      'i.alert_labels',
      'i.alert_last_at',
      'i.closed_at',
      'i.resolution',
      'i.cause',
      'i.work_minutes',
      'rv.status as review_status',
      'i.version',
      'i.created_at',
      'i.updated_at',
    ])
    .executeTakeFirst();
  if (!row) throw notFound();
  const ticketReadable = row.ticket_id ? ((await recordAccess('ticket')?.canRead(db, actor, row.ticket_id)) ?? false) : false;
  return {
    ...toSummary(row as IncidentRow),
    description: row.description,
    impact: row.impact,
    urgency: row.urgency,
    reporter: row.reporter_id ? { id: row.reporter_id, displayName: row.reporter_name ?? '' } : null,
    ticket: row.ticket_id
      ? { id: row.ticket_id, number: row.ticket_number ?? '', title: ticketReadable ? (row.ticket_title ?? '') : null }
      : null,
    fault: row.fault_id ? { id: row.fault_id, number: row.fault_number ?? '', status: row.fault_status ?? '' } : null,
    alert: row.alert_fingerprint
      ? {
          fingerprint: row.alert_fingerprint,
          labels: (row.alert_labels ?? {}) as Record<string, string>,
          lastAt: row.alert_last_at ? new Date(row.alert_last_at).toISOString() : null,
        }
      : null,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    resolution: row.resolution,
    cause: row.cause,
    workMinutes: row.work_minutes,
    reviewStatus: row.review_status ?? 'none',
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    actions: allowedIncidentActions(factsOf(row), actorFacts(actor)),
    canWork: canWorkOn(actor, row),
  };
}

const COLUMNS = [
  'number',
  'title',
  'status',
  'priority',
  'category',
  'source',
  'system',
  'team',
  'assignee',
  'occurredAt',
  'respondedAt',
  'resolvedAt',
  'alertCount',
] as const;

/** Streams the filtered list to an .xlsx in the reader's language; the export is audited. */
export async function exportIncidents(platform: Platform, ctx: Ctx, filter: z.infer<typeof IncidentExportQuery>, reply: FastifyReply) {
  const { db, config } = platform;
  const t = (key: string) => translate(ctx.actor.locale, key);
  await auditAlone(db, ctx, { action: 'export', objectType: 'incident', after: filter });
  const query = withNames(filteredIncidents(db, ctx.actor, filter, config.TIMEZONE))
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id', 'desc');
  const when = (d: Date | null) => (d ? localMinute(d, config.TIMEZONE) : '');
  async function* rows() {
    for await (const r of (query as unknown as { stream(n: number): AsyncIterable<IncidentRow> }).stream(1000)) {
      yield {
        number: r.number,
        title: r.title,
        status: t(`incidents.status.${r.status}`),
        priority: r.priority,
        category: t(`incidents.category.${r.category}`),
        source: t(`incidents.source.${r.source}`),
        system: r.system_name ?? '',
        team: r.team_name ?? '',
        assignee: r.assignee_name ?? '',
        occurredAt: when(r.occurred_at),
        respondedAt: when(r.responded_at),
        resolvedAt: when(r.resolved_at),
        alertCount: r.alert_count,
      };
    }
  }
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${t('incidents.exportName')}.xlsx`)}`);
  return reply.send(
    streamWorkbook(
      {
        name: t('incidents.exportName'),
        columns: COLUMNS.map((key) => ({ key, header: t(`incidents.columns.${key}`), width: key === 'title' ? 40 : 16 })),
      },
      rows(),
    ),
  );
}
