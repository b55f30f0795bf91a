import { z } from 'zod';
import { PageQuerySchema } from '../schemas/common';

// Product catalogue (SPEC M4; 002 §6.6): product lines → products → offers. A product carries a specification
// template (its attributes and their allowed values); an offer is a priced, versioned package of a product.

export const CATALOG_STATUSES = ['draft', 'published', 'retired'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

/** One allowed value of an attribute; a value may add to the offer's price (e.g. a fixed IP block). */
export const AttributeOptionSchema = z.object({
  value: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(40),
  oneTimeFen: z.number().int().min(0).max(100_000_000).default(0),
  monthlyFen: z.number().int().min(0).max(100_000_000).default(0),
});
export type AttributeOption = z.infer<typeof AttributeOptionSchema>;

export const AttributeSpecSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, { message: '属性编码只能用字母、数字和下划线 / letters, digits, _' }),
  label: z.string().trim().min(1).max(30),
  options: z.array(AttributeOptionSchema).min(1).max(30),
  required: z.boolean().default(true),
});
export type AttributeSpec = z.infer<typeof AttributeSpecSchema>;

export const ProductLineSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  sort: z.number().int(),
  productCount: z.number().int(),
});
export type ProductLine = z.infer<typeof ProductLineSchema>;

export const OfferSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  status: z.enum(CATALOG_STATUSES),
  /** attribute values this offer fixes, e.g. {bandwidth: '300M'}; the others the customer chooses */
  fixedSpecs: z.record(z.string(), z.string()),
  oneTimeFen: z.number().int(),
  monthlyFen: z.number().int(),
  contractMonths: z.number().int(),
  /** product codes of which at least one must be in the same order (or already in service) */
  requires: z.array(z.string()),
  /** product codes that cannot be ordered together with this offer */
  excludes: z.array(z.string()),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  liveOrders: z.number().int(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const ProductSchema = z.object({
  id: z.number().int(),
  lineId: z.number().int(),
  lineName: z.string(),
  code: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  /** one end (broadband) or two (a leased line from A to Z): one service order per end */
  ends: z.number().int().min(1).max(2),
  status: z.enum(CATALOG_STATUSES),
  attributes: z.array(AttributeSpecSchema),
  fromMonthlyFen: z.number().int().nullable(),
  fromOneTimeFen: z.number().int().nullable(),
  offers: z.array(OfferSchema),
  version: z.number().int(),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductListQuerySchema = PageQuerySchema.extend({
  lineId: z.coerce.number().int().positive().optional(),
  status: z.enum(CATALOG_STATUSES).optional(),
  /** shop view: published products with their published offers only */
  shop: z.enum(['true', 'false']).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;

const code = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_-]{1,39}$/, { message: '编码用大写字母、数字、- 和 _ / upper-case letters, digits, - _' });

export const ProductInputSchema = z.strictObject({
  lineId: z.number().int().positive(),
  code,
  name: z.string().trim().min(2).max(40),
  summary: z.string().trim().max(80).default(''),
  description: z.string().trim().max(2000).default(''),
  ends: z.number().int().min(1).max(2).default(1),
  attributes: z
    .array(AttributeSpecSchema)
    .max(10)
    .default([])
    .refine((a) => new Set(a.map((x) => x.key)).size === a.length, { message: '属性编码重复 / duplicate attribute' }),
});
export type ProductInput = z.infer<typeof ProductInputSchema>;
export const ProductUpdateSchema = ProductInputSchema.omit({ code: true }).extend({ version: z.number().int() });
export type ProductUpdate = z.infer<typeof ProductUpdateSchema>;

export const OfferInputSchema = z.strictObject({
  productId: z.number().int().positive(),
  code,
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(1000).default(''),
  fixedSpecs: z.record(z.string(), z.string().max(40)).default({}),
  oneTimeFen: z.number().int().min(0).max(1_000_000_000),
  monthlyFen: z.number().int().min(0).max(1_000_000_000),
  contractMonths: z.number().int().min(0).max(120).default(0),
  requires: z.array(code).max(10).default([]),
  excludes: z.array(code).max(10).default([]),
});
export type OfferInput = z.infer<typeof OfferInputSchema>;
export const OfferUpdateSchema = OfferInputSchema.omit({ productId: true, code: true });
export type OfferUpdate = z.infer<typeof OfferUpdateSchema>;

export const LifecycleActionSchema = z.strictObject({ action: z.enum(['publish', 'retire']) });
