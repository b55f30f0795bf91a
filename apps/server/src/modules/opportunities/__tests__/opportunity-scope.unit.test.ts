import { describe, expect, it } from 'vitest';
import { regionAncestors, scopeCovers } from '../opportunity.repo';

// An agent limited to 张江 (/1/3/7/) under 浦东 (/1/3/) in the province (/1/).
const zj = { groups: [], regions: ['/1/3/7/'] };

describe('agent claim scope', () => {
  it('lists the org paths above each district once', () => {
    expect(regionAncestors(['/1/3/7/', '/1/3/8/', '/1/4/9/']).sort()).toEqual(['/1/', '/1/3/', '/1/4/']);
    expect(regionAncestors([])).toEqual([]);
  });

  it('covers its districts and what is not yet placed in a district, not other districts', () => {
    expect(scopeCovers(zj, 'broadband', '/1/3/7/')).toBe(true);
    expect(scopeCovers(zj, 'broadband', '/1/3/7/21/')).toBe(true);
    expect(scopeCovers(zj, 'broadband', '/1/')).toBe(true);
    expect(scopeCovers(zj, 'broadband', '/1/3/')).toBe(true);
    expect(scopeCovers(zj, 'broadband', '/1/3/8/')).toBe(false);
    expect(scopeCovers(zj, 'broadband', '/1/4/')).toBe(false);
  });

  it('applies the product groups, and empty lists mean all', () => {
    expect(scopeCovers({ groups: ['cloud'], regions: [] }, 'broadband', '/1/3/7/')).toBe(false);
    expect(scopeCovers({ groups: ['cloud'], regions: [] }, 'cloud', '/1/4/')).toBe(true);
    expect(scopeCovers({ groups: [], regions: [] }, 'line', '/1/')).toBe(true);
  });
});
