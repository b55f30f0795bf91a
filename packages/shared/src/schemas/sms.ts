import { z } from 'zod';

export const SMS_STATUSES = ['queued', 'stored', 'sent', 'failed', 'received'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
export const SMS_STATUS_LABELS: Record<SmsStatus, { zh: string; en: string }> = {
  queued: { zh: '排队中', en: 'Queued' },
  stored: { zh: '已存入发件箱', en: 'In outbox' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '发送失败', en: 'Failed' },
  received: { zh: '已接收', en: 'Received' },
};

export const SMS_DIRECTIONS = ['out', 'in'] as const;
export type SmsDirection = (typeof SMS_DIRECTIONS)[number];
export const SMS_DIRECTION_LABELS: Record<SmsDirection, { zh: string; en: string }> = {
  out: { zh: '发出', en: 'Outgoing' },
  in: { zh: '收到', en: 'Incoming' },
};

/** 短信发件箱 filters. `phone` is a full number (exact match) or some of its digits. */
export const SmsOutboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\+?\d{0,15}$/, { message: '请输入手机号或其中几位数字 / Digits of a phone number' }))
    .optional(),
  status: z.enum(SMS_STATUSES).optional(),
  direction: z.enum(SMS_DIRECTIONS).optional(),
  /** words in the template id or the text */
  q: z.string().trim().max(100).optional(),
});
export type SmsOutboxQuery = z.infer<typeof SmsOutboxQuerySchema>;

/** One row of the 短信发件箱; the number is always masked. */
export const SmsOutboxItemSchema = z.object({
  id: z.number().int(),
  direction: z.enum(SMS_DIRECTIONS),
  phoneMasked: z.string(),
  template: z.string(),
  body: z.string(),
  status: z.enum(SMS_STATUSES),
  adapter: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type SmsOutboxItem = z.infer<typeof SmsOutboxItemSchema>;

export const SmsOutboxPageSchema = z.object({
  items: z.array(SmsOutboxItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SmsOutboxPage = z.infer<typeof SmsOutboxPageSchema>;
