import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { loadConfig } from '../../config';
import { openDatabase, withTx, type Database } from '../../db/database';
import { createServer, type Server } from '../../server';
import { enqueueJob } from '../enqueue';
import { registerJobHandler, registerSchedule, unregisterSchedule } from '../job-registry';
import { runDueSchedules, startJobRunner, type JobRunner } from '../job-runner';

// Claims and schedules under real contention: two server instances, each with its own pool and
// runner, on one PostgreSQL database. PGlite has a single connection, so this only means something there.
const PG = !!process.env.TEST_DATABASE_URL;

let a: TestServer;
let b: Server;
let dbB: Database;
let runnerA: JobRunner | null = null;

const runs = new Map<number, string[]>();
const slots = new Map<string, string[]>();

registerJobHandler('test.multi', async (job, { ctx }) => {
  const who = ctx.config.instanceId;
  runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
  // a primary key turns a second run of the same job into an error we would see
  await sql`INSERT INTO test_job_runs (job_id, instance) VALUES (${job.id}, ${who})`.execute(ctx.db);
  await new Promise((r) => setTimeout(r, 1 + Math.random() * 4));
});
registerJobHandler('test.every-second', async (job, { ctx }) => {
  const slot = String(job.payload.slot);
  slots.set(slot, [...(slots.get(slot) ?? []), ctx.config.instanceId]);
});

beforeAll(async () => {
  if (!PG) return;
  a = await startTestServer({ instanceId: 'a' });
  await sql`CREATE TABLE test_job_runs (job_id bigint PRIMARY KEY, instance text NOT NULL)`.execute(a.ctx.db);
  // the second instance: its own pool on the same database, with the background runner on
  dbB = await openDatabase({ url: a.testDb.url, dataDir: null });
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'test' },
    { jobsEnabled: true, jobsPollMs: 25, logLevel: 'silent', instanceId: 'b' },
  );
  b = await createServer({ config, database: dbB });
  expect(b.background.runner).not.toBeNull();
  runnerA = await startJobRunner(a.ctx, { pollMs: 25, concurrency: 4 });
});
afterAll(async () => {
  await runnerA?.stop();
  await b?.close();
  await dbB?.close();
  await a?.close();
});

async function waitUntil(cond: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two instances on one PostgreSQL', () => {
  it.skipIf(!PG)('run each of 300 jobs exactly once between them', async () => {
    await withTx(a.ctx.db, async (tx) => {
      for (let i = 0; i < 150; i++) await enqueueJob(tx, 'test.multi', { i });
    });
    await withTx(b.ctx.db, async (tx) => {
      for (let i = 150; i < 300; i++) await enqueueJob(tx, 'test.multi', { i });
    });
    await waitUntil(async () => {
      const { n } = await a.ctx.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'test.multi')
        .where('status', '=', 'done')
        .executeTakeFirstOrThrow();
      return Number(n) === 300;
    }, 60_000);

    expect(runs.size).toBe(300);
    expect([...runs.values()].filter((w) => w.length !== 1)).toEqual([]);
    const rows = await sql<{ instance: string; n: number }>`
      SELECT instance, count(*)::int AS n FROM test_job_runs GROUP BY instance ORDER BY instance`.execute(a.ctx.db);
    expect(rows.rows.reduce((t, r) => t + r.n, 0)).toBe(300);
    // both took part
    expect(rows.rows.map((r) => r.instance)).toEqual(['a', 'b']);
    const bad = await a.ctx.db
      .selectFrom('jobs')
      .select(['id', 'status', 'attempts', 'last_error'])
      .where('type', '=', 'test.multi')
      .where((eb) => eb.or([eb('attempts', '<>', 1), eb('status', '<>', 'done')]))
      .execute();
    expect(bad).toEqual([]);
  });

  it.skipIf(!PG)('fire a periodic schedule once per slot between them', async () => {
    registerSchedule({ name: 'test.every-second', intervalSeconds: 1 });
    try {
      await new Promise((r) => setTimeout(r, 5_500));
    } finally {
      unregisterSchedule('test.every-second');
    }
    // let the last enqueued slot finish
    await waitUntil(async () => {
      const pending = await a.ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('type', '=', 'test.every-second')
        .where('status', '<>', 'done')
        .execute();
      return pending.length === 0;
    }, 10_000);

    const jobs = await a.ctx.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'payload'])
      .where('type', '=', 'test.every-second')
      .execute();
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    expect(slots.size).toBe(jobs.length);
    expect([...slots.values()].filter((w) => w.length !== 1)).toEqual([]);
    const times = [...slots.keys()].map((k) => Date.parse(k)).sort((x, y) => x - y);
    // on the one-second grid, no slot twice
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
      expect((times[i]! - times[0]!) % 1000).toBe(0);
    }
    for (const j of jobs)
      expect(j.dedupe_key).toBe(`test.every-second:${String((j.payload as { slot: string }).slot)}`);
  });
  it.skipIf(!PG)('take a due slot once however many compete for it at the same moment', async () => {
    registerSchedule({ name: 'test.burst', intervalSeconds: 3600 });
    try {
      for (let round = 1; round <= 3; round++) {
        await a.ctx.db
          .updateTable('job_schedules')
          .set({ next_run_at: sql<Date>`date_trunc('second', now()) - make_interval(secs => ${round * 10})` })
          .where('name', '=', 'test.burst')
          .execute();
        const taken = await Promise.all(
          Array.from({ length: 12 }, (_, i) => runDueSchedules(i % 2 === 0 ? a.ctx : b.ctx)),
        );
        const burstJobs = () =>
          a.ctx.db.selectFrom('jobs').select('dedupe_key').where('type', '=', 'test.burst').execute();
        // the background runners compete too, so ours may have taken none of them (and a runner's transaction that
        // took the slot may still be committing when ours are done)
        expect(taken.reduce((t, n) => t + n, 0)).toBeLessThanOrEqual(1);
        await waitUntil(async () => (await burstJobs()).length >= round, 10_000);
        expect(await burstJobs()).toHaveLength(round);
      }
    } finally {
      unregisterSchedule('test.burst');
    }
  });
});
