import type { TicketDetail } from '@paidan/shared';
import { useTicketSettings } from './ticket.api';
import { clockView, currentClock, useNow } from './ticket-format';
import { SlaCountdown } from './TicketTags';

/** Countdown of the ticket's current stage (staff see clocks; customers get none). */
export function StageCountdown({ ticket }: { ticket: TicketDetail }) {
  const now = useNow();
  const settings = useTicketSettings();
  const c = currentClock(ticket);
  if (!c) return null;
  return (
    <SlaCountdown
      view={clockView(c, now, ticket.status, settings.data?.warnShare ?? 0.8)}
      deadline={c.deadline}
      now={now}
    />
  );
}
