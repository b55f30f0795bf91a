import { describe, expect, it } from 'vitest';
import { allowedStageActions, applyStageAction, approvalLevelsFor, type StageState } from './opportunity-stage';

const st = (over: Partial<StageState> = {}): StageState => ({
  stage: 'discovery',
  ended: false,
  approvalLevels: 0,
  approval: 'none',
  ...over,
});

describe('opportunity stage model', () => {
  it('advances one stage at a time to the order stage and no further', () => {
    expect(applyStageAction(st(), 'advance')).toEqual({ ok: true, stage: 'requirement_confirmed', ended: false });
    expect(applyStageAction(st({ stage: 'contract' }), 'advance')).toMatchObject({ ok: true, stage: 'order' });
    expect(applyStageAction(st({ stage: 'order' }), 'advance')).toEqual({ ok: false, reason: 'last_stage' });
  });

  it('rolls back one stage, never from the first stage or an ended opportunity', () => {
    expect(applyStageAction(st({ stage: 'solution' }), 'rollback')).toMatchObject({ stage: 'requirement_confirmed' });
    expect(applyStageAction(st(), 'rollback')).toEqual({ ok: false, reason: 'first_stage' });
    expect(applyStageAction(st({ stage: 'solution', ended: true }), 'rollback')).toEqual({
      ok: false,
      reason: 'ended',
    });
  });

  it('terminates at any stage, only with a reason', () => {
    expect(applyStageAction(st({ stage: 'contract' }), 'terminate', '预算取消')).toEqual({
      ok: true,
      stage: 'contract',
      ended: true,
    });
    expect(applyStageAction(st(), 'terminate', '  ')).toEqual({ ok: false, reason: 'reason_required' });
  });

  it('holds a major opportunity at the solution stage until approved', () => {
    const major = st({ stage: 'solution', approvalLevels: 2 });
    expect(applyStageAction(major, 'advance')).toEqual({ ok: false, reason: 'approval_required' });
    expect(applyStageAction({ ...major, approval: 'pending' }, 'advance').ok).toBe(false);
    expect(applyStageAction({ ...major, approval: 'approved' }, 'advance')).toMatchObject({ stage: 'contract' });
    expect(applyStageAction({ ...major, stage: 'requirement_confirmed' }, 'advance').ok).toBe(true);
    expect(allowedStageActions(major)).toEqual(['rollback', 'terminate']);
  });

  it('counts approval levels by the thresholds reached', () => {
    expect(approvalLevelsFor(null, [1e6, 5e6])).toBe(0);
    expect(approvalLevelsFor(999_999.99, [1e6, 5e6])).toBe(0);
    expect(approvalLevelsFor(1e6, [1e6, 5e6])).toBe(1);
    expect(approvalLevelsFor(8e6, [1e6, 5e6])).toBe(2);
  });
});
