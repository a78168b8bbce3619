import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { CreatedUser, Department, ImportResult, Items, ItSystem, Ok, Page, Team, User, UserOption } from '../../app/api-types';
import { queryKeys } from '../../app/query-keys';

// ---- departments ----

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: queryKeys.departments,
    queryFn: () => api<Items<Department>>('/api/departments'),
    select: (data) => data.items,
    enabled,
  });
}

export interface DepartmentInput {
  name: string;
  code: string;
  parentId?: number | null;
  managerId?: number | null;
}

export function useSaveDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: DepartmentInput & { id?: number; version?: number }) =>
      id
        ? api<Department>(`/api/departments/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<Department>('/api/departments', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/departments/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
  });
}

// ---- users ----

export interface UserFilters {
  q?: string;
  departmentId?: number;
  teamId?: number;
  active?: 'true' | 'false';
  role?: string;
  page: number;
  pageSize: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...queryKeys.users, 'list', filters],
    queryFn: ({ signal }) => api<Page<User>>('/api/users', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: number) {
  return useQuery({ queryKey: queryKeys.user(id), queryFn: () => api<User>(`/api/users/${id}`) });
}

export function useUserOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: [...queryKeys.userOptions, q],
    queryFn: ({ signal }) => api<Items<UserOption>>('/api/users/options', { query: { q }, signal }),
    select: (data) => data.items,
    enabled,
    staleTime: 60_000,
  });
}

export interface UserInput {
  username?: string;
  displayName: string;
  employeeNo?: string | null;
  email?: string | null;
  phone?: string | null;
  departmentId?: number | null;
  supervisorId?: number | null;
  title?: string | null;
  locale?: 'zh-CN' | 'en-US';
  password?: string;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserInput) => api<CreatedUser>('/api/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Omit<UserInput, 'username' | 'password'> & { id: number; version: number }) =>
      api<User>(`/api/users/${id}`, { method: 'PATCH', body }),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.user(user.id), user);
      return queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}

export type UserAction = 'deactivate' | 'reactivate' | 'unlock';

export function useUserAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: UserAction }) => api<User>(`/api/users/${id}/${action}`, { method: 'POST' }),
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.user(user.id), user);
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline('user', user.id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ password: string }>(`/api/users/${id}/reset-password`, { method: 'POST' }),
    onSuccess: (_data, id) => queryClient.invalidateQueries({ queryKey: queryKeys.timeline('user', id) }),
  });
}

// ---- teams ----

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: () => api<Items<Team>>('/api/teams'),
    select: (data) => data.items,
  });
}

export interface TeamInput {
  name: string;
  code: string;
  description?: string | null;
  leadId?: number | null;
  memberIds?: number[];
  active?: boolean;
}

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: TeamInput & { id?: number; version?: number }) =>
      id
        ? api<Team>(`/api/teams/${id}`, { method: 'PATCH', body: { ...body, version } })
        : api<Team>('/api/teams', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.teams }),
  });
}

// ---- IT systems ----

export function useSystems() {
  return useQuery({
    queryKey: queryKeys.systems,
    queryFn: () => api<Items<ItSystem>>('/api/systems'),
    select: (data) => data.items,
  });
}

export interface SystemInput {
  name: string;
  code: string;
  description?: string | null;
  businessDomain?: string | null;
  ownerId?: number | null;
  analystId?: number | null;
  criticality: ItSystem['criticality'];
  availabilityTarget: number;
  active?: boolean;
}

export function useSaveSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, active, ...body }: SystemInput & { id?: number; version?: number }) =>
      id
        ? api<ItSystem>(`/api/systems/${id}`, { method: 'PATCH', body: { ...body, active, version } })
        : api<ItSystem>('/api/systems', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.systems }),
  });
}

// ---- import ----

export function useImportOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api<ImportResult>('/api/org/import', { method: 'POST', body });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.departments });
      return queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });
}
