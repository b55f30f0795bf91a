import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { NOTIF_KEY, type AppNotification } from './notification.api';
import { emitTicketChanged } from '../tickets/ticket-live';
import { emitOpportunityChanged, type OppChange } from '../opportunities/opportunity-live';
import { emitOrderChanged } from '../orders/order.api';

const MIN_DELAY = 1_000;
const MAX_DELAY = 60_000;

/**
 * Listens to /api/events (Server-Sent Events) for `notification` events while signed in.
 * Reconnects with exponential back-off; after a reconnect the lists are refetched, as events may have been missed.
 */
export function useNotificationStream(enabled: boolean, onNotification: (n: AppNotification) => void) {
  const qc = useQueryClient();
  const handler = useRef(onNotification);
  useEffect(() => {
    handler.current = onNotification;
  }, [onNotification]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = MIN_DELAY;
    let stopped = false;
    let connectedBefore = false;

    const connect = () => {
      if (stopped) return;
      es = new EventSource('/api/events', { withCredentials: true });
      es.onopen = () => {
        delay = MIN_DELAY;
        if (connectedBefore) {
          void qc.invalidateQueries({ queryKey: NOTIF_KEY });
          emitTicketChanged(null);
          emitOpportunityChanged({ id: null });
        }
        connectedBefore = true;
      };
      es.addEventListener('notification', (ev: MessageEvent<string>) => {
        void qc.invalidateQueries({ queryKey: NOTIF_KEY });
        try {
          handler.current(JSON.parse(ev.data) as AppNotification);
        } catch {
          // a malformed event still refreshed the lists
        }
      });
      // ticket screens listen for this on the window (ticket-live.ts)
      es.addEventListener('ticket.changed', (ev: MessageEvent<string>) => {
        let id: number | null = null;
        try {
          const d = JSON.parse(ev.data) as { id?: unknown };
          if (typeof d.id === 'number') id = d.id;
        } catch {
          // refresh everything
        }
        emitTicketChanged(id);
      });
      // opportunity screens listen for this on the window (opportunity-live.ts)
      es.addEventListener('opportunity.changed', (ev: MessageEvent<string>) => {
        let c: OppChange = { id: null };
        try {
          c = JSON.parse(ev.data) as OppChange;
        } catch {
          // refresh everything
        }
        emitOpportunityChanged(c);
      });
      // order screens listen for this on the window (order.api.ts)
      es.addEventListener('order.changed', (ev: MessageEvent<string>) => {
        let id: number | null = null;
        try {
          const d = JSON.parse(ev.data) as { id?: unknown };
          if (typeof d.id === 'number') id = d.id;
        } catch {
          // refresh everything
        }
        emitOrderChanged(id);
      });
      es.onerror = () => {
        es?.close();
        es = null;
        if (stopped) return;
        const wait = delay + Math.floor(Math.random() * 500);
        delay = Math.min(delay * 2, MAX_DELAY);
        timer = setTimeout(connect, wait);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      es?.close();
    };
  }, [enabled, qc]);
}
