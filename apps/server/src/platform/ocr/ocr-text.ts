import { isValidCreditCode, isValidIdCard } from '@paidan/shared';

// Pure parsing of what tesseract read off a business licence or an ID card. OCR output is noisy: spaces between
// Chinese characters, 1/I/L and 0/O confused, stray characters. Every field is a pre-fill that a person confirms.

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';

/** Removes the spaces tesseract puts between Chinese characters and trims each line. */
export function normaliseOcrText(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/[\u3000\t]/g, ' ')
        .replace(new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g'), '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l.length > 0);
}

/** The text after a label on the same line (`名称 xxx`, `名称：xxx`), or on the next line when the label stands alone. */
function valueAfter(lines: string[], labels: RegExp): string | null {
  for (let i = 0; i < lines.length; i++) {
    const m = labels.exec(lines[i]!);
    if (!m) continue;
    const rest = lines[i]!.slice(m.index + m[0].length)
      .replace(/^[\s:：,，.。|]+/, '')
      .trim();
    if (rest) return rest;
    const next = lines[i + 1]?.trim();
    if (next) return next;
  }
  return null;
}

// Characters OCR reads in place of the ones GB 32100 allows (its charset has no I, O, S, V, Z).
const CREDIT_FIXES: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5', V: 'U', '|': '1' };

function fixCreditChars(s: string): string {
  return s
    .toUpperCase()
    .split('')
    .map((c) => CREDIT_FIXES[c] ?? c)
    .join('');
}

/**
 * The unified social credit code in the text: a run of letters and digits whose check character holds.
 * Tries the exact run, then its 18-character windows. Guessing which glyph was misread is not attempted: with a
 * mod-31 check one wrong guess in 31 passes, so an unreadable code is returned unchecked for the person to correct.
 */
export function findCreditCode(lines: string[]): { code: string | null; checked: boolean } {
  const labelled = valueAfter(lines, /统一社会信用代码|社会信用代码|信用代码|注册号/);
  const sources = [labelled, ...lines].filter((s): s is string => !!s);
  let fallback: string | null = null;
  for (const src of sources) {
    const runs = src
      .replace(/\s+/g, '')
      .split(/[^0-9A-Za-z|]+/)
      .map(fixCreditChars)
      .filter((r) => r.length >= 17);
    for (const run of runs) {
      const found = validWithin(run);
      if (found) return { code: found, checked: true };
      if (!fallback && run.length >= 18) fallback = run.slice(0, 18);
    }
  }
  return { code: fallback, checked: false };
}

function validWithin(run: string): string | null {
  for (let i = 0; i + 18 <= run.length; i++) {
    const w = run.slice(i, i + 18);
    if (isValidCreditCode(w)) return w;
  }
  return null;
}

const stripPunct = (s: string) => s.replace(/^[\s:：|]+|[\s|。.]+$/g, '');

export interface LicenceFields {
  companyName: string | null;
  creditCode: string | null;
  /** whether the credit code's GB 32100 check character holds */
  creditCodeChecked: boolean;
  legalRep: string | null;
  address: string | null;
}

export function parseLicenceText(raw: string): LicenceFields {
  const lines = normaliseOcrText(raw);
  const { code, checked } = findCreditCode(lines);
  let name = valueAfter(lines, /名\s*称/);
  if (!name)
    name = lines.find((l) => /(有限公司|有限责任公司|股份有限公司|合伙企业|事务所|研究院|中心)$/.test(l)) ?? null;
  const rep = valueAfter(lines, /法定代表人|负\s*责\s*人|执行事务合伙人|经\s*营\s*者/);
  const address = valueAfter(lines, /住\s*所|经营场所|主要经营场所|营业场所/);
  return {
    companyName: name ? stripPunct(name).replace(/\s+/g, '') : null,
    creditCode: code,
    creditCodeChecked: checked,
    legalRep: rep ? stripPunct(rep).replace(/\s+/g, '').slice(0, 30) : null,
    address: address ? stripPunct(address).replace(/\s+/g, '') : null,
  };
}

export interface IdCardFields {
  name: string | null;
  idNumber: string | null;
  idNumberChecked: boolean;
  /** back side: 有效期限 2016.03.01-2036.03.01 (or 长期) */
  validFrom: string | null;
  validTo: string | null;
}

export function parseIdCardText(raw: string): IdCardFields {
  const lines = normaliseOcrText(raw);
  const nameRaw = valueAfter(lines, /姓\s*名/);
  let idNumber: string | null = null;
  let checked = false;
  const label = valueAfter(lines, /公民身份号码|身份号码|身份证号/);
  for (const src of [label, ...lines].filter((s): s is string => !!s)) {
    const compact = src.replace(/\s+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL|]/g, '1');
    for (const m of compact.matchAll(/\d{17}[\dX]/g)) {
      if (isValidIdCard(m[0])) {
        idNumber = m[0];
        checked = true;
        break;
      }
      idNumber ??= m[0];
    }
    if (checked) break;
  }
  let validFrom: string | null = null;
  let validTo: string | null = null;
  const validity = valueAfter(lines, /有效期限|有效期/);
  if (validity) {
    const m = /(\d{4})[.\-年](\d{2})[.\-月](\d{2})日?\s*[-—~至]+\s*(?:(\d{4})[.\-年](\d{2})[.\-月](\d{2})|(长期))/.exec(
      validity.replace(/\s+/g, ''),
    );
    if (m) {
      validFrom = `${m[1]}-${m[2]}-${m[3]}`;
      validTo = m[7] ? '长期' : `${m[4]}-${m[5]}-${m[6]}`;
    }
  }
  return {
    name: nameRaw ? stripPunct(nameRaw).replace(/\s+/g, '').split(/性别/)[0]!.slice(0, 30) || null : null,
    idNumber,
    idNumberChecked: checked,
    validFrom,
    validTo,
  };
}
