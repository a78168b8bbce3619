import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Items, TodoItem } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

/** The signed-in user's to-do counts for the home page (both ends). */
export function useTodos() {
  return useQuery({
    queryKey: queryKeys.todos,
    queryFn: () => api<Items<TodoItem>>('/api/home/todos'),
    select: (data) => data.items,
    refetchInterval: 120_000,
  });
}
