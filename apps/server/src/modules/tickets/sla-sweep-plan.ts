import type { TicketSettings } from '@paidan/shared';

// What one SLA sweep must do to the running clocks it looked at: pure, so it is tested without a database.

export interface SweepClock {
  id: number;
  ticketId: number;
  stage: string;
  warnAt: Date;
  deadline: Date;
  warnedAt: Date | null;
  escalationLevel: number;
  paused: boolean;
}

export interface ClockPlan {
  clock: SweepClock;
  warn: boolean;
  /** ladder indexes reached by this sweep, in order (each rung fires once) */
  rungs: number[];
  newLevel: number;
  newWarnedAt: Date | null;
}

export function planSweep(clocks: readonly SweepClock[], settings: TicketSettings, now: Date): ClockPlan[] {
  const out: ClockPlan[] = [];
  for (const c of clocks) {
    if (c.paused) continue;
    const t = now.getTime();
    const warn = !c.warnedAt && t >= c.warnAt.getTime() && t < c.deadline.getTime();
    const rungs: number[] = [];
    let level = c.escalationLevel;
    for (;;) {
      const rung = settings.escalationLadder[level];
      if (!rung || t < c.deadline.getTime() + rung.afterMinutes * 60_000) break;
      rungs.push(level);
      level++;
    }
    if (!warn && rungs.length === 0) continue;
    out.push({ clock: c, warn, rungs, newLevel: level, newWarnedAt: c.warnedAt ?? now });
  }
  return out;
}
