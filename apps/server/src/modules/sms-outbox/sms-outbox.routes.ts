import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SmsOutboxPageSchema, SmsOutboxQuerySchema } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { smsOutboxService } from './sms-outbox.service';

export async function smsOutboxRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = smsOutboxService(ctx);

  r.get(
    '/sms-outbox',
    {
      preHandler: requirePerm('sms_outbox.read'),
      schema: {
        tags: ['sms'],
        summary: '短信发件箱',
        description:
          'Every SMS the platform sent or stored, newest first. `phone` takes a full number or some of its digits; numbers are shown masked.',
        querystring: SmsOutboxQuerySchema,
        response: { 200: SmsOutboxPageSchema },
      },
    },
    async (req) => svc.list(actorOf(req), req.query),
  );
}
