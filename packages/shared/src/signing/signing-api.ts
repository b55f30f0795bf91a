import { z } from 'zod';
import { MobileSchema } from '../schemas/common';
import {
  SIGNING_ACTIONS,
  SIGNING_AUDIT_ACTIONS,
  SIGNING_KINDS,
  SIGNING_MODES,
  SIGNING_STATUSES,
} from './signing-types';

export const SigningModeSchema = z.enum(SIGNING_MODES);
export const SigningKindSchema = z.enum(SIGNING_KINDS);
export const SigningStatusSchema = z.enum(SIGNING_STATUSES);

/** Staff start a signing request. `ref` is an order number (kind order) or a template code (kind agreement). */
export const CreateSigningRequestSchema = z.strictObject({
  kind: SigningKindSchema,
  ref: z.string().trim().min(1).max(64),
  /** kind agreement: the enterprise that signs */
  customerId: z.number().int().positive().optional(),
  signerName: z.string().trim().min(1, { message: '请填写签约人姓名' }).max(40),
  signerPhone: MobileSchema,
  /** optional: raise the mode above what the rules ask */
  mode: SigningModeSchema.optional(),
  expiresInHours: z.number().int().min(1).max(720).default(72),
  /** values the template asks for, e.g. 委托书: agentName, agentIdNumber */
  params: z.record(z.string().max(40), z.string().trim().max(200)).default({}),
});
export type CreateSigningRequest = z.infer<typeof CreateSigningRequestSchema>;

export const SigningPreviewQuerySchema = z.object({
  kind: SigningKindSchema,
  ref: z.string().trim().min(1).max(64),
  customerId: z.coerce.number().int().positive().optional(),
});
export type SigningPreviewQuery = z.infer<typeof SigningPreviewQuerySchema>;

export const SummaryLineSchema = z.object({ label: z.string(), value: z.string() });
export type SummaryLine = z.infer<typeof SummaryLineSchema>;

export const SigningPreviewSchema = z.object({
  kind: SigningKindSchema,
  title: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  lines: z.array(SummaryLineSchema),
  suggestedSignerName: z.string().nullable(),
  suggestedSignerPhone: z.string().nullable(),
  mode: SigningModeSchema,
  ruleName: z.string().nullable(),
  templateParams: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
});
export type SigningPreview = z.infer<typeof SigningPreviewSchema>;

export const SigningListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  status: SigningStatusSchema.optional(),
  mode: SigningModeSchema.optional(),
  kind: SigningKindSchema.optional(),
  customerId: z.coerce.number().int().positive().optional(),
  /** exactly this subject: an order number, or `<customerId>:<templateCode>` */
  subjectRef: z.string().trim().min(1).max(100).optional(),
});
export type SigningListQuery = z.infer<typeof SigningListQuerySchema>;

export const SigningSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: SigningKindSchema,
  subjectRef: z.string(),
  title: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  signerName: z.string(),
  signerPhoneMasked: z.string(),
  mode: SigningModeSchema,
  status: SigningStatusSchema,
  createdAt: z.string(),
  sentAt: z.string(),
  openedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  expiresAt: z.string(),
  reminders: z.number().int(),
  createdByName: z.string().nullable(),
});
export type SigningSummary = z.infer<typeof SigningSummarySchema>;

/** One row of seed 000 table 2 (技防手段) as it applies to this request. */
export const SigningCheckSchema = z.object({
  key: z.enum(['licence', 'id_card', 'id_name', 'signature', 'templates', 'liveness', 'code', 'phone']),
  label: z.string(),
  state: z.enum(['passed', 'failed', 'pending', 'not_required', 'not_configured', 'review']),
  detail: z.string().nullable(),
});
export type SigningCheck = z.infer<typeof SigningCheckSchema>;

export const OcrEvidenceSchema = z.object({
  licence: z
    .object({ companyName: z.string(), creditCode: z.string(), legalRep: z.string(), confidence: z.number() })
    .nullable(),
  idCard: z.object({ name: z.string(), idNumberMasked: z.string(), confidence: z.number() }).nullable(),
  mismatches: z.array(z.string()),
  matchedAs: z.enum(['legal_rep', 'agent']).nullable(),
  liveness: z.object({ status: z.string(), provider: z.string(), detail: z.string().nullable() }).nullable(),
});
export type OcrEvidence = z.infer<typeof OcrEvidenceSchema>;

