import { describe, expect, it } from 'vitest';
import { NOTIFY_PAYLOAD_LIMIT, splitForNotify, type BusEvent } from './event-bus';

const bytes = (e: BusEvent) => Buffer.byteLength(JSON.stringify(e));

describe('splitForNotify', () => {
  it('leaves an event that fits one NOTIFY whole', () => {
    const e: BusEvent = { topic: 'opportunity.changed', userIds: [1, 2, 3], data: { id: 7, status: 'claimed' } };
    expect(splitForNotify(e)).toEqual([e]);
  });

  it('splits an event addressed to thousands of users into payloads that each fit, to the same users', () => {
    const userIds = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 1_000_000 + i : 7 + i));
    const e: BusEvent = { topic: 'opportunity.changed', userIds, data: { id: 7, status: 'claimed', pool: true } };
    expect(bytes(e)).toBeGreaterThan(8000);
    const parts = splitForNotify(e);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(bytes(p)).toBeLessThan(NOTIFY_PAYLOAD_LIMIT);
      expect(p.topic).toBe(e.topic);
      expect(p.data).toEqual(e.data);
    }
    expect(parts.flatMap((p) => p.userIds)).toEqual(userIds);
  });

  it('leaves a topic-wide event whole, whatever its size (PostgreSQL then names the problem)', () => {
    const e: BusEvent = { topic: 'x', data: { blob: 'a'.repeat(9000) } };
    expect(splitForNotify(e)).toEqual([e]);
  });
});
