import { describe, expect, it } from 'vitest';
import { chooseSigningMode, DEFAULT_SIGNING_RULES, productMatches, type SigningRuleInputs } from './signing-rules';
import { isKtReply, maskName, nextSigningStatus } from './signing-types';
import { matchSigningMaterials } from './signing-match';
import { creditCodeCheckChar } from '../validation/credit-code';
import { idCardCheckChar } from '../validation/id-card';

const order = (o: Partial<SigningRuleInputs>): SigningRuleInputs => ({
  kind: 'order',
  orderType: 'new',
  amountFen: 0,
  productCodes: [],
  ...o,
});

describe('signing mode rules (seed 000 table 1)', () => {
  it('0-yuan add-on packs sign by SMS reply', () => {
    expect(
      chooseSigningMode(
        DEFAULT_SIGNING_RULES,
        order({ orderType: 'change', amountFen: 0, productCodes: ['FLOW_PACK'] }),
      ).mode,
    ).toBe('sms_reply');
    expect(
      chooseSigningMode(DEFAULT_SIGNING_RULES, order({ orderType: 'new', amountFen: 0, productCodes: ['SDWAN'] })).mode,
    ).toBe('sms_reply');
  });
  it('change packs sign by SMS reply even when paid', () => {
    expect(chooseSigningMode(DEFAULT_SIGNING_RULES, order({ orderType: 'change', amountFen: 3000 })).mode).toBe(
      'sms_reply',
    );
  });
  it('new paid offers need an e-signature', () => {
    expect(chooseSigningMode(DEFAULT_SIGNING_RULES, order({ amountFen: 9900, productCodes: ['CLOUD_PC'] })).mode).toBe(
      'e_sign',
    );
  });
  it('new broadband or fixed-line packages need online signing, unless they hold 商云通 or mobile numbers', () => {
    expect(
      chooseSigningMode(DEFAULT_SIGNING_RULES, order({ amountFen: 19900, productCodes: ['BB_BIZ_300M'] })).mode,
    ).toBe('online');
    expect(
      chooseSigningMode(DEFAULT_SIGNING_RULES, order({ amountFen: 19900, productCodes: ['FIXED_LINE'] })).mode,
    ).toBe('online');
    expect(
      chooseSigningMode(DEFAULT_SIGNING_RULES, order({ amountFen: 19900, productCodes: ['BB_BIZ_300M', 'MOBILE_NO'] }))
        .mode,
    ).toBe('e_sign');
  });
  it('agreements are e-signed; no matching rule falls back to e-signature', () => {
    expect(
      chooseSigningMode(DEFAULT_SIGNING_RULES, { kind: 'agreement', orderType: null, amountFen: 0, productCodes: [] })
        .mode,
    ).toBe('e_sign');
    expect(chooseSigningMode([], order({})).mode).toBe('e_sign');
  });
  it('inactive rules are skipped; priority decides', () => {
    const rules = DEFAULT_SIGNING_RULES.map((r) => (r.priority === 20 ? { ...r, active: false } : r));
    expect(chooseSigningMode(rules, order({ amountFen: 100, productCodes: ['BB_X'] })).mode).toBe('e_sign');
  });
  it('product patterns match exactly or by prefix with *', () => {
    expect(productMatches('bb_300', 'BB*')).toBe(true);
    expect(productMatches('XBB', 'BB*')).toBe(false);
    expect(productMatches('FTTR', 'FTTR')).toBe(true);
  });
});

describe('signing life cycle and replies', () => {
  it('moves only along the table', () => {
    expect(nextSigningStatus('sent', 'open')).toBe('opened');
    expect(nextSigningStatus('opened', 'sign')).toBe('signed');
    expect(nextSigningStatus('signed', 'sign')).toBeNull();
    expect(nextSigningStatus('expired', 'sign')).toBeNull();
    expect(nextSigningStatus('review', 'approve')).toBe('signed');
    expect(nextSigningStatus('sent', 'approve')).toBeNull();
  });
  it('reads KT however it is typed', () => {
    for (const t of ['KT', 'kt', ' Kt ', 'ＫＴ', 'KT。']) expect(isKtReply(t)).toBe(true);
    for (const t of ['K T X', 'OK', 'KTV', '']) expect(isKtReply(t)).toBe(false);
  });
  it('masks names', () => {
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});

describe('mode 3 matching', () => {
  const code17 = '91310115MA1K4XXX0'.replace(/X/g, '1');
  const code = code17 + creditCodeCheckChar(code17);
  const id17 = '31011519800101123';
  const id = id17 + idCardCheckChar(id17);
  const exp = {
    companyName: '上海浦江智造科技有限公司',
    creditCode: code,
    legalRepName: '李建国',
    agentNames: ['周晓梅'],
  };
  it('accepts the legal representative or an authorised agent', () => {
    const lic = { companyName: '上海浦江智造科技有限公司', creditCode: code, legalRep: '李建国' };
    expect(matchSigningMaterials(exp, { licence: lic, idCard: { name: '李建国', idNumber: id } })).toEqual({
      mismatches: [],
      matchedAs: 'legal_rep',
    });
    expect(matchSigningMaterials(exp, { licence: lic, idCard: { name: '周晓梅', idNumber: id } }).matchedAs).toBe(
      'agent',
    );
  });
  it('explains a wrong company, a wrong code check character and a stranger', () => {
    const r = matchSigningMaterials(exp, {
      licence: {
        companyName: '上海别家公司',
        creditCode: code.slice(0, 17) + (code.endsWith('1') ? '2' : '1'),
        legalRep: '某',
      },
      idCard: { name: '张三', idNumber: id },
    });
    expect(r.matchedAs).toBeNull();
    expect(r.mismatches.join('\n')).toMatch(/校验位/);
    expect(r.mismatches.join('\n')).toMatch(/企业名称/);
    expect(r.mismatches.join('\n')).toMatch(/张三/);
  });
  it('treats full-width brackets and spaces in names as the same name', () => {
    const e = { ...exp, companyName: '上海某某（集团）有限公司' };
    const r = matchSigningMaterials(e, {
      licence: { companyName: '上海某某(集团) 有限公司', creditCode: code, legalRep: '' },
      idCard: { name: '李建国', idNumber: id },
    });
    expect(r.mismatches).toEqual([]);
  });
});
