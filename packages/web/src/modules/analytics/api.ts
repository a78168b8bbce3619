import type { AnalyticsGranularity, EfficiencyReport, SatisfactionReport } from '@shuyun/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, download } from '../../app/api-client';

export type AnalyticsKind = 'efficiency' | 'satisfaction';

/** A dashboard's filter as the API takes it: local dates, inclusive. */
export interface AnalyticsFilter {
  from: string;
  to: string;
  teamId?: number;
  granularity: AnalyticsGranularity;
}

const analyticsKey = ['analytics', 'tickets'] as const;

function query(filter: AnalyticsFilter) {
  return { from: filter.from, to: filter.to, teamId: filter.teamId, granularity: filter.granularity };
}

export function useEfficiency(filter: AnalyticsFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...analyticsKey, 'efficiency', filter],
    queryFn: ({ signal }) => api<EfficiencyReport>('/api/analytics/tickets/efficiency', { query: query(filter), signal }),
    placeholderData: keepPreviousData,
    // The rollup is refreshed every minute.
    refetchInterval: 60_000,
    enabled,
  });
}

export function useSatisfaction(filter: AnalyticsFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...analyticsKey, 'satisfaction', filter],
    queryFn: ({ signal }) => api<SatisfactionReport>('/api/analytics/tickets/satisfaction', { query: query(filter), signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Downloads the dashboard's breakdown (teams, then engineers) as Excel. */
export function exportAnalytics(kind: AnalyticsKind, filter: AnalyticsFilter): Promise<void> {
  return download('/api/analytics/tickets/export', { ...query(filter), kind }, `${kind}.xlsx`);
}
