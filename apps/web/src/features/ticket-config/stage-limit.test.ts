import { describe, expect, it } from 'vitest';
import { stageLimitProblem } from './stage-limit';

describe('stageLimitProblem', () => {
  it('a stage without a clock needs nothing', () => {
    expect(stageLimitProblem({ on: false })).toBeNull();
    expect(stageLimitProblem(undefined)).toBeNull();
  });

  it('an emptied amount is a missing value, not a type error', () => {
    expect(stageLimitProblem({ on: true, amount: null, unit: 'minutes', clock: '24x7' })).toBe('amountRequired');
    expect(stageLimitProblem({ on: true, unit: 'minutes', clock: '24x7' })).toBe('amountRequired');
  });

  it('passes a valid limit and tells a combination the server refuses', () => {
    expect(stageLimitProblem({ on: true, amount: 15, unit: 'minutes', clock: '24x7' })).toBeNull();
    const bad = stageLimitProblem({ on: true, amount: 3, unit: 'working_days', clock: '24x7' });
    expect(bad).toMatchObject({ message: expect.stringContaining('工作日') });
  });
});
