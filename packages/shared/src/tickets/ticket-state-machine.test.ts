import { describe, it, expect } from 'vitest';
import { ROLES } from '../roles';
import {
  AUTOMATIC_TICKET_ACTIONS,
  TICKET_TRANSITIONS,
  allowedActions,
  applyAction,
  type TicketActor,
  type TransitionContext,
} from './ticket-state-machine';
import {
  TICKET_ACTIONS,
  TICKET_ACTION_LABELS,
  TICKET_STATUSES,
  TICKET_STATUS_COLORS,
  TICKET_STATUS_LABELS,
  type TicketAction,
  type TicketStatus,
} from './ticket-status';

const FULL_INPUT: TransitionContext['input'] = { reason: '原因', result: '已修复', targetOrgId: 7, rating: 5 };
const ALL_ACTORS: TicketActor[] = [...ROLES, 'system'];

function step(status: TicketStatus, action: TicketAction, actor: TicketActor, ctx: TransitionContext = {}) {
  const r = applyAction(status, action, actor, { input: FULL_INPUT, ...ctx });
  if (!r.ok) throw new Error(`${status} -${action}(${actor})-> ${r.code}`);
  return r.to;
}

describe('ticket life cycle', () => {
  it('walks the closed loop from submission to rating', () => {
    let s: TicketStatus = 'submitted';
    s = step(s, 'dispatch', 'dispatcher');
    expect(s).toBe('dispatched');
    s = step(s, 'accept', 'technician', { isAssignee: true });
    expect(s).toBe('accepted');
    s = step(s, 'start', 'technician', { isAssignee: true });
    expect(s).toBe('in_progress');
    s = step(s, 'suspend', 'technician', { isAssignee: true });
    expect(s).toBe('pending_customer');
    s = step(s, 'resume', 'customer_user', { isTicketCustomer: true });
    expect(s).toBe('in_progress');
    s = step(s, 'resolve', 'technician', { isAssignee: true });
    expect(s).toBe('resolved');
    s = step(s, 'confirm', 'customer_user', { isTicketCustomer: true });
    expect(s).toBe('closed');
    const rated = applyAction(s, 'rate', 'customer_user', { isTicketCustomer: true, input: { rating: 4 } });
    expect(rated).toMatchObject({ ok: true, to: 'closed', changesStatus: false });
  });

  it('reopens to the same unit through an automatic dispatch', () => {
    const s = step('resolved', 'reopen', 'customer_admin', { isTicketCustomer: true });
    expect(s).toBe('reopened');
    const auto = AUTOMATIC_TICKET_ACTIONS[s];
    expect(auto).toEqual({ action: 'dispatch', actor: 'system' });
    expect(step(s, auto!.action, auto!.actor)).toBe('dispatched');
  });

  it('returns a ticket to the dispatcher, who re-dispatches or archives it', () => {
    const s = step('accepted', 'reject_back', 'partner', { isAssignee: true });
    expect(s).toBe('rejected');
    expect(step(s, 'dispatch', 'dispatcher')).toBe('dispatched');
    expect(step(s, 'archive', 'supervisor')).toBe('closed');
  });

  it('lets the dispatcher of record pull a ticket back before it is accepted', () => {
    expect(step('dispatched', 'pull_back', 'dispatcher', { isDispatcherOfRecord: true })).toBe('submitted');
    const other = applyAction('dispatched', 'pull_back', 'dispatcher', {});
    expect(other).toMatchObject({ ok: false, code: 'TICKET_NOT_DISPATCHER_OF_RECORD' });
    const late = applyAction('accepted', 'pull_back', 'dispatcher', { isDispatcherOfRecord: true });
    expect(late).toMatchObject({ ok: false, code: 'TICKET_ILLEGAL_TRANSITION' });
  });

  it('keeps the status for copy, urge, escalate, note and rate', () => {
    const cases: [TicketStatus, TicketAction, TicketActor, TransitionContext][] = [
      ['in_progress', 'copy', 'dispatcher', {}],
      ['dispatched', 'urge', 'customer_user', { isTicketCustomer: true }],
      ['pending_customer', 'escalate', 'system', {}],
      ['closed', 'note', 'supervisor', {}],
      ['closed', 'rate', 'hotline_agent', {}],
    ];
    for (const [from, action, actor, ctx] of cases) {
      const r = applyAction(from, action, actor, { input: FULL_INPUT, ...ctx });
      expect(r).toMatchObject({ ok: true, from, to: from, changesStatus: false });
    }
  });
});

