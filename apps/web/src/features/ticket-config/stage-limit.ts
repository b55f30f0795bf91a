import { SlaLimitSchema, type SlaLimit } from '@paidan/shared';

export type StageValues = { on: boolean; amount?: number | null; unit?: SlaLimit['unit']; clock?: SlaLimit['clock'] };

/**
 * What is wrong with one stage's limit in the editor: nothing, an empty amount (said in words: the amount box shows
 * no message of its own), or the schema's message.
 */
export function stageLimitProblem(v: StageValues | undefined): null | 'amountRequired' | { message: string } {
  if (!v?.on) return null;
  if (v.amount === null || v.amount === undefined) return 'amountRequired';
  const r = SlaLimitSchema.safeParse({ amount: v.amount, unit: v.unit, clock: v.clock });
  return r.success ? null : { message: r.error.issues[0]?.message ?? '' };
}
