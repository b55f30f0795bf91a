import { describe, it, expect } from 'vitest';
import { CUSTOMER_LEVELS } from '../schemas/customer';
import {
  DEFAULT_SLA_POLICIES,
  SlaLimitSchema,
  SlaPolicySchema,
  matchPolicy,
  slaKindOf,
  type SlaPolicy,
} from './sla-policy';
import { BUSINESS_CATEGORIES } from './ticket-types';

const resolveHours = (p: SlaPolicy | undefined) => {
  const l = p?.limits.resolve;
  return l?.unit === 'hours' ? l.amount : undefined;
};

describe('DEFAULT_SLA_POLICIES (seed 004)', () => {
  it('dispatches within 15 minutes, accepts within 30 and confirms recovery within 15, round the clock', () => {
    const p = matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_b', category: 'virtual_network' });
    expect(p?.limits.dispatch).toEqual({ amount: 15, unit: 'minutes', clock: '24x7' });
    expect(p?.limits.accept).toEqual({ amount: 30, unit: 'minutes', clock: '24x7' });
    expect(p?.limits.recovery_confirm).toEqual({ amount: 15, unit: 'minutes', clock: '24x7' });
  });

  it('gives 虚拟网/NGN虚拟网/800 20, 24 or 48 hours by customer level', () => {
    for (const category of ['virtual_network', 'ngn_virtual_network', 'freephone_800'] as const) {
      expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'group', category }))).toBe(20);
      expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'province', category }))).toBe(20);
      expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_a', category }))).toBe(24);
      expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_c', category }))).toBe(48);
    }
  });

  it('gives 4008 12 hours for industry/high-end and 24 hours for brand customers', () => {
    expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_a', category: 'number_4008' }))).toBe(12);
    expect(resolveHours(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_b', category: 'number_4008' }))).toBe(24);
  });

  it('uses working days for the industry editions', () => {
    const p = matchPolicy(DEFAULT_SLA_POLICIES, { level: 'group', category: 'industry_e_tong' });
    expect(p?.limits.feedback).toEqual({ amount: 1, unit: 'working_days', clock: 'business' });
    expect(p?.limits.resolve).toEqual({ amount: 3, unit: 'working_days', clock: 'business' });
  });

  it('picks dedicated-line rows by circuit level, a missing level counting as 普通', () => {
    const aaa = matchPolicy(DEFAULT_SLA_POLICIES, {
      level: 'local_c',
      category: 'dedicated_line',
      circuitLevel: 'AAA',
    });
    const none = matchPolicy(DEFAULT_SLA_POLICIES, { level: 'local_c', category: 'dedicated_line' });
    expect(aaa?.id).toBe('fault.dedicated_line.AAA');
    expect(none?.id).toBe('fault.dedicated_line.normal');
    expect(resolveHours(aaa)!).toBeLessThan(resolveHours(none)!);
  });

  it('falls back to the general row and has a row for every category × level', () => {
    expect(matchPolicy(DEFAULT_SLA_POLICIES, { level: 'group', category: 'broadband' })?.id).toBe('fault.default');
    for (const level of CUSTOMER_LEVELS)
      for (const category of BUSINESS_CATEGORIES) {
        expect(matchPolicy(DEFAULT_SLA_POLICIES, { level, category })).toBeDefined();
        expect(matchPolicy(DEFAULT_SLA_POLICIES, { kind: 'request', level, category })?.id).toBe('request.default');
      }
  });

  it('is valid, JSON-able data with unique ids', () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_SLA_POLICIES)) as unknown[];
    for (const row of copy) SlaPolicySchema.parse(row);
    expect(new Set(DEFAULT_SLA_POLICIES.map((p) => p.id)).size).toBe(DEFAULT_SLA_POLICIES.length);
  });

  it('refuses a working-day limit on the 24×7 clock', () => {
    expect(SlaLimitSchema.safeParse({ amount: 1, unit: 'working_days', clock: '24x7' }).success).toBe(false);
  });

  it('maps request types to the fault or request table', () => {
    expect(slaKindOf('fault')).toBe('fault');
    expect(slaKindOf('terminal_repair')).toBe('fault');
    expect(slaKindOf('complaint')).toBe('request');
  });
});

describe('matchPolicy', () => {
  const row = (
    id: string,
    m: Partial<Pick<SlaPolicy, 'level' | 'category' | 'circuitLevel'>>,
    h: number,
  ): SlaPolicy => ({
    id,
    name: id,
    kind: 'fault',
    level: 'any',
    category: 'any',
    circuitLevel: 'any',
    ...m,
    limits: {
      dispatch: null,
      accept: null,
      feedback: null,
      resolve: { amount: h, unit: 'hours', clock: '24x7' },
      recovery_confirm: null,
    },
    source: 'test',
  });
  const policies = [
    row('all', {}, 48),
    row('vn', { category: 'virtual_network' }, 30),
    row('vn-group', { category: 'virtual_network', level: 'group' }, 10),
    row('group', { level: 'group' }, 40),
    row('aaa', { circuitLevel: 'AAA' }, 6),
  ];

  it('lets the most specific row win, whatever the order', () => {
    for (const list of [policies, [...policies].reverse()]) {
      expect(matchPolicy(list, { level: 'group', category: 'virtual_network' })?.id).toBe('vn-group');
      expect(matchPolicy(list, { level: 'local_b', category: 'virtual_network' })?.id).toBe('vn');
      expect(matchPolicy(list, { level: 'group', category: 'broadband' })?.id).toBe('group');
      expect(matchPolicy(list, { level: 'local_b', category: 'broadband' })?.id).toBe('all');
    }
  });

  it('breaks ties by category, then circuit level, then customer level', () => {
    expect(matchPolicy(policies, { level: 'local_a', category: 'virtual_network', circuitLevel: 'AAA' })?.id).toBe(
      'vn',
    );
    expect(matchPolicy(policies, { level: 'group', category: 'broadband', circuitLevel: 'AAA' })?.id).toBe('aaa');
  });

  it('returns undefined when nothing matches', () => {
    expect(
      matchPolicy([row('vn', { category: 'virtual_network' }, 30)], { level: 'group', category: 'ict' }),
    ).toBeUndefined();
    expect(matchPolicy(policies, { kind: 'request', level: 'group', category: 'ict' })).toBeUndefined();
  });
});
