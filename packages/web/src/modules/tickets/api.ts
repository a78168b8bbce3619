import type {
  CreateTicketBody,
  HoldReason,
  Priority,
  TICKET_VIEWS,
  TicketAction,
  TicketDetail,
  TicketPage,
  TicketStatus,
  TicketSummary,
} from '@shuyun/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../app/api-client';
import type { Attachment, Items, Ok, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type TicketView = (typeof TICKET_VIEWS)[number];
export type SlaFilter = 'breached' | 'atRisk' | 'ok';
export type SlaBreachFilter = 'response' | 'resolution';

/** The list's filters as the API takes them (status and priority may hold several values). */
export interface TicketFilters {
  view: TicketView;
  q?: string;
  status?: TicketStatus[];
  priority?: Priority[];
  teamId?: number;
  assigneeId?: number;
  requesterId?: number;
  catalogItemId?: number;
  systemId?: number;
  sla?: SlaFilter;
  createdFrom?: string;
  createdTo?: string;
  /** Drill-down from analytics: instants (the upper bound exclusive) and what the tickets were like. */
  respondedFrom?: string;
  respondedTo?: string;
  resolvedFrom?: string;
  resolvedTo?: string;
  ratedFrom?: string;
  ratedTo?: string;
  rating?: number[];
  transferred?: boolean;
  reopened?: boolean;
  slaBreached?: SlaBreachFilter;
  sort?: string;
  page?: number;
  pageSize?: number;
}

export const TICKETS_KEY = queryKeys.tickets;
export const ticketKeys = {
  list: (filters: TicketFilters) => [...TICKETS_KEY, 'list', filters] as const,
  detail: (id: number) => [...TICKETS_KEY, 'detail', id] as const,
  sla: (id: number) => [...TICKETS_KEY, 'sla', id] as const,
  workLogs: (id: number) => [...TICKETS_KEY, 'work-logs', id] as const,
  links: (id: number) => [...TICKETS_KEY, 'links', id] as const,
  views: ['ticket-views'] as const,
};

/** Filters as URL query parameters: arrays repeat the name, which is what the API reads. */
export function filterParams(filters: Omit<TicketFilters, 'page' | 'pageSize'> & { page?: number; pageSize?: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  return params;
}

async function getJson<T>(path: string, params: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const qs = params.toString();
  return api<T>(qs ? `${path}?${qs}` : path, { signal });
}

export function fetchTickets(filters: TicketFilters, signal?: AbortSignal) {
  return getJson<TicketPage>('/api/tickets', filterParams(filters), signal);
}

/** A phone list: pages appended as the user scrolls. */
export function useTicketPages(filters: Omit<TicketFilters, 'page' | 'pageSize'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...TICKETS_KEY, 'pages', filters],
    queryFn: ({ pageParam, signal }) => fetchTickets({ ...filters, page: pageParam, pageSize: 20 }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled,
  });
}

