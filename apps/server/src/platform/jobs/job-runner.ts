import crypto from 'node:crypto';
import type { AppContext } from '../app-context';
import { withTx } from '../db/database';
import { JOBS_CHANNEL } from './enqueue';
import { backoffMs } from './job-backoff';
import { safeErr, safeErrorMessage, silentLogger, type JobLogger } from './job-logger';
import { jobHandlerFor, PermanentJobError, registeredJobTypes, registeredSchedules, type Job } from './job-registry';
import { waitForQuietLoop } from '../util/quiet-loop';
import {
  anyScheduleDue,
  claimJobs,
  completeJob,
  ensureSchedules,
  failJobAttempt,
  recoverExpiredJobs,
  takeDueSchedules,
  type JobRow,
} from './job-store';

export { registerJobHandler, registerSchedule, PermanentJobError } from './job-registry';
export type { Job, JobHandler, JobRunContext, ScheduleDefinition } from './job-registry';

// A claim outlives the handler's timeout by this much before another instance may take the job over.
const LEASE_GRACE_MS = 30_000;

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

/** A worker id unique to one runner, even with several runners in one process. */
export function newWorkerId(ctx: AppContext, label = 'w'): string {
  return `${ctx.config.instanceId}:${label}:${crypto.randomBytes(4).toString('hex')}`;
}

function leaseTable(types: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of types) {
    const h = jobHandlerFor(t);
    if (h) out[t] = (h.timeoutMs + LEASE_GRACE_MS) / 1000;
  }
  return out;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    type: row.type,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    dedupeKey: row.dedupe_key,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
  };
}

/** Settles when the signal aborts, with its reason; never settles otherwise. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Runs one claimed job and records the outcome. The handler and the bookkeeping are separate
 * statements: nothing here holds a transaction open across the handler.
 */
export async function executeJob(
  ctx: AppContext,
  row: JobRow,
  workerId: string,
  log: JobLogger,
  stopSignal?: AbortSignal,
): Promise<JobOutcome> {
  const reg = jobHandlerFor(row.type);
  const meta = { job: { id: row.id, type: row.type, attempt: row.attempts, maxAttempts: row.max_attempts } };
  const ac = new AbortController();
  const timer = setTimeout(
    () => ac.abort(new Error(`job timed out after ${reg?.timeoutMs ?? 0} ms`)),
    reg?.timeoutMs ?? 0,
  );
  const onStop = () => ac.abort(new Error('instance shutting down'));
  stopSignal?.addEventListener('abort', onStop, { once: true });

  let error: unknown = null;
  const started = Date.now();
  try {
    if (!reg) throw new Error(`no handler registered for job type ${row.type}`);
    const work = reg.handler(toJob(row), { ctx, signal: ac.signal, log });
    work.catch(() => undefined); // if the race below is lost to an abort, its rejection is not unhandled
    await Promise.race([work, rejectOnAbort(ac.signal)]);
  } catch (e) {
    error = e ?? new Error('job failed');
  } finally {
    clearTimeout(timer);
    stopSignal?.removeEventListener('abort', onStop);
  }

  try {
    if (error === null) {
      if (!(await completeJob(ctx.db, row, workerId))) {
        log.warn(meta, 'job finished after its lease was taken over; another run may repeat it');
        return 'lost';
      }
      log.debug({ ...meta, ms: Date.now() - started }, 'job done');
      return 'done';
    }
    const permanent = error instanceof PermanentJobError;
    const delay = backoffMs(row.attempts, reg?.backoff);
    const r = await failJobAttempt(ctx.db, row, workerId, safeErrorMessage(error), delay, permanent);
    if (!r) {
      log.warn({ ...meta, err: safeErr(error) }, 'job failed after its lease was taken over');
      return 'lost';
    }
    if (r.status === 'failed') {
      log.error(
        { ...meta, err: safeErr(error) },
        permanent ? 'job failed permanently' : 'job failed: no attempts left',
      );
      return 'failed';
    }
    log.warn({ ...meta, err: safeErr(error), retryInMs: delay }, 'job attempt failed; will retry');
    return 'retry';
  } catch (e) {
    // The database is unreachable: the job stays claimed and is recovered when its lease expires.
    log.error({ ...meta, err: safeErr(e) }, 'could not record the job outcome');
    return 'lost';
  }
}

