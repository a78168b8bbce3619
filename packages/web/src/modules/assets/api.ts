import type {
  AssetCategory as AssetCategorySchema,
  AssetDetail,
  AssetListQuery,
  AssetLocation as AssetLocationSchema,
  AssetSummary as AssetSummarySchema,
  MyAssets as MyAssetsSchema,
  ScrapApprovals as ScrapApprovalsSchema,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Items, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type AssetSummary = z.infer<typeof AssetSummarySchema>;
export type AssetCategory = z.infer<typeof AssetCategorySchema>;
export type AssetLocation = z.infer<typeof AssetLocationSchema>;
export type MyAssets = z.infer<typeof MyAssetsSchema>;
export type ScrapApprovals = z.infer<typeof ScrapApprovalsSchema>;
export type { AssetDetail };
export type AssetFilters = Partial<Omit<AssetListQuery, 'warrantyDays'>> & { warrantyDays?: number };

export const ASSETS_KEY = ['assets'] as const;
export const assetKeys = {
  all: ASSETS_KEY,
  list: (filters: AssetFilters) => [...ASSETS_KEY, 'list', filters] as const,
  detail: (id: number) => [...ASSETS_KEY, 'detail', id] as const,
  categories: [...ASSETS_KEY, 'categories'] as const,
  locations: [...ASSETS_KEY, 'locations'] as const,
  mine: [...ASSETS_KEY, 'mine'] as const,
  scrap: [...ASSETS_KEY, 'scrap'] as const,
};

/** A catalogue text by a key built at run time (statuses, operations). */
export const tx = (t: TFunction, key: string): string => String(t(key as 'common.ok'));

export const STATUS_COLORS: Record<string, string> = {
  in_stock: 'blue',
  in_use: 'green',
  in_repair: 'orange',
  scrapped: 'default',
  disposed: 'default',
  lost: 'red',
};

export function useAssetList(filters: AssetFilters) {
  return useQuery({
    queryKey: assetKeys.list(filters),
    queryFn: () => api<Page<AssetSummary>>('/api/assets', { query: filters as Record<string, string | number> }),
    placeholderData: keepPreviousData,
  });
}

export function useAsset(id: number) {
  return useQuery({ queryKey: assetKeys.detail(id), queryFn: () => api<AssetDetail>(`/api/assets/${id}`), retry: false });
}

export function useAssetCategories() {
  return useQuery({
    queryKey: assetKeys.categories,
    queryFn: async () => (await api<Items<AssetCategory>>('/api/assets/categories')).items,
  });
}

export function useAssetLocations() {
  return useQuery({
    queryKey: assetKeys.locations,
    queryFn: async () => (await api<Items<AssetLocation>>('/api/assets/locations')).items,
  });
}

export function useMyAssets() {
  return useQuery({ queryKey: assetKeys.mine, queryFn: () => api<MyAssets>('/api/assets/mine') });
}

export function useScrapApprovals() {
  return useQuery({ queryKey: assetKeys.scrap, queryFn: () => api<ScrapApprovals>('/api/assets/scrap-approvals') });
}

/** Runs an operation (`/api/assets/:id/<path>`) and refreshes every asset view, the history and the to-dos. */
export function useAssetOperation(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) =>
      api<AssetDetail | { ok: true }>(`/api/assets/${id}/${path}`, { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ASSETS_KEY }),
        client.invalidateQueries({ queryKey: queryKeys.timeline('asset', id) }),
        client.invalidateQueries({ queryKey: queryKeys.todos }),
      ]);
    },
  });
}

/** Saves (creates or edits) through the API and refreshes asset views. */
export function useAssetSave<T>(run: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: ASSETS_KEY }),
  });
}

/** The API path of each operation (the shared names are camelCase). */
export const OPERATION_PATHS: Record<string, string> = {
  issue: 'issue',
  receive: 'receive',
  return: 'return',
  transfer: 'transfer',
  acceptTransfer: 'accept-transfer',
  declineTransfer: 'decline-transfer',
  repair: 'repair',
  completeRepair: 'complete-repair',
  replace: 'replace',
  scrap: 'scrap',
  approveScrap: 'approve-scrap',
  rejectScrap: 'reject-scrap',
  dispose: 'dispose',
  lose: 'lose',
};
