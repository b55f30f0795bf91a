import { z } from 'zod';
import { MobileSchema, PageQuerySchema } from '../schemas/common';
import { ROLES } from '../roles';
import {
  CALL_RESULTS,
  INVALID_REASONS,
  OPPORTUNITY_SOURCES,
  OPPORTUNITY_STATUSES,
  PRODUCT_GROUPS,
  productByCode,
} from './opportunity-catalogue';
import { OPPORTUNITY_STAGES, STAGE_ACTIONS } from './opportunity-stage';

const ProductCodeSchema = z
  .string()
  .trim()
  .refine((v) => !!productByCode(v), { message: '未知的产品 / Unknown product' });
const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式为 YYYY-MM-DD / Use YYYY-MM-DD' })
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()), { message: '日期无效 / Invalid date' });
const RevenueSchema = z.number().min(0).max(1e11).multipleOf(0.01);
const CreditCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码为 18 位 / 18 characters' });

/** Fields every intake shares (003 6-2). */
const IntakeCore = {
  customerName: z.string().trim().min(2).max(100),
  creditCode: CreditCodeSchema.optional(),
  contactName: z.string().trim().min(1).max(40),
  contactPhone: MobileSchema,
  productCode: ProductCodeSchema,
  need: z.string().trim().max(2000).default(''),
  expectedRevenue: RevenueSchema.optional(),
  deadline: DateSchema.optional(),
  sourceChannel: z.string().trim().max(60).optional(),
};

/** Staff entry: hotline, 企业微信, account manager, campaign. */
export const CreateOpportunitySchema = z.strictObject({
  ...IntakeCore,
  customerName: IntakeCore.customerName.optional(),
  customerId: z.number().int().positive().optional(),
  source: z.enum(['hotline', 'wecom', 'account_manager', 'campaign']),
  districtOrgId: z.number().int().positive().optional(),
  /** a hotline agent entering a call keeps it instead of putting it in the pool */
  claim: z.boolean().optional(),
});
export type CreateOpportunity = z.infer<typeof CreateOpportunitySchema>;

/** The group OAO platform (集团商机) through the intake API. */
export const IntakeOpportunitySchema = z.strictObject({
  ...IntakeCore,
  externalId: z.string().trim().min(1).max(64),
  /** district org code, e.g. SH-PD-ZJ; the customer's district when it is a known customer */
  districtCode: z.string().trim().max(30).optional(),
});
export type IntakeOpportunity = z.infer<typeof IntakeOpportunitySchema>;

export const LeadCodeRequestSchema = z.strictObject({ phone: MobileSchema });
export const LeadSubmitSchema = z.strictObject({
  phone: MobileSchema,
  code: z.string().regex(/^\d{6}$/, { message: '请输入 6 位验证码 / Enter the 6-digit code' }),
  customerName: z.string().trim().min(2).max(100),
  contactName: z.string().trim().min(1).max(40),
  productCode: ProductCodeSchema,
  need: z.string().trim().max(500).default(''),
  districtCode: z.string().trim().max(30).optional(),
});
export type LeadSubmit = z.infer<typeof LeadSubmitSchema>;

export const IntakeResultSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(OPPORTUNITY_STATUSES),
  /** true when it joined an open opportunity of the same enterprise and product */
  merged: z.boolean(),
});
export type IntakeResult = z.infer<typeof IntakeResultSchema>;

export const ClaimResultSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.literal('claimed'),
  version: z.number().int(),
});
export type ClaimResult = z.infer<typeof ClaimResultSchema>;

/** The pool's total is counted up to this many (a page of 20 never needs more). */
export const POOL_COUNT_CAP = 1000;

