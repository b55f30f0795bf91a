import { z } from 'zod';
import type { Lang } from '../errors';
import type { Role } from '../roles';
import { IdSchema } from '../schemas/common';
import { TICKET_ERRORS, type TicketErrorCode } from './ticket-errors';
import { TICKET_ACTIONS, TICKET_STATUSES, type TicketAction, type TicketStatus } from './ticket-status';

// Timers and routing rules act as 'system' (auto-dispatch, SLA escalation, auto-archive).
export type TicketActor = Role | 'system';

// Guards about WHO acts; the server fills them from the ticket and the session.
export const TICKET_GUARDS = [
  'isAssignee',
  'isCreator',
  'isTicketCustomer',
  'isDispatcherOfRecord',
  'notRated',
] as const;
export type TicketGuard = (typeof TICKET_GUARDS)[number];

// Inputs an action needs; missing input is a form error, so allowedActions ignores them.
export const TICKET_REQUIREMENTS = ['reason', 'result', 'target', 'rating'] as const;
export type TicketRequirement = (typeof TICKET_REQUIREMENTS)[number];

export interface TicketTransition {
  from: TicketStatus;
  action: TicketAction;
  to: TicketStatus;
  roles: readonly TicketActor[];
  guard?: readonly TicketGuard[];
  requires?: readonly TicketRequirement[];
}

export const TicketActionInputSchema = z.strictObject({
  action: z.enum(TICKET_ACTIONS),
  reason: z.string().trim().max(500).optional(),
  result: z.string().trim().max(4000).optional(),
  targetOrgId: IdSchema.optional(),
  targetUserId: IdSchema.optional(),
  copyOrgIds: z.array(IdSchema).max(20).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  comment: z.string().trim().max(1000).optional(),
  attachmentIds: z.array(IdSchema).max(20).default([]),
});
export type TicketActionInput = z.infer<typeof TicketActionInputSchema>;

export interface TransitionContext {
  isAssignee?: boolean; // the ticket sits with the actor or the actor's unit
  isCreator?: boolean; // the actor submitted it (also on the customer's behalf)
  isTicketCustomer?: boolean; // the actor belongs to the ticket's enterprise
  isDispatcherOfRecord?: boolean; // the actor made the current dispatch
  alreadyRated?: boolean;
  input?: Partial<Omit<TicketActionInput, 'action'>>;
  lang?: Lang;
}

export type ApplyActionResult =
  | { ok: true; from: TicketStatus; to: TicketStatus; changesStatus: boolean; transition: TicketTransition }
  | { ok: false; code: TicketErrorCode; message: string };

const CUSTOMERS: readonly TicketActor[] = ['customer_user', 'customer_admin'];
// Whoever a ticket can be dispatched to: field staff, vendors, account managers, the hotline, the monitoring desk.
const HANDLERS: readonly TicketActor[] = ['technician', 'partner', 'account_manager', 'hotline_agent', 'dispatcher'];
const DISPATCHERS: readonly TicketActor[] = ['dispatcher', 'hotline_agent', 'account_manager', 'supervisor'];
const DESK: readonly TicketActor[] = ['dispatcher', 'supervisor'];
const STAFF: readonly TicketActor[] = [
  'account_manager',
  'hotline_agent',
  'dispatcher',
  'technician',
  'supervisor',
  'partner',
  'admin',
];
const ACTIVE: readonly TicketStatus[] = ['dispatched', 'accepted', 'in_progress'];
const OPEN: readonly TicketStatus[] = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'pending_customer',
  'rejected',
  'reopened',
];

type RowSpec = Omit<TicketTransition, 'from' | 'to'> & { to?: TicketStatus };
// One row per source status; `to` omitted means the status does not change.
function rows(from: readonly TicketStatus[], spec: RowSpec): TicketTransition[] {
  return from.map((f) => {
    const { to, ...rest } = spec;
    return { from: f, to: to ?? f, ...rest };
  });
}

