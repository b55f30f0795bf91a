import { z } from 'zod';
import { IdSchema, MobileSchema, PageQuerySchema } from '../schemas/common';
import { CreditCodeSchema, INDUSTRIES } from '../schemas/customer';
import { isValidIdCard } from '../validation/id-card';

// ---- sign-up ----
export const SignupCodeRequestSchema = z.strictObject({ phone: MobileSchema });
export const SignupSchema = z.strictObject({
  phone: MobileSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入 6 位验证码 / Enter the 6-digit code'),
  name: z.string().trim().min(2, '请填写真实姓名 / Enter your name').max(30),
});
export type Signup = z.infer<typeof SignupSchema>;

// ---- enterprise ----
export const CompanyNameSchema = z.string().trim().min(4, '企业名称至少 4 个字 / At least 4 characters').max(100);
export const PersonNameSchema = z.string().trim().min(2, '请填写姓名 / Enter the name').max(30);
export const IdNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdCard, { message: '身份证号码不正确（校验位不符） / Invalid ID number' });

export const CreateEnterpriseSchema = z.strictObject({
  name: CompanyNameSchema,
  creditCode: CreditCodeSchema,
  districtOrgId: IdSchema,
  industry: z.enum(INDUSTRIES),
  address: z.string().trim().max(200).optional(),
});
export type CreateEnterprise = z.infer<typeof CreateEnterpriseSchema>;

export const CERT_STATUSES = ['none', 'pending', 'certified', 'rejected'] as const;
export type CertStatus = (typeof CERT_STATUSES)[number];

export const EnterpriseBriefSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  districtName: z.string().nullable(),
  certificationStatus: z.enum(CERT_STATUSES),
  certificationMethod: z.string().nullable(),
  certifiedAt: z.string().nullable(),
  legalRepName: z.string().nullable(),
});
export type EnterpriseBrief = z.infer<typeof EnterpriseBriefSchema>;

export const InvitationForMeSchema = z.object({
  id: z.number().int(),
  enterpriseName: z.string(),
  role: z.enum(['customer_user', 'customer_admin']),
  invitedByName: z.string(),
  expiresAt: z.string(),
});

