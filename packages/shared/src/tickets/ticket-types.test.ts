import { describe, it, expect } from 'vitest';
import {
  BUSINESS_CATEGORIES,
  BUSINESS_CATEGORY_INFO,
  CIRCUIT_LEVEL_LABELS,
  CreateTicketSchema,
  REQUEST_TYPES,
  REQUEST_TYPE_KIND,
  REQUEST_TYPE_LABELS,
  TICKET_CHANNELS,
  TICKET_CHANNEL_LABELS,
} from './ticket-types';

const base = {
  customerId: 12,
  channel: 'web',
  title: '总机无法呼出',
  description: '',
  contactName: '王经理',
  contactPhone: '13812341234',
};

describe('CreateTicketSchema', () => {
  it('accepts a fault with its own fields and fills defaults', () => {
    const t = CreateTicketSchema.parse({
      ...base,
      type: 'fault',
      businessCategory: 'dedicated_line',
      productInstance: 'SH-MPLS-000123',
      circuit: { code: 'SH-MPLS-000123', level: 'AAA' },
      symptom: '专线中断',
      faultAt: '2025-11-17T09:00:00+08:00',
    });
    expect(t.type).toBe('fault');
    if (t.type !== 'fault') throw new Error('narrowing');
    expect(t.faultLevel).toBe('minor');
    expect(t.priority).toBe('normal');
    expect(t.circuit?.level).toBe('AAA');
    expect(t.attachmentIds).toEqual([]);
  });

  it('requires the fault fields', () => {
    const r = CreateTicketSchema.safeParse({ ...base, type: 'fault', businessCategory: 'broadband' });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toContain('productInstance');
    expect(paths).toContain('symptom');
  });

  it('requires a complaint category and keeps the requested resolution time', () => {
    expect(CreateTicketSchema.safeParse({ ...base, type: 'complaint' }).success).toBe(false);
    const t = CreateTicketSchema.parse({
      ...base,
      type: 'complaint',
      category: 'service_quality',
      requestedResolutionAt: '2025-11-20T17:00:00+08:00',
    });
    expect(t).toMatchObject({ category: 'service_quality', replyMethod: 'phone' });
  });

  it('rejects fields that belong to another type and unknown types', () => {
    expect(CreateTicketSchema.safeParse({ ...base, type: 'inquiry', symptom: 'x' }).success).toBe(false);
    expect(CreateTicketSchema.safeParse({ ...base, type: 'repair_everything' }).success).toBe(false);
  });

  it('accepts a desk phone and refuses junk', () => {
    expect(CreateTicketSchema.safeParse({ ...base, type: 'suggestion', contactPhone: '021-62345678' }).success).toBe(
      true,
    );
    expect(CreateTicketSchema.safeParse({ ...base, type: 'suggestion', contactPhone: '12345' }).success).toBe(false);
  });

  it('has one variant per request type', () => {
    const variants = CreateTicketSchema.options.map((o) => o.shape.type.value);
    expect([...variants].sort()).toEqual([...REQUEST_TYPES].sort());
  });
});

describe('code lists', () => {
  it('labels every code', () => {
    expect(Object.keys(REQUEST_TYPE_LABELS).sort()).toEqual([...REQUEST_TYPES].sort());
    expect(Object.keys(REQUEST_TYPE_KIND).sort()).toEqual([...REQUEST_TYPES].sort());
    expect(Object.keys(TICKET_CHANNEL_LABELS).sort()).toEqual([...TICKET_CHANNELS].sort());
    expect(Object.keys(BUSINESS_CATEGORY_INFO).sort()).toEqual([...BUSINESS_CATEGORIES].sort());
    expect(CIRCUIT_LEVEL_LABELS.normal.zh).toBe('普通');
    expect(REQUEST_TYPE_LABELS.new_idea.zh).toBe('新需求/创意');
  });
});
