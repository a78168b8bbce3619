import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { AuditEntry, AuditVerifyResult, Page } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

export interface AuditFilters {
  actorId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: [...queryKeys.audit, filters],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('/api/audit', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerifyResult>('/api/audit/verify') });
}
