import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/database';
import type { JobsTable } from '../db/foundation.tables';
import { enqueueJob } from './enqueue';
import type { ScheduleDefinition } from './job-registry';
import { nextSlotAfter, slotKey } from './schedule-slot';

// SQL of the jobs runner. Every function is one statement, or one transaction on `ex` alone,
// so it is safe on PGlite's single connection.

export type JobRow = Selectable<JobsTable>;

/**
 * Claims up to `limit` due jobs of the given types for `workerId`. SKIP LOCKED lets any number of
 * instances claim at once without waiting on or double-claiming each other's rows.
 * Each job's lease (locked_until) comes from its type's entry in `leaseSeconds`.
 */
export async function claimJobs(
  ex: Executor,
  workerId: string,
  limit: number,
  leaseSeconds: Record<string, number>,
): Promise<JobRow[]> {
  const types = Object.keys(leaseSeconds);
  if (limit <= 0 || types.length === 0) return [];
  const secs = types.map((t) => leaseSeconds[t]!);
  const r = await sql<JobRow>`
    UPDATE jobs AS j
       SET status = 'running',
           locked_by = ${workerId},
           locked_until = now() + make_interval(secs => l.lease_secs),
           attempts = j.attempts + 1
      FROM unnest(${types}::text[], ${secs}::float8[]) AS l(type, lease_secs)
     WHERE j.type = l.type
       AND j.id IN (SELECT id FROM jobs
                     WHERE status = 'pending' AND run_at <= now() AND type = ANY(${types}::text[])
                     ORDER BY run_at, id
                     LIMIT ${limit}
                       FOR UPDATE SKIP LOCKED)
    RETURNING j.*`.execute(ex);
  return r.rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

/** Marks a claimed job done. False when the claim was lost (lease expired and the job was recovered). */
export async function completeJob(ex: Executor, job: JobRow, workerId: string): Promise<boolean> {
  const r = await ex
    .updateTable('jobs')
    .set({ status: 'done', finished_at: sql<Date>`now()`, locked_by: null, locked_until: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: back to pending after `retryInMs`, or `failed` when attempts are used up
 * (or `permanent`). Returns the new status, or null when the claim was lost.
 */
export async function failJobAttempt(
  ex: Executor,
  job: JobRow,
  workerId: string,
  error: string,
  retryInMs: number,
  permanent: boolean,
): Promise<{ status: 'pending' | 'failed'; runAt: Date } | null> {
  const giveUp = sql<boolean>`(${permanent}::boolean OR attempts >= max_attempts)`;
  const r = await sql<{ status: 'pending' | 'failed'; run_at: Date }>`
    UPDATE jobs
       SET status = CASE WHEN ${giveUp} THEN 'failed' ELSE 'pending' END,
           run_at = CASE WHEN ${giveUp} THEN run_at ELSE now() + make_interval(secs => ${retryInMs / 1000}::float8) END,
           finished_at = CASE WHEN ${giveUp} THEN now() ELSE NULL END,
           locked_by = NULL,
           locked_until = NULL,
           last_error = ${error}
     WHERE id = ${job.id} AND status = 'running' AND locked_by = ${workerId} AND attempts = ${job.attempts}
    RETURNING status, run_at`.execute(ex);
  const row = r.rows[0];
  return row ? { status: row.status, runAt: row.run_at } : null;
}

/**
 * Returns jobs whose lease expired (their instance crashed or hung) to pending, or fails them if that
 * was their last attempt. The attempt was already counted when they were claimed.
 */
export async function recoverExpiredJobs(
  ex: Executor,
  limit = 500,
): Promise<{ id: number; type: string; status: string }[]> {
  const r = await sql<{ id: number; type: string; status: string }>`
    UPDATE jobs
       SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,
           finished_at = CASE WHEN attempts >= max_attempts THEN now() ELSE NULL END,
           run_at = now(),
           locked_by = NULL,
           locked_until = NULL,
           last_error = 'lease expired: the instance running it stopped or did not finish in time'
     WHERE id IN (SELECT id FROM jobs
                   WHERE status = 'running' AND locked_until < now()
                   LIMIT ${limit}
                     FOR UPDATE SKIP LOCKED)
    RETURNING id, type, status`.execute(ex);
  return r.rows;
}

/** Deletes finished jobs past their retention, in batches so no statement holds many locks. */
export async function cleanupJobs(
  ex: Executor,
  opts: { doneDays: number; failedDays: number; batch?: number },
): Promise<number> {
  const batch = opts.batch ?? 5000;
  let total = 0;
  for (const [status, days] of [
    ['done', opts.doneDays],
    ['failed', opts.failedDays],
  ] as const) {
    for (;;) {
      const r = await sql`
        DELETE FROM jobs
         WHERE id IN (SELECT id FROM jobs
                       WHERE status = ${status} AND finished_at < now() - make_interval(days => ${days}::int)
                       LIMIT ${batch})`.execute(ex);
      const n = Number(r.numAffectedRows ?? 0);
      total += n;
      if (n < batch) break;
    }
  }
  return total;
}

/** Creates the rows of declared schedules (first slot now, on a whole second); follows interval changes. */
export async function ensureSchedules(
  ex: Executor,
  defs: Pick<ScheduleDefinition, 'name' | 'intervalSeconds'>[],
): Promise<void> {
  for (const d of defs) {
    await sql`
      INSERT INTO job_schedules (name, interval_seconds, next_run_at)
      VALUES (${d.name}, ${d.intervalSeconds}, date_trunc('second', now()))
      ON CONFLICT (name) DO NOTHING`.execute(ex);
    await sql`
      UPDATE job_schedules
         SET interval_seconds = ${d.intervalSeconds},
             next_run_at = least(next_run_at, date_trunc('second', now()) + make_interval(secs => ${d.intervalSeconds}::int))
       WHERE name = ${d.name} AND interval_seconds <> ${d.intervalSeconds}`.execute(ex);
  }
}

/** Cheap check before opening a transaction: is any of these schedules due? */
export async function anyScheduleDue(ex: Executor, names: string[]): Promise<boolean> {
  if (names.length === 0) return false;
  const r = await sql<{ one: number }>`
    SELECT 1 AS one FROM job_schedules WHERE name = ANY(${names}::text[]) AND next_run_at <= now() LIMIT 1`.execute(ex);
  return r.rows.length > 0;
}

/**
 * Inside the caller's transaction: locks the due schedules no other instance holds, moves each to its
 * next slot and enqueues the job of the slot it took. Returns the slots enqueued.
 */
export async function takeDueSchedules(
  tx: Executor,
  defs: (Required<Omit<ScheduleDefinition, 'maxAttempts'>> & { maxAttempts: number })[],
): Promise<{ name: string; slot: Date; jobId: number | null }[]> {
  if (defs.length === 0) return [];
  const byName = new Map(defs.map((d) => [d.name, d]));
  const due = await sql<{ name: string; interval_seconds: number; next_run_at: Date; db_now: Date }>`
    SELECT name, interval_seconds, next_run_at, now() AS db_now
      FROM job_schedules
     WHERE name = ANY(${[...byName.keys()]}::text[]) AND next_run_at <= now()
     ORDER BY next_run_at
       FOR UPDATE SKIP LOCKED`.execute(tx);
  const out: { name: string; slot: Date; jobId: number | null }[] = [];
  for (const s of due.rows) {
    const def = byName.get(s.name)!;
    const slot = s.next_run_at;
    await tx
      .updateTable('job_schedules')
      .set({ next_run_at: nextSlotAfter(slot, s.db_now, s.interval_seconds), last_run_at: slot })
      .where('name', '=', s.name)
      .execute();
    const jobId = await enqueueJob(
      tx,
      def.type,
      { ...def.payload, slot: slot.toISOString() },
      { dedupeKey: slotKey(s.name, slot), maxAttempts: def.maxAttempts },
    );
    out.push({ name: s.name, slot, jobId });
  }
  return out;
}
