import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERRORS, errorMessage, type ApiErrorBody, type ErrorCode, type Lang } from '@paidan/shared';
import { AppError } from './app-error';

export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['x-lang'];
  if (header === 'en' || header === 'zh') return header;
  if (req.auth?.user.lang === 'en') return 'en';
  const al = req.headers['accept-language'];
  if (typeof al === 'string' && /^en\b/i.test(al)) return 'en';
  return 'zh';
}

function send(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown, status?: number) {
  const body: ApiErrorBody = { code, message: errorMessage(code, requestLang(req)), requestId: req.id };
  if (details !== undefined) body.details = details;
  return reply.status(status ?? ERRORS[code].status).send(body);
}

// Postgres errors that are the caller's fault, should a check upstream ever miss one.
const PG_USER_ERRORS: Record<string, ErrorCode> = {
  '23505': 'DUPLICATE',
  '23503': 'VALIDATION_FAILED',
  '23514': 'VALIDATION_FAILED',
  '22P02': 'VALIDATION_FAILED',
  '22001': 'VALIDATION_FAILED',
};

export function installErrorHandler(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => send(req, reply, 'ROUTE_NOT_FOUND', { method: req.method, url: req.url }));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      return send(req, reply, 'VALIDATION_FAILED', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      return send(req, reply, 'INTERNAL');
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(req, reply, 'PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(req, reply, 'BAD_REQUEST');
    }
    if (err.statusCode === 429) return send(req, reply, 'RATE_LIMITED');
    if (err instanceof SyntaxError || (err.statusCode === 400 && !('severity' in err))) {
      return send(req, reply, 'BAD_REQUEST', { reason: err.message });
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode && PG_USER_ERRORS[pgCode]) {
      req.log.warn({ err }, 'database rejected a write');
      return send(req, reply, PG_USER_ERRORS[pgCode]!, { constraint: (err as { constraint?: string }).constraint });
    }
    if (pgCode === '40001' || pgCode === '40P01') return send(req, reply, 'CONFLICT');
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 'INTERNAL');
  });
}
