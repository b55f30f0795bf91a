import { useEffect, useState } from 'react';
import {
  SLA_STAGE_RULES,
  slaState,
  TICKET_ACTION_LABELS,
  type SlaStage,
  type SlaState,
  type TicketAction,
  type TicketDetail,
  type TicketStatus,
} from '@paidan/shared';
import type { Lang, Labelled } from '../../i18n/i18n';
import type { MsgKey } from '../../i18n/dict';

export type TicketClock = TicketDetail['clocks'][number];

/** "2小时13分" / "2h 13m"; days drop the minutes. */
export function fmtDuration(ms: number, lang: Lang): string {
  const totalMin = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (lang === 'en') {
    if (d) return h ? `${d}d ${h}h` : `${d}d`;
    if (h) return m ? `${h}h ${m}m` : `${h}h`;
    return m ? `${m}m` : '<1m';
  }
  if (d) return h ? `${d}天${h}小时` : `${d}天`;
  if (h) return m ? `${h}小时${m}分` : `${h}小时`;
  return m ? `${m}分` : '不到1分';
}

/** Re-renders every `ms` so countdowns move. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export interface ClockView {
  state: SlaState;
  remainingMs: number;
  /** the stage stands still while the ticket waits for the customer */
  paused: boolean;
  ended: boolean;
}

/**
 * Where a stage clock stands. The warning share is the one the server used for this clock's warnAt (it counts
 * in the clock's own time, e.g. working hours), so the colour turns when the server's warning goes out.
 */
export function clockView(
  c: Pick<TicketClock, 'stage' | 'startedAt' | 'deadline' | 'warnAt' | 'endedAt' | 'breached'>,
  now: number,
  status: TicketStatus,
  fallbackShare: number,
): ClockView {
  const start = Date.parse(c.startedAt);
  const deadline = Date.parse(c.deadline);
  if (c.endedAt) {
    const end = Date.parse(c.endedAt);
    return { state: c.breached ? 'breached' : 'ok', remainingMs: deadline - end, paused: false, ended: true };
  }
  const span = deadline - start;
  const share = span > 0 ? (Date.parse(c.warnAt) - start) / span : fallbackShare;
  const r = slaState(now, start, deadline, Number.isFinite(share) && share > 0 ? share : fallbackShare);
  const paused = SLA_STAGE_RULES[c.stage].pausedIn.includes(status);
  return { state: r.state, remainingMs: r.remainingMs, paused, ended: false };
}

/** The running clock of the ticket's current stage. */
export function currentClock(t: { stage: SlaStage | null; clocks?: TicketClock[] }): TicketClock | undefined {
  if (!t.stage || !t.clocks) return undefined;
  return t.clocks.find((c) => c.stage === t.stage && !c.endedAt);
}

// Timeline entries that are not actions of the state machine.
const EVENT_KEYS: Record<string, MsgKey> = {
  submit: 'tk.ev.submit',
  reclassify: 'tk.ev.reclassify',
  link_duplicate: 'tk.ev.linkDuplicate',
  unrouted: 'tk.ev.unrouted',
  sla_escalate: 'tk.ev.slaEscalate',
  sla_warning: 'tk.ev.slaWarning',
  regrade: 'tk.ev.regrade',
};

export function eventLabel(
  action: string,
  t: (k: MsgKey) => string,
  l: (label: Labelled | undefined) => string,
): string {
  const key = EVENT_KEYS[action];
  if (key) return t(key);
  const known = TICKET_ACTION_LABELS[action as TicketAction];
  return known ? l(known) : action;
}

export const isImage = (mime: string) => mime.startsWith('image/');

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
