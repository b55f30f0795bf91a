import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';
import { idCardCheckChar, isValidIdCard } from './id-card';
import { maskPhone, maskPhonesInText } from '../phone';
import { CreditCodeSchema } from '../schemas/customer';
import { IdNumberSchema } from '../onboarding/onboarding-schemas';

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

describe('credit codes and ID numbers in the shapes enterprises and people really have', () => {
  // One code per kind of registrant (the first character is the registering authority, the second the kind):
  // 11 government body, 12 public institution, 51 social organisation, 91 company, 92 sole trader, 93 cooperative.
  it.each([
    ['11310000002423212J', 'government body'],
    ['12310000425012345C', 'public institution'],
    ['51310000MJ4993823P', 'social organisation'],
    ['91310000132206722A', 'company, old organisation code inside'],
    ['92310115MA1K4LXR7K', 'sole trader'],
    ['93310230MA1JX1HY86', 'farmers’ cooperative'],
  ])('accepts %s (%s) and refuses every other check character', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
    const wrong = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').filter((c) => c !== code[17]);
    for (const c of wrong) expect(isValidCreditCode(code.slice(0, 17) + c)).toBe(false);
  });

  it('refuses the letters the standard leaves out (I, O, S, V, Z), which OCR often produces', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(isValidCreditCode(`9131000013220672${bad}A`)).toBe(false);
  });

  it('accepts Shanghai ID numbers, a leap-day birth date, and refuses a transposition', () => {
    expect(isValidIdCard('310115198001011238')).toBe(true);
    expect(isValidIdCard('310104197512306413')).toBe(true);
    expect(isValidIdCard('440306200002290017')).toBe(true); // 29 February 2000
    expect(isValidIdCard('310115198001011328')).toBe(false); // two digits swapped
    expect(isValidIdCard('440306200102290014')).toBe(false); // 29 February 2001 does not exist
  });
});

describe('check-character messages', () => {
  // The web shows the half of a "中文 / English" message that matches the language; it splits on " / ".
  it.each([
    [CreditCodeSchema, '91350100M000100Y44'],
    [IdNumberSchema, '310115198001011328'],
  ])('are bilingual in the " / " form', (schema, bad) => {
    const r = schema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message.split(' / ')).toHaveLength(2);
  });
});
