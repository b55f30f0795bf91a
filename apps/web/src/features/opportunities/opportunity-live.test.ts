import { describe, expect, it } from 'vitest';
import { concerns } from './opportunity-live';

describe('concerns', () => {
  it('matches a change of this item, of several items including it, and a reload of everything', () => {
    expect(concerns({ id: 7, status: 'claimed', pool: true }, 7)).toBe(true);
    expect(concerns({ id: null, ids: [3, 7, 9], status: 'claimed', pool: true }, 7)).toBe(true);
    expect(concerns({ id: null, pool: true }, 7)).toBe(true);
  });

  it('leaves other items alone, also when several are told together', () => {
    expect(concerns({ id: 8, status: 'claimed' }, 7)).toBe(false);
    expect(concerns({ id: null, ids: [3, 9], status: 'claimed', pool: true }, 7)).toBe(false);
  });
});
