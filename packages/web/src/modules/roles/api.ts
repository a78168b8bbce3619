import { BUILTIN_ROLE_KEYS, type DataScope, type Permission } from '@shuyun/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../app/api-client';
import type { Items, Ok, Role, RoleHolder } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.roles, 'list'],
    queryFn: () => api<Items<Role>>('/api/roles'),
    select: (data) => data.items,
    enabled,
  });
}

export function useRoleHolders(roleId: number) {
  return useQuery({
    queryKey: queryKeys.roleHolders(roleId),
    queryFn: () => api<Items<RoleHolder>>(`/api/roles/${roleId}/holders`),
    select: (data) => data.items,
  });
}

/** Role filter options: every role when the user may read roles, else the built-in ones by name. */
export function useRoleOptions() {
  const { can } = useAuth();
  const labels = useLabels();
  const roles = useRoles(can('role.read'));
  return useMemo(() => {
    const keys = roles.data
      ? roles.data.map((role) => ({ key: role.key, name: role.name }))
      : BUILTIN_ROLE_KEYS.map((key) => ({ key, name: key }));
    return keys.map(({ key, name }) => ({ value: key, label: labels.roleName(key, name) }));
  }, [roles.data, labels]);
}

export interface RoleInput {
  key?: string;
  name?: string;
  scope?: DataScope;
  permissions?: Permission[];
}

export function useSaveRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, key, ...body }: RoleInput & { id?: number; version?: number }) =>
      id
        ? api<Role>(`/api/roles/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<Role>('/api/roles', { method: 'POST', body: { key, ...body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.roles }),
  });
}

export function useGrantRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { userId: number; roleId: number; scope?: DataScope | null }) => api<Ok>('/api/grants', { method: 'POST', body }),
    onSuccess: (_data, body) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('user', body.userId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      return queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    },
  });
}

export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ grantId }: { grantId: number; userId: number }) => api<Ok>(`/api/grants/${grantId}`, { method: 'DELETE' }),
    onSuccess: (_data, { userId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('user', userId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      return queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    },
  });
}
