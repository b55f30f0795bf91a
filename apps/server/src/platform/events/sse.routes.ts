import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requireAuth } from '../auth/auth.plugin';
import { SseHub } from './sse';

const EventsQuerySchema = z.object({
  /** comma-separated topics to receive; all the viewer may see when absent */
  topics: z
    .string()
    .max(500)
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .optional(),
});

/** GET /api/events: the signed-in user's live events as Server-Sent Events. */
export async function eventsRoutes(app: FastifyInstance, ctx: AppContext, opts: { heartbeatMs?: number } = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hub = new SseHub(ctx.events, {
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    validSessions: async (ids) => {
      const rows = await sql<{ id: string }>`
        SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = ANY(${ids}::text[]) AND s.expires_at > now() AND u.status = 'active'`.execute(ctx.db);
      return new Set(rows.rows.map((x) => x.id));
    },
  });
  // Open streams would keep the HTTP server from closing; end them first.
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => hub.close());

  r.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: '实时事件流（SSE）',
        description:
          '`text/event-stream`. Events: `ready` on connect, `notification` with the notification JSON, and topic events ' +
          'the user may see. A comment line is sent every 25 s to keep proxies from closing the stream.',
        querystring: EventsQuerySchema,
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      reply.hijack();
      hub.open(reply.raw, auth, { topics: req.query.topics ?? [], headers: { 'x-request-id': req.id } });
    },
  );
}
