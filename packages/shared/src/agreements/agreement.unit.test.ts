import { describe, expect, it } from 'vitest';
import { agreementPlaceholders, CurrentAgreementsQuerySchema, renderAgreement } from './agreement';

describe('agreement templates', () => {
  it('fills placeholders and leaves unknown or empty ones visible', () => {
    const body = '客户：{{customerName}}，订单 {{orderNumber}}，地址 {{installAddress}}';
    expect(
      renderAgreement(body, { customerName: '上海浦江智造科技有限公司', orderNumber: 'SO1', installAddress: '' }),
    ).toBe('客户：上海浦江智造科技有限公司，订单 SO1，地址 {{installAddress}}');
    expect(agreementPlaceholders(body + '{{customerName}}')).toEqual(['customerName', 'orderNumber', 'installAddress']);
  });

  it('parses a comma list of codes and refuses bad ones', () => {
    expect(CurrentAgreementsQuerySchema.parse({ codes: 'marketing, security' }).codes).toEqual([
      'marketing',
      'security',
    ]);
    expect(CurrentAgreementsQuerySchema.safeParse({ codes: 'Marketing' }).success).toBe(false);
    expect(CurrentAgreementsQuerySchema.safeParse({ codes: ' , ' }).success).toBe(false);
  });
});
