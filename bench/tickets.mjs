// Ticket benchmarks (issue "Service requests and fault tickets", performance section): the real server on
// PostgreSQL over loopback, with a million generated tickets in the table.
//   1. POST /api/tickets at 32 connections, against pgbench running the same statements (sql/ticket-create.sql)
//   2. a staff queue page (status + org, by deadline, 20 rows): p95 of the server's time; EXPLAIN ANALYZE of its
//      list and count queries as the server sent them
//   3. slaSweep(ctx, t0) in-process with 10,000 of the tickets due: duration, and the plan of its due-rows select
// Usage: npm run bench:tickets [-- --reuse]   (see bench/README.md for the settings)
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, parseDatabaseUrl, psql, requireTools, runPgbench, serverVersion } from './lib/postgres.mjs';
import { freePort, startServer } from './lib/server.mjs';
import { signIn } from './lib/http.mjs';
import { fileSize, loadWithLatencies, serverTimes } from './lib/ticket-load.mjs';
import { logWritten } from './lib/server-log.mjs';
import { generatedMeta, generateTickets, primeSweep, psqlLong, ticketFacts } from './lib/ticket-data.mjs';
import {
  inlineParams,
  logReadable,
  logSize,
  parseStatements,
  pgLogPath,
  readLogFrom,
  scriptStatements,
  signature,
} from './lib/pg-log.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const sqlDir = path.join(here, 'sql');
const env = process.env;
const num = (v, d) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

const settings = {
  databaseUrl: env.BENCH_TICKETS_DATABASE_URL || 'postgres://paidan:paidan@127.0.0.1:5432/paidan_bench_tickets',
  reuse: process.argv.includes('--reuse') || env.BENCH_REUSE === '1',
  tickets: num(env.BENCH_TICKETS, 1_000_000),
  due: num(env.BENCH_DUE, 10_000),
  seconds: num(env.BENCH_SECONDS, 10),
  createConnections: num(env.BENCH_CREATE_CONNECTIONS, 32),
  queueConnections: num(env.BENCH_QUEUE_CONNECTIONS, 1),
  createRounds: num(env.BENCH_CREATE_ROUNDS, 2),
  pgbenchThreads: num(env.BENCH_PGBENCH_THREADS, 2),
  sweepRuns: num(env.BENCH_SWEEP_RUNS, 3),
};
const TARGETS = { createRatio: 0.4, queueP95Ms: 30, sweepMs: 2000 };
const DEMO_PASSWORD = 'Paidan@2026';
// 张江区局 in the demo organisation (apps/server/src/seed/demo-org.ts); sup_pd supervises it, sup_city its branch.
const QUEUE_DISTRICT = 'SH-PD-ZJ';
const QUEUE_USERS = ['sup_pd', 'sup_city'];

const log = (s) => console.log(`[bench:tickets] ${s}`);
let server = null;
const children = new Set();

const hardStop = setTimeout(
  () => {
    console.error('[bench:tickets] taking too long: stopping');
    void shutdown(1);
  },
  (settings.seconds * 12 + 45 * 60) * 1000,
);
hardStop.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void shutdown(130));

async function shutdown(code) {
  for (const c of children) c.kill('SIGTERM');
  if (server) {
    const s = server;
    server = null;
    await s.stop().catch(() => undefined);
  }
  process.exit(code);
}

/** Starts the server with the bench settings (jobs off), runs fn, and always stops it. */
async function withServer(name, db, extraEnv, fn) {
  const port = await freePort();
  const logFile = path.join(outDir, `tickets-server-${name}.log`);
  const t = Date.now();
  server = await startServer({
    repoRoot,
    logFile,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: '1',
      LOG_LEVEL: 'warn',
      // No background jobs: the SLA sweep and the outbox would compete with what is measured.
      JOBS_ENABLED: '0',
      LOGIN_RATE_LIMIT_PER_MIN: '100000000',
      WEB_DIST: path.join(outDir, 'no-web-dist'),
      ...extraEnv,
    },
  });
  log(`server (${name}) ready on ${server.base} after ${((Date.now() - t) / 1000).toFixed(1)} s`);
  try {
    return await fn({ base: server.base, logFile });
  } finally {
    const s = server;
    server = null;
    await s.stop();
  }
}

