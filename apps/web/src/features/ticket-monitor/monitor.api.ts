import { useQuery } from '@tanstack/react-query';
import type { TicketMonitorByOrg, TicketMonitorByPerson, TicketMonitorSummary } from '@paidan/shared';
import { api, buildQuery } from '../../api/client';

export interface MonitorQuery {
  orgId?: number;
  from?: string;
  to?: string;
}

export const MONITOR_KEY = ['ticket-monitor'] as const;

function useMonitor<T>(part: string, q: MonitorQuery) {
  return useQuery({
    queryKey: [...MONITOR_KEY, part, q],
    queryFn: ({ signal }) => api.get<T>(`/ticket-monitor/${part}`, { ...q }, signal),
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

export const useMonitorSummary = (q: MonitorQuery) => useMonitor<TicketMonitorSummary>('summary', q);
export const useMonitorByOrg = (q: MonitorQuery) => useMonitor<TicketMonitorByOrg>('by-org', q);
export const useMonitorByPerson = (q: MonitorQuery) => useMonitor<TicketMonitorByPerson>('by-person', q);

/** The Excel export is a plain download: the session cookie rides along. */
export const exportUrl = (q: MonitorQuery) => `/api/ticket-monitor/export.xlsx${buildQuery({ ...q })}`;
