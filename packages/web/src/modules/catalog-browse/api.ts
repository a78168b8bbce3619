import type { CatalogItemCard, CatalogItemDetail, CatalogTree } from '@shuyun/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { currentLocale } from '../../app/i18n';

export type SearchHit = CatalogItemCard & { categoryPath: string[] };

// The answers are in the reader's language, so the language is part of the key.
const CATALOG_KEY = ['catalog-browse'] as const;

/** Categories with the items the signed-in user may request. */
export function useCatalog() {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'tree', currentLocale()],
    queryFn: () => api<CatalogTree>('/api/catalog'),
    select: (data) => data.categories,
    staleTime: 5 * 60_000,
  });
}

/** One requestable item with its form; 404 when hidden from the user or withdrawn. */
export function useCatalogItem(id: number | null) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'item', id, currentLocale()],
    queryFn: () => api<CatalogItemDetail>(`/api/catalog/items/${id}`),
    enabled: id !== null && Number.isInteger(id) && id > 0,
    staleTime: 5 * 60_000,
  });
}

export function useCatalogSearch(q: string) {
  return useQuery({
    queryKey: [...CATALOG_KEY, 'search', q, currentLocale()],
    queryFn: ({ signal }) => api<{ items: SearchHit[] }>('/api/catalog/search', { query: { q }, signal }),
    select: (data) => data.items,
    enabled: q.length > 0,
    staleTime: 60_000,
  });
}
