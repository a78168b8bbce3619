import type { Locale } from '@shuyun/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { CreatedToken, Items, Me, Ok, TokenView } from '../../app/api-types';
import { ME_KEY, useAuth } from '../../app/auth';
import { queryKeys } from '../../app/query-keys';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** Changes the signed-in user's password, then reloads `Me` (which clears mustChangePassword). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => api<Ok>('/api/auth/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

export interface ProfileChange {
  locale?: Locale;
  phone?: string | null;
}

export function useUpdateProfile() {
  const { setMe } = useAuth();
  return useMutation({
    mutationFn: (body: ProfileChange) => api<Me>('/api/auth/profile', { method: 'PATCH', body }),
    onSuccess: (me) => setMe(me),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: () => api<Items<TokenView>>('/api/auth/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresAt: string | null }) => api<CreatedToken>('/api/auth/tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Ok>(`/api/auth/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

/** Which password field a password error belongs to. */
export function passwordErrorField(code: string): keyof PasswordChange | null {
  if (code === 'wrongPassword') return 'currentPassword';
  if (code === 'passwordPolicy' || code === 'passwordReuse') return 'newPassword';
  return null;
}
