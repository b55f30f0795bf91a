import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessCalendar, RoutingRule, RoutingRuleInput, SlaPolicy, TicketSettings } from '@paidan/shared';
import { api } from '../../api/client';

export const CONFIG_KEY = ['ticket-config'] as const;

export function usePolicies() {
  return useQuery({
    queryKey: [...CONFIG_KEY, 'policies'],
    queryFn: ({ signal }) => api.get<SlaPolicy[]>('/ticket-config/sla-policies', undefined, signal),
  });
}

export function useCalendar() {
  return useQuery({
    queryKey: [...CONFIG_KEY, 'calendar'],
    queryFn: ({ signal }) => api.get<BusinessCalendar>('/ticket-config/calendar', undefined, signal),
  });
}

/** Same key as the queue's settings query, so a save shows at once on the countdowns. */
export function useSettings() {
  return useQuery({
    queryKey: [...CONFIG_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<TicketSettings>('/ticket-config/settings', undefined, signal),
  });
}

export function useRules() {
  return useQuery({
    queryKey: [...CONFIG_KEY, 'rules'],
    queryFn: ({ signal }) => api.get<RoutingRule[]>('/ticket-config/routing-rules', undefined, signal),
  });
}

function useSave<TBody, TResult>(part: string, fn: (b: TBody) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { manualError: true },
    onSuccess: (data) => {
      qc.setQueryData([...CONFIG_KEY, part], data);
    },
  });
}

export const useSavePolicies = () =>
  useSave('policies', (policies: SlaPolicy[]) => api.put<SlaPolicy[]>('/ticket-config/sla-policies', { policies }));
export const useSaveCalendar = () =>
  useSave('calendar', (c: BusinessCalendar) => api.put<BusinessCalendar>('/ticket-config/calendar', c));
export const useSaveSettings = () =>
  useSave('settings', (s: TicketSettings) => api.put<TicketSettings>('/ticket-config/settings', s));

export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number | null; version?: number; input: RoutingRuleInput }) =>
      v.id === null
        ? api.post<RoutingRule>('/ticket-config/routing-rules', v.input)
        : api.put<RoutingRule>(`/ticket-config/routing-rules/${v.id}`, { ...v.input, version: v.version }),
    meta: { manualError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...CONFIG_KEY, 'rules'] }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del<{ ok: true }>(`/ticket-config/routing-rules/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...CONFIG_KEY, 'rules'] }),
  });
}
