import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CATALOGUE, type ErrorDef } from '@paidan/shared';
import type { ZodError } from 'zod';
import { AppError } from '../../platform/http/app-error';

// TMF error bodies (TMF630): {code, reason, message, status}, status as a string, on every error of the TMF APIs.

export class TmfError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message?: string,
  ) {
    super(message ?? reason);
  }
}

export const tmfNotFound = (what: string, id: string) =>
  new TmfError(404, 'NOT_FOUND', `${what} not found`, `No ${what} with id ${id}, or not visible to you`);
export const tmfBadRequest = (message: string, code = 'INVALID_REQUEST') =>
  new TmfError(400, code, 'Invalid request', message);

export function zodMessage(err: ZodError, prefix = ''): string {
  return err.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

function body(status: number, code: string, reason: string, message: string) {
  return { code, reason, message, status: String(status), '@type': 'Error' };
}

export function sendTmfError(reply: FastifyReply, e: TmfError) {
  if (e.status === 401) reply.header('www-authenticate', 'Bearer realm="tmf-api"');
  return reply
    .status(e.status)
    .type('application/json; charset=utf-8')
    .send(body(e.status, e.code, e.reason, e.message));
}

/** Our AppError codes keep their status; the English catalogue text is the reason, details go in the message. */
export function fromAppError(err: AppError): TmfError {
  const def = (ERROR_CATALOGUE as Record<string, ErrorDef>)[err.code];
  const reason = def?.en ?? err.code;
  let message = def ? `${def.en} / ${def.zh}` : reason;
  if (Array.isArray(err.details)) {
    const fields = (err.details as { field?: string; message?: string }[])
      .map((d) => `${d.field ?? ''}: ${d.message ?? ''}`)
      .join('; ');
    if (fields) message = `${message} (${fields})`;
  }
  return new TmfError(err.status, err.code, reason, message);
}

export function installTmfErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof TmfError) return sendTmfError(reply, err);
    if (err instanceof AppError) return sendTmfError(reply, fromAppError(err));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const msg = err.validation
        .map(
          (v) =>
            `${[err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.')}: ${v.message}`,
        )
        .join('; ');
      return sendTmfError(reply, tmfBadRequest(msg));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendTmfError(reply, new TmfError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large'));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendTmfError(
        reply,
        new TmfError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'Unsupported content type',
          'Send application/json (or application/merge-patch+json for PATCH)',
        ),
      );
    }
    if (err instanceof SyntaxError) return sendTmfError(reply, tmfBadRequest(err.message));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendTmfError(
        reply,
        new TmfError(
          err.statusCode,
          err.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST',
          'Request refused',
          err.message,
        ),
      );
    }
    req.log.error({ err }, 'TMF API error');
    return sendTmfError(reply, new TmfError(500, 'INTERNAL', 'Internal error', 'Something went wrong on our side'));
  });
  app.setNotFoundHandler((req, reply) =>
    sendTmfError(
      reply,
      new TmfError(404, 'ROUTE_NOT_FOUND', 'No such resource or operation', `${req.method} ${req.url.split('?')[0]}`),
    ),
  );
}
