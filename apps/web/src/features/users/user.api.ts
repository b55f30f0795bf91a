import { useQuery } from '@tanstack/react-query';
import type { Role, User } from '@paidan/shared';
import { api, type Page } from '../../api/client';

export interface UserFilters {
  q?: string;
  role?: Role;
  orgId?: number;
  status?: User['status'];
}

export const USERS_KEY = ['users'] as const;

export function useUserList(params: UserFilters & { page: number; pageSize: number }, nonce = 0) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', params, nonce],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { ...params }, signal),
    placeholderData: (prev) => prev,
  });
}

export const fetchUser = (id: number) => api.get<User>(`/users/${id}`);
