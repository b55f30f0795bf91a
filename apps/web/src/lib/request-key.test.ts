import { describe, expect, it } from 'vitest';
import { newRequestKey, requestKeys } from './request-key';

describe('newRequestKey', () => {
  it('makes a fresh 32-character hex key each time, within what the server accepts (8–100)', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newRequestKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('requestKeys', () => {
  it('keeps the key through retries of the same content, and starts a new one for new content or after a success', () => {
    const keys = requestKeys();
    const first = keys.headers({ items: [1], phone: '13916000001' })['idempotency-key'];
    expect(keys.headers({ items: [1], phone: '13916000001' })['idempotency-key']).toBe(first);
    const changed = keys.headers({ items: [1, 2], phone: '13916000001' })['idempotency-key'];
    expect(changed).not.toBe(first);
    keys.created();
    expect(keys.headers({ items: [1, 2], phone: '13916000001' })['idempotency-key']).not.toBe(changed);
  });
});
