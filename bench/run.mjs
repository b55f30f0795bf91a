// Load benchmark: the real server on PostgreSQL, driven over loopback.
//   1. GET /api/me with a session cookie, against pgbench running the same SQL
//   2. POST /api/auth/login (argon2id-bound)
// Usage: npm run bench   (see bench/README.md for the settings)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, parseDatabaseUrl, requireTools, runPgbench, serverVersion } from './lib/postgres.mjs';
import { freePort, startServer } from './lib/server.mjs';
import { load, signIn } from './lib/http.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const env = process.env;
const num = (v, d) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

const settings = {
  databaseUrl: env.BENCH_DATABASE_URL || 'postgres://paidan:paidan@127.0.0.1:5432/paidan_bench',
  seconds: num(env.BENCH_SECONDS, 10),
  meConnections: num(env.BENCH_ME_CONNECTIONS, 32),
  loginConnections: num(env.BENCH_LOGIN_CONNECTIONS, 8),
  pgbenchThreads: num(env.BENCH_PGBENCH_THREADS, 2),
  fresh: env.BENCH_FRESH === '1',
};
// Staff logins of the demo data (apps/server/src/seed/demo-data.ts), all with the demo password.
const DEMO_PASSWORD = 'Paidan@2026';
const LOGIN_USERS = ['admin', 'sup_city', 'sup_pd', 'disp_pd', 'agent01', 'am_pd01', 'tech_pd01', 'partner01'];

const log = (s) => console.log(`[bench] ${s}`);
let server = null;

// Never outlive a broken run: bounded phases, and a hard stop that still ends the server.
const hardStop = setTimeout(
  () => {
    console.error('[bench] taking too long: stopping');
    void shutdown(1);
  },
  (settings.seconds * 4 + 600) * 1000,
);
hardStop.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void shutdown(130));

async function shutdown(code) {
  if (server) {
    const s = server;
    server = null;
    await s.stop().catch(() => undefined);
  }
  process.exit(code);
}

