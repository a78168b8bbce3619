import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Items } from '../../app/api-types';
import type { Calendar, CalendarInput, DayOverride, Policy, PolicyInput, YearDays } from './types';

export const slaKeys = {
  all: ['sla'] as const,
  calendars: ['sla', 'calendars'] as const,
  days: (id: number, year: number) => ['sla', 'calendars', id, 'days', year] as const,
  preview: (id: number) => ['sla', 'calendars', id, 'preview'] as const,
  policies: ['sla', 'policies'] as const,
};

export function useCalendars(enabled = true) {
  return useQuery({
    queryKey: slaKeys.calendars,
    queryFn: () => api<Items<Calendar>>('/api/sla/calendars'),
    select: (data) => data.items,
    enabled,
  });
}

export function usePolicies(enabled = true) {
  return useQuery({
    queryKey: slaKeys.policies,
    queryFn: () => api<Items<Policy>>('/api/sla/policies'),
    select: (data) => data.items,
    enabled,
  });
}

export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: Partial<CalendarInput> & { id?: number; version?: number }) =>
      id
        ? api<Calendar>(`/api/sla/calendars/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<Calendar>('/api/sla/calendars', { method: 'POST', body }),
    // Calendars feed the policies' calendar names and every preview.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaKeys.all }),
  });
}

export function useYearDays(id: number, year: number) {
  return useQuery({
    queryKey: slaKeys.days(id, year),
    queryFn: () => api<YearDays>(`/api/sla/calendars/${id}/days`, { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveYearDays(id: number, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; items: DayOverride[] }) =>
      api<YearDays>(`/api/sla/calendars/${id}/days`, { method: 'PUT', query: { year }, body }),
    onSuccess: (days) => {
      queryClient.setQueryData(slaKeys.days(id, year), days);
      void queryClient.invalidateQueries({ queryKey: slaKeys.preview(id) });
      return queryClient.invalidateQueries({ queryKey: slaKeys.calendars, exact: true });
    },
  });
}

/** When `minutes` working minutes from `start` run out on this calendar (as saved). */
export function usePreview(id: number, start: string | null, minutes: number | null) {
  return useQuery({
    queryKey: [...slaKeys.preview(id), start, minutes],
    queryFn: ({ signal }) => api<{ dueAt: string }>(`/api/sla/calendars/${id}/preview`, { query: { start, minutes }, signal }),
    enabled: Boolean(start) && minutes !== null && minutes >= 0,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: Partial<PolicyInput> & { id?: number; version?: number }) =>
      id
        ? api<Policy>(`/api/sla/policies/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<Policy>('/api/sla/policies', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
