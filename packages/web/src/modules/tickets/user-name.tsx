import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { User } from '../../app/api-types';
import { useAuth } from '../../app/auth';
import { queryKeys } from '../../app/query-keys';

/** A person picked in a form field, by name for readers who may read users (else by id). */
export function UserName({ id }: { id: number }) {
  const { can } = useAuth();
  // The same cache entry as the user pages.
  const user = useQuery({
    queryKey: queryKeys.user(id),
    queryFn: () => api<User>(`/api/users/${id}`),
    enabled: can('org.user.read'),
  });
  return <>{user.data?.displayName ?? `#${id}`}</>;
}