export const SigningTimelineItemSchema = z.object({
  at: z.string(),
  action: z.enum(SIGNING_AUDIT_ACTIONS),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const SigningDetailSchema = SigningSummarySchema.extend({
  ruleName: z.string().nullable(),
  documentSha256: z.string(),
  signedSha256: z.string().nullable(),
  templateCode: z.string().nullable(),
  templateId: z.number().int().nullable(),
  templateVersion: z.number().int().nullable(),
  lines: z.array(SummaryLineSchema),
  declineReason: z.string().nullable(),
  reviewNote: z.string().nullable(),
  checks: z.array(SigningCheckSchema),
  ocr: OcrEvidenceSchema.nullable(),
  timeline: z.array(SigningTimelineItemSchema),
  actions: z.array(z.enum(SIGNING_ACTIONS)),
  version: z.number().int(),
});
export type SigningDetail = z.infer<typeof SigningDetailSchema>;

export const SigningStaffActionSchema = z.strictObject({
  action: z.enum(['remind', 'resend', 'cancel', 'approve', 'reject']),
  version: z.number().int(),
  note: z.string().trim().max(500).optional(),
});
export type SigningStaffAction = z.infer<typeof SigningStaffActionSchema>;

// ---- signer side (public, behind the link and the one-time code) ----

export const SignerLinkSchema = z.object({
  number: z.string(),
  status: SigningStatusSchema,
  mode: SigningModeSchema,
  kind: SigningKindSchema,
  title: z.string(),
  customerName: z.string(),
  signerNameMasked: z.string(),
  phoneMasked: z.string(),
  expiresAt: z.string(),
  codeTtlSeconds: z.number().int(),
});
export type SignerLink = z.infer<typeof SignerLinkSchema>;

export const SignerCodeResultSchema = z.object({ ttlSeconds: z.number().int(), retryAfterSeconds: z.number().int() });
export const SignerVerifySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入 6 位数字验证码'),
});
export const SignerAccessSchema = z.object({ accessToken: z.string(), expiresInSeconds: z.number().int() });

export const SignerViewSchema = SignerLinkSchema.extend({
  lines: z.array(SummaryLineSchema),
  agreementTitle: z.string().nullable(),
  agreementBody: z.string().nullable(),
  templateVersion: z.number().int().nullable(),
  documentSha256: z.string(),
  signedAt: z.string().nullable(),
  signedSha256: z.string().nullable(),
  /** mode 3: what the document check found so far */
  ocr: OcrEvidenceSchema.nullable(),
  materials: z.object({ licence: z.boolean(), idFront: z.boolean(), idBack: z.boolean() }),
  replyHint: z.string().nullable(),
});
export type SignerView = z.infer<typeof SignerViewSchema>;

export const SignerSignSchema = z.strictObject({
  /** data:image/png;base64,… of the drawn signature */
  signaturePng: z.string().max(2_000_000),
  /** mode 3: the signer asks staff to review a refused document check */
  requestReview: z.boolean().default(false),
});
export type SignerSign = z.infer<typeof SignerSignSchema>;
export const SignerDeclineSchema = z.strictObject({ reason: z.string().trim().max(200).default('') });

export const SignerMaterialKindSchema = z.enum(['licence', 'id_front', 'id_back']);

// ---- verify ----

export const VerifyResultSchema = z.object({
  verdict: z.enum(['valid', 'modified', 'not_sealed', 'foreign_seal']),
  sealedByUs: z.boolean(),
  unchanged: z.boolean(),
  signer: z.string().nullable(),
  signerPhoneMasked: z.string().nullable(),
  number: z.string().nullable(),
  signedAt: z.string().nullable(),
  sealedAt: z.string().nullable(),
  certificateSubject: z.string().nullable(),
  documentSha256: z.string().nullable(),
  fileSha256: z.string(),
  detail: z.string(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

// ---- rules ----

export const SigningModeRuleSchema = z.object({
  id: z.number().int().optional(),
  priority: z.number().int().min(0).max(10000),
  name: z.string().trim().min(1).max(100),
  kind: SigningKindSchema.nullable(),
  orderType: z.enum(['new', 'change', 'cancel']).nullable(),
  minAmountFen: z.number().int().min(0).nullable(),
  maxAmountFen: z.number().int().min(0).nullable(),
  anyProducts: z.array(z.string().trim().min(1).max(40)).max(50),
  noneProducts: z.array(z.string().trim().min(1).max(40)).max(50),
  mode: SigningModeSchema,
  active: z.boolean(),
});
export const SigningRulesSchema = z.object({ rules: z.array(SigningModeRuleSchema), version: z.number().int() });
export const PutSigningRulesSchema = z.strictObject({
  rules: z.array(SigningModeRuleSchema).max(100),
  version: z.number().int(),
});

// ---- figures ----

export const SigningStatsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const SigningStatsSchema = z.object({
  days: z.number().int(),
  total: z.number().int(),
  signed: z.number().int(),
  declined: z.number().int(),
  expired: z.number().int(),
  open: z.number().int(),
  successRate: z.number().nullable(),
  medianMinutesToSign: z.number().nullable(),
  avgMinutesToSign: z.number().nullable(),
  byMode: z.array(
    z.object({
      mode: SigningModeSchema,
      total: z.number().int(),
      signed: z.number().int(),
      declined: z.number().int(),
      expired: z.number().int(),
      successRate: z.number().nullable(),
      medianMinutesToSign: z.number().nullable(),
    }),
  ),
});
export type SigningStats = z.infer<typeof SigningStatsSchema>;

export const SimulateReplySchema = z.strictObject({ text: z.string().trim().min(1).max(160) });
