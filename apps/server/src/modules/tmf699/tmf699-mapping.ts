import { z } from 'zod';
import { MobileSchema, OPPORTUNITY_PRODUCTS, productByCode, type OpportunityStatus } from '@paidan/shared';

// TMF699 Sales Lead v4 ↔ opportunities. A sales lead is an opportunity an integration client sent; its state is
// derived from the opportunity's status:
//   pool → acknowledged · claimed, dispatched → inProgress · valid → pending (qualified, awaiting the order)
//   converted → accepted · invalid → rejected · terminated → cancelled

export const SALES_LEAD_STATES = [
  'acknowledged',
  'inProgress',
  'pending',
  'accepted',
  'rejected',
  'cancelled',
] as const;
export type SalesLeadState = (typeof SALES_LEAD_STATES)[number];

export const STATE_OF: Record<OpportunityStatus, SalesLeadState> = {
  pool: 'acknowledged',
  claimed: 'inProgress',
  dispatched: 'inProgress',
  valid: 'pending',
  converted: 'accepted',
  invalid: 'rejected',
  terminated: 'cancelled',
};

/** The opportunity statuses a lead state filter stands for. */
export function statusesFor(state: SalesLeadState): OpportunityStatus[] {
  return (Object.keys(STATE_OF) as OpportunityStatus[]).filter((s) => STATE_OF[s] === state);
}

const Ref = z.object({ id: z.string().min(1), name: z.string().optional() }).passthrough();
const Money = z.object({ unit: z.string().optional(), value: z.number().min(0).max(1e11) }).passthrough();
const RelatedParty = z
  .object({ id: z.string().optional(), name: z.string().optional(), role: z.string().optional() })
  .passthrough();
const ContactMedium = z
  .object({
    mediumType: z.string().optional(),
    characteristic: z.object({ phoneNumber: z.string().optional(), contactType: z.string().optional() }).passthrough(),
  })
  .passthrough();
const TimePeriod = z.object({ startDateTime: z.string().optional(), endDateTime: z.string().optional() }).passthrough();

export const SalesLeadCreateSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    description: z.string().max(2000).optional(),
    productOffering: Ref,
    estimatedRevenue: Money.optional(),
    channel: Ref.optional(),
    relatedParty: z.array(RelatedParty).optional(),
    prospectContact: z.array(ContactMedium).min(1),
    validFor: TimePeriod.optional(),
    priority: z.enum(['low', 'medium', 'high']).optional(),
    '@type': z.string().optional(),
  })
  .passthrough();
export type SalesLeadCreate = z.infer<typeof SalesLeadCreateSchema>;

export const SalesLeadUpdateSchema = z
  .object({
    description: z.string().max(2000).optional(),
    estimatedRevenue: Money.optional(),
    validFor: TimePeriod.optional(),
    status: z.enum(SALES_LEAD_STATES).optional(),
    statusChangeReason: z.string().max(500).optional(),
  })
  .strict();
export type SalesLeadUpdate = z.infer<typeof SalesLeadUpdateSchema>;

/** The lead's fields in our terms, or a message saying what is wrong. */
export function fromCreate(b: SalesLeadCreate):
  | {
      ok: true;
      customerName: string;
      contactName: string;
      contactPhone: string;
      productCode: string;
      need: string;
      expectedRevenue: number | null;
      deadline: string | null;
      channel: string | null;
    }
  | { ok: false; message: string } {
  const product = productByCode(b.productOffering.id.toUpperCase());
  if (!product)
    return {
      ok: false,
      message: `productOffering.id must be one of ${OPPORTUNITY_PRODUCTS.map((p) => p.code).join(', ')}`,
    };
  const phone = b.prospectContact
    .map((c) => c.characteristic.phoneNumber?.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
    .find((p) => p && MobileSchema.safeParse(p).success);
  if (!phone) return { ok: false, message: 'prospectContact needs a characteristic.phoneNumber with a mobile number' };
  const customer = b.relatedParty?.find((p) =>
    ['customer', 'prospect', 'organization'].includes((p.role ?? '').toLowerCase()),
  );
  const contact = b.relatedParty?.find((p) => (p.role ?? '').toLowerCase() === 'contact');
  const end = b.validFor?.endDateTime ? new Date(b.validFor.endDateTime) : null;
  if (end && Number.isNaN(end.getTime())) return { ok: false, message: 'validFor.endDateTime must be a date-time' };
  return {
    ok: true,
    customerName: customer?.name?.trim() || b.name,
    contactName: contact?.name?.trim() || b.prospectContact[0]?.characteristic.contactType || '联系人',
    contactPhone: phone,
    productCode: product.code,
    need: b.description ?? '',
    expectedRevenue: b.estimatedRevenue?.value ?? null,
    deadline: end ? new Date(end.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null,
    channel: b.channel?.name ?? b.channel?.id ?? null,
  };
}