describe('refusals', () => {
  it('refuses illegal transitions with TICKET_ILLEGAL_TRANSITION', () => {
    const illegal: [TicketStatus, TicketAction][] = [
      ['closed', 'dispatch'],
      ['submitted', 'accept'],
      ['submitted', 'resolve'],
      ['cancelled', 'withdraw'],
      ['in_progress', 'confirm'],
      ['resolved', 'suspend'],
      ['dispatched', 'rate'],
      ['closed', 'reopen'],
    ];
    for (const [from, action] of illegal) {
      const r = applyAction(from, action, 'admin', { input: FULL_INPUT });
      expect(r, `${from} ${action}`).toMatchObject({ ok: false, code: 'TICKET_ILLEGAL_TRANSITION' });
    }
  });

  it('refuses roles that may not act', () => {
    expect(applyAction('submitted', 'dispatch', 'technician', { input: FULL_INPUT })).toMatchObject({
      ok: false,
      code: 'TICKET_ROLE_NOT_ALLOWED',
    });
    expect(applyAction('dispatched', 'accept', 'customer_user', { isAssignee: true })).toMatchObject({
      ok: false,
      code: 'TICKET_ROLE_NOT_ALLOWED',
    });
  });

  it('checks who the actor is', () => {
    expect(applyAction('dispatched', 'accept', 'technician', {})).toMatchObject({ code: 'TICKET_NOT_ASSIGNEE' });
    expect(applyAction('submitted', 'withdraw', 'customer_user', { isTicketCustomer: true })).toMatchObject({
      code: 'TICKET_NOT_CREATOR',
    });
    expect(applyAction('submitted', 'withdraw', 'customer_admin', { isTicketCustomer: true })).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
    expect(applyAction('resolved', 'confirm', 'customer_user', {})).toMatchObject({ code: 'TICKET_NOT_OWN_CUSTOMER' });
    expect(
      applyAction('closed', 'rate', 'customer_user', { isTicketCustomer: true, alreadyRated: true, input: FULL_INPUT }),
    ).toMatchObject({ code: 'TICKET_ALREADY_RATED' });
  });

  it('asks for the input an action needs', () => {
    expect(applyAction('in_progress', 'resolve', 'technician', { isAssignee: true })).toMatchObject({
      code: 'TICKET_RESULT_REQUIRED',
    });
    expect(
      applyAction('in_progress', 'resolve', 'technician', { isAssignee: true, input: { result: '   ' } }),
    ).toMatchObject({ code: 'TICKET_RESULT_REQUIRED' });
    expect(applyAction('dispatched', 'reject_back', 'technician', { isAssignee: true })).toMatchObject({
      code: 'TICKET_REASON_REQUIRED',
    });
    expect(applyAction('submitted', 'dispatch', 'dispatcher')).toMatchObject({ code: 'TICKET_TARGET_REQUIRED' });
    expect(
      applyAction('closed', 'rate', 'customer_user', { isTicketCustomer: true, input: { rating: 6 } }),
    ).toMatchObject({ code: 'TICKET_RATING_REQUIRED' });
  });

  it('rejects unknown actions and speaks English when asked', () => {
    const r = applyAction('submitted', 'explode' as TicketAction, 'admin');
    expect(r).toMatchObject({ ok: false, code: 'TICKET_UNKNOWN_ACTION' });
    const en = applyAction('closed', 'dispatch', 'dispatcher', { lang: 'en' });
    expect(en).toMatchObject({ ok: false, message: 'This action is not possible in the ticket’s current status' });
  });
});