export const OnboardingStateSchema = z.object({
  /** none: signed up, no enterprise yet; applying: certifying an enterprise; member: joined one */
  stage: z.enum(['none', 'applying', 'member']),
  enterprise: EnterpriseBriefSchema.nullable(),
  /** the applicant created the customer record, or matched one staff had imported */
  matchedExisting: z.boolean(),
  invitations: z.array(InvitationForMeSchema),
  districts: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type OnboardingState = z.infer<typeof OnboardingStateSchema>;

// ---- members ----
export const ENTERPRISE_ROLES = ['customer_user', 'customer_admin'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

export const MemberSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  phoneMasked: z.string(),
  role: z.enum(ENTERPRISE_ROLES),
  status: z.enum(['active', 'disabled']),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Member = z.infer<typeof MemberSchema>;

export const InvitationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  phoneMasked: z.string(),
  role: z.enum(ENTERPRISE_ROLES),
  status: z.enum(['pending', 'accepted', 'declined', 'revoked']),
  invitedByName: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const MemberListQuerySchema = PageQuerySchema.extend({
  status: z.enum(['active', 'disabled']).optional(),
  role: z.enum(ENTERPRISE_ROLES).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

export const InviteMemberSchema = z.strictObject({
  phone: MobileSchema,
  name: PersonNameSchema,
  role: z.enum(ENTERPRISE_ROLES).default('customer_user'),
});
export type InviteMember = z.infer<typeof InviteMemberSchema>;

export const UpdateMemberSchema = z
  .strictObject({
    role: z.enum(ENTERPRISE_ROLES).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    version: z.number().int(),
  })
  .refine((v) => v.role !== undefined || v.status !== undefined, { message: '没有要修改的内容 / Nothing to change' });
export type UpdateMember = z.infer<typeof UpdateMemberSchema>;

// ---- certification ----
export const CERT_METHODS = ['bank_transfer', 'legal_rep_sms', 'licence_photo', 'e_licence'] as const;
export type CertMethod = (typeof CERT_METHODS)[number];
export const CERT_METHOD_LABELS: Record<CertMethod | 'staff', { zh: string; en: string }> = {
  bank_transfer: { zh: '对公打款', en: 'Bank micro-deposit' },
  legal_rep_sms: { zh: '法人短信', en: 'Legal representative SMS' },
  licence_photo: { zh: '拍照上传', en: 'Licence photo' },
  e_licence: { zh: '电子营业执照', en: 'E-licence' },
  staff: { zh: '工作人员核验', en: 'Verified by staff' },
};

export const CERT_ATTEMPT_STATUSES = [
  'draft',
  'awaiting_deposit',
  'awaiting_amount',
  'awaiting_code',
  'submitted',
  'approved',
  'rejected',
  'failed',
  'cancelled',
] as const;
export type CertAttemptStatus = (typeof CERT_ATTEMPT_STATUSES)[number];
export const CERT_ATTEMPT_STATUS_LABELS: Record<CertAttemptStatus, { zh: string; en: string }> = {
  draft: { zh: '待确认', en: 'To confirm' },
  awaiting_deposit: { zh: '待打款', en: 'Deposit to send' },
  awaiting_amount: { zh: '待回填金额', en: 'Amount to confirm' },
  awaiting_code: { zh: '待输入验证码', en: 'Code to enter' },
  submitted: { zh: '待审核', en: 'In review' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  failed: { zh: '未通过', en: 'Failed' },
  cancelled: { zh: '已撤回', en: 'Withdrawn' },
};
/** states in which an attempt is still going on */
export const CERT_OPEN_STATUSES: readonly CertAttemptStatus[] = [
  'draft',
  'awaiting_deposit',
  'awaiting_amount',
  'awaiting_code',
  'submitted',
];

export const LicenceOcrResultSchema = z.object({
  companyName: z.string().nullable(),
  creditCode: z.string().nullable(),
  creditCodeChecked: z.boolean(),
  legalRep: z.string().nullable(),
  address: z.string().nullable().optional(),
  confidence: z.number(),
  rawText: z.string(),
});

export const CertificationSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  enterpriseName: z.string(),
  method: z.enum(CERT_METHODS),
  status: z.enum(CERT_ATTEMPT_STATUSES),
  companyName: z.string(),
  creditCode: z.string(),
  legalRepName: z.string().nullable(),
  legalRepPhoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  depositReference: z.string().nullable(),
  /** shown to staff only (they send it); null for the enterprise */
  depositAmount: z.string().nullable(),
  depositSentAt: z.string().nullable(),
  triesLeft: z.number().int().nullable(),
  hasLicence: z.boolean(),
  ocr: LicenceOcrResultSchema.nullable(),
  applicantName: z.string(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Certification = z.infer<typeof CertificationSchema>;

export const StartBankTransferSchema = z.strictObject({
  companyName: CompanyNameSchema,
  creditCode: CreditCodeSchema,
  bankName: z.string().trim().min(2, '请填写开户银行 / Enter the bank').max(60),
  bankAccount: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,30}$/, '对公账号为 8–30 位数字 / 8–30 digits')),
});
export type StartBankTransfer = z.infer<typeof StartBankTransferSchema>;

export const ConfirmAmountSchema = z.strictObject({
  amount: z
    .string()
    .trim()
    .regex(/^0?\.\d{1,2}$|^0$/, '请输入收到的金额，例如 0.37 / Enter the amount, e.g. 0.37'),
});

export const StartLegalRepSmsSchema = z.strictObject({
  companyName: CompanyNameSchema,
  creditCode: CreditCodeSchema,
  legalRepName: PersonNameSchema,
  legalRepIdNumber: IdNumberSchema,
  legalRepPhone: MobileSchema,
});
export type StartLegalRepSms = z.infer<typeof StartLegalRepSmsSchema>;

export const ConfirmCodeSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入 6 位验证码 / Enter the 6-digit code'),
});

export const SubmitLicenceSchema = z.strictObject({
  companyName: CompanyNameSchema,
  creditCode: CreditCodeSchema,
  legalRepName: PersonNameSchema,
  address: z.string().trim().max(200).optional(),
  version: z.number().int(),
});
export type SubmitLicence = z.infer<typeof SubmitLicenceSchema>;

export const StartELicenceSchema = z.strictObject({
  companyName: CompanyNameSchema,
  creditCode: CreditCodeSchema,
  legalRepName: PersonNameSchema,
  /** the one-time authorisation code the e-licence app shows the legal representative */
  authCode: z.string().trim().min(4).max(64),
});
export type StartELicence = z.infer<typeof StartELicenceSchema>;

export const CertificationQueueQuerySchema = PageQuerySchema.extend({
  status: z.enum(CERT_ATTEMPT_STATUSES).optional(),
  method: z.enum(CERT_METHODS).optional(),
  /** the default queue: what waits for staff (submitted photos, deposits to send) */
  awaitingStaff: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type CertificationQueueQuery = z.infer<typeof CertificationQueueQuerySchema>;

export const RejectCertificationSchema = z.strictObject({
  reason: z.string().trim().min(2, '请填写驳回原因 / Give a reason').max(500),
  version: z.number().int(),
});
export const ApproveCertificationSchema = z.strictObject({ version: z.number().int() });
