import type { Executor } from '../db/database';

export interface EnqueueOptions {
  /** A job with the same key is created once, ever: enqueueing again is a no-op. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction: it runs only if that transaction commits (transactional outbox). */
export async function enqueueJob(
  ex: Executor,
  type: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<void> {
  await ex
    .insertInto('jobs')
    .values({
      type,
      payload: JSON.stringify(payload),
      dedupe_key: opts.dedupeKey ?? null,
      run_at: opts.runAt ?? new Date(),
      ...(opts.maxAttempts ? { max_attempts: opts.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
