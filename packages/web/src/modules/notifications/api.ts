import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Items, Ok, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';
import type { BotChannel, ChannelInput, Delivery, DeliveryFilters, NotificationItem, PreferenceItem } from './types';

export const notificationKeys = {
  inbox: queryKeys.notifications,
  count: [...queryKeys.notifications, 'count'] as const,
  list: (filters: object) => [...queryKeys.notifications, 'list', filters] as const,
  feed: (unread: boolean) => [...queryKeys.notifications, 'feed', unread] as const,
  preferences: ['notification-preferences'] as const,
  channels: ['notification-channels'] as const,
  deliveries: ['notification-deliveries'] as const,
  eventTypes: ['notification-event-types'] as const,
};

// ---- the bell (every signed-in user, own notifications)

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => api<{ count: number }>('/api/notifications/unread-count'),
    select: (data) => data.count,
    enabled,
    // Realtime events keep it fresh; a slow poll covers a dropped event stream.
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
}

export function useNotifications(filters: { page: number; pageSize: number; unread: boolean }, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(filters),
    queryFn: ({ signal }) =>
      api<Page<NotificationItem>>('/api/notifications', {
        query: { page: filters.page, pageSize: filters.pageSize, unread: filters.unread ? 'true' : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Page after page, for the phone's endless list. */
export function useNotificationFeed(unread: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.feed(unread),
    queryFn: ({ pageParam, signal }) =>
      api<Page<NotificationItem>>('/api/notifications', {
        query: { page: pageParam, pageSize: 20, unread: unread ? 'true' : undefined },
        signal,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.inbox }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ count: number }>('/api/notifications/read-all', { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.inbox }),
  });
}

// ---- preferences

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => api<Items<PreferenceItem>>('/api/notifications/preferences'),
    select: (data) => data.items,
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: { eventType: string; inApp: boolean; email: boolean }[]) =>
      api<Items<PreferenceItem>>('/api/notifications/preferences', { method: 'PUT', body: { items } }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
  });
}

// ---- administration (notification.manage)

export function useEventTypes() {
  return useQuery({
    queryKey: notificationKeys.eventTypes,
    queryFn: () => api<Items<string>>('/api/notification-event-types'),
    select: (data) => data.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useChannels() {
  return useQuery({
    queryKey: notificationKeys.channels,
    queryFn: () => api<Items<BotChannel>>('/api/notification-channels'),
    select: (data) => data.items,
  });
}

export function useSaveChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: ChannelInput & { id?: number; version?: number }) =>
      id
        ? api<BotChannel>(`/api/notification-channels/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<BotChannel>('/api/notification-channels', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.channels }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/notification-channels/${id}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.channels }),
  });
}

export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      api<{ deliveryId: number; sent: boolean; error: string | null }>(`/api/notification-channels/${id}/test`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.deliveries }),
  });
}

export function useDeliveries(filters: DeliveryFilters) {
  return useQuery({
    queryKey: [...notificationKeys.deliveries, filters],
    queryFn: ({ signal }) => api<Page<Delivery>>('/api/notification-deliveries', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/notification-deliveries/${id}/retry`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.deliveries }),
  });
}
