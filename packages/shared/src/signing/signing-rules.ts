import type { SigningKind, SigningMode } from './signing-types';

// Seed 000 table 1 as data: which signing mode an order needs, by order type, amount and products.
// Rules are tried by ascending priority; the first whose every condition holds decides.

export interface SigningRuleInputs {
  kind: SigningKind;
  orderType: 'new' | 'change' | 'cancel' | null;
  /** one-time plus first month, in fen */
  amountFen: number;
  productCodes: string[];
}

export interface SigningModeRule {
  id?: number;
  priority: number;
  name: string;
  kind: SigningKind | null;
  orderType: 'new' | 'change' | 'cancel' | null;
  /** inclusive bounds in fen; null = unbounded */
  minAmountFen: number | null;
  maxAmountFen: number | null;
  /** the order holds at least one of these (empty = any) */
  anyProducts: string[];
  /** the order holds none of these */
  noneProducts: string[];
  mode: SigningMode;
  active: boolean;
}

/** A product code matches a pattern exactly, or by prefix when the pattern ends with `*`. */
export function productMatches(code: string, pattern: string): boolean {
  const p = pattern.trim().toUpperCase();
  const c = code.trim().toUpperCase();
  return p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : c === p;
}

export function ruleMatches(rule: SigningModeRule, inp: SigningRuleInputs): boolean {
  if (!rule.active) return false;
  if (rule.kind && rule.kind !== inp.kind) return false;
  if (rule.orderType && rule.orderType !== inp.orderType) return false;
  if (rule.minAmountFen !== null && inp.amountFen < rule.minAmountFen) return false;
  if (rule.maxAmountFen !== null && inp.amountFen > rule.maxAmountFen) return false;
  if (rule.anyProducts.length && !inp.productCodes.some((c) => rule.anyProducts.some((p) => productMatches(c, p))))
    return false;
  if (inp.productCodes.some((c) => rule.noneProducts.some((p) => productMatches(c, p)))) return false;
  return true;
}

export interface ModeChoice {
  mode: SigningMode;
  rule: SigningModeRule | null;
}

/** The first matching rule decides; with none, e-signature (table 1: the highest success rate). */
export function chooseSigningMode(rules: readonly SigningModeRule[], inp: SigningRuleInputs): ModeChoice {
  const sorted = [...rules].sort((a, b) => a.priority - b.priority);
  const rule = sorted.find((r) => ruleMatches(r, inp)) ?? null;
  return { mode: rule?.mode ?? 'e_sign', rule };
}

// Product codes of fixed-line and broadband packages, and of the exclusions table 1 names (商云通, mobile numbers).
const BROADBAND_FIXED = ['BB*', 'BROADBAND*', 'FIXED*', 'FTTR*', 'SHOP_BB*'];
const EXCLUDED = ['SYT*', 'MOBILE*'];

/** Seed 000 table 1, the default the admin edits. */
export const DEFAULT_SIGNING_RULES: SigningModeRule[] = [
  {
    priority: 10,
    name: '企业协议（委托书等）：电子签名',
    kind: 'agreement',
    orderType: null,
    minAmountFen: null,
    maxAmountFen: null,
    anyProducts: [],
    noneProducts: [],
    mode: 'e_sign',
    active: true,
  },
  {
    priority: 20,
    name: '新装宽带套餐或固话套餐（不含商云通、移动码号）：线上签约',
    kind: 'order',
    orderType: 'new',
    minAmountFen: null,
    maxAmountFen: null,
    anyProducts: BROADBAND_FIXED,
    noneProducts: EXCLUDED,
    mode: 'online',
    active: true,
  },
  {
    priority: 30,
    name: '0 元加装包（如宽带 0 元续约送组网）：短信回复签约',
    kind: 'order',
    orderType: null,
    minAmountFen: null,
    maxAmountFen: 0,
    anyProducts: [],
    noneProducts: [],
    mode: 'sms_reply',
    active: true,
  },
  {
    priority: 40,
    name: '改性能叠加包（如主号码叠加流量包）：短信回复签约',
    kind: 'order',
    orderType: 'change',
    minAmountFen: null,
    maxAmountFen: null,
    anyProducts: [],
    noneProducts: [],
    mode: 'sms_reply',
    active: true,
  },
  {
    priority: 50,
    name: '新增订购金额大于 0 的销售品：电子签名签约',
    kind: 'order',
    orderType: 'new',
    minAmountFen: 1,
    maxAmountFen: null,
    anyProducts: [],
    noneProducts: [],
    mode: 'e_sign',
    active: true,
  },
];
