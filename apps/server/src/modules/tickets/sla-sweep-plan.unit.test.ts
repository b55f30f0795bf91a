import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_SETTINGS } from '@paidan/shared';
import { planSweep, type SweepClock } from './sla-sweep-plan';

const T0 = new Date('2026-11-20T02:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);
const clock = (over: Partial<SweepClock> = {}): SweepClock => ({
  id: 1,
  ticketId: 1,
  stage: 'accept',
  warnAt: min(24),
  deadline: min(30),
  warnedAt: null,
  escalationLevel: 0,
  paused: false,
  ...over,
});

describe('SLA sweep plan', () => {
  it('does nothing before the warning time', () => {
    expect(planSweep([clock()], DEFAULT_TICKET_SETTINGS, min(10))).toEqual([]);
  });

  it('warns once between the warning time and the deadline', () => {
    const [p] = planSweep([clock()], DEFAULT_TICKET_SETTINGS, min(25));
    expect(p).toMatchObject({ warn: true, rungs: [], newLevel: 0 });
    expect(planSweep([clock({ warnedAt: min(25) })], DEFAULT_TICKET_SETTINGS, min(26))).toEqual([]);
  });

  it('escalates to the team lead at the deadline, then each rung after its delay', () => {
    expect(planSweep([clock({ warnedAt: min(25) })], DEFAULT_TICKET_SETTINGS, min(30))[0]).toMatchObject({
      rungs: [0],
      newLevel: 1,
    });
    // district rung is 120 min after the deadline
    expect(planSweep([clock({ warnedAt: min(25), escalationLevel: 1 })], DEFAULT_TICKET_SETTINGS, min(100))).toEqual(
      [],
    );
    expect(
      planSweep([clock({ warnedAt: min(25), escalationLevel: 1 })], DEFAULT_TICKET_SETTINGS, min(150))[0],
    ).toMatchObject({ rungs: [1], newLevel: 2 });
  });

  it('catches up every rung that came due while nobody swept, and marks it warned', () => {
    const [p] = planSweep([clock()], DEFAULT_TICKET_SETTINGS, min(30 + 241));
    expect(p).toMatchObject({ warn: false, rungs: [0, 1, 2], newLevel: 3 });
    expect(p!.newWarnedAt).toEqual(min(271));
    expect(planSweep([clock({ escalationLevel: 3, warnedAt: min(1) })], DEFAULT_TICKET_SETTINGS, min(10_000))).toEqual(
      [],
    );
  });

  it('leaves paused clocks alone', () => {
    expect(planSweep([clock({ paused: true })], DEFAULT_TICKET_SETTINGS, min(10_000))).toEqual([]);
  });
});
