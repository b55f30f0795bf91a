import { useMemo, useRef } from 'react';

/**
 * A key for one thing the user means to create (an `Idempotency-Key`): sent again with every retry of that submission,
 * so the server creates it once. Random from `crypto.getRandomValues`, which pages served over plain http have too.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The key of one thing a form creates: the same through every try until one succeeds (a retry after a lost answer
 * then finds what the first try created), a new one after that.
 */
export function useRequestKey() {
  const key = useRef<string | null>(null);
  return useMemo(
    () => ({
      headers: () => ({ 'idempotency-key': (key.current ??= newRequestKey()) }),
      created: () => {
        key.current = null;
      },
    }),
    [],
  );
}
