import type {
  CatalogCategoryAdmin,
  CatalogCategoryBody,
  CatalogCategoryUpdateBody,
  CatalogItemAdmin,
  CatalogItemBody,
  CatalogItemUpdateBody,
} from '@shuyun/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api-client';

export type CategoryInput = z.input<typeof CatalogCategoryBody>;
export type CategoryUpdate = z.input<typeof CatalogCategoryUpdateBody>;
export type ItemInput = z.input<typeof CatalogItemBody>;
export type ItemUpdate = z.input<typeof CatalogItemUpdateBody>;

export interface CatalogAdmin {
  categories: CatalogCategoryAdmin[];
  items: CatalogItemAdmin[];
}

export const catalogAdminKeys = {
  all: ['catalog-admin'] as const,
  item: (id: number) => ['catalog-admin', 'item', id] as const,
};

/** Every category and item, inactive included, in both languages (catalog.manage). */
export function useCatalogAdmin(enabled = true) {
  return useQuery({
    queryKey: catalogAdminKeys.all,
    queryFn: () => api<CatalogAdmin>('/api/catalog/admin'),
    enabled,
  });
}

export function useCatalogItem(id: number | null) {
  return useQuery({
    queryKey: catalogAdminKeys.item(id ?? 0),
    queryFn: () => api<CatalogItemAdmin>(`/api/catalog/admin/items/${id}`),
    enabled: id !== null,
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: (CategoryInput & { id?: undefined }) | (CategoryUpdate & { id: number })) =>
      id
        ? api<CatalogCategoryAdmin>(`/api/catalog/admin/categories/${id}`, { method: 'PATCH', body })
        : api<CatalogCategoryAdmin>('/api/catalog/admin/categories', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogAdminKeys.all }),
  });
}

export function useSaveItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: (ItemInput & { id?: undefined }) | (ItemUpdate & { id: number })) =>
      id
        ? api<CatalogItemAdmin>(`/api/catalog/admin/items/${id}`, { method: 'PATCH', body })
        : api<CatalogItemAdmin>('/api/catalog/admin/items', { method: 'POST', body }),
    onSuccess: (item) => {
      queryClient.setQueryData(catalogAdminKeys.item(item.id), item);
      return queryClient.invalidateQueries({ queryKey: catalogAdminKeys.all, exact: true });
    },
  });
}

export interface ReorderInput {
  kind: 'category' | 'item';
  order: { id: number; version: number }[];
}

/** New order for sibling categories or items; every entry is version-checked by the server. */
export function useReorderCatalog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReorderInput) =>
      api<{ items: { id: number; sortOrder: number; version: number }[] }>('/api/catalog/admin/reorder', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: catalogAdminKeys.all }),
  });
}
