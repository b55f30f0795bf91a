import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@paidan/shared';
import { api, ApiError, type Page } from '../../api/client';
import { useCan } from '../../auth/session';

export type AppNotification = Notification;

export const NOTIF_KEY = ['notifications'] as const;

const isMissing = (err: unknown) => err instanceof ApiError && err.isMissingRoute;

export function useUnreadCount() {
  const can = useCan();
  return useQuery({
    queryKey: [...NOTIF_KEY, 'unread-count'],
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
    enabled: can('notification.read'),
    // Live updates come over SSE; the poll only repairs a missed event. A server without the endpoint is not polled.
    refetchInterval: (q) => (isMissing(q.state.error) ? false : 60_000),
    staleTime: 10_000,
  });
}

export function useNotificationList(params: { page: number; pageSize: number; unread?: boolean }, enabled = true) {
  return useQuery({
    queryKey: [...NOTIF_KEY, 'list', params],
    queryFn: () =>
      api.get<Page<AppNotification>>('/notifications', {
        page: params.page,
        pageSize: params.pageSize,
        unread: params.unread ? 'true' : undefined,
      }),
    enabled,
    placeholderData: (prev) => prev,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<unknown>(`/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIF_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: NOTIF_KEY }),
  });
}