// The whole life cycle in one table: checked here, drawn by the UI, never re-implemented elsewhere.
export const TICKET_TRANSITIONS: readonly TicketTransition[] = [
  ...rows(['submitted', 'rejected', 'reopened'], {
    action: 'dispatch',
    to: 'dispatched',
    roles: [...DISPATCHERS, 'system'],
    requires: ['target'],
  }),
  ...rows(['dispatched'], { action: 'accept', to: 'accepted', roles: HANDLERS, guard: ['isAssignee'] }),
  ...rows(['accepted'], { action: 'start', to: 'in_progress', roles: HANDLERS, guard: ['isAssignee'] }),
  ...rows(ACTIVE, { action: 'transfer', to: 'dispatched', roles: DESK, requires: ['target'] }),
  ...rows(ACTIVE, {
    action: 'transfer',
    to: 'dispatched',
    roles: HANDLERS,
    guard: ['isAssignee'],
    requires: ['target'],
  }),
  ...rows(ACTIVE, {
    action: 'reject_back',
    to: 'rejected',
    roles: HANDLERS,
    guard: ['isAssignee'],
    requires: ['reason'],
  }),
  ...rows([...ACTIVE, 'pending_customer'], { action: 'copy', roles: DESK, requires: ['target'] }),
  ...rows([...ACTIVE, 'pending_customer'], {
    action: 'copy',
    roles: HANDLERS,
    guard: ['isAssignee'],
    requires: ['target'],
  }),
  ...rows(['submitted', ...ACTIVE, 'rejected', 'reopened'], {
    action: 'urge',
    roles: CUSTOMERS,
    guard: ['isTicketCustomer'],
  }),
  ...rows(['submitted', ...ACTIVE, 'rejected', 'reopened'], {
    action: 'urge',
    roles: ['account_manager', 'hotline_agent', 'dispatcher', 'supervisor'],
  }),
  // 撤单: the person who raised it, or the enterprise's administrator.
  ...rows(OPEN, {
    action: 'withdraw',
    to: 'cancelled',
    roles: ['customer_user', 'account_manager', 'hotline_agent'],
    guard: ['isCreator'],
  }),
  ...rows(OPEN, { action: 'withdraw', to: 'cancelled', roles: ['customer_admin'], guard: ['isTicketCustomer'] }),
  // 拉回 only before anyone accepted it.
  ...rows(['dispatched'], {
    action: 'pull_back',
    to: 'submitted',
    roles: DISPATCHERS,
    guard: ['isDispatcherOfRecord'],
  }),
  ...rows(['in_progress'], {
    action: 'suspend',
    to: 'pending_customer',
    roles: HANDLERS,
    guard: ['isAssignee'],
    requires: ['reason'],
  }),
  ...rows(['pending_customer'], { action: 'resume', to: 'in_progress', roles: HANDLERS, guard: ['isAssignee'] }),
  ...rows(['pending_customer'], { action: 'resume', to: 'in_progress', roles: DESK }),
  ...rows(['pending_customer'], {
    action: 'resume',
    to: 'in_progress',
    roles: CUSTOMERS,
    guard: ['isTicketCustomer'],
  }),
  ...rows(OPEN, {
    action: 'escalate',
    roles: ['dispatcher', 'supervisor', 'account_manager', 'hotline_agent', 'system'],
    requires: ['reason'],
  }),
  ...rows(OPEN, { action: 'escalate', roles: ['technician', 'partner'], guard: ['isAssignee'], requires: ['reason'] }),
  ...rows(TICKET_STATUSES, { action: 'note', roles: STAFF }),
  ...rows([...OPEN, 'resolved'], { action: 'note', roles: CUSTOMERS, guard: ['isTicketCustomer'] }),
  ...rows(['accepted', 'in_progress'], {
    action: 'resolve',
    to: 'resolved',
    roles: HANDLERS,
    guard: ['isAssignee'],
    requires: ['result'],
  }),
  // The hotline or account manager may record the customer's answer after a follow-up call (003 8-36…8-38).
  ...rows(['resolved'], { action: 'confirm', to: 'closed', roles: CUSTOMERS, guard: ['isTicketCustomer'] }),
  ...rows(['resolved'], { action: 'confirm', to: 'closed', roles: ['hotline_agent', 'account_manager'] }),
  ...rows(['resolved'], {
    action: 'reopen',
    to: 'reopened',
    roles: CUSTOMERS,
    guard: ['isTicketCustomer'],
    requires: ['reason'],
  }),
  ...rows(['resolved'], {
    action: 'reopen',
    to: 'reopened',
    roles: ['hotline_agent', 'account_manager'],
    requires: ['reason'],
  }),
  ...rows(['closed'], {
    action: 'rate',
    roles: CUSTOMERS,
    guard: ['isTicketCustomer', 'notRated'],
    requires: ['rating'],
  }),
  ...rows(['closed'], {
    action: 'rate',
    roles: ['hotline_agent', 'account_manager'],
    guard: ['notRated'],
    requires: ['rating'],
  }),
  // Auto-close when the customer does not answer in time.
  ...rows(['resolved'], { action: 'archive', to: 'closed', roles: ['system', 'dispatcher', 'supervisor', 'admin'] }),
  // Not handled at all (duplicate, out of scope, reclassified): closed with a reason.
  ...rows(['submitted', 'rejected'], {
    action: 'archive',
    to: 'closed',
    roles: ['dispatcher', 'supervisor', 'admin'],
    requires: ['reason'],
  }),
];

