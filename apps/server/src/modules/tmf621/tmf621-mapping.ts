import {
  FAULT_LEVELS,
  REQUEST_TYPES,
  type FaultLevel,
  type RequestType,
  type TicketAction,
  type TicketPriority,
  type TicketStatus,
} from '@paidan/shared';

// How TMF621 Trouble Ticket v4 maps onto our tickets. Pure functions and tables, unit-tested.

export const TMF_STATUSES = [
  'acknowledged',
  'rejected',
  'pending',
  'held',
  'inProgress',
  'cancelled',
  'closed',
  'resolved',
] as const;
export type TmfStatus = (typeof TMF_STATUSES)[number];

/**
 * Ours → TMF. A ticket closed without ever being resolved (archived as duplicate or out of scope from the
 * dispatch queue) reads as `rejected`; see tmfStatus.
 */
export const TMF_STATUS_OF: Record<TicketStatus, TmfStatus> = {
  submitted: 'acknowledged', // received, waiting for dispatch
  dispatched: 'acknowledged', // with a unit, not yet accepted
  accepted: 'inProgress',
  in_progress: 'inProgress',
  reopened: 'inProgress', // the customer was not satisfied; back with the unit that resolved it
  pending_customer: 'pending', // waiting for the customer; the resolve clock is paused
  rejected: 'held', // returned to the dispatcher by the handler, waiting to be dispatched again
  resolved: 'resolved', // awaiting the customer's confirmation
  closed: 'closed',
  cancelled: 'cancelled', // withdrawn
};

export function tmfStatus(status: TicketStatus, everResolved: boolean): TmfStatus {
  if (status === 'closed' && !everResolved) return 'rejected';
  return TMF_STATUS_OF[status];
}

/**
 * TMF → ours, for PATCH {status}: the action of the tickets state machine that gets there from the current
 * status. The state machine still decides whether the caller may do it. Missing = not possible.
 */
export interface TmfStatusAction {
  to: TmfStatus;
  from: readonly TicketStatus[];
  /** candidates in order: the first one the caller's role may do is used */
  actions: readonly TicketAction[];
  /** what statusChangeReason is passed as */
  needs?: 'reason' | 'result';
}
export const TMF_STATUS_ACTIONS: readonly TmfStatusAction[] = [
  { to: 'inProgress', from: ['dispatched'], actions: ['accept'] },
  { to: 'inProgress', from: ['pending_customer'], actions: ['resume'] },
  { to: 'inProgress', from: ['resolved'], actions: ['reopen'], needs: 'reason' },
  { to: 'pending', from: ['in_progress'], actions: ['suspend'], needs: 'reason' },
  { to: 'resolved', from: ['accepted', 'in_progress'], actions: ['resolve'], needs: 'result' },
  // The customer (or the hotline for it) confirms; the desk may archive.
  { to: 'closed', from: ['resolved'], actions: ['confirm', 'archive'] },
  { to: 'rejected', from: ['submitted', 'rejected'], actions: ['archive'], needs: 'reason' },
  {
    to: 'cancelled',
    from: ['submitted', 'dispatched', 'accepted', 'in_progress', 'pending_customer', 'rejected', 'reopened'],
    actions: ['withdraw'],
  },
];

export type StatusPlan = { kind: 'none' } | { kind: 'action'; row: TmfStatusAction } | { kind: 'impossible' };

export function planStatusChange(current: TicketStatus, everResolved: boolean, to: TmfStatus): StatusPlan {
  if (tmfStatus(current, everResolved) === to) return { kind: 'none' };
  const row = TMF_STATUS_ACTIONS.find((r) => r.to === to && r.from.includes(current));
  return row ? { kind: 'action', row } : { kind: 'impossible' };
}

// Severity: free text in TMF. Known words set our priority and, for faults, the fault level (003 8-27).
const SEVERITY: Record<string, { priority: TicketPriority; faultLevel: FaultLevel }> = {
  critical: { priority: 'urgent', faultLevel: 'critical' },
  urgent: { priority: 'urgent', faultLevel: 'critical' },
  blocker: { priority: 'urgent', faultLevel: 'critical' },
  high: { priority: 'high', faultLevel: 'major' },
  major: { priority: 'high', faultLevel: 'major' },
  medium: { priority: 'normal', faultLevel: 'minor' },
  normal: { priority: 'normal', faultLevel: 'minor' },
  moderate: { priority: 'normal', faultLevel: 'minor' },
  low: { priority: 'low', faultLevel: 'minor' },
  minor: { priority: 'low', faultLevel: 'minor' },
};

/** Unknown severities count as normal; the text itself is kept and returned as sent. */
export function fromSeverity(severity: string): { priority: TicketPriority; faultLevel: FaultLevel } {
  return SEVERITY[severity.trim().toLowerCase()] ?? { priority: 'normal', faultLevel: 'minor' };
}

/** TMF `priority` when it is one we know (our words, or 1 = most urgent … 4). */
export function fromPriority(priority: string | undefined): TicketPriority | null {
  if (!priority) return null;
  const p = priority.trim().toLowerCase();
  const byNumber: Record<string, TicketPriority> = {
    '0': 'urgent',
    '1': 'urgent',
    '2': 'high',
    '3': 'normal',
    '4': 'low',
    '5': 'low',
  };
  if (byNumber[p]) return byNumber[p]!;
  if (p === 'medium') return 'normal';
  return (['low', 'normal', 'high', 'urgent'] as const).find((x) => x === p) ?? null;
}

/** Severity shown for tickets raised in our own screens. */
export const SEVERITY_OF_PRIORITY: Record<TicketPriority, string> = {
  urgent: 'Critical',
  high: 'High',
  normal: 'Medium',
  low: 'Low',
};

// ticketType: free text in TMF (e.g. incident, complaint, request, device, connectivity).
const TYPE_WORDS: Record<string, RequestType> = {
  complaint: 'complaint',
  complain: 'complaint',
  inquiry: 'inquiry',
  enquiry: 'inquiry',
  question: 'inquiry',
  information: 'inquiry',
  consultation: 'inquiry',
  suggestion: 'suggestion',
  feedback: 'suggestion',
  idea: 'new_idea',
  device: 'terminal_repair',
  terminal: 'terminal_repair',
  equipment: 'terminal_repair',
  cpe: 'terminal_repair',
  hardware: 'terminal_repair',
};
// Our types that are orders of a service, not trouble: they need product and address fields TMF621 lacks.
const SERVICE_REQUESTS: readonly RequestType[] = [
  'new_install',
  'product_change',
  'cancel_reservation',
  'cancel_formal',
];

/** Our request type for a TMF ticketType; anything not recognised is a fault report (incident, connectivity, …). */
export function requestTypeOf(ticketType: string): RequestType | { serviceRequest: RequestType } {
  const t = ticketType.trim();
  if ((REQUEST_TYPES as readonly string[]).includes(t)) {
    const ours = t as RequestType;
    return SERVICE_REQUESTS.includes(ours) ? { serviceRequest: ours } : ours;
  }
  return TYPE_WORDS[t.toLowerCase()] ?? 'fault';
}

export const isFaultLevel = (v: string): v is FaultLevel => (FAULT_LEVELS as readonly string[]).includes(v);
