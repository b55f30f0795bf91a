import { describe, expect, it } from 'vitest';
import { applyAction, TICKET_STATUSES } from '@paidan/shared';
import {
  fromPriority,
  fromSeverity,
  planStatusChange,
  requestTypeOf,
  TMF_STATUS_ACTIONS,
  TMF_STATUSES,
  tmfStatus,
} from './tmf621-mapping';

describe('TMF621 status mapping', () => {
  it('gives every status of ours a TMF status; closed without a resolution reads as rejected', () => {
    for (const s of TICKET_STATUSES) expect(TMF_STATUSES).toContain(tmfStatus(s, true));
    expect(tmfStatus('closed', true)).toBe('closed');
    expect(tmfStatus('closed', false)).toBe('rejected');
    expect(tmfStatus('pending_customer', false)).toBe('pending');
    expect(tmfStatus('rejected', false)).toBe('held');
  });

  it('every TMF → ours row is a transition of the state machine that lands on that TMF status', () => {
    for (const row of TMF_STATUS_ACTIONS) {
      for (const from of row.from) {
        const ok = row.actions.some((action) => {
          const r = applyAction(from, action, 'system', {});
          // Role aside (system may not do most), the transition must exist: illegal means it does not.
          return !(r.ok === false && r.code === 'TICKET_ILLEGAL_TRANSITION');
        });
        expect(ok, `${from} → ${row.to}`).toBe(true);
      }
    }
    expect(planStatusChange('resolved', true, 'closed')).toMatchObject({
      kind: 'action',
      row: { actions: ['confirm', 'archive'] },
    });
    expect(planStatusChange('dispatched', false, 'inProgress')).toMatchObject({
      kind: 'action',
      row: { actions: ['accept'] },
    });
    expect(planStatusChange('accepted', false, 'inProgress')).toEqual({ kind: 'none' });
    expect(planStatusChange('closed', true, 'inProgress')).toEqual({ kind: 'impossible' });
    expect(planStatusChange('submitted', false, 'held')).toEqual({ kind: 'impossible' });
  });
});

describe('TMF621 severity, priority and type', () => {
  it('maps known severities, and keeps unknown ones at normal', () => {
    expect(fromSeverity('High')).toEqual({ priority: 'high', faultLevel: 'major' });
    expect(fromSeverity(' critical ')).toEqual({ priority: 'urgent', faultLevel: 'critical' });
    expect(fromSeverity('Low')).toEqual({ priority: 'low', faultLevel: 'minor' });
    expect(fromSeverity('whatever')).toEqual({ priority: 'normal', faultLevel: 'minor' });
    expect(fromPriority('1')).toBe('urgent');
    expect(fromPriority('Medium')).toBe('normal');
    expect(fromPriority('soon')).toBeNull();
    expect(fromPriority(undefined)).toBeNull();
  });

  it('maps ticket types onto request types; orders are refused', () => {
    expect(requestTypeOf('device')).toBe('terminal_repair');
    expect(requestTypeOf('connectivity')).toBe('fault');
    expect(requestTypeOf('incident')).toBe('fault');
    expect(requestTypeOf('Complaint')).toBe('complaint');
    expect(requestTypeOf('inquiry')).toBe('inquiry');
    expect(requestTypeOf('new_idea')).toBe('new_idea');
    expect(requestTypeOf('new_install')).toEqual({ serviceRequest: 'new_install' });
  });
});
