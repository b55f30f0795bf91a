import type { Dayjs } from 'dayjs';
import { MONITOR_MAX_DAYS } from '@paidan/shared';

export type Period = [Dayjs, Dayjs];

/** Days a period covers, both ends included (as the server counts them). */
export const periodDays = ([from, to]: Period) => to.startOf('day').diff(from.startOf('day'), 'day') + 1;

/**
 * Whether a day cannot be picked: after today, or, once one end is chosen, too far from it for the longest period
 * the server reports on.
 */
export function dayDisabled(day: Dayjs, today: Dayjs, picked?: Dayjs | null): boolean {
  if (day.isAfter(today, 'day')) return true;
  if (!picked) return false;
  const [a, b] = day.isBefore(picked) ? [day, picked] : [picked, day];
  return periodDays([a, b]) > MONITOR_MAX_DAYS;
}

/** A typed-in period longer than the server takes keeps its end and starts as late as needed. */
export function clampPeriod([from, to]: Period): Period {
  return periodDays([from, to]) > MONITOR_MAX_DAYS ? [to.subtract(MONITOR_MAX_DAYS - 1, 'day'), to] : [from, to];
}
