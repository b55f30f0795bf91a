import { describe, expect, it } from 'vitest';
import { OPPORTUNITY_STATUSES } from '@paidan/shared';
import { fromCreate, SalesLeadCreateSchema, STATE_OF, statusesFor } from './tmf699-mapping';

describe('TMF699 mapping', () => {
  it('gives every opportunity status a lead state, and back', () => {
    for (const s of OPPORTUNITY_STATUSES) expect(statusesFor(STATE_OF[s])).toContain(s);
    expect(statusesFor('inProgress').sort()).toEqual(['claimed', 'dispatched']);
  });

  it('reads customer, contact, phone, product and end date from a lead', () => {
    const b = SalesLeadCreateSchema.parse({
      name: '线索',
      productOffering: { id: 'fttr' },
      prospectContact: [{ characteristic: { phoneNumber: '+86 139-1234-5678' } }],
      relatedParty: [
        { role: 'customer', name: '上海甲有限公司' },
        { role: 'contact', name: '李' },
      ],
      validFor: { endDateTime: '2027-01-31T20:00:00Z' },
    });
    expect(fromCreate(b)).toMatchObject({
      ok: true,
      customerName: '上海甲有限公司',
      contactName: '李',
      contactPhone: '13912345678',
      productCode: 'FTTR',
      deadline: '2027-02-01',
    });
  });

  it('refuses an unknown product or a lead without a mobile number', () => {
    const base = { name: '线索', prospectContact: [{ characteristic: { phoneNumber: '021-55550000' } }] };
    expect(fromCreate(SalesLeadCreateSchema.parse({ ...base, productOffering: { id: 'FTTR' } })).ok).toBe(false);
    const r = fromCreate(
      SalesLeadCreateSchema.parse({
        ...base,
        productOffering: { id: 'X' },
        prospectContact: [{ characteristic: { phoneNumber: '13912345678' } }],
      }),
    );
    expect(r.ok).toBe(false);
  });
});
