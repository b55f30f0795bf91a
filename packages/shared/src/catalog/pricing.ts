import type { AttributeSpec } from './catalog-api';

// Pricing and combination rules, shared so the cart shows exactly what the server will charge.
// The server always recomputes with these functions from its own catalogue rows.

export interface PricedOffer {
  id: number;
  productCode: string;
  productName: string;
  name: string;
  status: 'draft' | 'published' | 'retired';
  productStatus: 'draft' | 'published' | 'retired';
  attributes: AttributeSpec[];
  fixedSpecs: Record<string, string>;
  oneTimeFen: number;
  monthlyFen: number;
  requires: string[];
  excludes: string[];
}

export type PricingProblem =
  | { kind: 'not_orderable'; offerId: number }
  | { kind: 'spec_missing'; offerId: number; key: string }
  | { kind: 'spec_invalid'; offerId: number; key: string; value: string }
  | { kind: 'spec_fixed'; offerId: number; key: string; value: string };

export interface PricedItem {
  oneTimeFen: number;
  monthlyFen: number;
  /** all attribute values in the product's order: fixed ones first from the offer, then the chosen ones */
  specs: Record<string, string>;
  /** "带宽 300M；固定 IP 8 个" */
  specText: string;
}

/** Price of one order line, or the problems that stop it. Quantity multiplies both prices. */
export function priceItem(
  offer: PricedOffer,
  chosen: Record<string, string>,
  quantity: number,
): { ok: true; item: PricedItem } | { ok: false; problems: PricingProblem[] } {
  const problems: PricingProblem[] = [];
  if (offer.status !== 'published' || offer.productStatus !== 'published')
    problems.push({ kind: 'not_orderable', offerId: offer.id });
  let oneTime = offer.oneTimeFen;
  let monthly = offer.monthlyFen;
  const specs: Record<string, string> = {};
  const parts: string[] = [];
  for (const a of offer.attributes) {
    const fixed = offer.fixedSpecs[a.key];
    const picked = chosen[a.key];
    if (fixed !== undefined && picked !== undefined && picked !== fixed) {
      problems.push({ kind: 'spec_fixed', offerId: offer.id, key: a.key, value: picked });
      continue;
    }
    const value = fixed ?? picked;
    if (value === undefined || value === '') {
      if (a.required) problems.push({ kind: 'spec_missing', offerId: offer.id, key: a.key });
      continue;
    }
    const opt = a.options.find((o) => o.value === value);
    if (!opt) {
      problems.push({ kind: 'spec_invalid', offerId: offer.id, key: a.key, value });
      continue;
    }
    specs[a.key] = value;
    parts.push(`${a.label} ${opt.label}`);
    // A fixed value is already in the offer's price; a chosen one adds its own.
    if (fixed === undefined) {
      oneTime += opt.oneTimeFen;
      monthly += opt.monthlyFen;
    }
  }
  for (const k of Object.keys(chosen))
    if (!offer.attributes.some((a) => a.key === k))
      problems.push({ kind: 'spec_invalid', offerId: offer.id, key: k, value: chosen[k]! });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    item: { oneTimeFen: oneTime * quantity, monthlyFen: monthly * quantity, specs, specText: parts.join('；') },
  };
}

export type CombinationProblem =
  | { kind: 'excluded'; productCode: string; otherCode: string }
  | { kind: 'requires'; productCode: string; anyOf: string[] };

/**
 * Dependencies and exclusions between the products of one order. `inService` are product codes the enterprise
 * already has running, which satisfy a dependency (cloud cameras on an existing broadband line).
 */
export function checkCombination(
  lines: { productCode: string; requires: string[]; excludes: string[] }[],
  inService: readonly string[] = [],
): CombinationProblem[] {
  const problems: CombinationProblem[] = [];
  const codes = new Set(lines.map((l) => l.productCode));
  const seen = new Set<string>();
  for (const l of lines) {
    for (const x of l.excludes) {
      const key = [l.productCode, x].sort().join('|');
      if (x !== l.productCode && codes.has(x) && !seen.has(key)) {
        seen.add(key);
        problems.push({ kind: 'excluded', productCode: l.productCode, otherCode: x });
      }
    }
    if (l.requires.length && !l.requires.some((r) => codes.has(r) || inService.includes(r)))
      problems.push({ kind: 'requires', productCode: l.productCode, anyOf: l.requires });
  }
  return problems;
}

/** ¥1,234.00 */
export function formatFen(fen: number): string {
  const yuan = fen / 100;
  return `¥${yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
