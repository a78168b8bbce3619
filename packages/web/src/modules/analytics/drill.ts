import type { AnalyticsSpan } from '@shuyun/shared';

/** Which ticket event a figure counts, i.e. which date range of the ticket list it drills into. */
export type DrillEvent = 'created' | 'responded' | 'resolved' | 'rated';

export interface Drill {
  event: DrillEvent;
  span: AnalyticsSpan;
  teamId?: number;
  assigneeId?: number;
  rating?: number[];
  transferred?: boolean;
  reopened?: boolean;
  slaBreached?: 'response' | 'resolution';
}

/**
 * The PC ticket list narrowed to the records behind a figure: the same event in the same instants
 * (the server's local days, sent as instants), the same team and engineer, the same kind of ticket.
 */
export function ticketListLink(drill: Drill): string {
  const params = new URLSearchParams({ view: 'all' });
  params.set(`${drill.event}From`, drill.span.startsAt);
  params.set(`${drill.event}To`, drill.span.endsAt);
  if (drill.teamId) params.set('teamId', String(drill.teamId));
  if (drill.assigneeId) params.set('assigneeId', String(drill.assigneeId));
  for (const stars of drill.rating ?? []) params.append('rating', String(stars));
  if (drill.transferred) params.set('transferred', 'true');
  if (drill.reopened) params.set('reopened', 'true');
  if (drill.slaBreached) params.set('slaBreached', drill.slaBreached);
  return `/tickets?${params}`;
}