describe('allowedActions', () => {
  const cases: [TicketStatus, TicketActor, TransitionContext, TicketAction[]][] = [
    ['submitted', 'dispatcher', {}, ['dispatch', 'urge', 'escalate', 'note', 'archive']],
    ['submitted', 'customer_user', { isTicketCustomer: true, isCreator: true }, ['urge', 'withdraw', 'note']],
    ['submitted', 'customer_user', { isTicketCustomer: true }, ['urge', 'note']],
    ['submitted', 'customer_user', {}, []],
    ['submitted', 'account_manager', { isCreator: true }, ['dispatch', 'urge', 'withdraw', 'escalate', 'note']],
    ['submitted', 'admin', {}, ['note', 'archive']],
    ['submitted', 'technician', {}, ['note']],
    [
      'dispatched',
      'technician',
      { isAssignee: true },
      ['accept', 'transfer', 'reject_back', 'copy', 'escalate', 'note'],
    ],
    ['dispatched', 'partner', { isAssignee: true }, ['accept', 'transfer', 'reject_back', 'copy', 'escalate', 'note']],
    ['dispatched', 'technician', {}, ['note']],
    [
      'dispatched',
      'dispatcher',
      { isDispatcherOfRecord: true },
      ['transfer', 'copy', 'urge', 'pull_back', 'escalate', 'note'],
    ],
    ['dispatched', 'hotline_agent', {}, ['urge', 'escalate', 'note']],
    [
      'accepted',
      'technician',
      { isAssignee: true },
      ['start', 'transfer', 'reject_back', 'copy', 'escalate', 'note', 'resolve'],
    ],
    [
      'in_progress',
      'technician',
      { isAssignee: true },
      ['transfer', 'reject_back', 'copy', 'suspend', 'escalate', 'note', 'resolve'],
    ],
    ['in_progress', 'supervisor', {}, ['transfer', 'copy', 'urge', 'escalate', 'note']],
    ['pending_customer', 'customer_admin', { isTicketCustomer: true }, ['withdraw', 'resume', 'note']],
    ['pending_customer', 'technician', { isAssignee: true }, ['copy', 'resume', 'escalate', 'note']],
    ['resolved', 'customer_admin', { isTicketCustomer: true }, ['note', 'confirm', 'reopen']],
    ['resolved', 'hotline_agent', {}, ['note', 'confirm', 'reopen']],
    ['resolved', 'technician', { isAssignee: true }, ['note']],
    ['resolved', 'system', {}, ['archive']],
    ['reopened', 'system', {}, ['dispatch', 'escalate']],
    ['closed', 'customer_user', { isTicketCustomer: true }, ['rate']],
    ['closed', 'customer_user', { isTicketCustomer: true, alreadyRated: true }, []],
    ['closed', 'supervisor', {}, ['note']],
    ['cancelled', 'customer_admin', { isTicketCustomer: true }, []],
  ];
  it.each(cases)('%s / %s %j → %j', (status, actor, ctx, expected) => {
    expect(allowedActions(status, actor, ctx)).toEqual(expected);
  });

  it('offers only actions that applyAction then accepts', () => {
    const contexts: TransitionContext[] = [
      {},
      { isAssignee: true, isCreator: true, isTicketCustomer: true, isDispatcherOfRecord: true },
      { isTicketCustomer: true, alreadyRated: true },
    ];
    for (const status of TICKET_STATUSES)
      for (const actor of ALL_ACTORS)
        for (const ctx of contexts)
          for (const action of allowedActions(status, actor, ctx)) {
            const r = applyAction(status, action, actor, { ...ctx, input: FULL_INPUT });
            expect(r.ok, `${status} ${actor} ${action}`).toBe(true);
          }
  });
});

describe('transition table', () => {
  it('uses only known statuses and actions, and every action appears', () => {
    for (const t of TICKET_TRANSITIONS) {
      expect(TICKET_STATUSES).toContain(t.from);
      expect(TICKET_STATUSES).toContain(t.to);
      expect(t.roles.length).toBeGreaterThan(0);
    }
    for (const a of TICKET_ACTIONS)
      expect(
        TICKET_TRANSITIONS.some((t) => t.action === a),
        a,
      ).toBe(true);
  });

  it('leaves only closed and cancelled without a way to another status', () => {
    for (const s of TICKET_STATUSES) {
      const moves = TICKET_TRANSITIONS.some((t) => t.from === s && t.to !== s);
      expect(moves, s).toBe(s !== 'closed' && s !== 'cancelled');
    }
  });

  it('labels and colours every status and action', () => {
    expect(Object.keys(TICKET_STATUS_LABELS).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(Object.keys(TICKET_STATUS_COLORS).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(Object.keys(TICKET_ACTION_LABELS).sort()).toEqual([...TICKET_ACTIONS].sort());
  });
});
