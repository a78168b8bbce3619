import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../app/api-client';
import type { Items } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { useCatalogAdmin } from '../catalog-admin/api';
import { useLocalized } from '../catalog-admin/catalog-tree';

export type Strategy = 'none' | 'round_robin' | 'least_loaded';
export const STRATEGIES: Strategy[] = ['none', 'round_robin', 'least_loaded'];

export interface RuleInput {
  name: string;
  sortOrder: number;
  catalogItemIds: number[];
  departmentIds: number[];
  systemIds: number[];
  keywords: string[];
  teamId: number;
  strategy: Strategy;
  active: boolean;
}

export interface AssignmentRule extends RuleInput {
  id: number;
  version: number;
}

export const ruleKeys = { all: ['assignment-rules'] as const };

export function useRules() {
  return useQuery({
    queryKey: ruleKeys.all,
    queryFn: () => api<Items<AssignmentRule>>('/api/assignment-rules'),
    select: (data) => data.items,
  });
}

export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: Partial<RuleInput> & { id?: number; version?: number }) =>
      id
        ? api<AssignmentRule>(`/api/assignment-rules/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<AssignmentRule>('/api/assignment-rules', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}

/** Puts every rule in this order in one request (409 when a rule changed meanwhile). */
export function useReorderRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: AssignmentRule[]) =>
      api<Items<AssignmentRule>>('/api/assignment-rules/order', {
        method: 'PUT',
        body: { rules: rules.map(({ id, version }) => ({ id, version })) },
      }),
    onSuccess: (data) => queryClient.setQueryData(ruleKeys.all, data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ruleKeys.all }),
  });
}

export interface CatalogItemOption {
  id: number;
  name: string;
  category: string;
  active: boolean;
}

/**
 * Service items to pick from: every item, from the catalogue admin list for catalogue admins and
 * otherwise from the rule editor's own item list (for ticket managers).
 */
export function useCatalogItemOptions() {
  const { can } = useAuth();
  const local = useLocalized();
  const admin = can('catalog.manage');
  const full = useCatalogAdmin(admin);
  const browse = useQuery({
    queryKey: ['assignment-rules', 'item-options'],
    queryFn: () => api<{ items: CatalogItemOption[] }>('/api/assignment-rules/item-options'),
    enabled: !admin && can('ticket.manage'),
    staleTime: 60_000,
  });
  const options = useMemo<CatalogItemOption[]>(() => {
    if (admin) {
      const categories = new Map((full.data?.categories ?? []).map((c) => [c.id, c]));
      return (full.data?.items ?? []).map((item) => {
        const category = categories.get(item.categoryId);
        const parent = category?.parentId ? categories.get(category.parentId) : undefined;
        return {
          id: item.id,
          name: local(item.name),
          category: [parent, category]
            .filter(Boolean)
            .map((c) => local(c?.name))
            .join(' / '),
          active: item.active,
        };
      });
    }
    return browse.data?.items ?? [];
  }, [admin, full.data, browse.data, local]);
  return { options, loading: admin ? full.isPending : browse.isPending, complete: admin };
}
