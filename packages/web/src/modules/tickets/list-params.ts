import type { Permission } from '@shuyun/shared';
import { PRIORITIES, type Priority, TICKET_STATUSES, TICKET_VIEWS, type TicketStatus } from '@shuyun/shared';
import type { SlaBreachFilter, SlaFilter, TicketFilters, TicketView } from './api';

export const SORTS = {
  newest: '-created',
  oldest: 'created',
  updated: '-updated',
  due: 'due',
  priority: 'priority',
} as const;
export type SortName = keyof typeof SORTS;

const SLA_FILTERS: SlaFilter[] = ['breached', 'atRisk', 'ok'];

/** The list views that make sense for this user, in the order the tabs show them. */
export function visibleViews(can: (permission: Permission) => boolean): TicketView[] {
  const handles = can('ticket.handle');
  const approves = can('ticket.approve');
  const oversees = handles || approves || can('ticket.dispatch') || can('ticket.manage');
  const shown: Record<TicketView, boolean> = {
    waiting: true,
    mine: handles,
    team: handles,
    requested: can('ticket.submit'),
    overdue: handles,
    approvals: approves,
    all: oversees,
  };
  return TICKET_VIEWS.filter((view) => shown[view]).sort((a, b) => VIEW_ORDER.indexOf(a) - VIEW_ORDER.indexOf(b));
}

const VIEW_ORDER: TicketView[] = ['waiting', 'mine', 'team', 'requested', 'overdue', 'approvals', 'all'];

export function defaultView(can: (permission: Permission) => boolean): TicketView {
  if (can('ticket.handle')) return 'waiting';
  if (can('ticket.approve')) return 'waiting';
  return 'requested';
}

const positive = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The list's state from the address (so links, back and reload keep it). */
export function readFilters(params: URLSearchParams, fallbackView: TicketView, allowed: TicketView[]): TicketFilters {
  const view = params.get('view') as TicketView | null;
  const sort = params.get('sort');
  const sla = params.get('sla') as SlaFilter | null;
  return {
    view: view && allowed.includes(view) ? view : fallbackView,
    q: params.get('q') ?? undefined,
    status: params.getAll('status').filter((s): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s)),
    priority: params.getAll('priority').filter((p): p is Priority => (PRIORITIES as readonly string[]).includes(p)),
    teamId: positive(params.get('teamId')),
    assigneeId: positive(params.get('assigneeId')),
    requesterId: positive(params.get('requesterId')),
    catalogItemId: positive(params.get('catalogItemId')),
    systemId: positive(params.get('systemId')),
    sla: sla && SLA_FILTERS.includes(sla) ? sla : undefined,
    createdFrom: params.get('createdFrom') ?? undefined,
    createdTo: params.get('createdTo') ?? undefined,
    ...readDrillFilters(params),
    sort: sort && (Object.values(SORTS) as string[]).includes(sort) ? sort : SORTS.newest,
    page: positive(params.get('page')) ?? 1,
    pageSize: positive(params.get('pageSize')) ?? 20,
  };
}

/** Whether anything beyond the view, sort and paging narrows the list. */
export function hasFilters(filters: TicketFilters): boolean {
  return Boolean(
    filters.q ||
      filters.status?.length ||
      filters.priority?.length ||
      filters.teamId ||
      filters.assigneeId ||
      filters.requesterId ||
      filters.catalogItemId ||
      filters.systemId ||
      filters.sla ||
      filters.createdFrom ||
      filters.createdTo ||
      hasDrillFilters(filters),
  );
}

/** The filters only a link from the analytics dashboards sets (no control of their own on the list). */
export const DRILL_KEYS = [
  'respondedFrom',
  'respondedTo',
  'resolvedFrom',
  'resolvedTo',
  'ratedFrom',
  'ratedTo',
  'rating',
  'transferred',
  'reopened',
  'slaBreached',
] as const satisfies readonly (keyof TicketFilters)[];

const flag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);

function readDrillFilters(params: URLSearchParams): Partial<TicketFilters> {
  const breach = params.get('slaBreached');
  const stars = params
    .getAll('rating')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 5);
  return {
    respondedFrom: params.get('respondedFrom') ?? undefined,
    respondedTo: params.get('respondedTo') ?? undefined,
    resolvedFrom: params.get('resolvedFrom') ?? undefined,
    resolvedTo: params.get('resolvedTo') ?? undefined,
    ratedFrom: params.get('ratedFrom') ?? undefined,
    ratedTo: params.get('ratedTo') ?? undefined,
    rating: stars.length ? stars : undefined,
    transferred: flag(params.get('transferred')),
    reopened: flag(params.get('reopened')),
    slaBreached: breach === 'response' || breach === 'resolution' ? (breach as SlaBreachFilter) : undefined,
  };
}

export function hasDrillFilters(filters: TicketFilters): boolean {
  return DRILL_KEYS.some((key) => {
    const value = filters[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
}

export { SLA_FILTERS };
