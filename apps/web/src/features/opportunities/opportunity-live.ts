import { useEffect, useRef } from 'react';

// The one SSE stream (use-notification-stream) re-broadcasts `opportunity.changed` as a window event.
export const OPP_CHANGED_EVENT = 'paidan:opportunity.changed';

/** One item (`id`), several told together (`ids`, with `id` null), or `id` null alone: reload everything. */
export interface OppChange {
  id: number | null;
  ids?: number[];
  status?: string;
  pool?: boolean;
}

/** Whether a change concerns this item (a reload-everything change concerns every item). */
export function concerns(c: OppChange, id: number): boolean {
  return c.id === id || (c.ids ? c.ids.includes(id) : c.id === null);
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
