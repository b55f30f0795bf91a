import { describe, expect, it } from 'vitest';
import { nextSlotAfter, slotKey } from './schedule-slot';
import { backoffMs } from './job-backoff';

const t = (s: string) => new Date(`2026-11-22T${s}Z`);

describe('nextSlotAfter', () => {
  it('moves one interval on when the slot was taken on time', () => {
    expect(nextSlotAfter(t('10:00:00'), t('10:00:00.400'), 60)).toEqual(t('10:01:00'));
  });
  it('skips missed slots and stays on the grid', () => {
    expect(nextSlotAfter(t('10:00:00'), t('10:03:30'), 60)).toEqual(t('10:04:00'));
    expect(nextSlotAfter(t('10:00:00'), t('10:04:00'), 60)).toEqual(t('10:05:00'));
  });
  it('never returns a slot at or before the one taken', () => {
    expect(nextSlotAfter(t('10:00:00'), t('09:59:59'), 60)).toEqual(t('10:01:00'));
  });
  it('keys a slot by schedule name and instant', () => {
    expect(slotKey('sla.sweep', t('10:00:00'))).toBe('sla.sweep:2026-11-22T10:00:00.000Z');
  });
});

describe('backoffMs', () => {
  const o = { baseMs: 1000, capMs: 60_000 };
  it('doubles with each attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, o, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('jitters into the upper half of the delay', () => {
    expect(backoffMs(3, o, () => 0)).toBe(2000);
    for (let i = 0; i < 100; i++) {
      const d = backoffMs(3, o);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
  it('is capped, even for absurd attempt counts', () => {
    expect(backoffMs(40, o, () => 1)).toBe(60_000);
    expect(backoffMs(100_000, o, () => 1)).toBe(60_000);
  });
});
