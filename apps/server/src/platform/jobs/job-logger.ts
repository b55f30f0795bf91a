import { maskPhonesInText } from '@paidan/shared';

/** The part of pino's logger the jobs code uses; Fastify's logger satisfies it. */
export interface JobLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = () => undefined;
export const silentLogger: JobLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** An error's message, safe for logs and the jobs table: phone numbers masked, length bounded. */
export function safeErrorMessage(err: unknown, max = 1000): string {
  const raw = err instanceof Error ? errorChain(err) : String(err);
  const text = maskPhonesInText(raw);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function errorChain(err: Error): string {
  // fetch failures say only "fetch failed"; the cause has the useful part (ECONNREFUSED, timeout).
  const parts = [err.message];
  let c: unknown = err.cause;
  for (let i = 0; i < 3 && c instanceof Error; i++, c = c.cause) {
    const code = (c as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${code}: ${c.message}` : c.message);
  }
  return parts.join(' ← ');
}

/** A log-safe view of an error: no stack for expected failures, masked text always. */
export function safeErr(err: unknown): { type: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: safeErrorMessage(err) };
  const out: { type: string; message: string; stack?: string } = { type: err.name, message: safeErrorMessage(err) };
  if (err.stack) out.stack = maskPhonesInText(err.stack.split('\n').slice(1, 8).join('\n'));
  return out;
}
