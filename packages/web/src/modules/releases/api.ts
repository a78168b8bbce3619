import type { ReleaseDemandOption as ReleaseDemandOptionSchema, ReleaseDetail, ReleaseListQuery, ReleaseSummary } from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Items, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type ReleaseDemandOption = z.infer<typeof ReleaseDemandOptionSchema>;
export type { ReleaseDetail, ReleaseSummary };
export type ReleaseFilters = Partial<ReleaseListQuery>;

export const RELEASES_KEY = ['releases'] as const;
export const releaseKeys = {
  list: (filters: ReleaseFilters) => [...RELEASES_KEY, 'list', filters] as const,
  calendar: (from: string, to: string, systemId?: number) => [...RELEASES_KEY, 'calendar', from, to, systemId ?? null] as const,
  detail: (id: number) => [...RELEASES_KEY, 'detail', id] as const,
  demandOptions: (systemId: number, releaseId?: number) => [...RELEASES_KEY, 'demand-options', systemId, releaseId ?? null] as const,
};

/** A catalogue text by a key built at run time (statuses, actions). */
export const tx = (t: TFunction, key: string, values?: Record<string, unknown>): string => String(t(key as 'common.ok', values));

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  rejected: 'magenta',
  succeeded: 'green',
  failed: 'red',
  accepted: 'cyan',
  cancelled: 'default',
};
/** Calendar chips: the same hues, solid enough to read on a white grid. */
export const STATUS_HEX: Record<string, string> = {
  draft: '#8c8c8c',
  pending_approval: '#d48806',
  approved: '#1677ff',
  rejected: '#c41d7f',
  succeeded: '#389e0d',
  failed: '#cf1322',
  accepted: '#08979c',
  cancelled: '#bfbfbf',
};
export const RISK_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };

export function useReleaseList(filters: ReleaseFilters) {
  return useQuery({
    queryKey: releaseKeys.list(filters),
    queryFn: () => api<Page<ReleaseSummary>>('/api/releases', { query: filters as Record<string, string | number> }),
    placeholderData: keepPreviousData,
  });
}

export function useReleaseCalendar(from: string, to: string, systemId?: number) {
  return useQuery({
    queryKey: releaseKeys.calendar(from, to, systemId),
    queryFn: async () => (await api<Items<ReleaseSummary>>('/api/releases/calendar', { query: { from, to, systemId } })).items,
    placeholderData: keepPreviousData,
  });
}

export function useRelease(id: number) {
  return useQuery({
    queryKey: releaseKeys.detail(id),
    queryFn: () => api<ReleaseDetail>(`/api/releases/${id}`),
    retry: false,
    enabled: id > 0,
  });
}

export function useDemandOptions(systemId: number | undefined, releaseId?: number) {
  return useQuery({
    queryKey: releaseKeys.demandOptions(systemId ?? 0, releaseId),
    queryFn: async () => (await api<Items<ReleaseDemandOption>>('/api/releases/demand-options', { query: { systemId, releaseId } })).items,
    enabled: !!systemId,
  });
}

/** One action on a release (submit, approve…); refreshes release views, its timeline and the to-dos. */
export function useReleaseAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      api<ReleaseDetail>(`/api/releases/${id}/${path}`, { method: 'POST', body }),
    onSuccess: async (detail) => {
      client.setQueryData(releaseKeys.detail(id), detail);
      await Promise.all([
        client.invalidateQueries({ queryKey: RELEASES_KEY }),
        client.invalidateQueries({ queryKey: queryKeys.timeline('release', id) }),
        client.invalidateQueries({ queryKey: queryKeys.todos }),
      ]);
    },
  });
}

/** Creates or edits a release request. */
export function useSaveRelease(id?: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id
        ? api<ReleaseDetail>(`/api/releases/${id}`, { method: 'PATCH', body })
        : api<ReleaseDetail>('/api/releases', { method: 'POST', body }),
    onSuccess: async (detail) => {
      client.setQueryData(releaseKeys.detail(detail.id), detail);
      await client.invalidateQueries({ queryKey: RELEASES_KEY });
      if (id) await client.invalidateQueries({ queryKey: queryKeys.timeline('release', id) });
    },
  });
}
