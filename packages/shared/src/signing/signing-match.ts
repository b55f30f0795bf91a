import { isValidCreditCode } from '../validation/credit-code';
import { isValidIdCard } from '../validation/id-card';

// Mode 3 checks (seed 000 table 2): the licence must be the order's enterprise, the ID card its legal
// representative or an agent authorised by a signed 委托书. Every refusal is explained in words a signer understands.

export interface MatchExpected {
  companyName: string;
  creditCode: string;
  legalRepName: string | null;
  agentNames: string[];
}
export interface MatchFound {
  licence: { companyName: string; creditCode: string; legalRep: string } | null;
  idCard: { name: string; idNumber: string } | null;
}
export interface MatchResult {
  mismatches: string[];
  matchedAs: 'legal_rep' | 'agent' | null;
}

/** Company names compare without spaces and with full-width brackets made half-width. */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').trim();
}

export function matchSigningMaterials(exp: MatchExpected, found: MatchFound): MatchResult {
  const mismatches: string[] = [];
  if (!found.licence) mismatches.push('营业执照未能识别，请重新拍摄清晰完整的照片');
  else {
    const code = found.licence.creditCode.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    if (!isValidCreditCode(code)) mismatches.push('营业执照上的统一社会信用代码未能识别或校验位不正确');
    else if (code !== exp.creditCode.toUpperCase())
      mismatches.push(`营业执照的统一社会信用代码（${code}）与订单企业（${exp.creditCode}）不一致`);
    if (normaliseName(found.licence.companyName) !== normaliseName(exp.companyName))
      mismatches.push(`营业执照企业名称“${found.licence.companyName}”与订单企业“${exp.companyName}”不一致`);
  }
  let matchedAs: MatchResult['matchedAs'] = null;
  if (!found.idCard) mismatches.push('身份证未能识别，请重新拍摄清晰完整的人像面照片');
  else {
    const name = normaliseName(found.idCard.name);
    if (found.idCard.idNumber && !isValidIdCard(found.idCard.idNumber.toUpperCase()))
      mismatches.push('身份证号码未能识别或校验位不正确');
    if (exp.legalRepName && name === normaliseName(exp.legalRepName)) matchedAs = 'legal_rep';
    else if (exp.agentNames.some((a) => normaliseName(a) === name)) matchedAs = 'agent';
    else
      mismatches.push(
        exp.legalRepName
          ? `身份证姓名“${found.idCard.name}”既不是法定代表人，也不是已签委托书授权的经办人`
          : `企业尚未登记法定代表人，身份证姓名“${found.idCard.name}”也不是已签委托书授权的经办人`,
      );
  }
  return { mismatches, matchedAs: mismatches.length ? null : matchedAs };
}

/** 310101199001011234 → 3101**********1234 */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}
