import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { isCustomerRole, type Me, type Permission } from '@paidan/shared';
import { api, ApiError, setCsrfToken } from '../api/client';

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/** The signed-in user; only for components rendered under RequireAuth. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe outside RequireAuth');
  return data;
}

export function useCan(): (perm: Permission) => boolean {
  const { data } = useMeQuery();
  return useCallback((perm: Permission) => !!data?.permissions.includes(perm), [data]);
}

export const isCustomer = (me: Me) => isCustomerRole(me.role);
/** Roles whose day happens on a phone: bottom tab bar at phone width. */
export const isPhoneFirst = (me: Me) => isCustomerRole(me.role) || me.role === 'technician';

export function useSignedOut() {
  const qc = useQueryClient();
  return useCallback(() => {
    setCsrfToken(null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(ME_KEY, null);
  }, [qc]);
}
