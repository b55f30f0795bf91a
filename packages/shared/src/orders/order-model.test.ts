import { describe, expect, it } from 'vitest';
import {
  cancelDecision,
  deriveStage,
  formatOrderNumber,
  sequencePeriod,
  validateOrderNumberFormat,
} from './order-model';

describe('order numbers', () => {
  const at = new Date('2026-12-01T17:30:00Z'); // 2026-12-02 01:30 in Shanghai
  it('fill the configured format in China time', () => {
    expect(formatOrderNumber('SO{yyyyMMdd}{seq:6}', at, 42)).toBe('SO20261202000042');
    expect(formatOrderNumber('SH-{yy}{MM}-{seq:4}', at, 7)).toBe('SH-2612-0007');
  });
  it('restart the sequence per day, month, year or never, as the format says', () => {
    expect(sequencePeriod('SO{yyyyMMdd}{seq:6}', at)).toBe('2026-12-02');
    expect(sequencePeriod('SO{yyyy}{MM}{seq:6}', at)).toBe('2026-12');
    expect(sequencePeriod('SO{yy}{seq:8}', at)).toBe('2026');
    expect(sequencePeriod('SO{seq:9}', at)).toBe('all');
  });
  it('validate formats', () => {
    expect(validateOrderNumberFormat('SO{yyyyMMdd}{seq:6}')).toBeNull();
    expect(validateOrderNumberFormat('SO{yyyyMMdd}')).not.toBeNull();
    expect(validateOrderNumberFormat('SO{seq:2}')).not.toBeNull();
    expect(validateOrderNumberFormat('SO {seq:6}')).not.toBeNull();
    expect(validateOrderNumberFormat('{seq:6}{seq:6}')).not.toBeNull();
  });
});

describe('stages follow the work orders', () => {
  const wo = (
    task: 'review' | 'resource' | 'install' | 'billing',
    state: 'waiting' | 'ready' | 'done' | 'cancelled',
  ) => ({
    task,
    state,
  });
  it('is the first stage with unfinished work', () => {
    expect(
      deriveStage([
        wo('review', 'ready'),
        wo('resource', 'waiting'),
        wo('install', 'waiting'),
        wo('billing', 'waiting'),
      ]),
    ).toBe('accepted');
    expect(
      deriveStage([wo('review', 'done'), wo('resource', 'done'), wo('resource', 'ready'), wo('install', 'waiting')]),
    ).toBe('resourcing');
    expect(
      deriveStage([wo('review', 'done'), wo('resource', 'done'), wo('install', 'done'), wo('billing', 'ready')]),
    ).toBe('completed');
    expect(
      deriveStage([wo('review', 'done'), wo('resource', 'done'), wo('install', 'done'), wo('billing', 'done')]),
    ).toBe('billing_started');
  });
});

describe('cancellation (002 §6.3.2)', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  it('is refused after construction sign-off and for closed orders', () => {
    expect(
      cancelDecision({ state: 'in_progress', stage: 'completed', contractMonths: 0, contractEndsAt: null, now }),
    ).toBe('refused_signed_off');
    expect(
      cancelDecision({ state: 'cancelled', stage: 'accepted', contractMonths: 0, contractEndsAt: null, now }),
    ).toBe('refused_closed');
  });
  it('needs approval within a contract term, not without one or after it ended', () => {
    expect(
      cancelDecision({ state: 'in_progress', stage: 'installing', contractMonths: 12, contractEndsAt: null, now }),
    ).toBe('approval');
    expect(
      cancelDecision({ state: 'acknowledged', stage: 'accepted', contractMonths: 0, contractEndsAt: null, now }),
    ).toBe('direct');
    expect(
      cancelDecision({
        state: 'held',
        stage: 'resourcing',
        contractMonths: 12,
        contractEndsAt: new Date('2026-01-01'),
        now,
      }),
    ).toBe('direct');
  });
});
