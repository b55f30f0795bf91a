import { useCallback, useEffect, useRef } from 'react';

/**
 * A function that runs `fn` once, `ms` after the first of a burst of calls; the calls in between join that run.
 * Live screens use it so that a burst of change notices (a rush of claims, a batch of orders) ends in one reload.
 */
export function useCoalesced(fn: () => unknown, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  }, [fn]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void latest.current();
    }, ms);
  }, [ms]);
}
