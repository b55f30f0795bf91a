import { z } from 'zod';
import { PageQuerySchema } from './common';

export const AuditEventSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

const IsoDateTime = z.iso.datetime({
  offset: true,
  message: '请输入带时区的 ISO 时间 / Use an ISO date-time with offset',
});

export const AuditListQuerySchema = PageQuerySchema.extend({
  // `customer.*` matches every action that starts with `customer.`
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  /** inclusive */
  from: IsoDateTime.optional(),
  /** exclusive */
  to: IsoDateTime.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

export const AUDIT_PROBLEM_KINDS = [
  'hash_mismatch',
  'broken_link',
  'gap',
  'bad_genesis',
  'missing_tail',
  'checkpoint_mismatch',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

export const AuditProblemSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(AUDIT_PROBLEM_KINDS),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblemSchema>;

export const AuditVerifyResultSchema = z.object({
  ok: z.boolean(),
  /** events read and re-hashed */
  checked: z.number().int(),
  /** the last event read, null when the trail is empty */
  lastSeq: z.number().int().nullable(),
  lastHash: z.string().nullable(),
  /** checkpoints compared against the chain */
  checkpoints: z.number().int(),
  problems: z.array(AuditProblemSchema),
  /** more problems were found than listed */
  problemsTruncated: z.boolean(),
  durationMs: z.number(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;
