import type { AppContext } from '../app-context';
import type { BackoffOptions } from './job-backoff';
import type { JobLogger } from './job-logger';

/** A claimed job as its handler sees it. `attempt` counts this run (1 on the first). */
export interface Job<P = Record<string, unknown>> {
  id: number;
  type: string;
  payload: P;
  dedupeKey: string | null;
  attempt: number;
  maxAttempts: number;
  runAt: Date;
}

export interface JobRunContext {
  ctx: AppContext;
  /** Aborted when the handler times out or the instance shuts down past its grace period. */
  signal: AbortSignal;
  log: JobLogger;
}

/**
 * Does the work of one job. Throwing retries it with back-off until max_attempts, then marks it failed.
 * Handlers must be idempotent: a job whose instance died mid-run is run again.
 */
export type JobHandler<P = Record<string, unknown>> = (job: Job<P>, run: JobRunContext) => Promise<void>;

export interface JobHandlerOptions {
  /** The handler is aborted and the attempt counted as failed after this long. */
  timeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
}

export interface RegisteredHandler {
  type: string;
  handler: JobHandler;
  timeoutMs: number;
  backoff: Partial<BackoffOptions>;
}

/** Thrown by a handler when retrying cannot help (bad payload, unknown template): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

const handlers = new Map<string, RegisteredHandler>();

/** Registers the handler for a job type; registering a type again replaces its handler. */
export function registerJobHandler<P = Record<string, unknown>>(
  type: string,
  handler: JobHandler<P>,
  opts: JobHandlerOptions = {},
): void {
  handlers.set(type, {
    type,
    handler: handler as unknown as JobHandler,
    timeoutMs: opts.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
    backoff: opts.backoff ?? {},
  });
}

export function jobHandlerFor(type: string): RegisteredHandler | undefined {
  return handlers.get(type);
}

/** The types this instance can run: it only claims these, so a rolling deploy never strands a new job type. */
export function registeredJobTypes(): string[] {
  return [...handlers.keys()];
}

export interface ScheduleDefinition {
  /** Schedule name, unique; also the job type unless `type` is given. */
  name: string;
  intervalSeconds: number;
  type?: string;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

const schedules = new Map<string, Required<Omit<ScheduleDefinition, 'maxAttempts'>> & { maxAttempts: number }>();

/**
 * Declares a periodic job. Every instance that declares it competes for each slot; exactly one enqueues it
 * (dedupe key `name:<slot time>`), whichever instance then claims the job runs it.
 */
export function registerSchedule(def: ScheduleDefinition): void {
  if (!Number.isInteger(def.intervalSeconds) || def.intervalSeconds <= 0) {
    throw new Error(`schedule ${def.name}: intervalSeconds must be a positive integer`);
  }
  schedules.set(def.name, {
    name: def.name,
    intervalSeconds: def.intervalSeconds,
    type: def.type ?? def.name,
    payload: def.payload ?? {},
    maxAttempts: def.maxAttempts ?? 3,
  });
}

export function registeredSchedules() {
  return [...schedules.values()];
}

export function scheduleFor(name: string) {
  return schedules.get(name);
}

/** Stops this instance from firing a schedule (its row stays; other instances that declare it go on). */
export function unregisterSchedule(name: string): void {
  schedules.delete(name);
}