export function useTickets(filters: TicketFilters, enabled = true) {
  return useQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ signal }) => getJson<TicketPage>('/api/tickets', filterParams(filters), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: () => api<TicketDetail>(`/api/tickets/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Downloads the filtered list as Excel (the server streams every row, no paging). */
export function exportTickets(filters: TicketFilters): Promise<void> {
  const { page: _page, pageSize: _size, ...rest } = filters;
  const qs = filterParams(rest).toString();
  return download(qs ? `/api/tickets/export?${qs}` : '/api/tickets/export', undefined, 'tickets.xlsx');
}

// ---- SLA

export interface SlaClock {
  targetMinutes: number;
  elapsedMinutes: number;
  status: 'running' | 'paused' | 'met' | 'breached' | 'stopped';
  running: boolean;
  dueAt: string | null;
  warningAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  overByMinutes: number | null;
  remainingMinutes: number;
}

export interface SlaStep {
  at: string;
  kind: string;
  key: string;
  values: Record<string, unknown>;
}

export interface SlaReport {
  policy: { id: number; name: string };
  state: TicketSummary['slaState'];
  priority: Priority | null;
  response: SlaClock;
  resolution: SlaClock;
  pausedMinutes: number;
  explanation: SlaStep[];
}

export function useTicketSla(id: number, enabled = true) {
  return useQuery({
    queryKey: ticketKeys.sla(id),
    queryFn: () => api<SlaReport>(`/api/tickets/${id}/sla`),
    enabled,
  });
}

// ---- actions

export interface ActionInput {
  reason?: string | null;
  assigneeId?: number | null;
  teamId?: number | null;
  holdReason?: HoldReason | null;
  solution?: string | null;
  resolutionCategory?: string | null;
  workMinutes?: number;
  targetId?: number | null;
}

/** Everything a change to one ticket makes stale: the ticket, its SLA, timeline, files and the lists. */
export function invalidateTicket(queryClient: ReturnType<typeof useQueryClient>, id: number) {
  void queryClient.invalidateQueries({ queryKey: TICKETS_KEY });
  void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('ticket', id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.files('ticket', id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
}

export function useTicketAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, version, input }: { id: number; action: TicketAction; version: number; input?: ActionInput }) =>
      // undefined (204): the action is done and took the ticket out of the caller's sight (e.g. transferred away).
      api<TicketDetail | undefined>(`/api/tickets/${id}/actions/${action}`, { method: 'POST', body: { version, ...input } }),
    onSuccess: (ticket, { id }) => {
      if (ticket) queryClient.setQueryData(ticketKeys.detail(id), ticket);
      else queryClient.removeQueries({ queryKey: ticketKeys.detail(id) });
      invalidateTicket(queryClient, id);
    },
  });
}

export function useUpdateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: number;
      version: number;
      title?: string;
      description?: string;
      priority?: Priority;
      systemId?: number | null;
    }) => api<TicketDetail>(`/api/tickets/${id}`, { method: 'PATCH', body }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      invalidateTicket(queryClient, ticket.id);
    },
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateTicketBody> & { title: string }) => api<TicketDetail>('/api/tickets', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TICKETS_KEY });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
    },
  });
}

/** Uploads a file held by the uploader until a ticket (or comment) takes it. */
export function uploadFile(file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file);
  return api<Attachment>('/api/files', { method: 'POST', body });
}

// ---- comments, rating

export function useAddComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; body: string; internal: boolean; attachmentIds: number[] }) =>
      api<Ok>(`/api/tickets/${id}/comments`, { method: 'POST', body }),
    onSuccess: (_data, { id }) => invalidateTicket(queryClient, id),
  });
}

export function useRateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; stars: number; tags: string[]; comment: string | null }) =>
      api<TicketDetail>(`/api/tickets/${id}/rating`, { method: 'POST', body }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      invalidateTicket(queryClient, ticket.id);
    },
  });
}

// ---- work logs, links

export interface WorkLog {
  id: number;
  minutes: number;
  note: string | null;
  workedOn: string;
  user: { id: number; displayName: string };
  createdAt: string;
}

export function useWorkLogs(id: number) {
  return useQuery({
    queryKey: ticketKeys.workLogs(id),
    queryFn: () => api<Items<WorkLog>>(`/api/tickets/${id}/work-logs`),
    select: (data) => data.items,
  });
}

export function useLogWork() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; minutes: number; note: string | null; workedOn?: string }) =>
      api<Ok>(`/api/tickets/${id}/work-logs`, { method: 'POST', body }),
    onSuccess: (_data, { id }) => invalidateTicket(queryClient, id),
  });
}

export interface LinkedTicket {
  id: number;
  number: string;
  title: string;
  status: TicketStatus;
}

export function useLinks(id: number) {
  return useQuery({
    queryKey: ticketKeys.links(id),
    queryFn: () => api<Items<LinkedTicket>>(`/api/tickets/${id}/links`),
    select: (data) => data.items,
  });
}

export function useLinkTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, targetId, remove }: { id: number; targetId: number; remove?: boolean }) =>
      remove
        ? api<Ok>(`/api/tickets/${id}/links/${targetId}`, { method: 'DELETE' })
        : api<Ok>(`/api/tickets/${id}/links`, { method: 'POST', body: { targetType: 'ticket', targetId } }),
    onSuccess: (_data, { id, targetId }) => {
      invalidateTicket(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('ticket', targetId) });
    },
  });
}

// ---- bulk, saved views

export interface BulkResult {
  results: { id: number; ok: boolean; code?: string }[];
}

export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: number[]; action: 'assign' | 'close'; assigneeId?: number | null; teamId?: number | null }) =>
      api<BulkResult>('/api/tickets/bulk', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TICKETS_KEY });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
    },
  });
}

export interface SavedView {
  id: number;
  name: string;
  filters: Record<string, unknown>;
  columns: string[];
}

export function useSavedViews() {
  return useQuery({
    queryKey: ticketKeys.views,
    queryFn: () => api<Items<SavedView>>('/api/ticket-views'),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; filters: Record<string, unknown>; columns: string[] }) =>
      api<{ id: number }>('/api/ticket-views', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.views }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/ticket-views/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.views }),
  });
}

/** Searches tickets by number or title in the caller's scope (merge and link pickers). */
export function searchTickets(q: string, signal?: AbortSignal) {
  return getJson<Page<TicketSummary>>('/api/tickets', filterParams({ view: 'all', q, pageSize: 10, sort: '-created' }), signal);
}
