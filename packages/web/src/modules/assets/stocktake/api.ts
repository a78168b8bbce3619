import type {
  ApplyResult as ApplyResultSchema,
  CreateStocktakeBody,
  ScanInput,
  ScanResult as ScanResultSchema,
  StocktakeDetail as StocktakeDetailSchema,
  StocktakeLine as StocktakeLineSchema,
  StocktakeOptions as StocktakeOptionsSchema,
  StocktakeProgress as StocktakeProgressSchema,
  StocktakeResult,
  StocktakeStatus,
  StocktakeSummary as StocktakeSummarySchema,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../app/api-client';
import type { Page } from '../../../app/api-types';
import { queryKeys } from '../../../app/query-keys';

export type StocktakeSummary = z.infer<typeof StocktakeSummarySchema>;
export type StocktakeDetail = z.infer<typeof StocktakeDetailSchema>;
export type StocktakeLine = z.infer<typeof StocktakeLineSchema>;
export type StocktakeProgress = z.infer<typeof StocktakeProgressSchema>;
export type StocktakeOptions = z.infer<typeof StocktakeOptionsSchema>;
export type ScanResult = z.infer<typeof ScanResultSchema>;
export type ApplyResult = z.infer<typeof ApplyResultSchema>;
export type CreateStocktakeInput = z.input<typeof CreateStocktakeBody>;
export type { ScanInput, StocktakeResult, StocktakeStatus };
export type LineFilter = StocktakeResult | 'anomalies';

const KEY = ['stocktakes'] as const;
export const stocktakeKeys = {
  all: KEY,
  list: (params: object) => [...KEY, 'list', params] as const,
  options: [...KEY, 'options'] as const,
  detail: (id: number) => [...KEY, 'detail', id] as const,
  lines: (id: number, params: object) => [...KEY, 'lines', id, params] as const,
};

export function useStocktakes(params: { status?: StocktakeStatus; mine?: 'counter'; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: stocktakeKeys.list(params),
    queryFn: () => api<Page<StocktakeSummary>>('/api/stocktakes', { query: params }),
    placeholderData: keepPreviousData,
  });
}

export function useStocktakeOptions() {
  return useQuery({ queryKey: stocktakeKeys.options, queryFn: () => api<StocktakeOptions>('/api/stocktakes/options'), staleTime: 60_000 });
}

export function useStocktake(id: number) {
  return useQuery({ queryKey: stocktakeKeys.detail(id), queryFn: () => api<StocktakeDetail>(`/api/stocktakes/${id}`) });
}

export function useStocktakeLines(
  id: number,
  params: { result?: LineFilter; applied?: 'true' | 'false'; page?: number; pageSize?: number },
) {
  return useQuery({
    queryKey: stocktakeKeys.lines(id, params),
    queryFn: () => api<Page<StocktakeLine>>(`/api/stocktakes/${id}/lines`, { query: params }),
    placeholderData: keepPreviousData,
  });
}

/** After a change: the stocktake's queries, and its timeline. */
function useInvalidate(id?: number) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: KEY });
    if (id) await client.invalidateQueries({ queryKey: queryKeys.timeline('stocktake', id) });
  };
}

export function useCreateStocktake() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateStocktakeInput) => api<StocktakeDetail>('/api/stocktakes', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useStocktakeAction(id: number) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: ({ action, version }: { action: 'start' | 'complete' | 'cancel'; version: number }) =>
      api<StocktakeDetail>(`/api/stocktakes/${id}/actions/${action}`, { method: 'POST', body: { version } }),
    onSettled: invalidate,
  });
}

export function useScan(id: number) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: ScanInput) => api<ScanResult>(`/api/stocktakes/${id}/scans`, { method: 'POST', body }),
    onSettled: invalidate,
  });
}

export function useApply(id: number) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (lineIds: number[] | undefined) =>
      api<ApplyResult>(`/api/stocktakes/${id}/apply`, { method: 'POST', body: lineIds ? { lineIds } : {} }),
    onSettled: invalidate,
  });
}

export function useApplyLine(id: number) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (lineId: number) => api<ApplyResult>(`/api/stocktakes/${id}/lines/${lineId}/apply`, { method: 'POST', body: {} }),
    onSettled: invalidate,
  });
}

export function useResetLine(id: number) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (lineId: number) => api<{ ok: true }>(`/api/stocktakes/${id}/lines/${lineId}/reset`, { method: 'POST', body: {} }),
    onSettled: invalidate,
  });
}
