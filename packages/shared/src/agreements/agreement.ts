import { z } from 'zod';

export const AGREEMENT_USAGES = ['acceptance', 'signature', 'download'] as const;
export type AgreementUsage = (typeof AGREEMENT_USAGES)[number];
export const AGREEMENT_USAGE_LABELS: Record<AgreementUsage, { zh: string; en: string }> = {
  acceptance: { zh: '下单时勾选同意', en: 'Accepted when ordering' },
  signature: { zh: '在线签署', en: 'Signed online' },
  download: { zh: '模板下载', en: 'Downloadable form' },
};

export const AGREEMENT_STATUSES = ['draft', 'published', 'retired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  retired: { zh: '已停用', en: 'Retired' },
};

export const AgreementCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, {
    message: '编码为 2–40 位小写字母、数字或下划线，以字母开头 / 2–40 lower-case letters, digits or _',
  });

export const AgreementTemplateSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  usage: z.enum(AGREEMENT_USAGES),
  status: z.enum(AGREEMENT_STATUSES),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  lock: z.number().int(),
});
export type AgreementTemplate = z.infer<typeof AgreementTemplateSchema>;

export const AgreementListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  code: z.string().trim().max(40).optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  usage: z.enum(AGREEMENT_USAGES).optional(),
  /** words in the title or body */
  q: z.string().trim().max(100).optional(),
});
export type AgreementListQuery = z.infer<typeof AgreementListQuerySchema>;

const Title = z.string().trim().min(2, { message: '请填写标题 / Title required' }).max(100);
const Body = z.string().trim().min(20, { message: '正文至少 20 个字 / At least 20 characters' }).max(50_000);

/** A new draft: a new code starts at version 1, an existing code gets its next version. */
export const CreateAgreementSchema = z.strictObject({
  code: AgreementCodeSchema,
  title: Title,
  body: Body,
  usage: z.enum(AGREEMENT_USAGES),
  note: z.string().trim().max(200).optional(),
});
export type CreateAgreement = z.infer<typeof CreateAgreementSchema>;

/** Only drafts can be edited; `lock` is the version_lock the editor loaded. */
export const UpdateAgreementSchema = z.strictObject({
  lock: z.number().int(),
  title: Title.optional(),
  body: Body.optional(),
  note: z.string().trim().max(200).nullable().optional(),
});
export type UpdateAgreement = z.infer<typeof UpdateAgreementSchema>;

export const CurrentAgreementsQuerySchema = z.object({
  codes: z
    .string()
    .trim()
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(AgreementCodeSchema).min(1).max(10)),
});

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Fills the `{{name}}` placeholders of a template body. A placeholder without a value is left visible, so a missing
 * value is noticed, unless `blank` is given (a printed form then shows a line to write on).
 */
export function renderAgreement(
  body: string,
  vars: Record<string, string | number | null | undefined>,
  blank?: string,
): string {
  return body.replace(PLACEHOLDER, (m, k: string) => {
    const v = vars[k];
    return v === undefined || v === null || v === '' ? (blank ?? m) : String(v);
  });
}

/** The placeholders a body uses, in order of first appearance. */
export function agreementPlaceholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export const AGREEMENT_ERRORS = {
  AGREEMENT_NOT_DRAFT: {
    status: 409,
    zh: '只有草稿可以修改或删除；已发布的版本请新建版本',
    en: 'Only drafts can be changed or deleted; create a new version instead',
  },
  AGREEMENT_NOT_PUBLISHED: { status: 409, zh: '该版本未发布', en: 'This version is not published' },
  AGREEMENT_USAGE_FIXED: {
    status: 400,
    zh: '同一协议的各版本用途必须一致',
    en: 'Every version of an agreement has the same usage',
  },
  AGREEMENT_NONE_PUBLISHED: {
    status: 404,
    zh: '该协议尚无已发布版本',
    en: 'No published version of this agreement',
  },
} as const;
