import { useQueries } from '@tanstack/react-query';
import { FINAL_TICKET_STATUSES, type TicketSummary } from '@paidan/shared';
import { fetchTicket, ticketKey, useTicketSettings } from './ticket.api';
import { clockView, currentClock, type ClockView } from './ticket-format';

/**
 * Countdown state of each row's current stage. A list row carries only the deadline, not when the stage
 * started, so the warning share needs the clock from the ticket itself (cached and shared with the detail page).
 * Rows already past their deadline need nothing more: they are red either way.
 */
export function useRowClocks(items: TicketSummary[], now: number): Map<number, ClockView> {
  const settings = useTicketSettings();
  const share = settings.data?.warnShare ?? 0.8;
  const wanted = items.filter(
    (r) => r.stage && r.stageDeadline && !FINAL_TICKET_STATUSES.includes(r.status) && Date.parse(r.stageDeadline) > now,
  );
  const results = useQueries({
    queries: wanted.map((r) => ({
      queryKey: ticketKey(r.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchTicket(r.id, signal),
      staleTime: 60_000,
    })),
  });
  const out = new Map<number, ClockView>();
  wanted.forEach((r, i) => {
    const d = results[i]?.data;
    if (!d) return;
    const c = currentClock({ stage: r.stage, clocks: d.clocks });
    if (c) out.set(r.id, clockView(c, now, r.status, share));
  });
  return out;
}
