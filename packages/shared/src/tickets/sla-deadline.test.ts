import { describe, it, expect } from 'vitest';
import { chinaTime, formatChinaTime } from '../calendar/business-calendar';
import {
  computeDeadline,
  computeStageDeadline,
  limitBudgetMs,
  recomputeDeadline,
  slaState,
  stageClockStatus,
} from './sla-deadline';
import type { SlaLimit } from './sla-policy';

const hours = (amount: number): SlaLimit => ({ amount, unit: 'hours', clock: '24x7' });
const t = chinaTime;
const f = formatChinaTime;
const MIN = 60_000;

describe('computeDeadline', () => {
  it('runs 7×24 limits straight through nights and holidays', () => {
    expect(f(computeDeadline(t('2025-09-30 17:00'), hours(20)))).toBe('2025-10-01 13:00');
    expect(f(computeDeadline(t('2025-10-01 03:00'), { amount: 15, unit: 'minutes', clock: '24x7' }))).toBe(
      '2025-10-01 03:15',
    );
  });

  it('counts business-clock minutes only in working hours', () => {
    const limit: SlaLimit = { amount: 30, unit: 'minutes', clock: 'business' };
    expect(f(computeDeadline(t('2025-11-14 17:20'), limit))).toBe('2025-11-17 08:50');
    expect(f(computeDeadline(t('2025-11-17 11:50'), { amount: 1, unit: 'hours', clock: 'business' }))).toBe(
      '2025-11-17 14:20',
    );
  });

  it('counts working days across 国庆 2025 and 2026', () => {
    const days = (amount: number): SlaLimit => ({ amount, unit: 'working_days', clock: 'business' });
    expect(f(computeDeadline(t('2025-09-30 10:00'), days(3)))).toBe('2025-10-11 10:00');
    expect(f(computeDeadline(t('2026-09-30 10:00'), days(3)))).toBe('2026-10-10 10:00');
    expect(limitBudgetMs(days(1))).toBe(450 * MIN);
  });
});

describe('pauses', () => {
  it('moves a 24×7 deadline out by the paused time', () => {
    const start = t('2025-11-17 10:00');
    expect(f(computeStageDeadline({ start, limit: hours(4) }))).toBe('2025-11-17 14:00');
    const pauses = [{ from: t('2025-11-17 11:00'), to: t('2025-11-17 12:30') }];
    expect(f(computeStageDeadline({ start, limit: hours(4), pauses }))).toBe('2025-11-17 15:30');
  });

  it('merges overlapping pauses, clips pauses before the start and ignores pauses after the deadline', () => {
    const start = t('2025-11-17 10:00');
    const pauses = [
      { from: t('2025-11-17 09:00'), to: t('2025-11-17 10:30') },
      { from: t('2025-11-17 11:00'), to: t('2025-11-17 12:00') },
      { from: t('2025-11-17 11:30'), to: t('2025-11-17 12:30') },
      { from: t('2025-11-17 18:00'), to: t('2025-11-17 23:00') },
    ];
    // 30 min before the start is clipped, 11:00–12:30 counts once, the evening pause comes too late.
    expect(f(computeStageDeadline({ start, limit: hours(4), pauses }))).toBe('2025-11-17 16:00');
  });

  it('moves a business deadline out by the paused working time only', () => {
    const limit: SlaLimit = { amount: 1, unit: 'working_days', clock: 'business' };
    const start = t('2025-11-17 09:00');
    expect(f(computeStageDeadline({ start, limit }))).toBe('2025-11-18 09:00');
    // Paused 11:00–20:00: 300 working minutes, the evening part costs nothing.
    const pauses = [{ from: t('2025-11-17 11:00'), to: t('2025-11-17 20:00') }];
    expect(f(computeStageDeadline({ start, limit, pauses }))).toBe('2025-11-18 15:30');
  });

  it('needs `now` while a pause is open and then assumes the clock restarts now', () => {
    const start = t('2025-11-17 10:00');
    const pauses = [{ from: t('2025-11-17 11:00'), to: null }];
    expect(() => computeStageDeadline({ start, limit: hours(4), pauses })).toThrow(RangeError);
    expect(f(computeStageDeadline({ start, limit: hours(4), pauses, now: t('2025-11-17 13:00') }))).toBe(
      '2025-11-17 16:00',
    );
  });
});

