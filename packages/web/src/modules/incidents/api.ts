import type {
  CreateIncidentBody,
  IncidentActionBody,
  IncidentDetail,
  IncidentLink,
  IncidentListQuery,
  IncidentReview,
  IncidentReviewBody,
  IncidentSettings,
  IncidentStats,
  IncidentSummary,
  IncidentWorkLog,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Items, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type { IncidentDetail, IncidentReview, IncidentSettings, IncidentStats, IncidentSummary };
export type IncidentLinkRow = z.infer<typeof IncidentLink>;
export type IncidentWorkLogRow = z.infer<typeof IncidentWorkLog>;
export type IncidentFilters = Partial<Omit<IncidentListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export const INCIDENTS_KEY = ['incidents'] as const;
const detailKey = (id: number) => [...INCIDENTS_KEY, 'detail', id] as const;

export function useIncidents(filters: IncidentFilters) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', filters],
    queryFn: ({ signal }) => api<Page<IncidentSummary>>('/api/incidents', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIncidentStats(range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'stats', range],
    queryFn: () => api<IncidentStats>('/api/incidents/stats', { query: range }),
  });
}

export function useIncident(id: number) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api<IncidentDetail>(`/api/incidents/${id}`) });
}

export function useTicketIncidents(ticketId: number) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'ticket', ticketId],
    queryFn: () => api<Items<IncidentSummary>>(`/api/incidents/by-ticket/${ticketId}`),
    select: (data) => data.items,
  });
}

/** After any change to an incident: its page, its timeline, the lists. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (id?: number) => {
    void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    if (id) void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('incident', id) });
  };
}

export function useCreateIncident() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateIncidentBody) => api<IncidentDetail>('/api/incidents', { method: 'POST', body }),
    onSuccess: (incident) => refresh(incident.id),
  });
}

export function useIncidentAction(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: IncidentActionBody) => api<IncidentDetail | null>(`/api/incidents/${id}/actions`, { method: 'POST', body }),
    onSettled: () => refresh(id),
  });
}

export function useIncidentComment(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: string) => api(`/api/incidents/${id}/comments`, { method: 'POST', body: { body } }),
    onSuccess: () => refresh(id),
  });
}

export function useIncidentWorkLogs(id: number) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'work', id],
    queryFn: () => api<Items<IncidentWorkLogRow>>(`/api/incidents/${id}/work-logs`),
    select: (data) => data.items,
  });
}

export function useLogIncidentWork(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { minutes: number; note?: string | null }) => api(`/api/incidents/${id}/work-logs`, { method: 'POST', body }),
    onSuccess: () => refresh(id),
  });
}

export function useIncidentLinks(id: number) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'links', id],
    queryFn: () => api<Items<IncidentLinkRow>>(`/api/incidents/${id}/links`),
    select: (data) => data.items,
  });
}

export function useLinkIncident(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (number: string) => api(`/api/incidents/${id}/links`, { method: 'POST', body: { number } }),
    onSuccess: () => refresh(id),
  });
}

export function useUnlinkIncident(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (link: { type: string; id: number }) => api(`/api/incidents/${id}/links/${link.type}/${link.id}`, { method: 'DELETE' }),
    onSuccess: () => refresh(id),
  });
}

export function useIncidentReview(id: number) {
  return useQuery({ queryKey: [...INCIDENTS_KEY, 'review', id], queryFn: () => api<IncidentReview>(`/api/incidents/${id}/review`) });
}

export function useSaveReview(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: IncidentReviewBody) => api<IncidentReview>(`/api/incidents/${id}/review`, { method: 'PUT', body }),
    onSuccess: () => refresh(id),
  });
}

export function useCompleteReview(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (version: number) => api<IncidentReview>(`/api/incidents/${id}/review/complete`, { method: 'POST', body: { version } }),
    onSuccess: () => refresh(id),
  });
}

export function useAddReviewAction(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { title: string; ownerId: number; dueDate: string }) =>
      api<IncidentReview>(`/api/incidents/${id}/review/actions`, { method: 'POST', body }),
    onSuccess: () => refresh(id),
  });
}

export function useReviewActionDone(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ actionId, done }: { actionId: number; done: boolean }) =>
      api<IncidentReview>(`/api/incidents/${id}/review/actions/${actionId}`, { method: 'PUT', body: { done } }),
    onSuccess: () => refresh(id),
  });
}

export interface MyReviewAction {
  id: number;
  title: string;
  dueDate: string;
  overdue: boolean;
  incident: { id: number; number: string; title: string };
}
export function useMyReviewActions() {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'review-actions', 'mine'],
    queryFn: () => api<Items<MyReviewAction>>('/api/incidents/review-actions/mine'),
    select: (data) => data.items,
  });
}

export function useIncidentSettings() {
  return useQuery({ queryKey: [...INCIDENTS_KEY, 'settings'], queryFn: () => api<IncidentSettings>('/api/incidents/settings') });
}

export function useSaveIncidentSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { version: number; defaultTeamId: number | null }) =>
      api<IncidentSettings>('/api/incidents/settings', { method: 'PUT', body }),
    onSuccess: () => refresh(),
  });
}

export function useRotateAlertToken() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api<{ token: string; tokenPrefix: string }>('/api/incidents/settings/token', { method: 'POST' }),
    onSuccess: () => refresh(),
  });
}
