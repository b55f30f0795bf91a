import { ERROR_CATALOGUE, type AnyErrorCode } from '@paidan/shared';

/** The one error type: a stable code, its HTTP status and bilingual message come from the shared catalogue. */
export class AppError extends Error {
  readonly code: AnyErrorCode;
  readonly status: number;
  readonly details?: unknown;
  constructor(code: AnyErrorCode, details?: unknown, message?: string) {
    // An AppError is an answer to the caller (its code and message say what went wrong; the error handler never
    // logs it, a failed job logs code and message): no stack is captured, which a rush of 300 refused claims would
    // otherwise spend more time on than on the refusals.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? ERROR_CATALOGUE[code].en);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}

export const notFound = (details?: unknown) => new AppError('NOT_FOUND', details);
export const forbidden = (details?: unknown) => new AppError('FORBIDDEN', details);
export const conflict = (details?: unknown) => new AppError('CONFLICT', details);
