import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { withTx } from '../../db/database';
import { enqueueJob } from '../enqueue';
import { PermanentJobError, registerJobHandler, registerSchedule, unregisterSchedule } from '../job-registry';
import { runDueJobs, runDueSchedules, startJobRunner } from '../job-runner';
import { cleanupJobs } from '../job-store';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const calls: { type: string; id: number; attempt: number; payload: Record<string, unknown> }[] = [];
beforeEach(() => {
  calls.length = 0;
});

registerJobHandler('test.ok', async (job) => {
  calls.push({ type: job.type, id: job.id, attempt: job.attempt, payload: job.payload });
});
registerJobHandler(
  'test.flaky',
  async (job) => {
    calls.push({ type: job.type, id: job.id, attempt: job.attempt, payload: job.payload });
    throw new Error('receiver down for 13912345678');
  },
  { backoff: { baseMs: 60_000, capMs: 3_600_000 } },
);
registerJobHandler('test.permanent', async () => {
  throw new PermanentJobError('cannot ever work');
});
registerJobHandler(
  'test.hang',
  async (_job, { signal }) => {
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
  },
  { timeoutMs: 50 },
);

async function job(id: number) {
  return s.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function makeDue(id: number) {
  await s.ctx.db
    .updateTable('jobs')
    .set({ run_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

describe('jobs runner', () => {
  it('runs a due job once and marks it done', async () => {
    const id = (await enqueueJob(s.ctx.db, 'test.ok', { n: 1 }))!;
    const r = await runDueJobs(s.ctx, { types: ['test.ok'] });
    expect(r).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([{ type: 'test.ok', id, attempt: 1, payload: { n: 1 } }]);
    const row = await job(id);
    expect(row.status).toBe('done');
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.locked_by).toBeNull();
    expect((await runDueJobs(s.ctx, { types: ['test.ok'] })).claimed).toBe(0);
  });

  it('retries with exponential back-off, then fails after max_attempts', async () => {
    const id = (await enqueueJob(s.ctx.db, 'test.flaky', {}, { maxAttempts: 3 }))!;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      const r = await runDueJobs(s.ctx, { types: ['test.flaky'] });
      expect(r.claimed).toBe(1);
      const row = await job(id);
      expect(row.attempts).toBe(attempt);
      if (attempt < 3) {
        expect(row.status).toBe('pending');
        delays.push(row.run_at.getTime() - before);
        // not due yet: nothing to claim until the back-off passes
        expect((await runDueJobs(s.ctx, { types: ['test.flaky'] })).claimed).toBe(0);
        await makeDue(id);
      } else {
        expect(row.status).toBe('failed');
        expect(row.finished_at).toBeInstanceOf(Date);
        // the error is kept, with phone numbers masked
        expect(row.last_error).toContain('receiver down for 139****5678');
      }
    }
    // base 60 s: first retry in [30 s, 60 s], second in [60 s, 120 s] (jitter), give or take the clock
    expect(delays[0]).toBeGreaterThan(29_000);
    expect(delays[0]).toBeLessThan(61_000);
    expect(delays[1]).toBeGreaterThan(59_000);
    expect(delays[1]).toBeLessThan(121_000);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('fails at once on a permanent error', async () => {
    const id = (await enqueueJob(s.ctx.db, 'test.permanent', {}))!;
    expect((await runDueJobs(s.ctx, { types: ['test.permanent'] })).failed).toBe(1);
    const row = await job(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'cannot ever work' });
  });

  it('counts a handler that runs past its timeout as a failed attempt', async () => {
    const id = (await enqueueJob(s.ctx.db, 'test.hang', {}))!;
    expect((await runDueJobs(s.ctx, { types: ['test.hang'] })).retried).toBe(1);
    expect((await job(id)).last_error).toMatch(/timed out/);
  });

  it('never runs a job enqueued in a transaction that rolled back', async () => {
    await expect(
      withTx(s.ctx.db, async (tx) => {
        await enqueueJob(tx, 'test.ok', { rolledBack: true }, { dedupeKey: 'rolled-back-1' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await runDueJobs(s.ctx, { types: ['test.ok'] })).claimed).toBe(0);
    expect(calls).toHaveLength(0);
    const rows = await s.ctx.db.selectFrom('jobs').select('id').where('dedupe_key', '=', 'rolled-back-1').execute();
    expect(rows).toHaveLength(0);
  });

  it('creates a job once per dedupe key', async () => {
    const a = await enqueueJob(s.ctx.db, 'test.ok', { v: 1 }, { dedupeKey: 'dedupe-1' });
    const b = await enqueueJob(s.ctx.db, 'test.ok', { v: 2 }, { dedupeKey: 'dedupe-1' });
    expect(a).toBeTypeOf('number');
    expect(b).toBeNull();
    await runDueJobs(s.ctx, { types: ['test.ok'] });
    // even after it is done, the key still blocks a second job
    expect(await enqueueJob(s.ctx.db, 'test.ok', { v: 3 }, { dedupeKey: 'dedupe-1' })).toBeNull();
    await runDueJobs(s.ctx, { types: ['test.ok'] });
    expect(calls.map((c) => c.payload)).toEqual([{ v: 1 }]);
  });

  it('does not run jobs scheduled for later', async () => {
    const id = (await enqueueJob(s.ctx.db, 'test.ok', {}, { runAt: new Date(Date.now() + 60_000) }))!;
    expect((await runDueJobs(s.ctx, { types: ['test.ok'] })).claimed).toBe(0);
    await makeDue(id);
    expect((await runDueJobs(s.ctx, { types: ['test.ok'] })).done).toBe(1);
  });

  it('returns jobs of a crashed instance to pending when their lease expires', async () => {
    const stuck = (await enqueueJob(s.ctx.db, 'test.ok', { stuck: true }))!;
    const lastTry = (await enqueueJob(s.ctx.db, 'test.ok', { lastTry: true }, { maxAttempts: 1 }))!;
    const fresh = (await enqueueJob(s.ctx.db, 'test.ok', { fresh: true }))!;
    await s.ctx.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead-instance',
        attempts: 1,
        locked_until: sql<Date>`now() - interval '1 minute'`,
      })
      .where('id', 'in', [stuck, lastTry])
      .execute();
    await s.ctx.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'live-instance',
        attempts: 1,
        locked_until: sql<Date>`now() + interval '5 minutes'`,
      })
      .where('id', '=', fresh)
      .execute();
    const r = await runDueJobs(s.ctx, { types: ['test.ok'] });
    expect(r.done).toBe(1);
    expect(calls.map((c) => c.id)).toEqual([stuck]);
    expect(calls[0]!.attempt).toBe(2);
    expect((await job(lastTry)).status).toBe('failed');
    expect((await job(lastTry)).last_error).toMatch(/lease expired/);
    expect((await job(fresh)).status).toBe('running');
  });

  it('cleans up old finished jobs and keeps recent ones', async () => {
    const old = (await enqueueJob(s.ctx.db, 'test.ok', {}))!;
    const recent = (await enqueueJob(s.ctx.db, 'test.ok', {}))!;
    const oldFailed = (await enqueueJob(s.ctx.db, 'test.ok', {}))!;
    await runDueJobs(s.ctx, { types: ['test.ok'] });
    await s.ctx.db
      .updateTable('jobs')
      .set({ finished_at: sql<Date>`now() - interval '8 days'` })
      .where('id', '=', old)
      .execute();
    await s.ctx.db
      .updateTable('jobs')
      .set({ status: 'failed', finished_at: sql<Date>`now() - interval '8 days'` })
      .where('id', '=', oldFailed)
      .execute();
    const n = await cleanupJobs(s.ctx.db, { doneDays: 7, failedDays: 30, batch: 1 });
    expect(n).toBeGreaterThanOrEqual(1);
    const left = (
      await s.ctx.db.selectFrom('jobs').select('id').where('id', 'in', [old, recent, oldFailed]).execute()
    ).map((r) => r.id);
    expect(left.sort()).toEqual([recent, oldFailed].sort());
  });
});

describe('periodic schedules', () => {
  it('enqueues each slot once and skips missed slots instead of replaying them', async () => {
    const slots: string[] = [];
    registerJobHandler('test.tick', async (j) => {
      slots.push(String(j.payload.slot));
    });
    registerSchedule({ name: 'test.tick', intervalSeconds: 60 });
    try {
      expect(await runDueSchedules(s.ctx)).toBeGreaterThanOrEqual(1);
      expect(await runDueSchedules(s.ctx)).toBe(0);
      const sched = await s.ctx.db
        .selectFrom('job_schedules')
        .selectAll()
        .where('name', '=', 'test.tick')
        .executeTakeFirstOrThrow();
      expect(sched.next_run_at.getTime() - sched.last_run_at!.getTime()).toBe(60_000);
      await runDueJobs(s.ctx, { types: ['test.tick'] });
      await runDueJobs(s.ctx, { types: ['test.tick'] });
      expect(slots).toEqual([sched.last_run_at!.toISOString()]);

      // all instances were down for 1½ intervals past the slot: one run catches up, and the next slot is
      // the first one on the grid after now (the slot in between is skipped)
      await s.ctx.db
        .updateTable('job_schedules')
        .set({ next_run_at: sql<Date>`next_run_at - interval '150 seconds'` })
        .where('name', '=', 'test.tick')
        .execute();
      expect(await runDueSchedules(s.ctx)).toBe(1);
      expect(await runDueSchedules(s.ctx)).toBe(0);
      const after = await s.ctx.db
        .selectFrom('job_schedules')
        .selectAll()
        .where('name', '=', 'test.tick')
        .executeTakeFirstOrThrow();
      expect(after.next_run_at.getTime()).toBeGreaterThan(Date.now());
      expect(after.next_run_at.getTime() - after.last_run_at!.getTime()).toBe(2 * 60_000);
      await runDueJobs(s.ctx, { types: ['test.tick'] });
      expect(slots).toHaveLength(2);
      const keys = await s.ctx.db.selectFrom('jobs').select('dedupe_key').where('type', '=', 'test.tick').execute();
      expect(keys.map((k) => k.dedupe_key).sort()).toEqual(slots.map((sl) => `test.tick:${sl}`).sort());
    } finally {
      unregisterSchedule('test.tick');
    }
  });
});

describe('background loop', () => {
  it('runs jobs as they come, wakes on NOTIFY, and waits for running handlers on stop', async () => {
    const done: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    registerJobHandler('test.loop', async (j) => {
      if (j.payload.slow) await gate;
      done.push(j.id);
    });
    // a long poll: only the NOTIFY sent at commit can make it pick the jobs up quickly
    const runner = await startJobRunner(s.ctx, { pollMs: 60_000, concurrency: 3 });
    try {
      await new Promise((r) => setTimeout(r, 200)); // its first round is over; it sleeps now
      const ids = await withTx(s.ctx.db, async (tx) => {
        const out: number[] = [];
        for (let i = 0; i < 10; i++) out.push((await enqueueJob(tx, 'test.loop', { i }))!);
        return out;
      });
      await waitFor(() => done.length === 10, 5_000);
      expect(done.sort((a, b) => a - b)).toEqual(ids);

      const slow = (await enqueueJob(s.ctx.db, 'test.loop', { slow: true }))!;
      await waitFor(() => runner.running === 1, 5_000);
      const stopped = runner.stop();
      await new Promise((r) => setTimeout(r, 100));
      expect(done).not.toContain(slow);
      release();
      await stopped;
      expect(done).toContain(slow);
      expect((await job(slow)).status).toBe('done');
    } finally {
      release();
      await runner.stop();
    }
  });
});

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobs runner and requests', () => {
  it('with quietWindowMs, a timed poll waits until a busy event loop (a rush of requests) has quietened', async () => {
    const started: { key: string; at: number }[] = [];
    registerJobHandler('test.quiet', async (job) => {
      started.push({ key: String(job.payload.key), at: Date.now() });
    });
    /** Keeps the event loop busy for `ms`, as a rush being answered does; resolves when it stops. */
    const burn = (ms: number) =>
      new Promise<number>((resolve) => {
        const until = Date.now() + ms;
        const timer = setInterval(() => {
          if (Date.now() >= until) {
            clearInterval(timer);
            return resolve(Date.now());
          }
          const end = Date.now() + 8;
          while (Date.now() < end) {
            /* busy */
          }
        }, 1);
      });
    for (const [key, quietWindowMs] of [
      ['held', 20],
      ['not held', 0],
    ] as const) {
      const runner = await startJobRunner(s.ctx, { pollMs: 50, listen: false, quietWindowMs });
      try {
        // its first rounds run the modules' due schedules; a finished job's round follows at once (not held), so
        // wait until it is idle and back on its timer
        await waitFor(() => runner.running === 0, 10_000);
        await new Promise((r) => setTimeout(r, 300));
        await waitFor(() => runner.running === 0, 10_000);
        await enqueueJob(s.ctx.db, 'test.quiet', { key });
        const burnt = await burn(700);
        await waitFor(() => started.some((x) => x.key === key), 5_000);
        const at = started.find((x) => x.key === key)!.at;
        if (quietWindowMs) expect(at).toBeGreaterThanOrEqual(burnt - 40);
        else expect(at).toBeLessThan(burnt - 200);
      } finally {
        await runner.stop();
      }
    }
  });
});
