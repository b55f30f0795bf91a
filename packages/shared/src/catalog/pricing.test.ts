import { describe, expect, it } from 'vitest';
import { checkCombination, formatFen, priceItem, type PricedOffer } from './pricing';

const broadband: PricedOffer = {
  id: 1,
  productCode: 'BIZ_BB',
  productName: '商务宽带',
  name: '商务宽带 300M 包月',
  status: 'published',
  productStatus: 'published',
  attributes: [
    {
      key: 'bandwidth',
      label: '带宽',
      required: true,
      options: [
        { value: '100M', label: '100M', oneTimeFen: 0, monthlyFen: 0 },
        { value: '300M', label: '300M', oneTimeFen: 0, monthlyFen: 0 },
      ],
    },
    {
      key: 'ip',
      label: '固定 IP',
      required: false,
      options: [
        { value: '1', label: '1 个', oneTimeFen: 0, monthlyFen: 5000 },
        { value: '8', label: '8 个', oneTimeFen: 20000, monthlyFen: 30000 },
      ],
    },
  ],
  fixedSpecs: { bandwidth: '300M' },
  oneTimeFen: 30000,
  monthlyFen: 59900,
  requires: [],
  excludes: ['SHOP_BB'],
};

describe('priceItem', () => {
  it('adds chosen options to the offer price and multiplies by quantity', () => {
    const r = priceItem(broadband, { ip: '8' }, 2);
    expect(r).toEqual({
      ok: true,
      item: {
        oneTimeFen: (30000 + 20000) * 2,
        monthlyFen: (59900 + 30000) * 2,
        specs: { bandwidth: '300M', ip: '8' },
        specText: '带宽 300M；固定 IP 8 个',
      },
    });
  });
  it('does not charge the fixed value again and accepts it repeated', () => {
    const r = priceItem(broadband, { bandwidth: '300M' }, 1);
    expect(r.ok && r.item.monthlyFen).toBe(59900);
  });
  it('refuses a value the offer fixes differently, an unknown value and an unknown attribute', () => {
    const r = priceItem(broadband, { bandwidth: '1000M', ip: '64', colour: 'red' }, 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.kind)).toEqual(['spec_fixed', 'spec_invalid', 'spec_invalid']);
  });
  it('refuses an offer that is not published or whose product is retired', () => {
    expect(priceItem({ ...broadband, status: 'draft' }, {}, 1).ok).toBe(false);
    expect(priceItem({ ...broadband, productStatus: 'retired' }, {}, 1).ok).toBe(false);
  });
  it('requires mandatory attributes', () => {
    const r = priceItem({ ...broadband, fixedSpecs: {} }, {}, 1);
    expect(!r.ok && r.problems).toEqual([{ kind: 'spec_missing', offerId: 1, key: 'bandwidth' }]);
  });
});

describe('checkCombination', () => {
  it('reports an excluded pair once', () => {
    const p = checkCombination([
      { productCode: 'BIZ_BB', requires: [], excludes: ['SHOP_BB'] },
      { productCode: 'SHOP_BB', requires: [], excludes: ['BIZ_BB'] },
    ]);
    expect(p).toEqual([{ kind: 'excluded', productCode: 'BIZ_BB', otherCode: 'SHOP_BB' }]);
  });
  it('satisfies a dependency from the same order or from services in use', () => {
    const cam = { productCode: 'CLOUD_EYE', requires: ['BIZ_BB', 'FTTR'], excludes: [] };
    expect(checkCombination([cam])).toEqual([
      { kind: 'requires', productCode: 'CLOUD_EYE', anyOf: ['BIZ_BB', 'FTTR'] },
    ]);
    expect(checkCombination([cam, { productCode: 'FTTR', requires: [], excludes: [] }])).toEqual([]);
    expect(checkCombination([cam], ['BIZ_BB'])).toEqual([]);
  });
});

it('formats fen as yuan', () => {
  expect(formatFen(123456)).toBe('¥1,234.56');
  expect(formatFen(0)).toBe('¥0.00');
});
