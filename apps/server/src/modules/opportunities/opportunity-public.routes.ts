import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdempotencyKeySchema,
  IntakeOpportunitySchema,
  IntakeResultSchema,
  LeadCodeRequestSchema,
  LeadSubmitSchema,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { apiClientService, type ApiClientAuth } from '../tmf621/api-client';
import { opportunityPublicService } from './opportunity-public.service';

/**
 * Routes outside a staff session: the public 留资 page (no sign-in; SMS code, rate limits) and the intake API for
 * the group OAO platform (`Authorization: Bearer <API key>` of an `integration` API client, `Idempotency-Key`).
 */
export async function opportunityPublicRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opportunityPublicService(ctx);
  const tags = ['opportunity intake'];

  r.get(
    '/public/leads/districts',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '留资页：可选区局',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
      },
    },
    async () =>
      ctx.db.selectFrom('orgs').select(['code', 'name']).where('type', '=', 'district').orderBy('code').execute(),
  );

  r.post(
    '/public/leads/code',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' }, skipCsrf: true },
      schema: {
        tags,
        summary: '留资页：发送手机验证码',
        body: LeadCodeRequestSchema,
        response: { 200: z.object({ ok: z.literal(true), ttlSeconds: z.number(), retryAfterSeconds: z.number() }) },
      },
    },
    async (req) => ({ ok: true as const, ...(await svc.requestLeadCode(req.body.phone, actorOf(req))) }),
  );

  r.post(
    '/public/leads',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' }, skipCsrf: true },
      schema: {
        tags,
        summary: '留资页：提交需求（验证码核验后进入商机池）',
        body: LeadSubmitSchema,
        response: { 200: IntakeResultSchema },
      },
    },
    async (req) => svc.submitLead(req.body, actorOf(req)),
  );

  // The intake API: its own scope, so a bearer key is understood here and nowhere else under /api.
  await app.register(async (api) => {
    const clients = apiClientService(ctx);
    api.addHook('onRequest', async (req: FastifyRequest) => {
      const h = req.headers.authorization;
      const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
      if (!m) throw new AppError('UNAUTHENTICATED', { reason: 'Send Authorization: Bearer <API key>' });
      const auth = await clients.authenticate(m[1]!);
      if (!auth) throw new AppError('UNAUTHENTICATED', { reason: 'The API key is unknown or disabled' });
      req.auth = auth;
    });
    const a = api.withTypeProvider<ZodTypeProvider>();
    a.post(
      '/intake/opportunities',
      {
        schema: {
          tags,
          summary: '集团商机接入（API 密钥；Idempotency-Key 防重放）',
          headers: z.object({ 'idempotency-key': IdempotencyKeySchema }).passthrough(),
          body: IntakeOpportunitySchema,
          response: { 200: IntakeResultSchema, 201: IntakeResultSchema },
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req) as ApiClientAuth;
        // A read-only client may not create anything.
        if (!('client' in auth) || !auth.permissions.has('ticket.create'))
          throw new AppError('FORBIDDEN', { reason: 'integration client required' });
        const key = String(req.headers['idempotency-key']).trim();
        const res = await svc.intakeFromApi(actorOf(req), auth.client.id, key, req.body);
        const { replayed, ...body } = res;
        reply.header('idempotent-replayed', String(replayed));
        return reply.status(replayed ? 200 : 201).send(body);
      },
    );
  });
}