function argon2VerifyMs() {
  const code = `
    import { hash, verify } from '@node-rs/argon2';
    const h = await hash('${DEMO_PASSWORD}');
    for (let i = 0; i < 3; i++) await verify(h, '${DEMO_PASSWORD}');
    const n = 30, t = performance.now();
    for (let i = 0; i < n; i++) await verify(h, '${DEMO_PASSWORD}');
    console.log((performance.now() - t) / n);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: path.join(repoRoot, 'apps/server'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return Number(out.trim());
}

const f = (n, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–';

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  requireTools();
  const db = parseDatabaseUrl(settings.databaseUrl);
  const { created } = ensureDatabase(db, { fresh: settings.fresh });
  const pgVersion = serverVersion(db.url);
  const loadBefore = os.loadavg()[0];
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  if (loadBefore > cpus / 2)
    log(
      `note: the machine is already busy (load ${loadBefore.toFixed(1)} on ${cpus} CPUs); figures will be low and noisy`,
    );
  log(`PostgreSQL ${pgVersion}, database ${db.name}${created ? ' (created)' : ''}`);

  const port = await freePort();
  log(`starting the server on 127.0.0.1:${port} (migrations and demo data on first start)…`);
  const t0 = Date.now();
  server = await startServer({
    repoRoot,
    logFile: path.join(outDir, 'server.log'),
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: '1',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: '1',
      LOGIN_RATE_LIMIT_PER_MIN: '100000000',
      // API only: the built web app is not part of what is measured.
      WEB_DIST: path.join(outDir, 'no-web-dist'),
    },
  });
  log(`ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const base = server.base;

  // Scenario 1: authenticated GET /api/me.
  const { cookie } = await signIn(base, 'admin', DEMO_PASSWORD);
  const meRes = await fetch(`${base}/api/me`, { headers: { cookie } });
  if (meRes.status !== 200) throw new Error(`/api/me answered ${meRes.status}`);
  const me = await meRes.json();
  const meOpts = { url: `${base}/api/me`, headers: { cookie }, connections: settings.meConnections };
  log('warming up GET /api/me (3 s)…');
  await load({ ...meOpts, duration: 3 });
  log(`GET /api/me: ${settings.meConnections} connections, ${settings.seconds} s…`);
  const meFig = await load({ ...meOpts, duration: settings.seconds, title: 'GET /api/me' });

  log(
    `pgbench, the same two SELECTs: ${settings.meConnections} clients, ${settings.pgbenchThreads} threads, ${settings.seconds} s…`,
  );
  const sid = crypto.createHash('sha256').update(cookie.split('=')[1]).digest('hex');
  const pgb = await runPgbench({
    url: db.url,
    script: path.join(here, 'sql/me.sql'),
    clients: settings.meConnections,
    threads: settings.pgbenchThreads,
    seconds: settings.seconds,
    vars: { sid, uid: me.id },
    outDir,
  });
  if (!Number.isFinite(pgb.tps) || pgb.failed > 0) throw new Error(`pgbench did not report a clean tps:\n${pgb.raw}`);

  // Scenario 2: sign-in throughput, rotating through the demo staff.
  let next = 0;
  const loginOpts = {
    url: `${base}/api/auth/login`,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ username: LOGIN_USERS[next++ % LOGIN_USERS.length], password: DEMO_PASSWORD }),
        }),
      },
    ],
  };
  log('POST /api/auth/login alone: 1 connection, 3 s…');
  const loginOne = await load({ ...loginOpts, connections: 1, duration: 3, title: 'login (1 connection)' });
  log(`POST /api/auth/login: ${settings.loginConnections} connections, ${settings.seconds} s…`);
  const loginFig = await load({
    ...loginOpts,
    connections: settings.loginConnections,
    duration: settings.seconds,
    title: 'POST /api/auth/login',
  });
  const argonMs = argon2VerifyMs();

  // Every one of those sign-ins appended to the audit chain: it must still verify.
  const adminAgain = await signIn(base, 'admin', DEMO_PASSWORD);
  const vRes = await fetch(`${base}/api/audit/verify`, {
    headers: { cookie: adminAgain.cookie },
    signal: AbortSignal.timeout(300_000),
  });
  const verify = vRes.status === 200 ? await vRes.json() : { ok: false, status: vRes.status };

  await server.stop();
  server = null;

  const ratio = meFig.rps / pgb.tps;
  const threads = Number(env.UV_THREADPOOL_SIZE || 4);
  const results = {
    at: new Date().toISOString(),
    machine: {
      cpus,
      cpu: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAvgBefore: loadBefore,
    },
    postgres: { version: pgVersion, database: db.name },
    settings: {
      ...settings,
      databaseUrl: db.url.replace(/:[^:@/]*@/, ':***@'),
      serverPoolMax: Number(env.DB_POOL_MAX ?? 20),
      uvThreadpool: threads,
    },
    me: {
      server: meFig,
      pgbench: { tps: pgb.tps, transactions: pgb.transactions, p50Ms: pgb.p50Ms, p99Ms: pgb.p99Ms },
      serverToPgbench: ratio,
    },
    login: { concurrent: loginFig, single: loginOne, argon2VerifyMs: argonMs },
    auditAfterRun: { ok: verify.ok, checked: verify.checked, durationMs: verify.durationMs },
  };
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const rows = [
    ['GET /api/me — server', settings.meConnections, f(meFig.rps), f(meFig.p50Ms, 1), f(meFig.p99Ms, 1)],
    ['GET /api/me SQL — pgbench (tps)', settings.meConnections, f(pgb.tps), f(pgb.p50Ms, 2), f(pgb.p99Ms, 2)],
    ['POST /api/auth/login', settings.loginConnections, f(loginFig.rps, 1), f(loginFig.p50Ms, 1), f(loginFig.p99Ms, 1)],
    ['POST /api/auth/login — alone', 1, f(loginOne.rps, 1), f(loginOne.p50Ms, 1), f(loginOne.p99Ms, 1)],
  ];
  const head = ['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('   ');
  console.log('');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('   '));
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log(
    `server / pgbench on the same SQL: ${ratio.toFixed(2)} (${(ratio * 100).toFixed(0)} % of what PostgreSQL alone serves)`,
  );
  console.log(
    `argon2id verify: ${argonMs.toFixed(1)} ms each on one thread; with ${threads} libuv threads on ${cpus} CPUs ` +
      `the ceiling is about ${f(Math.min(threads, cpus) * (1000 / argonMs))} sign-ins/s — argon2 dominates sign-in cost, by design.`,
  );
  console.log(
    `audit chain after the run: ${verify.ok ? 'intact' : 'NOT INTACT'} (${f(verify.checked)} events re-hashed in ${f((verify.durationMs ?? NaN) / 1000, 1)} s)`,
  );
  console.log(
    `machine: ${cpus} CPUs (${results.machine.cpu}), load ${loadBefore.toFixed(1)} before the run, Node ${process.version}, ` +
      `PostgreSQL ${pgVersion}; server, PostgreSQL, autocannon and pgbench share these CPUs`,
  );
  console.log(`figures written to ${path.relative(repoRoot, path.join(outDir, 'results.json'))}`);
  if (!verify.ok) return 1;
  return 0;
}

main().then(
  (code) => shutdown(code),
  (err) => {
    console.error(`[bench] failed: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown(1);
  },
);
