import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParamsSchema,
  MarkAllReadResultSchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationSchema,
  UnreadCountSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { notificationService } from './notification.service';

export async function notificationRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = notificationService(ctx);
  const tags = ['notifications'];
  const read = requirePerm('notification.read');

  r.get(
    '/notifications',
    {
      preHandler: read,
      schema: {
        tags,
        summary: '我的通知',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
  r.get(
    '/notifications/unread-count',
    { preHandler: read, schema: { tags, summary: '未读通知数', response: { 200: UnreadCountSchema } } },
    async (req) => svc.unreadCount(actorOf(req)),
  );
  r.post(
    '/notifications/:id/read',
    {
      preHandler: read,
      schema: { tags, summary: '标记为已读', params: IdParamsSchema, response: { 200: NotificationSchema } },
    },
    async (req) => svc.markRead(actorOf(req), req.params.id),
  );
  r.post(
    '/notifications/read-all',
    { preHandler: read, schema: { tags, summary: '全部标记为已读', response: { 200: MarkAllReadResultSchema } } },
    async (req) => svc.markAllRead(actorOf(req)),
  );
}
