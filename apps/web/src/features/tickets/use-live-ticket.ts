import { useCallback } from 'react';
import { useTicket } from './ticket.api';
import { useTicketChanged } from './ticket-live';

/** The ticket behind `:id`, refreshed whenever the server says it changed. */
export function useLiveTicket(id: number | null) {
  const q = useTicket(id);
  const { refetch } = q;
  useTicketChanged(
    useCallback(
      (changed: number | null) => {
        if (changed === null || changed === id) void refetch();
      },
      [id, refetch],
    ),
  );
  return q;
}
