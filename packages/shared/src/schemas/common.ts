import { z } from 'zod';
import { CN_MOBILE_RE } from '../phone';

export const IdSchema = z.coerce.number().int().positive();
export const IdParamsSchema = z.strictObject({ id: IdSchema });

/** `Idempotency-Key`: the client's key for one thing it means to create, sent again with every retry of it. */
export const IdempotencyKeySchema = z.string().trim().min(8).max(100);
/** Request headers of a create that takes an optional `Idempotency-Key` (other headers pass through). */
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() }).passthrough();

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const MobileSchema = z
  .string()
  .trim()
  .regex(CN_MOBILE_RE, { message: '请输入 11 位手机号码 / Enter an 11-digit mobile number' });

export const OkSchema = z.object({ ok: z.literal(true) });

export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