export interface RunDueJobsResult {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  lost: number;
}

/**
 * Recovers expired leases, then claims and runs one batch of due jobs, one after another, and returns
 * when all are recorded. Tests call this instead of running the background loop.
 */
export async function runDueJobs(
  ctx: AppContext,
  opts: { limit?: number; types?: string[]; log?: JobLogger; workerId?: string } = {},
): Promise<RunDueJobsResult> {
  const log = opts.log ?? silentLogger;
  const workerId = opts.workerId ?? newWorkerId(ctx, 'batch');
  await recoverExpiredJobs(ctx.db);
  const types = (opts.types ?? registeredJobTypes()).filter((t) => jobHandlerFor(t));
  const rows = await claimJobs(ctx.db, workerId, opts.limit ?? 100, leaseTable(types));
  const res: RunDueJobsResult = { claimed: rows.length, done: 0, retried: 0, failed: 0, lost: 0 };
  for (const row of rows) {
    const o = await executeJob(ctx, row, workerId, log);
    if (o === 'done') res.done++;
    else if (o === 'retry') res.retried++;
    else if (o === 'failed') res.failed++;
    else res.lost++;
  }
  return res;
}

/** Enqueues the job of every due slot of this instance's declared schedules. Returns how many it took. */
export async function runDueSchedules(ctx: AppContext): Promise<number> {
  const defs = registeredSchedules();
  if (defs.length === 0) return 0;
  await ensureSchedules(ctx.db, defs);
  const names = defs.map((d) => d.name);
  if (!(await anyScheduleDue(ctx.db, names))) return 0;
  const taken = await withTx(ctx.db, (tx) => takeDueSchedules(tx, defs));
  return taken.length;
}

export interface JobRunnerOptions {
  pollMs: number;
  /** handlers running at once on this instance */
  concurrency?: number;
  log?: JobLogger;
  /** on stop, how long to wait for running handlers before aborting them */
  graceMs?: number;
  /** wake on NOTIFY from enqueueJob (default true) */
  listen?: boolean;
  workerId?: string;
  /**
   * Yield to requests: a poll that comes round on its timer first waits for the event loop to be mostly idle for a
   * window of this many ms (at most QUIET_MAX_MS), so scheduled work starts after a rush of requests instead of in
   * the middle of it. Work that was enqueued or is queued behind a finished job is not held. Off when 0 or unset.
   */
  quietWindowMs?: number;
}

const RECOVER_EVERY_MS = 15_000;
/** the longest a timed poll waits for the requests to quieten down */
const QUIET_MAX_MS = 2_000;
/** busier than this share of a window counts as serving requests */
const QUIET_BUSY_SHARE = 0.5;
const SCHEDULES_EVERY_MS = 1_000;
const MAX_ERROR_SLEEP_MS = 30_000;

