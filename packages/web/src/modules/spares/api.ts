import type {
  SpareAdjustmentBody,
  SpareIssueBody,
  SpareItem,
  SpareItemBody,
  SpareItemUpdateBody,
  SpareMovement,
  SpareMovementKind,
  SpareReceiptBody,
  SpareReturnBody,
  SpareTransferBody,
  SpareWarehouse as SpareWarehouseSchema,
  SpareWarehouseUpdateBody,
} from '@shuyun/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../app/api-client';
import type { Items, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export type SpareWarehouse = z.infer<typeof SpareWarehouseSchema>;
export type { SpareItem, SpareMovement, SpareMovementKind };

export const SPARES_KEY = ['spares'] as const;

export interface ItemFilters {
  q?: string;
  category?: string;
  lowOnly?: boolean;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export interface LedgerFilters {
  itemId?: number;
  warehouseId?: number;
  kind?: SpareMovementKind;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useSpareItems(filters: ItemFilters) {
  return useQuery({
    queryKey: [...SPARES_KEY, 'items', filters],
    queryFn: ({ signal }) => api<Page<SpareItem>>('/api/spares/items', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSpareItem(id: number) {
  return useQuery({
    queryKey: [...SPARES_KEY, 'item', id],
    queryFn: ({ signal }) => api<SpareItem>(`/api/spares/items/${id}`, { signal }),
  });
}

export function useSpareCategories() {
  return useQuery({
    queryKey: [...SPARES_KEY, 'categories'],
    queryFn: ({ signal }) => api<Items<string>>('/api/spares/categories', { signal }),
    select: (data) => data.items,
  });
}

export function useWarehouses() {
  return useQuery({
    queryKey: [...SPARES_KEY, 'warehouses'],
    queryFn: ({ signal }) => api<Items<SpareWarehouse>>('/api/spares/warehouses', { signal }),
    select: (data) => data.items,
  });
}

export function useLedger(filters: LedgerFilters) {
  return useQuery({
    queryKey: [...SPARES_KEY, 'ledger', filters],
    queryFn: ({ signal }) => api<Page<SpareMovement>>('/api/spares/ledger', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTicketSpares(ticketId: number) {
  return useQuery({
    queryKey: [...SPARES_KEY, 'ticket', ticketId],
    queryFn: ({ signal }) => api<Items<SpareMovement>>(`/api/spares/tickets/${ticketId}/movements`, { signal }),
    select: (data) => data.items,
  });
}

/** Any change to stock makes every spares view stale, and a ticket's timeline and to-dos too. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: SPARES_KEY });
    void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.todos });
  };
}

interface MovementResult {
  number: string;
  movements: SpareMovement[];
}

function useMovement<B>(path: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: B) => api<MovementResult>(path, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export const useReceive = () => useMovement<SpareReceiptBody>('/api/spares/receipts');
export const useIssue = () => useMovement<SpareIssueBody>('/api/spares/issues');
export const useReturn = () => useMovement<SpareReturnBody>('/api/spares/returns');
export const useTransfer = () => useMovement<SpareTransferBody>('/api/spares/transfers');
export const useAdjust = () => useMovement<SpareAdjustmentBody>('/api/spares/adjustments');

export function useSaveItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: SpareItemBody | SpareItemUpdateBody }) =>
      id
        ? api<SpareItem>(`/api/spares/items/${id}`, { method: 'PATCH', body })
        : api<SpareItem>('/api/spares/items', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSaveWarehouse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Record<string, unknown> | SpareWarehouseUpdateBody }) =>
      id
        ? api<SpareWarehouse>(`/api/spares/warehouses/${id}`, { method: 'PATCH', body })
        : api<SpareWarehouse>('/api/spares/warehouses', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}
