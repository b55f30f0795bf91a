import { z } from 'zod';

/** One notification as its recipient sees it (list, and the `notification` SSE event). */
export const NotificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;

// Query strings carry text: 'true'/'1' mean yes, 'false'/'0' no.
const QueryBoolSchema = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const NotificationListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** only unread ones */
  unread: QueryBoolSchema.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** POST /api/notifications/read-all: how many were marked. */
export const MarkAllReadResultSchema = z.object({ count: z.number().int() });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResultSchema>;
