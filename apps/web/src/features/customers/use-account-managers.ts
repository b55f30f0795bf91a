import { useQuery } from '@tanstack/react-query';
import type { User } from '@paidan/shared';
import { api, type Page } from '../../api/client';
import { useCan, useMe } from '../../auth/session';

/** Account managers the user may pick: from the user list when readable, otherwise just the user if they are one. */
export function useAccountManagerOptions(enabled = true) {
  const can = useCan();
  const me = useMe();
  const readable = can('user.read');
  const q = useQuery({
    queryKey: ['users', 'account-managers'],
    queryFn: ({ signal }) =>
      api.get<Page<User>>('/users', { role: 'account_manager', status: 'active', page: 1, pageSize: 200 }, signal),
    enabled: enabled && readable,
    staleTime: 5 * 60_000,
  });
  if (readable) {
    return {
      loading: q.isLoading,
      options: (q.data?.items ?? []).map((u) => ({
        value: u.id,
        label: u.orgName ? `${u.displayName} · ${u.orgName}` : u.displayName,
      })),
    };
  }
  return { loading: false, options: me.role === 'account_manager' ? [{ value: me.id, label: me.displayName }] : [] };
}