describe('recomputeDeadline', () => {
  it('keeps elapsed time when the limit changes', () => {
    const r = recomputeDeadline({
      start: t('2025-11-17 10:00'),
      limit: hours(20),
      previousDeadline: t('2025-11-18 10:00'),
      now: t('2025-11-17 14:00'),
    });
    // start + 20 h, not now + 20 h
    expect(f(r.deadline)).toBe('2025-11-18 06:00');
    expect(r).toMatchObject({ breached: false, kept: false });
  });

  it('keeps pauses when the limit changes', () => {
    const r = recomputeDeadline({
      start: t('2025-11-17 10:00'),
      limit: hours(20),
      pauses: [{ from: t('2025-11-17 11:00'), to: t('2025-11-17 13:00') }],
      previousDeadline: t('2025-11-18 12:00'),
      now: t('2025-11-17 14:00'),
    });
    expect(f(r.deadline)).toBe('2025-11-18 08:00');
  });

  it('reports an immediate breach when a stricter limit is already exceeded', () => {
    const r = recomputeDeadline({
      start: t('2025-11-17 10:00'),
      limit: hours(2),
      previousDeadline: t('2025-11-17 14:00'),
      now: t('2025-11-17 13:00'),
    });
    expect(f(r.deadline)).toBe('2025-11-17 12:00');
    expect(r).toMatchObject({ breached: true, kept: false });
  });

  it('never turns a breach back into time left', () => {
    const r = recomputeDeadline({
      start: t('2025-11-17 10:00'),
      limit: hours(48),
      previousDeadline: t('2025-11-17 14:00'),
      now: t('2025-11-17 15:00'),
    });
    expect(f(r.deadline)).toBe('2025-11-17 14:00');
    expect(r).toMatchObject({ breached: true, kept: true });
  });
});

describe('slaState', () => {
  const start = t('2025-11-17 10:00');
  const deadline = t('2025-11-17 11:40'); // 100 minutes
  const after = (m: number) => new Date(start.getTime() + m * MIN);

  it('turns to warning at 80 % and breached after the deadline', () => {
    expect(slaState(after(79), start, deadline)).toMatchObject({ state: 'ok', remainingMs: 21 * MIN });
    expect(slaState(after(80), start, deadline).state).toBe('warning');
    expect(slaState(after(100), start, deadline)).toMatchObject({ state: 'warning', remainingMs: 0 });
    expect(slaState(after(101), start, deadline)).toMatchObject({ state: 'breached', remainingMs: -MIN });
  });

  it('honours another warning share', () => {
    expect(slaState(after(50), start, deadline, 0.5).state).toBe('warning');
    expect(slaState(after(49), start, deadline, 0.5).state).toBe('ok');
  });
});

describe('stageClockStatus', () => {
  it('measures the share on the stage clock with pauses taken out', () => {
    const start = t('2025-11-17 10:00');
    const pauses = [{ from: t('2025-11-17 11:00'), to: null }];
    const s = stageClockStatus({ start, limit: hours(4), pauses, now: t('2025-11-17 15:00') });
    expect(s.paused).toBe(true);
    expect(s.consumedMs).toBe(60 * MIN);
    expect(s.elapsedShare).toBe(0.25);
    expect(s.state).toBe('ok');
    expect(f(s.deadline)).toBe('2025-11-17 18:00');
  });

  it('warns at 80 % of working time on a business clock', () => {
    const limit: SlaLimit = { amount: 1, unit: 'working_days', clock: 'business' };
    const start = t('2025-11-17 08:30');
    expect(stageClockStatus({ start, limit, now: t('2025-11-17 15:00') }).state).toBe('ok'); // 300/450
    expect(stageClockStatus({ start, limit, now: t('2025-11-17 16:30') }).state).toBe('warning'); // 390/450
    expect(stageClockStatus({ start, limit, now: t('2025-11-17 17:31') }).state).toBe('breached');
  });
});
