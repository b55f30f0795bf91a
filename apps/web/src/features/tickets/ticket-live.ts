import { useEffect, useRef } from 'react';

// The one SSE stream (use-notification-stream) re-broadcasts `ticket.changed` as a window event, so ticket
// screens refresh live without opening streams of their own (the server caps streams per user).
export const TICKET_CHANGED_EVENT = 'paidan:ticket.changed';

/** id of the changed ticket, or null when events may have been missed (stream reconnected). */
export function emitTicketChanged(id: number | null): void {
  window.dispatchEvent(new CustomEvent<number | null>(TICKET_CHANGED_EVENT, { detail: id }));
}

/** Calls `onChange` for every change, at most once per `debounceMs` (bursts collapse into one refresh). */
export function useTicketChanged(onChange: (id: number | null) => void, debounceMs = 0): void {
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  }, [onChange]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: number | null | undefined;
    const listener = (ev: Event) => {
      const id = (ev as CustomEvent<number | null>).detail ?? null;
      if (!debounceMs) {
        handler.current(id);
        return;
      }
      // several tickets in one burst: refresh everything once
      pending = pending === undefined || pending === id ? id : null;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const v = pending ?? null;
        pending = undefined;
        handler.current(v);
      }, debounceMs);
    };
    window.addEventListener(TICKET_CHANGED_EVENT, listener);
    return () => {
      window.removeEventListener(TICKET_CHANGED_EVENT, listener);
      if (timer) clearTimeout(timer);
    };
  }, [debounceMs]);
}
