import { useSyncExternalStore } from 'react';

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
let cache: CartLine[] | null = null;

function read(): CartLine[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(localStorage.getItem(KEY) ?? '[]') as CartLine[];
  } catch {
    cache = [];
  }
  return cache;
}
function write(lines: CartLine[]) {
  cache = lines;
  localStorage.setItem(KEY, JSON.stringify(lines));
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
