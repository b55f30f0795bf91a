// The account manager's stage model (002 §6.3.1) as data: discovery → requirement confirmed → solution →
// contract → order. Terminate at any stage; roll back one stage, not from the first stage nor once ended.
// A major opportunity (expected revenue at or above the configured threshold) may not go past `solution`
// until every approval level has approved.

export const OPPORTUNITY_STAGES = ['discovery', 'requirement_confirmed', 'solution', 'contract', 'order'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const STAGE_ACTIONS = ['advance', 'rollback', 'terminate'] as const;
export type StageAction = (typeof STAGE_ACTIONS)[number];

/** The last stage a major opportunity may reach before it is approved. */
export const APPROVAL_GATE: OpportunityStage = 'solution';

export type ApprovalStatus = 'none' | 'pending' | 'approved' | 'rejected';

export interface StageState {
  stage: OpportunityStage;
  ended: boolean;
  /** approval levels this opportunity needs (0 = not a major opportunity) */
  approvalLevels: number;
  approval: ApprovalStatus;
}

export type StageResult =
  | { ok: true; stage: OpportunityStage; ended: boolean }
  | { ok: false; reason: 'ended' | 'last_stage' | 'first_stage' | 'approval_required' | 'reason_required' };

export function stageIndex(s: OpportunityStage): number {
  return OPPORTUNITY_STAGES.indexOf(s);
}

/** What `action` does to `state`; the one place the stage rules live. */
export function applyStageAction(state: StageState, action: StageAction, reason?: string | null): StageResult {
  if (state.ended) return { ok: false, reason: 'ended' };
  const i = stageIndex(state.stage);
  switch (action) {
    case 'advance': {
      if (i >= OPPORTUNITY_STAGES.length - 1) return { ok: false, reason: 'last_stage' };
      if (state.approvalLevels > 0 && i >= stageIndex(APPROVAL_GATE) && state.approval !== 'approved')
        return { ok: false, reason: 'approval_required' };
      return { ok: true, stage: OPPORTUNITY_STAGES[i + 1]!, ended: false };
    }
    case 'rollback':
      if (i === 0) return { ok: false, reason: 'first_stage' };
      return { ok: true, stage: OPPORTUNITY_STAGES[i - 1]!, ended: false };
    case 'terminate':
      if (!reason || !reason.trim()) return { ok: false, reason: 'reason_required' };
      return { ok: true, stage: state.stage, ended: true };
  }
}

/** Which actions are possible now (for the UI: show only these). */
export function allowedStageActions(state: StageState): StageAction[] {
  return STAGE_ACTIONS.filter((a) => applyStageAction(state, a, 'x').ok);
}

/**
 * How many approval levels an expected revenue needs: one per threshold reached (thresholds ascending, in yuan).
 * E.g. [1_000_000, 5_000_000]: below 1 M none, from 1 M the district, from 5 M also the branch.
 */
export function approvalLevelsFor(revenueYuan: number | null | undefined, thresholds: readonly number[]): number {
  if (revenueYuan === null || revenueYuan === undefined) return 0;
  return thresholds.filter((t) => revenueYuan >= t).length;
}
