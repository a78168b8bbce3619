import type {
  DemandDetail,
  DemandDivision as DemandDivisionSchema,
  DemandListQuery,
  DemandMetrics,
  DemandSummary as DemandSummarySchema,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type DemandSummary = z.infer<typeof DemandSummarySchema>;
export type DemandDivision = z.infer<typeof DemandDivisionSchema>;
export type { DemandDetail, DemandMetrics };
export type DemandFilters = Partial<DemandListQuery>;

export const DEMANDS_KEY = ['demands'] as const;
export const demandKeys = {
  list: (filters: DemandFilters) => [...DEMANDS_KEY, 'list', filters] as const,
  detail: (id: number) => [...DEMANDS_KEY, 'detail', id] as const,
  division: [...DEMANDS_KEY, 'division'] as const,
  metrics: (from: string, to: string) => [...DEMANDS_KEY, 'metrics', from, to] as const,
};

/** A catalogue text by a key built at run time (statuses, kinds, actions). */
export const tx = (t: TFunction, key: string, values?: Record<string, unknown>): string => String(t(key as 'common.ok', values as never));

export const STATUS_COLORS: Record<string, string> = {
  submitted: 'gold',
  accepted: 'blue',
  pending_approval: 'orange',
  implementing: 'processing',
  released: 'cyan',
  delivered: 'green',
  closed: 'default',
  rejected: 'red',
  cancelled: 'default',
};

export function useDemands(filters: DemandFilters) {
  return useQuery({
    queryKey: demandKeys.list(filters),
    queryFn: () => api<Page<DemandSummary>>('/api/demands', { query: filters as Record<string, string | number> }),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: number) {
  return useQuery({ queryKey: demandKeys.detail(id), queryFn: () => api<DemandDetail>(`/api/demands/${id}`) });
}

export function useDivision() {
  return useQuery({ queryKey: demandKeys.division, queryFn: () => api<DemandDivision>('/api/demands/division') });
}

export function useDemandMetrics(from: string, to: string) {
  return useQuery({
    queryKey: demandKeys.metrics(from, to),
    queryFn: () => api<DemandMetrics>('/api/demands/metrics', { query: { from, to } }),
    placeholderData: keepPreviousData,
  });
}

/** A POST/PATCH on a demand that answers with the demand as it is now; refreshes its caches. */
export function useDemandMutation(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body, method = 'POST' }: { path: string; body: unknown; method?: 'POST' | 'PATCH' }) =>
      api<DemandDetail>(`/api/demands/${id}/${path}`, { method, body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(demandKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: [...DEMANDS_KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('demand', id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
    },
  });
}

export function useSubmitDemand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api<DemandDetail>('/api/demands', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: DEMANDS_KEY }),
  });
}
