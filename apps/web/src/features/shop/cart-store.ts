import { useSyncExternalStore } from 'react';
import type { Me } from '@paidan/shared';
import { queryClient } from '../../api/query-client';
import { ME_KEY } from '../../auth/session';

// The cart lives in the browser until the order is placed; the server prices it again on every view and at checkout.

export interface CartLine {
  key: string;
  offerId: number;
  productId: number;
  productName: string;
  offerName: string;
  specs: Record<string, string>;
  specText: string;
  quantity: number;
}

const KEY = 'paidan.cart.v1';
const REF_KEY = 'paidan.promoRef';
const listeners = new Set<() => void>();
let cache: { owner: string; lines: CartLine[] } | null = null;

/** Each user's cart apart: whoever signs in next on this browser starts with their own. */
function owner(): string {
  return String(queryClient.getQueryData<Me | null>(ME_KEY)?.id ?? 'guest');
}

function read(): CartLine[] {
  const who = owner();
  if (cache?.owner === who) return cache.lines;
  let lines: CartLine[];
  try {
    lines = JSON.parse(localStorage.getItem(`${KEY}.${who}`) ?? '[]') as CartLine[];
  } catch {
    lines = [];
  }
  cache = { owner: who, lines };
  return lines;
}
function write(lines: CartLine[]) {
  const who = owner();
  cache = { owner: who, lines };
  localStorage.setItem(`${KEY}.${who}`, JSON.stringify(lines));
  listeners.forEach((l) => l());
}

export const cart = {
  lines: read,
  add(line: Omit<CartLine, 'key'>) {
    const key = `${line.offerId}:${JSON.stringify(line.specs)}`;
    const cur = read();
    const same = cur.find((l) => l.key === key);
    write(
      same
        ? cur.map((l) => (l.key === key ? { ...l, quantity: Math.min(99, l.quantity + line.quantity) } : l))
        : [...cur, { ...line, key }],
    );
  },
  setQuantity(key: string, quantity: number) {
    write(read().map((l) => (l.key === key ? { ...l, quantity } : l)));
  },
  remove(key: string) {
    write(read().filter((l) => l.key !== key));
  },
  clear() {
    write([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    read,
    read,
  );
}

/** The promotion reference of the manager's QR code link the customer came through (kept for this visit). */
export const promoRef = {
  get: () => sessionStorage.getItem(REF_KEY),
  set: (ref: string) => sessionStorage.setItem(REF_KEY, ref),
  clear: () => sessionStorage.removeItem(REF_KEY),
};
