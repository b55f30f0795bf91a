import { z } from 'zod';
import { MobileSchema, PageQuerySchema } from './common';
import { isValidCreditCode } from '../validation/credit-code';

export const CUSTOMER_LEVELS = ['group', 'province', 'local_a', 'local_b', 'local_c'] as const;
export type CustomerLevel = (typeof CUSTOMER_LEVELS)[number];
export const CUSTOMER_LEVEL_LABELS: Record<CustomerLevel, { zh: string; en: string }> = {
  group: { zh: '集团级', en: 'Group' },
  province: { zh: '省级', en: 'Provincial' },
  local_a: { zh: '本地A', en: 'Local A' },
  local_b: { zh: '本地B', en: 'Local B' },
  local_c: { zh: '本地C', en: 'Local C' },
};

export const INDUSTRIES = [
  '政府机关',
  '教育',
  '医疗卫生',
  '金融',
  '制造业',
  '商贸零售',
  '交通物流',
  '餐饮酒店',
  '房地产',
  '信息技术',
  '能源',
  '文化传媒',
] as const;

export const CreditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, { message: '统一社会信用代码不正确（校验位不符） / Invalid unified social credit code' });

export const ContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  phone: MobileSchema,
  title: z.string().trim().max(40).optional(),
  isPrimary: z.boolean().default(false),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CustomerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  level: z.enum(CUSTOMER_LEVELS),
  industry: z.string(),
  districtOrgId: z.number().int(),
  districtName: z.string().nullable(),
  accountManagerId: z.number().int().nullable(),
  accountManagerName: z.string().nullable(),
  address: z.string().nullable(),
  contacts: z.array(
    z.object({ name: z.string(), phoneMasked: z.string(), title: z.string().nullable(), isPrimary: z.boolean() }),
  ),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListQuerySchema = PageQuerySchema.extend({
  level: z.enum(CUSTOMER_LEVELS).optional(),
  industry: z.string().max(40).optional(),
  districtOrgId: z.coerce.number().int().positive().optional(),
  accountManagerId: z.coerce.number().int().positive().optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

export const CreateCustomerSchema = z.strictObject({
  name: z.string().trim().min(4, '企业名称至少 4 个字').max(100),
  creditCode: CreditCodeSchema,
  level: z.enum(CUSTOMER_LEVELS),
  industry: z.string().trim().min(1).max(40),
  districtOrgId: z.number().int().positive(),
  accountManagerId: z.number().int().positive().nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contacts: z.array(ContactSchema).max(20).default([]),
});
export type CreateCustomer = z.infer<typeof CreateCustomerSchema>;

export const UpdateCustomerSchema = CreateCustomerSchema.partial().extend({ version: z.number().int() }).strict();
export type UpdateCustomer = z.infer<typeof UpdateCustomerSchema>;