export const OPPORTUNITY_VIEWS = ['pool', 'mine', 'all'] as const;
export const OpportunityListQuerySchema = PageQuerySchema.extend({
  view: z.enum(OPPORTUNITY_VIEWS).default('all'),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  source: z.enum(OPPORTUNITY_SOURCES).optional(),
  productGroup: z.enum(PRODUCT_GROUPS).optional(),
  stage: z.enum(OPPORTUNITY_STAGES).optional(),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuerySchema>;

export const OpportunitySummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  source: z.enum(OPPORTUNITY_SOURCES),
  sourceChannel: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  stage: z.enum(OPPORTUNITY_STAGES).nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string(),
  contactName: z.string(),
  /** masked unless the viewer works the opportunity */
  contactPhone: z.string(),
  productCode: z.string(),
  productName: z.string(),
  productGroup: z.enum(PRODUCT_GROUPS),
  need: z.string(),
  expectedRevenue: z.number().nullable(),
  deadline: z.string().nullable(),
  districtName: z.string().nullable(),
  claimedById: z.number().int().nullable(),
  claimedByName: z.string().nullable(),
  claimExpiresAt: z.string().nullable(),
  accountManagerId: z.number().int().nullable(),
  accountManagerName: z.string().nullable(),
  preAcceptanceNo: z.string().nullable(),
  orderNumber: z.string().nullable(),
  orderState: z.string().nullable(),
  orderStage: z.string().nullable(),
  approvalStatus: z.enum(['none', 'pending', 'approved', 'rejected']),
  mergedCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummarySchema>;

export const OpportunityEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.union([z.enum(ROLES), z.literal('system')]),
  action: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type OpportunityEvent = z.infer<typeof OpportunityEventSchema>;

export const OpportunityCallSchema = z.object({
  id: z.number().int(),
  calledAt: z.string(),
  userName: z.string(),
  result: z.enum(CALL_RESULTS),
  note: z.string().nullable(),
});
export type OpportunityCall = z.infer<typeof OpportunityCallSchema>;

export const OpportunityApprovalSchema = z.object({
  level: z.number().int(),
  decision: z.enum(['approved', 'rejected']),
  deciderName: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const OPPORTUNITY_ACTIONS = [
  'claim',
  'release',
  'call',
  'mark_valid',
  'mark_invalid',
  'dispatch',
  'feedback',
  'advance',
  'rollback',
  'terminate',
  'request_approval',
  'decide_approval',
  'reassign',
] as const;
export type OpportunityAction = (typeof OPPORTUNITY_ACTIONS)[number];

export const OpportunityDetailSchema = OpportunitySummarySchema.extend({
  creditCode: z.string().nullable(),
  externalId: z.string().nullable(),
  invalidReason: z.string().nullable(),
  terminatedReason: z.string().nullable(),
  firstCallAt: z.string().nullable(),
  approvalLevels: z.number().int(),
  approvalLevel: z.number().int(),
  events: z.array(OpportunityEventSchema),
  calls: z.array(OpportunityCallSchema),
  approvals: z.array(OpportunityApprovalSchema),
  /** what the viewer may do now */
  actions: z.array(z.enum(OPPORTUNITY_ACTIONS)),
  /** the ordering page's address for the valid opportunity (下单) */
  orderUrl: z.string().nullable(),
});
export type OpportunityDetail = z.infer<typeof OpportunityDetailSchema>;

const Versioned = { version: z.number().int() };
export const CallInputSchema = z.strictObject({
  result: z.enum(CALL_RESULTS),
  note: z.string().trim().max(500).optional(),
  ...Versioned,
});
export const MarkInvalidSchema = z.strictObject({
  reason: z.enum(INVALID_REASONS),
  note: z.string().trim().max(500).optional(),
  ...Versioned,
});
export const DispatchSchema = z.strictObject({
  accountManagerId: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
  ...Versioned,
});
export const StageActionSchema = z.strictObject({
  action: z.enum(STAGE_ACTIONS),
  reason: z.string().trim().max(500).optional(),
  ...Versioned,
});
export const ApprovalDecisionSchema = z.strictObject({
  approve: z.boolean(),
  comment: z.string().trim().max(500).optional(),
  ...Versioned,
});
export const FeedbackSchema = z.strictObject({
  orderNumber: z.string().trim().min(4).max(40),
  ...Versioned,
});
export const ReassignSchema = z.strictObject({ userId: z.number().int().positive(), ...Versioned });
export const VersionOnlySchema = z.strictObject({ ...Versioned });

export const OpportunitySettingsSchema = z.strictObject({
  claimTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  duplicateWindowDays: z.number().int().min(0).max(365),
  /** ascending revenue thresholds in yuan: one approval level per threshold reached */
  approvalThresholds: z
    .array(z.number().positive())
    .max(3)
    .refine((a) => a.every((v, i) => i === 0 || v > a[i - 1]!), { message: '须由小到大 / Must ascend' }),
  /** read with the settings and sent back with a change: a save over someone else's newer one is refused (409) */
  version: z.number().int().min(1),
});
export type OpportunitySettings = z.infer<typeof OpportunitySettingsSchema>;

export const ImportRowErrorSchema = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export const ImportResultSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  merged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(ImportRowErrorSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
