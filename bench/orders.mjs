// Order benchmarks (issue 5, performance section): the real server on PostgreSQL over loopback.
//   1. GET /api/orders/lookup?number=… as a customer with BENCH_ORDERS (1,000,000) orders in the table: p95
//   2. POST /api/orders (validation, pricing, decomposition, audit, outbox) at 32 connections, against pgbench
//      running the same writes (sql/order-place.sql) at 32 clients: the ratio of transactions per second
//   The same server's GET /api/me, in the same rounds, is printed beside the lookup: the floor of an authenticated
//   request.
// Usage: npm run bench:orders [-- --reuse]   (BENCH_ORDERS_DATABASE_URL, BENCH_ORDERS, BENCH_SECONDS,
//        BENCH_CONNECTIONS, BENCH_LOOKUPS, BENCH_REUSE=1 keeps the database and its generated orders)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, parseDatabaseUrl, psql, requireTools, runPgbench, serverVersion } from './lib/postgres.mjs';
import { freePort, startServer } from './lib/server.mjs';
import { signIn } from './lib/http.mjs';
import { loadWithLatencies, summary } from './lib/ticket-load.mjs';
import { psqlFile } from './lib/ticket-data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const env = process.env;
const num = (v, d) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
const settings = {
  databaseUrl: env.BENCH_ORDERS_DATABASE_URL || 'postgres://paidan:paidan@127.0.0.1:5432/paidan_bench_orders',
  orders: num(env.BENCH_ORDERS, 1_000_000),
  seconds: num(env.BENCH_SECONDS, 10),
  connections: num(env.BENCH_CONNECTIONS, 32),
  lookups: num(env.BENCH_LOOKUPS, 2000),
  reuse: process.argv.includes('--reuse') || env.BENCH_REUSE === '1',
};
const TARGETS = { lookupP95Ms: 20, placeRatio: 0.3 };
const log = (s) => console.log(`[bench:orders] ${s}`);
const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

/** The generation recorded in the database (bench_order_meta), or null. */
function generatedMeta(url) {
  if (psql(url, "select to_regclass('bench_order_meta') is not null") !== 't') return null;
  const row = psql(url, 'select n, customer, loaded_at from bench_order_meta order by loaded_at desc limit 1');
  if (!row) return null;
  const [n, customer, loadedAt] = row.split('|');
  return { n: Number(n), customer: Number(customer), loadedAt };
}