function runTsx(script, extraEnv, timeoutMs) {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const p = spawn(tsx, [script], {
      cwd: repoRoot,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(p);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const guard = setTimeout(() => p.kill('SIGTERM'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(guard);
      children.delete(p);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(script)} exited ${code}:\n${err || out}`));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const f = (n, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function createBody(customers, seq, runTag) {
  const customerId = customers.min + Math.floor(Math.random() * (customers.max - customers.min + 1));
  const base = {
    customerId,
    channel: 'hotline',
    contactName: '郑晓东',
    contactPhone: '13916000002',
    attachmentIds: [],
  };
  // Unique titles: the duplicate check finds nothing, as for distinct calls.
  return seq % 2 === 0
    ? {
        ...base,
        type: 'inquiry',
        title: `咨询云电脑资费 ${runTag}-${seq}`,
        description: '客户来电咨询云电脑套餐资费与开通周期',
      }
    : {
        ...base,
        type: 'new_install',
        title: `新办公点开通商务宽带 ${runTag}-${seq}`,
        description: '新办公室需要 300M 商务宽带一条',
        productName: '商务宽带 300M',
        installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
      };
}

async function postTicket(base, session, body) {
  const res = await fetch(`${base}/api/tickets`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST /api/tickets answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Compares the statements one create sent (from the log) with the pgbench script, by what each does to what. */
function compareCreate(captured, scriptFile) {
  const script = scriptStatements(scriptFile).map(signature);
  const got = captured.map((s) => signature(s.sql));
  const txOf = (list) => list.slice(list.indexOf('begin'), list.indexOf('commit') + 1);
  const sortKey = (list) => [...list].sort().join('\n');
  const txSame = JSON.stringify(txOf(script)) === JSON.stringify(txOf(got));
  const allSame = sortKey(script) === sortKey(got);
  let firstDifference = null;
  if (!txSame) {
    const a = txOf(got);
    const b = txOf(script);
    const i = a.findIndex((x, k) => x !== b[k]);
    firstDifference = { at: i < 0 ? Math.min(a.length, b.length) : i, server: a[i] ?? null, script: b[i] ?? null };
  }
  return {
    captured: got.length,
    inTransaction: txOf(got).length,
    script: script.length,
    same: txSame && allSame,
    firstDifference,
  };
}

async function explainThrice(url, label, sqlText) {
  const runs = [];
  let plan = '';
  for (let i = 0; i < 3; i++) {
    plan = await psqlLong(url, `explain (analyze, buffers) ${sqlText}`, { timeoutMs: 120_000 });
    runs.push(Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]));
  }
  return { label, executionMs: runs, plan: plan.trim().split('\n') };
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  requireTools();
  const db = parseDatabaseUrl(settings.databaseUrl);
  const loadBefore = os.loadavg()[0];
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  if (loadBefore > cpus / 2)
    log(
      `note: the machine is already busy (load ${loadBefore.toFixed(1)} on ${cpus} CPUs); figures will be low and noisy`,
    );
  const { created } = ensureDatabase(db, { fresh: !settings.reuse });
  const pgVersion = serverVersion(db.url);
  const pgSettings = Object.fromEntries(
    ['shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections'].map((k) => [
      k,
      psql(db.url, `show ${k}`),
    ]),
  );
  log(
    `PostgreSQL ${pgVersion} (shared_buffers ${pgSettings.shared_buffers}), database ${db.name}${created ? ' (created)' : ' (reused)'}`,
  );
  log('every server below runs with JOBS_ENABLED=0: no background jobs compete with what is measured');

  // 1. Schema and demo data: the server migrates and seeds an empty database on its first start.
  await withServer('setup', db, {}, async () => undefined);

  // 2. A million open tickets with their clocks, unless this database already has them.
  let meta = generatedMeta(db.url);
  let generation = null;
  if (meta && meta.n !== settings.tickets)
    throw new Error(`${db.name} holds ${f(meta.n)} generated tickets, not ${f(settings.tickets)}: run without --reuse`);
  if (!meta) {
    log(`generating ${f(settings.tickets)} tickets and their SLA clocks (generate_series)…`);
    generation = await generateTickets(db.url, sqlDir, { n: settings.tickets, due: settings.due });
    meta = generatedMeta(db.url);
    log(`generated in ${f(generation.loadSeconds, 1)} s, VACUUM ANALYZE ${f(generation.vacuumSeconds, 1)} s`);
  } else log(`reusing ${f(meta.n)} generated tickets (t0 ${meta.t0})`);
  const facts = ticketFacts(db.url);
  log(`tickets: ${f(facts.total)} (${f(facts.open)} open), stage clocks: ${f(facts.clocks)}`);

  const [cmin, cmax, ccount] = psql(db.url, 'select min(id), max(id), count(*) from customers').split('|').map(Number);
  if (cmax - cmin + 1 !== ccount)
    throw new Error('customer ids are not contiguous: the pgbench script draws them from a range');
  const customers = { min: cmin, max: cmax, count: ccount };
  const agentId = Number(psql(db.url, "select id from users where username = 'agent01'"));
  const districtId = Number(psql(db.url, `select id from orgs where code = '${QUEUE_DISTRICT}'`));
  const queuePath = `/api/tickets?view=all&status=dispatched&orgId=${districtId}&sort=deadline&pageSize=20`;
  const runTag = Date.now().toString(36);
  let seq = 0;

  // 3. What one create and one queue page send, from PostgreSQL's statement log (only this server's connections
  //    log every statement: PGOPTIONS, nothing changed in the server's configuration).
  const pgLog = pgLogPath(db.url);
  let capture = null;
  if (logReadable(pgLog)) {
    capture = await withServer('capture', db, { PGOPTIONS: '-c log_statement=all' }, async ({ base }) => {
      const agent = await signIn(base, 'agent01', DEMO_PASSWORD);
      await postTicket(base, agent, createBody(customers, seq++, runTag));
      let off = logSize(pgLog);
      const made = await postTicket(base, agent, createBody(customers, seq++, runTag));
      await sleep(300);
      const create = parseStatements(readLogFrom(pgLog, off), db.name);
      const sup = await signIn(base, QUEUE_USERS[0], DEMO_PASSWORD);
      off = logSize(pgLog);
      const page = await (await fetch(`${base}${queuePath}`, { headers: { cookie: sup.cookie } })).json();
      await sleep(300);
      const queue = parseStatements(readLogFrom(pgLog, off), db.name);
      return { create, queue, createdStatus: made.ticket.status, pageTotal: page.total };
    });
    fs.writeFileSync(
      path.join(outDir, 'ticket-create-statements.sql'),
      capture.create.map((s) => `-- [${s.pid}] ${signature(s.sql)}\n${inlineParams(s)};\n`).join('\n'),
    );
    fs.writeFileSync(
      path.join(outDir, 'ticket-queue-statements.sql'),
      capture.queue.map((s) => `-- [${s.pid}] ${signature(s.sql)}\n${inlineParams(s)};\n`).join('\n'),
    );
    log(
      `captured ${capture.create.length} statements of one create and ${capture.queue.length} of one queue page (bench/out/ticket-*-statements.sql)`,
    );
  } else log(`cannot read the PostgreSQL log (${pgLog}; set BENCH_PG_LOG): statement capture and query plans skipped`);
  const createCheck = capture ? compareCreate(capture.create, path.join(sqlDir, 'ticket-create.sql')) : null;
  if (createCheck)
    log(
      createCheck.same
        ? `sql/ticket-create.sql has the same ${createCheck.script} statements as the server sent (${createCheck.inTransaction} of them in its transaction)`
        : `WARNING: sql/ticket-create.sql no longer matches what the server sends: ${JSON.stringify(createCheck.firstDifference)}`,
    );

  // 4. Creating tickets: the server at 32 connections and pgbench on the same statements, in alternating rounds
  //    so that both see the same machine (the server stays up, idle, while pgbench runs, as in run.mjs).
  const createRounds = await withServer('create', db, {}, async ({ base }) => {
    const agent = await signIn(base, 'agent01', DEMO_PASSWORD);
    const sid = crypto.createHash('sha256').update(agent.cookie.split('=')[1]).digest('hex');
    const opts = {
      url: `${base}/api/tickets`,
      connections: settings.createConnections,
      requests: [
        {
          method: 'POST',
          path: '/api/tickets',
          headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(createBody(customers, seq++, runTag)) }),
        },
      ],
    };
    log(`warming up POST /api/tickets (3 s)…`);
    await loadWithLatencies({ ...opts, duration: 3, title: 'POST /api/tickets (warm-up)' });
    const rounds = [];
    for (let r = 1; r <= settings.createRounds; r++) {
      log(
        `round ${r}/${settings.createRounds}: POST /api/tickets, ${settings.createConnections} connections, ${settings.seconds} s…`,
      );
      const server = await loadWithLatencies({ ...opts, duration: settings.seconds, title: 'POST /api/tickets' });
      log(
        `round ${r}/${settings.createRounds}: pgbench, the same statements, ${settings.createConnections} clients, ${settings.pgbenchThreads} threads, ${settings.seconds} s…`,
      );
      const pgb = await runPgbench({
        url: db.url,
        script: path.join(sqlDir, 'ticket-create.sql'),
        clients: settings.createConnections,
        threads: settings.pgbenchThreads,
        seconds: settings.seconds,
        vars: { sid, uid: agentId, cmin: customers.min, cmax: customers.max },
        outDir,
      });
      if (!Number.isFinite(pgb.tps) || pgb.failed > 0)
        throw new Error(`pgbench did not report a clean tps:\n${pgb.raw}`);
      rounds.push({
        server,
        pgbench: { tps: pgb.tps, transactions: pgb.transactions, p50Ms: pgb.p50Ms, p99Ms: pgb.p99Ms },
        ratio: server.rps / pgb.tps,
        loadAvg: os.loadavg()[0],
      });
    }
    return rounds;
  });
  const createRatio =
    createRounds.reduce((a, r) => a + r.server.rps, 0) / createRounds.reduce((a, r) => a + r.pgbench.tps, 0);

  // 5. The staff queue, one supervisor at a time, at low concurrency; the server's own time from its log.
  const queueFigs = await withServer('queue', db, { LOG_LEVEL: 'info' }, async ({ base, logFile }) => {
    const out = [];
    for (const username of QUEUE_USERS) {
      const { cookie } = await signIn(base, username, DEMO_PASSWORD);
      const first = await (await fetch(`${base}${queuePath}`, { headers: { cookie } })).json();
      if (!Array.isArray(first.items)) throw new Error(`queue as ${username}: ${JSON.stringify(first).slice(0, 300)}`);
      const opts = { url: `${base}${queuePath}`, headers: { cookie }, connections: settings.queueConnections };
      log(
        `GET ${queuePath} as ${username} (total ${f(first.total)}): warm-up 2 s, then ${settings.queueConnections} connection(s), ${settings.seconds} s…`,
      );
      await loadWithLatencies({ ...opts, duration: 2, title: `queue as ${username} (warm-up)` });
      const off = fileSize(logFile);
      const client = await loadWithLatencies({ ...opts, duration: settings.seconds, title: `queue as ${username}` });
      await logWritten();
      const serverSide = serverTimes(logFile, off, '/api/tickets?');
      out.push({ username, total: first.total, rows: first.items.length, client, server: serverSide });
    }
    return out;
  });

  // 6. The queue's two queries as the server sent them, explained on the same data.
  let plans = null;
  if (capture) {
    const count = capture.queue.find((s) => /count\(\*\)/i.test(s.sql) && /from "tickets"/.test(s.sql));
    const list = capture.queue.find(
      (s) => /from "tickets"/.test(s.sql) && /order by/i.test(s.sql) && /limit/i.test(s.sql),
    );
    plans = [];
    if (list) plans.push(await explainThrice(db.url, 'list', inlineParams(list)));
    if (count) plans.push(await explainThrice(db.url, 'count', inlineParams(count)));
  }

  // 7. The SLA sweep in-process, with exactly `due` tickets due at t0, a few times.
  const sweeps = [];
  for (let i = 0; i < settings.sweepRuns; i++) {
    const dueNow = await primeSweep(db.url, sqlDir, settings.due);
    // Steady state between runs, as autovacuum would keep it: the previous run's row versions are cleaned up.
    await psqlLong(db.url, 'vacuum analyze tickets');
    await psqlLong(db.url, 'vacuum analyze ticket_stage_clocks');
    await psqlLong(db.url, 'vacuum analyze ticket_sla_checks');
    log(`slaSweep run ${i + 1}/${settings.sweepRuns}: ${f(dueNow)} tickets due at t0…`);
    const out = await runTsx(path.join(here, 'lib', 'ticket-sweep.ts'), { BENCH_DATABASE_URL: db.url }, 10 * 60_000);
    sweeps.push(JSON.parse(out.trim().split('\n').at(-1)));
  }
  const sweepMs = median(sweeps.map((s) => s.ms));
  const sweepPlan = sweeps[0]?.plan ?? [];
  const dueScan = dueIndexScan(sweepPlan);
  const usesDueIndex = dueScan !== null;
  const loadAfter = os.loadavg()[0];

  const queueWorst = Math.max(...queueFigs.map((q) => q.server.p95Ms));
  const results = {
    at: new Date().toISOString(),
    machine: {
      cpus,
      cpu: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAvgBefore: loadBefore,
      loadAvgAfter: loadAfter,
    },
    postgres: { version: pgVersion, database: db.name, ...pgSettings },
    settings: { ...settings, databaseUrl: db.url.replace(/:[^:@/]*@/, ':***@'), jobsEnabled: false },
    data: { ...facts, generated: generation, t0: meta.t0, dueEvery: meta.dueEvery },
    create: {
      rounds: createRounds,
      serverToPgbench: createRatio,
      target: TARGETS.createRatio,
      met: createRatio >= TARGETS.createRatio,
      statements: createCheck,
    },
    queue: {
      path: queuePath,
      users: queueFigs,
      target: TARGETS.queueP95Ms,
      met: queueWorst <= TARGETS.queueP95Ms,
      plans,
    },
    sweep: {
      runs: sweeps.map(({ plan: _p, ...r }) => r),
      medianMs: sweepMs,
      target: TARGETS.sweepMs,
      met: sweepMs <= TARGETS.sweepMs,
      usesDueIndex,
      dueIndexEntries: dueScan?.indexEntries ?? null,
      dueRowsRead: dueScan?.rows ?? null,
      seqScans: sweepPlan.filter((l) => /Seq Scan/.test(l)).length,
      plan: sweepPlan,
    },
  };
  appendResults(results);

  // Report.
  if (plans)
    for (const p of plans) {
      console.log(
        `\n--- EXPLAIN ANALYZE, queue ${p.label} query (run 3 of 3; execution ${p.executionMs.map((x) => f(x, 1)).join(' / ')} ms) ---`,
      );
      console.log(p.plan.join('\n'));
    }
  console.log(`\n--- EXPLAIN ANALYZE, the sweep's due-rows select (first run, rolled back) ---`);
  console.log(sweepPlan.join('\n'));

  const rows = [
    ...createRounds.flatMap((r, i) => [
      [
        `POST /api/tickets — server (round ${i + 1})`,
        settings.createConnections,
        `${f(r.server.rps)} req/s`,
        f(r.server.p50Ms, 1),
        f(r.server.p95Ms, 1),
        f(r.server.p99Ms, 1),
      ],
      [
        `same SQL — pgbench (round ${i + 1})`,
        settings.createConnections,
        `${f(r.pgbench.tps)} tps`,
        f(r.pgbench.p50Ms, 1),
        '–',
        f(r.pgbench.p99Ms, 1),
      ],
    ]),
    ...queueFigs.flatMap((q) => [
      [
        `queue as ${q.username} — client`,
        settings.queueConnections,
        `${f(q.client.rps)} req/s`,
        f(q.client.p50Ms, 1),
        f(q.client.p95Ms, 1),
        f(q.client.p99Ms, 1),
      ],
      [
        `queue as ${q.username} — server time`,
        settings.queueConnections,
        `${f(q.server.n)} req`,
        f(q.server.p50Ms, 1),
        f(q.server.p95Ms, 1),
        f(q.server.p99Ms, 1),
      ],
    ]),
    ...sweeps.map((s, i) => [`slaSweep run ${i + 1} (${f(s.dueBefore)} due)`, 1, `${f(s.ms)} ms`, '–', '–', '–']),
  ];
  const head = ['scenario', 'conc.', 'figure', 'p50 ms', 'p95 ms', 'p99 ms'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('   ');
  console.log('');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('   '));
  for (const r of rows) console.log(line(r));
  console.log('');
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log(
    `create: server / pgbench = ${createRatio.toFixed(2)} (${(createRatio * 100).toFixed(0)} %; rounds ${createRounds.map((r) => r.ratio.toFixed(2)).join(', ')}; ` +
      `target ≥ ${TARGETS.createRatio * 100} %: ${verdict(results.create.met)})` +
      (createCheck
        ? `; pgbench script ${createCheck.same ? 'matches' : 'DOES NOT match'} the ${createCheck.captured} captured statements`
        : ''),
  );
  console.log(
    `queue: p95 server time ${queueFigs.map((q) => `${q.username} ${f(q.server.p95Ms, 1)} ms`).join(', ')} with ${f(facts.total)} tickets ` +
      `(target ≤ ${TARGETS.queueP95Ms} ms: ${verdict(results.queue.met)})` +
      (plans
        ? `; EXPLAIN execution ${plans.map((p) => `${p.label} ${f(median(p.executionMs), 1)} ms`).join(', ')}`
        : ''),
  );
  const s0 = sweeps[0];
  console.log(
    `sweep: median ${f(sweepMs)} ms over ${sweeps.length} runs (target ≤ ${TARGETS.sweepMs} ms: ${verdict(results.sweep.met)}); ` +
      `checked ${f(s0?.checked)}, warned ${f(s0?.warned)}, escalated ${f(s0?.escalated)}, auto-closed ${f(s0?.autoClosed)}; ` +
      (usesDueIndex
        ? `due-rows select reads ${f(dueScan.indexEntries)} entries of ticket_sla_checks_due_idx (the due ones: ${f(sweeps[0]?.dueBefore)}) and ${f(dueScan.rows)} check rows for a batch of ${f(sweeps[0]?.batch)}`
        : 'due-rows select DOES NOT use ticket_sla_checks_due_idx') +
      (results.sweep.seqScans ? `, with ${results.sweep.seqScans} sequential scan(s)` : ', no sequential scan'),
  );
  console.log(
    `machine: ${cpus} CPUs (${results.machine.cpu}), load ${loadBefore.toFixed(1)} before / ${loadAfter.toFixed(1)} after, Node ${process.version}, ` +
      `PostgreSQL ${pgVersion} (shared_buffers ${pgSettings.shared_buffers}); server, PostgreSQL, autocannon and pgbench share these CPUs`,
  );
  console.log(`figures appended to ${path.relative(repoRoot, path.join(outDir, 'results.json'))} (key "tickets")`);
  return 0;
}

/**
 * What the sweep's due-rows select reads, from its plan: the entries of ticket_sla_checks_due_idx it visits (an index
 * scan stops after a batch; a bitmap index scan collects every due entry) and the check rows it takes from the heap.
 */
function dueIndexScan(plan) {
  const rows = (line) => Number(/actual [^)]*rows=(\d+)/.exec(line ?? '')?.[1]);
  const index = plan.find((l) => /(Index (Only )?Scan using|Bitmap Index Scan on) ticket_sla_checks_due_idx/.test(l));
  if (!index) return null;
  const heap = plan.find((l) => /Bitmap Heap Scan on ticket_sla_checks\b/.test(l)) ?? index;
  return { node: index.trim(), indexEntries: rows(index), rows: rows(heap) };
}

/** results.json holds the last `npm run bench` figures; ticket runs are appended under "tickets". */
function appendResults(run) {
  const file = path.join(outDir, 'results.json');
  let doc = {};
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    doc = {};
  }
  if (Array.isArray(doc)) doc = { runs: doc };
  doc.tickets = [...(Array.isArray(doc.tickets) ? doc.tickets : []), run];
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

main().then(
  (code) => shutdown(code),
  (err) => {
    console.error(`[bench:tickets] failed: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown(1);
  },
);
