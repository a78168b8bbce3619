import type {
  AvailabilityReport,
  AvailabilityTrend as AvailabilityTrendSchema,
  FaultDetail,
  FaultListQuery,
  FaultPrefill as FaultPrefillSchema,
  FaultReviewAction,
  FaultSettings,
  FaultSummary,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Items, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type { AvailabilityReport, FaultDetail, FaultReviewAction, FaultSettings, FaultSummary };
export type AvailabilityTrend = z.infer<typeof AvailabilityTrendSchema>;
export type FaultPrefill = z.infer<typeof FaultPrefillSchema>;
export type FaultFilters = Partial<FaultListQuery>;

export const FAULTS_KEY = ['faults'] as const;
export const faultKeys = {
  list: (filters: FaultFilters) => [...FAULTS_KEY, 'list', filters] as const,
  detail: (id: number) => [...FAULTS_KEY, 'detail', id] as const,
  options: [...FAULTS_KEY, 'options'] as const,
  settings: [...FAULTS_KEY, 'settings'] as const,
  actions: (view: string) => [...FAULTS_KEY, 'actions', view] as const,
  availability: (from: string, to: string) => [...FAULTS_KEY, 'availability', from, to] as const,
  trend: (systemId: number) => [...FAULTS_KEY, 'trend', systemId] as const,
};

/** A catalogue text by a key built at run time (statuses, causes). */
export const tx = (t: TFunction, key: string): string => String(t(key as 'common.ok'));

export const SEVERITY_COLORS: Record<string, string> = { P1: 'red', P2: 'volcano', P3: 'orange', P4: 'blue' };
export const STATUS_COLORS: Record<string, string> = {
  new: 'gold',
  in_progress: 'processing',
  recovered: 'green',
  closed: 'default',
  cancelled: 'default',
};

export function useFaultList(filters: FaultFilters) {
  return useQuery({
    queryKey: faultKeys.list(filters),
    queryFn: () => api<Page<FaultSummary>>('/api/faults', { query: filters as Record<string, string | number> }),
    placeholderData: keepPreviousData,
  });
}

export function useFault(id: number) {
  return useQuery({ queryKey: faultKeys.detail(id), queryFn: () => api<FaultDetail>(`/api/faults/${id}`), retry: false });
}

export function useFaultOptions() {
  return useQuery({
    queryKey: faultKeys.options,
    queryFn: () => api<{ systems: { id: number; name: string }[]; teams: { id: number; name: string }[] }>('/api/faults/options'),
    staleTime: 60_000,
  });
}

export function useFaultSettings() {
  return useQuery({ queryKey: faultKeys.settings, queryFn: () => api<FaultSettings>('/api/faults/settings') });
}

export function useReviewActions(view: 'mine' | 'overdue' | 'open') {
  return useQuery({
    queryKey: faultKeys.actions(view),
    queryFn: () => api<Items<FaultReviewAction>>('/api/faults/review-actions', { query: { view } }),
  });
}

export function useAvailability(from: string, to: string) {
  return useQuery({
    queryKey: faultKeys.availability(from, to),
    queryFn: () => api<AvailabilityReport>('/api/faults/availability', { query: { from, to } }),
    placeholderData: keepPreviousData,
  });
}

export function useAvailabilityTrend(systemId: number | null) {
  return useQuery({
    queryKey: faultKeys.trend(systemId ?? 0),
    queryFn: () => api<AvailabilityTrend>('/api/faults/availability/trend', { query: { systemId: systemId ?? 0, months: 12 } }),
    enabled: !!systemId,
  });
}

/** Any POST on one fault (respond, recover, comments…): answers with the fault as it is now. */
export function useFaultCommand(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      api<FaultDetail>(`/api/faults/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (fault) => {
      client.setQueryData(faultKeys.detail(id), fault);
      // Lists, actions and availability; not the detail just stored (it would be fetched again at once).
      const detail = faultKeys.detail(id);
      void client.invalidateQueries({
        queryKey: FAULTS_KEY,
        predicate: (q) => !(q.queryKey[1] === detail[1] && q.queryKey[2] === detail[2]),
      });
      void client.invalidateQueries({ queryKey: queryKeys.timeline('fault', id) });
      void client.invalidateQueries({ queryKey: queryKeys.todos });
    },
  });
}

export function useInvalidateFaults() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: FAULTS_KEY });
    void client.invalidateQueries({ queryKey: queryKeys.todos });
  };
}
