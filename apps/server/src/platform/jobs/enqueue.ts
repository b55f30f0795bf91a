import { sql } from 'kysely';
import type { Executor } from '../db/database';
import { notify } from '../db/database';

/** Runners LISTEN here to pick up new work before their next poll. */
export const JOBS_CHANNEL = 'paidan_jobs';

export interface EnqueueOptions {
  /** A job with the same key is created once, ever: enqueueing again is a no-op. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a job in the caller's transaction: it runs only if that transaction commits (transactional outbox).
 * Returns the job id, or null when the dedupe key already exists.
 */
export async function enqueueJob(
  ex: Executor,
  type: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const row = await ex
    .insertInto('jobs')
    .values({
      type,
      payload: JSON.stringify(payload),
      dedupe_key: opts.dedupeKey ?? null,
      run_at: opts.runAt ?? new Date(),
      ...(opts.maxAttempts ? { max_attempts: opts.maxAttempts } : {}),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  // Wakes idle runners when the transaction commits; PostgreSQL folds identical notifications of one
  // transaction into one. Jobs for later are found by the regular poll.
  if (row && (!opts.runAt || opts.runAt.getTime() <= Date.now())) await notify(ex, JOBS_CHANNEL, '');
  return row?.id ?? null;
}

/** Many jobs in one statement (sweeps and batch work); same de-duplication as enqueueJob. */
export async function enqueueJobs(
  ex: Executor,
  jobs: { type: string; payload: Record<string, unknown>; dedupeKey?: string }[],
): Promise<number> {
  if (jobs.length === 0) return 0;
  // The rows travel as one JSON document: a VALUES list of thousands of rows costs more to parse and bind than
  // to insert.
  const doc = JSON.stringify(jobs.map((j) => ({ type: j.type, payload: j.payload, dedupe_key: j.dedupeKey ?? null })));
  const rows = await ex
    .insertInto('jobs')
    .columns(['type', 'payload', 'dedupe_key'])
    .expression(
      sql`select j.type, j.payload, j.dedupe_key
        from jsonb_to_recordset(${doc}::jsonb) as j(type text, payload jsonb, dedupe_key text)`,
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  if (rows.length) await notify(ex, JOBS_CHANNEL, '');
  return rows.length;
}
