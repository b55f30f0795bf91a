import { describe, expect, it } from 'vitest';
import { submitGuard } from './submit-guard';

describe('submitGuard', () => {
  it('drops a second submission while the first is on its way', () => {
    const g = submitGuard();
    expect(g.begin()).toBe(true);
    expect(g.begin()).toBe(false);
    g.end();
    expect(g.begin()).toBe(true);
  });

  it('keeps guards of different forms apart', () => {
    const a = submitGuard();
    const b = submitGuard();
    expect(a.begin()).toBe(true);
    expect(b.begin()).toBe(true);
  });
});
