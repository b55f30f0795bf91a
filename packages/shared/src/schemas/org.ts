import { z } from 'zod';

export const ORG_TYPES = ['province', 'city', 'district', 'team'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  province: { zh: '省公司', en: 'Province' },
  city: { zh: '市/分公司', en: 'City branch' },
  district: { zh: '区局', en: 'District' },
  team: { zh: '班组', en: 'Team' },
};
// A child's type must be the next level down.
export const ORG_CHILD_TYPE: Record<OrgType, OrgType | null> = {
  province: 'city',
  city: 'district',
  district: 'team',
  team: null,
};

export const OrgSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  type: z.enum(ORG_TYPES),
  code: z.string(),
  path: z.string(),
  userCount: z.number().int().optional(),
});
export type Org = z.infer<typeof OrgSchema>;

export const CreateOrgSchema = z.strictObject({
  parentId: z.number().int().positive(),
  name: z.string().trim().min(2, '名称至少 2 个字').max(60),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_-]{2,32}$/, '编码为 2–32 位大写字母、数字、_ 或 -'),
});
export type CreateOrg = z.infer<typeof CreateOrgSchema>;

export const UpdateOrgSchema = z.strictObject({
  name: z.string().trim().min(2).max(60).optional(),
  parentId: z.number().int().positive().optional(),
});
export type UpdateOrg = z.infer<typeof UpdateOrgSchema>;
