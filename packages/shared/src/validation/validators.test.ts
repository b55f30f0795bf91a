import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';
import { idCardCheckChar, isValidIdCard } from './id-card';
import { maskPhone, maskPhonesInText } from '../phone';

describe('unified social credit code (GB 32100)', () => {
  // Published codes of well-known companies (public registration data).
  it.each(['91350100M000100Y43', '91110000100005220B', '911100001000044477', '91440300708461136T'])(
    'accepts %s',
    (code) => {
      expect(isValidCreditCode(code)).toBe(true);
    },
  );

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91110000100005220')).toBe('B');
  });

  it('rejects a wrong check character, forbidden letters and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false); // I is not in the charset
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('is case-insensitive and ignores surrounding spaces', () => {
    expect(isValidCreditCode(' 91110000100005220b ')).toBe(true);
  });
});

describe('citizen ID number (GB 11643)', () => {
  it('accepts the standard example and an X check digit', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('440524188001010014')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
  });
  it('computes the check digit', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });
  it('rejects a wrong check digit and impossible dates', () => {
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('110105194902300027')).toBe(false); // 30 February
    expect(isValidIdCard('11010519491231002')).toBe(false);
  });
});

describe('phone masking', () => {
  it('masks the middle four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(null)).toBe('');
  });
  it('masks numbers inside text but not longer digit runs', () => {
    expect(maskPhonesInText('call 13812341234 now')).toBe('call 138****1234 now');
    expect(maskPhonesInText('order 2026113812341234')).toBe('order 2026113812341234');
  });
});
