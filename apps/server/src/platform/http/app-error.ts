import { ERRORS, type ErrorCode } from '@paidan/shared';

/** The one error type: a stable code, its HTTP status and bilingual message come from the shared catalogue. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? ERRORS[code].en);
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export const notFound = (details?: unknown) => new AppError('NOT_FOUND', details);
export const forbidden = (details?: unknown) => new AppError('FORBIDDEN', details);
export const conflict = (details?: unknown) => new AppError('CONFLICT', details);
