import { describe, expect, it } from 'vitest';
import { ruleMatches, type RoutingInput } from './ticket-routing';

type Rule = Parameters<typeof ruleMatches>[0];
const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 1,
  position: 10,
  name: 'r',
  request_types: [],
  business_categories: [],
  product_pattern: null,
  customer_levels: [],
  district_org_id: null,
  target_kind: 'account_manager',
  target_function: null,
  target_org_id: null,
  target_user_id: null,
  strategy: 'queue',
  active: true,
  created_at: new Date(),
  updated_at: new Date(),
  version: 1,
  ...over,
});
const ticket: RoutingInput = {
  type: 'fault',
  businessCategory: 'industry_app',
  product: 'YY0001 天翼云眼 视频监控',
  customerLevel: 'local_a',
  districtOrgId: 7,
  districtPath: '/1/2/7/',
  accountManagerId: 5,
};

describe('routing rule matching', () => {
  it('an empty condition matches anything', () => {
    expect(ruleMatches(rule(), ticket)).toBe(true);
  });
  it('every filled condition must hold', () => {
    expect(ruleMatches(rule({ request_types: ['fault'], customer_levels: ['local_a'] }), ticket)).toBe(true);
    expect(ruleMatches(rule({ request_types: ['complaint'] }), ticket)).toBe(false);
    expect(ruleMatches(rule({ customer_levels: ['group'] }), ticket)).toBe(false);
    expect(ruleMatches(rule({ district_org_id: 8 }), ticket)).toBe(false);
  });
  it('a product pattern matches inside the product or service number', () => {
    expect(ruleMatches(rule({ product_pattern: '云眼' }), ticket)).toBe(true);
    expect(ruleMatches(rule({ product_pattern: '云电脑' }), ticket)).toBe(false);
    expect(ruleMatches(rule({ product_pattern: '云眼' }), { ...ticket, product: null })).toBe(false);
  });
  it('a category condition needs the ticket to name a category', () => {
    expect(ruleMatches(rule({ business_categories: ['industry_app'] }), ticket)).toBe(true);
    expect(ruleMatches(rule({ business_categories: ['industry_app'] }), { ...ticket, businessCategory: null })).toBe(
      false,
    );
  });
});