/**
 * The background loop of one instance: claims due jobs up to its concurrency, runs them, fires due
 * schedules and recovers expired leases. Polls every `pollMs`, sooner when woken by a NOTIFY or when a
 * handler finishes.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly log: JobLogger;
  private readonly concurrency: number;
  private readonly inflight = new Map<number, Promise<JobOutcome>>();
  private readonly stopAc = new AbortController();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private wakeSleeper: (() => void) | null = null;
  private nudged = false;
  private lastRecover = 0;
  private lastSchedules = 0;
  private readonly ensured = new Map<string, number>();
  private errorStreak = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: JobRunnerOptions,
  ) {
    this.workerId = opts.workerId ?? newWorkerId(ctx);
    this.log = opts.log ?? silentLogger;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
  }

  async start(): Promise<void> {
    if (this.loop) return;
    if (this.opts.listen !== false) {
      this.unlisten = await this.ctx.database.listen(JOBS_CHANNEL, () => this.nudge());
    }
    this.loop = this.run();
    this.log.info(
      { workerId: this.workerId, pollMs: this.opts.pollMs, concurrency: this.concurrency },
      'jobs runner started',
    );
  }

  /** Runs a claim round soon, e.g. after enqueueing outside a transaction. */
  nudge(): void {
    this.nudged = true;
    this.wakeSleeper?.();
  }

  get running(): number {
    return this.inflight.size;
  }

  /** Stops claiming, waits for running handlers (aborting them after the grace period), then returns. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wakeSleeper?.();
    await this.loop;
    await this.unlisten?.().catch(() => undefined);
    const all = Promise.allSettled([...this.inflight.values()]);
    if (this.inflight.size > 0) {
      this.log.info({ running: this.inflight.size }, 'waiting for running jobs to finish');
      const graceful = await Promise.race([all.then(() => true), sleep(this.opts.graceMs ?? 10_000).then(() => false)]);
      if (!graceful) {
        this.log.warn({ running: this.inflight.size }, 'jobs still running after the grace period; aborting them');
        this.stopAc.abort();
        await Promise.race([all, sleep(2_000)]);
      }
    }
    this.log.info({ workerId: this.workerId }, 'jobs runner stopped');
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await this.tick();
        this.errorStreak = 0;
      } catch (err) {
        this.errorStreak++;
        this.log.error({ err: safeErr(err) }, 'jobs runner round failed');
      }
      if (this.stopping) break;
      if (more || this.nudged) {
        this.nudged = false;
        continue;
      }
      const wait =
        this.errorStreak > 0
          ? Math.min(MAX_ERROR_SLEEP_MS, this.opts.pollMs * 2 ** this.errorStreak)
          : this.opts.pollMs;
      await this.sleep(wait);
      if (this.opts.quietWindowMs && !this.nudged && !this.stopping)
        await waitForQuietLoop({
          windowMs: this.opts.quietWindowMs,
          busyShare: QUIET_BUSY_SHARE,
          maxMs: QUIET_MAX_MS,
          stop: () => this.stopping || this.nudged,
        });
    }
  }

  /** One round; true when it filled every free slot, so there is likely more to claim now. */
  private async tick(): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastRecover >= RECOVER_EVERY_MS) {
      this.lastRecover = now;
      const rec = await recoverExpiredJobs(this.ctx.db);
      if (rec.length > 0) {
        const jobs = rec.map((r) => ({ id: r.id, type: r.type, status: r.status }));
        this.log.warn({ jobs }, 'recovered jobs with expired leases');
      }
    }
    if (now - this.lastSchedules >= SCHEDULES_EVERY_MS) {
      this.lastSchedules = now;
      await this.fireSchedules();
    }
    const free = this.concurrency - this.inflight.size;
    if (free <= 0) return false;
    const rows = await claimJobs(this.ctx.db, this.workerId, free, leaseTable(registeredJobTypes()));
    for (const row of rows) this.spawn(row);
    return rows.length === free;
  }

  private async fireSchedules(): Promise<void> {
    const defs = registeredSchedules();
    if (defs.length === 0) return;
    // Schedules may be declared after start (a module loaded late): create rows for any not seen yet.
    const unseen = defs.filter((d) => this.ensured.get(d.name) !== d.intervalSeconds);
    if (unseen.length > 0) {
      await ensureSchedules(this.ctx.db, unseen);
      for (const d of unseen) this.ensured.set(d.name, d.intervalSeconds);
    }
    const names = defs.map((d) => d.name);
    if (!(await anyScheduleDue(this.ctx.db, names))) return;
    const taken = await withTx(this.ctx.db, (tx) => takeDueSchedules(tx, defs));
    for (const t of taken) this.log.debug({ schedule: t.name, slot: t.slot.toISOString() }, 'schedule slot enqueued');
  }

  private spawn(row: JobRow): void {
    const p = executeJob(this.ctx, row, this.workerId, this.log, this.stopAc.signal).finally(() => {
      this.inflight.delete(row.id);
      // A freed slot may have work waiting.
      if (!this.stopping) this.nudge();
    });
    this.inflight.set(row.id, p);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
      if (this.nudged || this.stopping) done();
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref?.());
}

/** Creates and starts a runner. */
export async function startJobRunner(ctx: AppContext, opts: JobRunnerOptions): Promise<JobRunner> {
  const runner = new JobRunner(ctx, opts);
  await runner.start();
  return runner;
}
