import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { MONITOR_MAX_DAYS } from '@paidan/shared';
import { clampPeriod, dayDisabled, periodDays } from './monitor-range';

const d = (s: string) => dayjs(s);

describe('monitor period', () => {
  const today = d('2026-12-03');

  it('counts both ends, as the server does', () => {
    expect(periodDays([d('2026-12-01'), d('2026-12-01')])).toBe(1);
    expect(periodDays([d('2025-12-03'), d('2026-12-03')])).toBe(366);
  });

  it('offers no future day and nothing too far from the end already picked', () => {
    expect(dayDisabled(d('2026-12-04'), today)).toBe(true);
    expect(dayDisabled(d('2024-01-01'), today)).toBe(false);
    expect(dayDisabled(d('2025-12-03'), today, today)).toBe(false);
    expect(dayDisabled(d('2025-12-02'), today, today)).toBe(true);
    expect(dayDisabled(d('2026-12-01'), today, d('2025-12-01'))).toBe(false);
    expect(dayDisabled(d('2026-12-02'), today, d('2025-12-01'))).toBe(true);
  });

  it('shortens a typed-in period the server would refuse, keeping its end', () => {
    const [from, to] = clampPeriod([d('2024-01-01'), d('2026-12-01')]);
    expect(to.format('YYYY-MM-DD')).toBe('2026-12-01');
    expect(periodDays([from, to])).toBe(MONITOR_MAX_DAYS);
    const ok: [dayjs.Dayjs, dayjs.Dayjs] = [d('2026-11-01'), d('2026-12-01')];
    expect(clampPeriod(ok)).toEqual(ok);
  });
});
