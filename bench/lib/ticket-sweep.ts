// The SLA sweep in-process against the bench database: EXPLAIN ANALYZE of its due-rows select (rolled back),
// then one timed slaSweep(ctx, t0). Prints one JSON line. Run with tsx from the repository root:
//   BENCH_DATABASE_URL=postgres://… tsx bench/lib/ticket-sweep.ts
import { CompiledQuery, sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/platform/config';
import { openDatabase } from '../../apps/server/src/platform/db/database';
import { EventBus } from '../../apps/server/src/platform/events/event-bus';
import type { AppContext } from '../../apps/server/src/platform/app-context';
import { dueTickets, slaSweep } from '../../apps/server/src/modules/tickets/ticket-sla.job';
// Registers the ticket SMS templates, as loading the ticket routes does in the server.
import '../../apps/server/src/modules/tickets/ticket-notify';

class Rollback extends Error {}

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');
const batch = Number(process.env.BENCH_SWEEP_BATCH ?? 1000);
const workers = Number(process.env.BENCH_SWEEP_WORKERS ?? 2);

const config = loadConfig({ ...process.env, DATABASE_URL: url, JOBS_ENABLED: '0', LOG_LEVEL: 'warn' });
const database = await openDatabase({ url });
// The sweep only publishes (NOTIFY inside its transactions); nothing here listens.
const ctx: AppContext = { config, database, db: database.db, events: new EventBus(database) };

try {
  const meta = await sql<{ t0: Date }>`select t0 from bench_ticket_meta order by loaded_at desc limit 1`.execute(
    ctx.db,
  );
  const now = meta.rows[0]?.t0;
  if (!now) throw new Error('bench_ticket_meta is empty: generate the tickets first');

  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('ticket_sla_checks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('next_check_at', '<=', now)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const dueBefore = await count();

  // The sweep's own first statement (ticket-sla.job.ts), compiled by Kysely, explained with its real parameters.
  const due = dueTickets(ctx.db, now, batch).compile();
  let plan: string[] = [];
  await ctx.db
    .transaction()
    .execute(async (tx) => {
      const res = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers, costs off) ${due.sql}`, [...due.parameters]),
      );
      plan = res.rows.map((x) => x['QUERY PLAN']);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });

  const t = performance.now();
  const result = await slaSweep(ctx, now, batch, workers);
  const ms = performance.now() - t;
  const dueAfter = await count();
  console.log(JSON.stringify({ t0: now.toISOString(), batch, workers, dueBefore, dueAfter, ...result, ms, plan }));
} finally {
  await database.close();
}
