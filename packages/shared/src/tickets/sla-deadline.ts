import {
  DEFAULT_BUSINESS_CALENDAR,
  addWorkingMs,
  workingMinutesPerDay,
  workingMsBetween,
  type BusinessCalendar,
  type Instant,
} from '../calendar/business-calendar';
import type { SlaClock, SlaLimit } from './sla-policy';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export const SLA_STATES = ['ok', 'warning', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];
// Countdown colours: orange from the warning share, red once breached.
export const SLA_STATE_COLORS: Record<SlaState, string> = { ok: 'green', warning: 'orange', breached: 'red' };
export const DEFAULT_SLA_WARN_SHARE = 0.8;

/** Time the clock stood still, e.g. while the ticket was pending_customer; `to` null = still paused. */
export interface PauseInterval {
  from: Instant;
  to?: Instant | null;
}

export interface StageClockInput {
  start: Instant;
  limit: SlaLimit;
  pauses?: readonly PauseInterval[];
  calendar?: BusinessCalendar;
  // Needed only while a pause is open: the deadline is then worked out as if the clock restarted now.
  now?: Instant;
}

const ms = (d: Instant): number => (typeof d === 'number' ? d : d.getTime());

/** A limit's budget in its own clock's time: wall ms for 24×7, working ms for the business clock. */
export function limitBudgetMs(limit: SlaLimit, cal: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR): number {
  switch (limit.unit) {
    case 'minutes':
      return limit.amount * MINUTE_MS;
    case 'hours':
      return limit.amount * HOUR_MS;
    case 'working_days':
      return limit.amount * workingMinutesPerDay(cal) * MINUTE_MS;
  }
}

function clockBetween(clock: SlaClock, from: number, to: number, cal: BusinessCalendar): number {
  if (to <= from) return 0;
  return clock === '24x7' ? to - from : workingMsBetween(from, to, cal);
}

function clockAdd(clock: SlaClock, from: number, amount: number, cal: BusinessCalendar): number {
  return clock === '24x7' ? from + amount : addWorkingMs(from, amount, cal).getTime();
}

// Sorted, merged pauses after the start; an open pause ends at `now`.
function normalizePauses(pauses: readonly PauseInterval[], start: number, now: number | undefined): [number, number][] {
  const list: [number, number][] = [];
  for (const p of pauses) {
    if (p.to == null && now === undefined) throw new RangeError('`now` is required while a pause is still open');
    const to = p.to == null ? (now as number) : ms(p.to);
    const from = Math.max(ms(p.from), start);
    if (to > from) list.push([from, to]);
  }
  list.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of list) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/**
 * The clock spends its budget only while running: pauses push the deadline out by the paused time
 * (paused working time for the business clock), and a pause after the budget ran out changes nothing.
 */
export function computeStageDeadline(input: StageClockInput): Date {
  const cal = input.calendar ?? DEFAULT_BUSINESS_CALENDAR;
  const { clock } = input.limit;
  const start = ms(input.start);
  const pauses = normalizePauses(input.pauses ?? [], start, input.now === undefined ? undefined : ms(input.now));
  let remaining = limitBudgetMs(input.limit, cal);
  let cursor = start;
  for (const [from, to] of pauses) {
    const run = clockBetween(clock, cursor, from, cal);
    if (remaining <= run) return new Date(clockAdd(clock, cursor, remaining, cal));
    remaining -= run;
    cursor = Math.max(cursor, to);
  }
  return new Date(clockAdd(clock, cursor, remaining, cal));
}

/** Deadline of a limit started at `start`, without pauses. 24×7 limits ignore the calendar. */
export function computeDeadline(
  start: Instant,
  limit: SlaLimit,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): Date {
  return computeStageDeadline({ start, limit, calendar });
}

export interface RecomputeInput extends StageClockInput {
  previousDeadline: Instant;
  now: Instant;
}

export interface RecomputeResult {
  deadline: Date;
  breached: boolean;
  // True when the old deadline had already passed and was kept.
  kept: boolean;
}

/**
 * After a priority or customer-level change: the stage keeps its original start, so time already
 * spent still counts (new deadline = start + new limit + pauses). A breach stays a breach: once the
 * old deadline has passed it is kept, and a stricter limit already exceeded gives a past deadline
 * rather than a fresh allowance from now.
 */
export function recomputeDeadline(input: RecomputeInput): RecomputeResult {
  const now = ms(input.now);
  const previous = ms(input.previousDeadline);
  if (now > previous) return { deadline: new Date(previous), breached: true, kept: true };
  const deadline = computeStageDeadline(input);
  return { deadline, breached: now > deadline.getTime(), kept: false };
}

export interface SlaStateResult {
  state: SlaState;
  remainingMs: number; // negative once breached
  elapsedShare: number;
}

/** Wall-clock view for a countdown: warning from `warnShare` of the start→deadline span, breached after it. */
export function slaState(
  now: Instant,
  start: Instant,
  deadline: Instant,
  warnShare: number = DEFAULT_SLA_WARN_SHARE,
): SlaStateResult {
  const n = ms(now);
  const s = ms(start);
  const d = ms(deadline);
  const remainingMs = d - n;
  const total = d - s;
  const elapsedShare = total > 0 ? Math.max(0, (n - s) / total) : 1;
  // Meeting the deadline to the millisecond is still on time.
  const state: SlaState = remainingMs < 0 ? 'breached' : elapsedShare >= warnShare ? 'warning' : 'ok';
  return { state, remainingMs, elapsedShare };
}

export interface StageClockStatus extends SlaStateResult {
  deadline: Date;
  paused: boolean;
  budgetMs: number;
  consumedMs: number; // clock time used so far, pauses excluded
}

/** Like slaState, but the share is measured on the stage's own clock with pauses taken out. */
export function stageClockStatus(input: StageClockInput & { now: Instant; warnShare?: number }): StageClockStatus {
  const cal = input.calendar ?? DEFAULT_BUSINESS_CALENDAR;
  const { clock } = input.limit;
  const now = ms(input.now);
  const start = ms(input.start);
  const deadline = computeStageDeadline(input);
  const budgetMs = limitBudgetMs(input.limit, cal);
  let consumedMs = 0;
  let cursor = start;
  for (const [from, to] of normalizePauses(input.pauses ?? [], start, now)) {
    consumedMs += clockBetween(clock, cursor, Math.min(from, now), cal);
    cursor = Math.max(cursor, to);
  }
  consumedMs += clockBetween(clock, cursor, now, cal);
  const paused = (input.pauses ?? []).some((p) => p.to == null && ms(p.from) <= now);
  const remainingMs = deadline.getTime() - now;
  const elapsedShare = budgetMs > 0 ? consumedMs / budgetMs : 1;
  const warnShare = input.warnShare ?? DEFAULT_SLA_WARN_SHARE;
  const state: SlaState = remainingMs < 0 ? 'breached' : elapsedShare >= warnShare ? 'warning' : 'ok';
  return { state, remainingMs, elapsedShare, deadline, paused, budgetMs, consumedMs };
}
