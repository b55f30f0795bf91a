import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { maskPhonesInText } from '@paidan/shared';
import type { AppContext } from '../app-context';
import { authPlugin } from '../auth/auth.plugin';
import { installErrorHandler, sendError } from './error-handler';
import { registerModules } from '../../modules';
import { TMF621_PREFIX, tmf621Routes } from '../../modules/tmf621/tmf621.routes';
import { TMF699_PREFIX, tmf699Routes } from '../../modules/tmf699/tmf699.routes';
import { TMF629_PREFIX, tmf629Routes } from '../../modules/tmf629/tmf629.routes';
import { TMF622_PREFIX, tmf622Routes } from '../../modules/tmf622/tmf622.routes';
import { TMF620_PREFIX, tmf620Routes } from '../../modules/tmf620/tmf620.routes';

export type App = FastifyInstance;

/**
 * One access line per request, written when it is answered: method, URL (phone numbers masked), client address,
 * status and time (the serializers below); never a header, so cookies, CSRF tokens and authorization values stay out
 * of the logs. Fastify's separate "incoming request" line is kept for LOG_LEVEL=debug.
 */
class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(ctx: AppContext, opts: { logStream?: DestinationStream } = {}): Promise<App> {
  const { config } = ctx;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: maskPhonesInText(req.url),
          ip: req.ip,
        }),
      },
    },
    logController: new AccessLog(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === '1' || process.env.TRUST_PROXY === 'true',
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{6,64}$/.test(h) ? h : crypto.randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // set when the request arrives, so every answer carries it (errors included) without a hook on the way out
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Paidan 政企派单 API',
        version: '0.1.0',
        description:
          'Cookie sessions for the web app (send `x-csrf-token` on writes). Errors are `{code, message, details}`; ' +
          'messages follow `x-lang: zh|en` or Accept-Language.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'paidan_sid' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { db: ctx.db, sessionTtlHours: config.sessionTtlHours });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.db.selectFrom('schema_migrations').select('name').limit(1).execute();
      return { status: 'ready', database: ctx.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(async (api) => registerModules(api, ctx), { prefix: '/api' });
  await app.register(async (tmf) => tmf621Routes(tmf, ctx), { prefix: TMF621_PREFIX });
  await app.register(async (tmf) => tmf699Routes(tmf, ctx), { prefix: TMF699_PREFIX });
  await app.register(async (tmf) => tmf629Routes(tmf, ctx), { prefix: TMF629_PREFIX });
  await app.register(async (tmf) => tmf622Routes(tmf, ctx), { prefix: TMF622_PREFIX });
  await app.register(async (tmf) => tmf620Routes(tmf, ctx), { prefix: TMF620_PREFIX });

  // The built web app, when present: client-side routes get index.html; unknown API paths keep their JSON 404.
  const indexHtml = path.join(config.webDist, 'index.html');
  const html = fs.existsSync(indexHtml) ? fs.readFileSync(indexHtml, 'utf8') : null;
  if (html) {
    // in a scope of their own, so the hook below runs for the files only, not for every API answer
    await app.register(async (files) => {
      // file names under /assets carry a content hash: a browser keeps them until a new build names new files
      files.addHook('onSend', async (req, reply, payload) => {
        if (reply.statusCode === 200 && req.url.startsWith('/assets/'))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        return payload;
      });
      await files.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathOnly = req.url.split('?')[0]!;
    if (
      html &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !/^\/(api|tmf-api|docs)(\/|$)/.test(pathOnly) &&
      !/\.\w+$/.test(pathOnly)
    ) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(html);
    }
    return sendError(req, reply, 'ROUTE_NOT_FOUND', { method: req.method, url: maskPhonesInText(pathOnly) });
  });
  return app;
}
