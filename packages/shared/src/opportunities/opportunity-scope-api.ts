import { z } from 'zod';
import { IdSchema, PageQuerySchema } from '../schemas/common';
import { USER_STATUSES } from '../schemas/user';
import { PRODUCT_GROUPS } from './opportunity-catalogue';

// Which product groups and districts a hotline agent grabs from in the claim pool. An empty list means all; with
// both set, an opportunity must match both. Districts are org ids (type district); the pool matches their subtree.

const unique = (a: readonly unknown[]) => new Set(a).size === a.length;

export const AgentScopeListQuerySchema = PageQuerySchema.extend({
  /** the agents of this org and its sub-units */
  orgId: z.coerce.number().int().positive().optional(),
});
export type AgentScopeListQuery = z.infer<typeof AgentScopeListQuerySchema>;

export const AgentScopeParamsSchema = z.strictObject({ userId: IdSchema });

export const AgentScopeEntrySchema = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(USER_STATUSES),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  /** empty = every product group */
  groups: z.array(z.enum(PRODUCT_GROUPS)),
  /** empty = every district; id null for a stored district that no longer exists */
  regions: z.array(z.object({ id: z.number().int().nullable(), name: z.string() })),
});
export type AgentScopeEntry = z.infer<typeof AgentScopeEntrySchema>;

export const PutAgentScopeSchema = z.strictObject({
  groups: z
    .array(z.enum(PRODUCT_GROUPS, { message: '未知的产品组 / Unknown product group' }))
    .max(PRODUCT_GROUPS.length)
    .refine(unique, { message: '产品组重复 / A product group is listed twice' }),
  regionIds: z
    .array(z.number().int().positive())
    .max(100)
    .refine(unique, { message: '区局重复 / A district is listed twice' }),
});
export type PutAgentScope = z.infer<typeof PutAgentScopeSchema>;

/** What the scope editor offers: every district of the province, and the orgs the listed agents belong to. */
export const AgentScopeOptionsSchema = z.object({
  regions: z.array(
    z.object({ id: z.number().int(), code: z.string(), name: z.string(), parentName: z.string().nullable() }),
  ),
  orgs: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type AgentScopeOptions = z.infer<typeof AgentScopeOptionsSchema>;
