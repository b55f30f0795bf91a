import { useEffect, useRef } from 'react';

// The one SSE stream (use-notification-stream) re-broadcasts `opportunity.changed` as a window event.
export const OPP_CHANGED_EVENT = 'paidan:opportunity.changed';

export interface OppChange {
  id: number | null;
  status?: string;
  pool?: boolean;
}

export function emitOpportunityChanged(c: OppChange): void {
  window.dispatchEvent(new CustomEvent<OppChange>(OPP_CHANGED_EVENT, { detail: c }));
}

/** Calls `onChange` for every opportunity change this user is told of (pool arrivals and claims included). */
export function useOpportunityChanged(onChange: (c: OppChange) => void): void {
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  }, [onChange]);
  useEffect(() => {
    const listener = (ev: Event) => handler.current((ev as CustomEvent<OppChange>).detail ?? { id: null });
    window.addEventListener(OPP_CHANGED_EVENT, listener);
    return () => window.removeEventListener(OPP_CHANGED_EVENT, listener);
  }, []);
}
