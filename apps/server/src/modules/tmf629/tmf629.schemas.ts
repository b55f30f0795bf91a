import { z } from 'zod';

const Characteristic = z.object({ name: z.string().min(1), value: z.unknown() }).passthrough();

/** TMF629 Customer create: a name and the engaged Organization, whose id is its unified social credit code. */
export const TmfCustomerCreateSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    engagedParty: z
      .object({ id: z.string().trim().min(1), name: z.string().optional(), '@referredType': z.string().optional() })
      .passthrough(),
    characteristic: z.array(Characteristic).max(50).optional(),
    '@type': z.string().optional(),
  })
  .passthrough();
export type TmfCustomerCreate = z.infer<typeof TmfCustomerCreateSchema>;

/** What may be patched: the name and the descriptive characteristics (industry, level). */
export const TmfCustomerPatchSchema = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    characteristic: z.array(Characteristic).max(50).optional(),
    '@type': z.string().optional(),
  })
  .strict();
