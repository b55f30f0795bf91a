import { describe, expect, it } from 'vitest';
import { backTarget } from './use-back';

describe('backTarget', () => {
  it('goes back through history when the user came from a page of the app', () => {
    expect(backTarget('k3j2x9', '/my/tickets')).toBe(-1);
  });

  it('opens the list when the page was the first one loaded (a link from an SMS or a new tab)', () => {
    expect(backTarget('default', '/my/tickets')).toBe('/my/tickets');
    expect(backTarget('default', '/tickets')).toBe('/tickets');
  });
});