/** sql/order-data.sql: the orders, whole ones for the enterprise that looks them up, in one transaction. */
async function generateOrders(url, cust) {
  const t = Date.now();
  await psqlFile(url, path.join(here, 'sql', 'order-data.sql'), { n: settings.orders, cust });
  log(`${settings.orders.toLocaleString()} orders generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

async function main() {
  requireTools();
  fs.mkdirSync(outDir, { recursive: true });
  const db = parseDatabaseUrl(settings.databaseUrl);
  let { created } = ensureDatabase(db, { fresh: !settings.reuse });
  let meta = created ? null : generatedMeta(db.url);
  if (!created && meta?.n !== settings.orders) {
    log(
      meta
        ? `${db.name} holds ${meta.n.toLocaleString()} generated orders, not ${settings.orders.toLocaleString()}: recreating it`
        : `${db.name} has no generated orders to reuse: recreating it`,
    );
    ({ created } = ensureDatabase(db, { fresh: true }));
    meta = null;
  }
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  log(
    `PostgreSQL ${serverVersion(db.url)}, database ${db.name} (${created ? 'fresh' : 'reused'});` +
      ` load ${os.loadavg()[0].toFixed(1)} on ${cpus} CPUs`,
  );
  const port = await freePort();
  const server = await startServer({
    repoRoot,
    logFile: path.join(outDir, 'orders-server.log'),
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: '1',
      SEED_HISTORY: '0',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: '0',
      LOGIN_RATE_LIMIT_PER_MIN: '100000000',
      WEB_DIST: path.join(outDir, 'no-web-dist'),
    },
  });
  try {
    const base = server.base;
    const cust = Number(psql(db.url, `select id from customers where name = '上海浦江智造科技有限公司'`));
    if (meta) log(`reusing ${meta.n.toLocaleString()} generated orders (loaded ${meta.loadedAt})`);
    else await generateOrders(db.url, cust);

    // 1. lookup by number
    const s1 = await signIn(base, 'cust_admin', 'Paidan@2026');
    const numbers = Array.from({ length: 200 }, (_, i) => `SB${String((i + 1) * 40 * 97).padStart(10, '0')}`);
    const sample = await fetch(`${base}/api/orders/lookup?number=${numbers[0]}`, { headers: { cookie: s1.cookie } });
    const one = await sample.json();
    if (sample.status !== 200 || !one.items?.length || !one.workOrders?.length || !one.events?.length)
      throw new Error(`the looked-up orders should be whole orders: ${sample.status} ${JSON.stringify(one)}`);
    // Rounds of one look at each of the 200 orders, each followed by as many GET /api/me (an authenticated request
    // that reads one row: the floor) on the same server, so both see the same machine. The first round reads the
    // orders' pages from disk or the OS cache; later rounds find them in memory.
    const rounds = Math.max(1, Math.round(settings.lookups / numbers.length));
    const lookupLatencies = [];
    const meLatencies = [];
    let firstLook = null;
    for (let round = 0; round < rounds; round++) {
      let k = 0;
      const r = await loadWithLatencies({
        url: `${base}/api/orders/lookup?number=${numbers[0]}`,
        connections: 1,
        amount: numbers.length,
        headers: { cookie: s1.cookie },
        requests: [{ setupRequest: (q) => ({ ...q, path: `/api/orders/lookup?number=${numbers[k++]}` }) }],
        title: 'lookup',
        keepLatencies: true,
      });
      if (round === 0) firstLook = summary(r.latencies);
      lookupLatencies.push(...r.latencies);
      const m = await loadWithLatencies({
        url: `${base}/api/me`,
        connections: 1,
        amount: numbers.length,
        headers: { cookie: s1.cookie },
        title: 'me',
        keepLatencies: true,
      });
      meLatencies.push(...m.latencies);
    }
    const lookup = summary(lookupLatencies);
    const again = summary(lookupLatencies.slice(numbers.length));
    const me = summary(meLatencies);
    log(
      `lookup by number: ${lookup.n} requests, p50 ${f(lookup.p50Ms)} ms, p95 ${f(lookup.p95Ms)} ms (target ≤ ${TARGETS.lookupP95Ms} ms);` +
        ` first look at each of the ${numbers.length} orders p50 ${f(firstLook.p50Ms)} / p95 ${f(firstLook.p95Ms)} ms,` +
        ` later ones p50 ${f(again.p50Ms)} / p95 ${f(again.p95Ms)} ms`,
    );
    log(`GET /api/me in the same rounds (the floor): p50 ${f(me.p50Ms)} ms, p95 ${f(me.p95Ms)} ms`);

    // 2. placing orders at c32 through the API
    const offer = Number(
      psql(db.url, `select id from product_offers where code = 'BIZ_BB_100' and status = 'published'`),
    );
    const agreements = psql(
      db.url,
      `select code || ':' || id || ':' || version from agreement_templates where code in ('marketing','security') and status = 'published' order by code`,
    )
      .split('\n')
      .map((l) => {
        const [code, id, version] = l.split(':');
        return { code, templateId: Number(id), version: Number(version) };
      });
    const body = JSON.stringify({
      items: [{ offerId: offer, specs: {}, quantity: 1 }],
      contactName: '郑晓东',
      contactPhone: '13916000002',
      installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
      expectedOneTimeFen: 0,
      expectedMonthlyFen: 19900,
      agreements,
    });
    const place = await loadWithLatencies({
      url: `${base}/api/orders`,
      method: 'POST',
      connections: settings.connections,
      duration: settings.seconds,
      headers: { cookie: s1.cookie, 'x-csrf-token': s1.csrfToken, 'content-type': 'application/json' },
      body,
      title: 'place',
      // a few slow answers on a busy machine are reported, not fatal
      allowErrors: true,
    });
    log(
      `POST /api/orders at c${settings.connections}: ${f(place.rps)} orders/s, p95 ${f(place.p95Ms)} ms` +
        ` (${place.non2xx} non-2xx, ${place.errors} errors, ${place.timeouts} timeouts)`,
    );

    // 3. pgbench: the same writes as one transaction at the same concurrency
    const sid = psql(
      db.url,
      `select s.id from sessions s join users u on u.id = s.user_id where u.username = 'cust_admin' order by s.created_at desc limit 1`,
    );
    const uid = Number(psql(db.url, `select id from users where username = 'cust_admin'`));
    const pg = await runPgbench({
      url: db.url,
      script: path.join(here, 'sql', 'order-place.sql'),
      clients: settings.connections,
      threads: 2,
      seconds: settings.seconds,
      vars: { sid, cid: cust, oid: offer, uid },
      outDir,
    });
    const ratio = place.rps / pg.tps;
    log(`pgbench (same writes) at c${settings.connections}: ${f(pg.tps)} tps`);
    log(`ratio API / pgbench: ${(ratio * 100).toFixed(0)} % (target ≥ ${TARGETS.placeRatio * 100} %)`);
    const result = {
      settings,
      reused: !created,
      lookup: { ...lookup, firstLook, again },
      me,
      place,
      pgbench: pg,
      ratio,
      targets: TARGETS,
    };
    fs.writeFileSync(path.join(outDir, 'orders.json'), JSON.stringify(result, null, 2));
    const ok = lookup.p95Ms <= TARGETS.lookupP95Ms && ratio >= TARGETS.placeRatio;
    log(ok ? 'both targets met' : 'a target was missed');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop();
  }
}

await main();
