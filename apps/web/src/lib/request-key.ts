import { useState } from 'react';

/**
 * A key for one thing the user means to create (an `Idempotency-Key`): sent again with every retry of that submission,
 * so the server creates it once. Random from `crypto.getRandomValues`, which pages served over plain http have too.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The keys of what one form creates: the same for every try with the same content until one succeeds (a retry after
 * a lost answer then finds what the first try created); a new one when the content changes or after a success.
 */
export function requestKeys() {
  let last: { body: string; key: string } | null = null;
  return {
    headers(body: unknown): { 'idempotency-key': string } {
      const b = JSON.stringify(body);
      if (last?.body !== b) last = { body: b, key: newRequestKey() };
      return { 'idempotency-key': last.key };
    },
    created(): void {
      last = null;
    },
  };
}

export function useRequestKey() {
  return useState(requestKeys)[0];
}
