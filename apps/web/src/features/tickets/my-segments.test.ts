import { describe, expect, it } from 'vitest';
import { MY_SEGMENTS, segmentOf, segmentParams } from './my-segments';

describe('my request segments in the address', () => {
  it('every segment survives the round trip through ?seg=', () => {
    for (const s of MY_SEGMENTS) expect(segmentOf(new URLSearchParams(segmentParams(s)).get('seg'))).toBe(s);
  });

  it('an unknown or missing segment shows everything', () => {
    expect(segmentOf(null)).toBe('all');
    expect(segmentOf('bogus')).toBe('all');
    expect(segmentParams('all')).toEqual({});
  });
});