// A reopened ticket goes straight back to the unit that resolved it (003 8-38); the server picks that unit.
export const AUTOMATIC_TICKET_ACTIONS: Partial<Record<TicketStatus, { action: TicketAction; actor: 'system' }>> = {
  reopened: { action: 'dispatch', actor: 'system' },
};

const GUARD_ERRORS: Record<TicketGuard, TicketErrorCode> = {
  isAssignee: 'TICKET_NOT_ASSIGNEE',
  isCreator: 'TICKET_NOT_CREATOR',
  isTicketCustomer: 'TICKET_NOT_OWN_CUSTOMER',
  isDispatcherOfRecord: 'TICKET_NOT_DISPATCHER_OF_RECORD',
  notRated: 'TICKET_ALREADY_RATED',
};

const REQUIREMENT_ERRORS: Record<TicketRequirement, TicketErrorCode> = {
  reason: 'TICKET_REASON_REQUIRED',
  result: 'TICKET_RESULT_REQUIRED',
  target: 'TICKET_TARGET_REQUIRED',
  rating: 'TICKET_RATING_REQUIRED',
};

function guardPasses(guard: TicketGuard, ctx: TransitionContext): boolean {
  if (guard === 'notRated') return ctx.alreadyRated !== true;
  return ctx[guard] === true;
}

function requirementMet(req: TicketRequirement, input: TransitionContext['input']): boolean {
  if (!input) return false;
  switch (req) {
    case 'reason':
      return !!input.reason?.trim();
    case 'result':
      return !!input.result?.trim();
    case 'target':
      return input.targetOrgId != null || input.targetUserId != null || (input.copyOrgIds?.length ?? 0) > 0;
    case 'rating':
      return typeof input.rating === 'number' && input.rating >= 1 && input.rating <= 5;
  }
}

function fail(code: TicketErrorCode, lang: Lang = 'zh'): ApplyActionResult {
  return { ok: false, code, message: TICKET_ERRORS[code][lang] };
}

const isStatus = (s: string): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s);
const isAction = (a: string): a is TicketAction => (TICKET_ACTIONS as readonly string[]).includes(a);

/** Checks one action against the table; the only place a ticket's status may change. */
export function applyAction(
  status: TicketStatus,
  action: TicketAction,
  actor: TicketActor,
  ctx: TransitionContext = {},
): ApplyActionResult {
  // Values can arrive unchecked from a request or a stored row.
  if (!isAction(action)) return fail('TICKET_UNKNOWN_ACTION', ctx.lang);
  if (!isStatus(status)) return fail('TICKET_ILLEGAL_TRANSITION', ctx.lang);
  const candidates = TICKET_TRANSITIONS.filter((t) => t.from === status && t.action === action);
  if (candidates.length === 0) return fail('TICKET_ILLEGAL_TRANSITION', ctx.lang);
  const forRole = candidates.filter((t) => t.roles.includes(actor));
  if (forRole.length === 0) return fail('TICKET_ROLE_NOT_ALLOWED', ctx.lang);

  let firstGuardFailure: TicketErrorCode | undefined;
  for (const t of forRole) {
    const failed = (t.guard ?? []).find((g) => !guardPasses(g, ctx));
    if (failed) {
      firstGuardFailure ??= GUARD_ERRORS[failed];
      continue;
    }
    const missing = (t.requires ?? []).find((r) => !requirementMet(r, ctx.input));
    if (missing) return fail(REQUIREMENT_ERRORS[missing], ctx.lang);
    return { ok: true, from: status, to: t.to, changesStatus: t.to !== status, transition: t };
  }
  return fail(firstGuardFailure ?? 'TICKET_ROLE_NOT_ALLOWED', ctx.lang);
}

/** Actions to show as buttons now: role and guards pass; missing form input does not hide an action. */
export function allowedActions(status: TicketStatus, actor: TicketActor, ctx: TransitionContext = {}): TicketAction[] {
  const out: TicketAction[] = [];
  for (const t of TICKET_TRANSITIONS) {
    if (t.from !== status || !t.roles.includes(actor) || out.includes(t.action)) continue;
    if ((t.guard ?? []).every((g) => guardPasses(g, ctx))) out.push(t.action);
  }
  // Table order is not a UI order; keep the declared action order.
  return TICKET_ACTIONS.filter((a) => out.includes(a));
}

/** Rows leaving one status, for drawing the life cycle. */
export function transitionsFrom(status: TicketStatus): TicketTransition[] {
  return TICKET_TRANSITIONS.filter((t) => t.from === status);
}
