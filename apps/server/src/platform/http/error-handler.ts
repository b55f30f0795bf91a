import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  catalogueMessage,
  ERROR_CATALOGUE,
  type AnyErrorCode,
  type ApiErrorBody,
  type ErrorCode,
  type Lang,
} from '@paidan/shared';
import { AppError } from './app-error';

export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['x-lang'];
  if (header === 'en' || header === 'zh') return header;
  if (req.auth?.user.lang === 'en') return 'en';
  const al = req.headers['accept-language'];
  if (typeof al === 'string' && /^en\b/i.test(al)) return 'en';
  return 'zh';
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  code: AnyErrorCode,
  details?: unknown,
  status?: number,
) {
  const body: ApiErrorBody = { code, message: catalogueMessage(code, requestLang(req)), requestId: req.id };
  if (details !== undefined) body.details = details;
  return reply.status(status ?? ERROR_CATALOGUE[code].status).send(body);
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
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      return sendError(req, reply, 'VALIDATION_FAILED', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      return sendError(req, reply, 'INTERNAL');
    }
    switch (err.code) {
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(req, reply, 'PAYLOAD_TOO_LARGE');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(req, reply, 'BAD_REQUEST');
    }
    if (err.statusCode === 429) return sendError(req, reply, 'RATE_LIMITED');
    if (err instanceof SyntaxError || (err.statusCode === 400 && !('severity' in err))) {
      return sendError(req, reply, 'BAD_REQUEST', { reason: err.message });
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode && PG_USER_ERRORS[pgCode]) {
      req.log.warn({ err }, 'database rejected a write');
      return sendError(req, reply, PG_USER_ERRORS[pgCode]!, {
        constraint: (err as { constraint?: string }).constraint,
      });
    }
    if (pgCode === '40001' || pgCode === '40P01') return sendError(req, reply, 'CONFLICT');
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL');
  });
}
