#!/usr/bin/env node
// `npm run ctk [-- <kit name>…]`: the TM Forum conformance test kits (Postman collections in ../shared/tmf/ctk)
// run by newman against the real server, started here on a free port with a fresh database and demo data.
// Machine clients authenticate with an API key: a throwaway key is given to the server (TMF_API_KEY) and sent
// by every request of the collection (collection-level bearer auth, added to a temporary copy).
// Add a kit by adding an entry to KITS. Exits non-zero when any assertion fails or the server does not start.
//
// Environment: CTK_DATABASE_URL=postgres://… runs on PostgreSQL (a temporary database is created on that server
// and dropped afterwards) instead of an embedded PGlite database in a temporary folder.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = process.env.CTK_SHARED_DIR || process.env.TMF_SHARED_DIR;
const SHARED_TMF = SHARED_DIR ? path.resolve(SHARED_DIR) : path.resolve(ROOT, '../shared/tmf');
const DEMO_CUSTOMER = '上海浦江智造科技有限公司';

/** One entry per kit: its collection and environment (relative to shared/tmf), and the URL variable it reads. */
const KITS = [
  {
    name: 'TMF621 Trouble Ticket (CTK R18.0)',
    key: 'tmf621',
    collection: 'ctk/CTK-TMF621-TroubleTicket-R18-0/CTK-TMF621-TroubleTicket.postman_collection.json',
    environment: 'ctk/CTK-TMF621-TroubleTicket-R18-0/TMForumR18.0.postman_environment.json',
    urlVar: 'TroubleTicketAPI',
    // No trailing slash: the collection appends /troubleTicket.
    url: (base) => `${base}/tmf-api/troubleTicket/v4`,
  },
  {
    name: 'TMF699 Sales Lead (collection in this repository)',
    key: 'tmf699',
    // local: the paths are inside this repository, not ../shared/tmf
    local: true,
    collection: 'apps/server/src/modules/tmf699/ctk/CTK-TMF699-SalesLead.postman_collection.json',
    environment: 'apps/server/src/modules/tmf699/ctk/TMF699.postman_environment.json',
    urlVar: 'SalesLeadAPI',
    url: (base) => `${base}/tmf-api/sales/v4`,
  },
  {
    name: 'TMF629 Customer (CTK v4.0.0)',
    key: 'tmf629',
    collection: 'ctk/CTK-TMF629-Customer/CTK-Customer-4.0.0.postman_collection.json',
    environment: 'ctk/CTK-TMF629-Customer/TMFENV-V4.0.0.postman_environment.json',
    urlVar: 'Customer',
    // v4 kits: the URL ends with a slash (requests are {{Customer}}customer).
    url: (base) => `${base}/tmf-api/customerManagement/v4/`,
    // Like the kit's own wrapper (config.payloads), the first POST carries our payload: the engaged Organization is
    // identified by its unified social credit code, a fresh valid one per run.
    payload: () => ({
      name: 'Moon Football Club',
      engagedParty: { '@referredType': 'Organization', id: randomCreditCode() },
    }),
  },
  {
    name: 'TMF622 Product Ordering (CTK v4.0.0)',
    key: 'tmf622',
    collection: 'ctk/CTK-TMF622-ProductOrdering/TMF622-ProductOrdering-v4.0.0.testkit.json',
    environment: 'ctk/CTK-TMF622-ProductOrdering/TMFENV-V4.0.0.postman_environment.json',
    urlVar: 'Product_Ordering',
    url: (base) => `${base}/tmf-api/productOrderingManagement/v4/`,
    // Like the kit's own wrapper with config.json payloads: the order names an offering of our catalogue.
    prepare: async (collection, { base, apiKey }) => {
      const res = await fetch(
        `${base}/tmf-api/productCatalogManagement/v4/productOffering?name=${encodeURIComponent('商务宽带 100M 包月')}`,
        { headers: { authorization: `Bearer ${apiKey}` } },
      );
      const [offering] = await res.json();
      if (!offering) throw new Error('TMF622: the demo offering 商务宽带 100M 包月 is missing');
      forEachRequest(collection, (r) => {
        if (r.method !== 'POST' || !r.body?.raw) return;
        const body = JSON.parse(r.body.raw);
        for (const item of body.productOrderItem ?? []) item.productOffering = { id: offering.id, name: offering.name };
        r.body.raw = JSON.stringify(body);
      });
    },
  },
  {
    name: 'TMF620 Product Catalog (CTK v4.0.0)',
    key: 'tmf620',
    collection: 'ctk/CTK-TMF620-ProductCatalog/CTK-Product_Catalog-4.0.0.postman_collection.json',
    environment: 'ctk/CTK-TMF620-ProductCatalog/TMFENV-V4.0.0.postman_environment.json',
    urlVar: 'Product_Catalog',
    url: (base) => `${base}/tmf-api/productCatalogManagement/v4/`,
    // The offering refers to the specification the kit created a moment before, not to an id of another system.
    prepare: async (collection) => {
      forEachRequest(collection, (r) => {
        const url = typeof r.url === 'string' ? r.url : r.url?.raw;
        if (r.method !== 'POST' || !r.body?.raw || !/productOffering$/.test(url ?? '')) return;
        const body = JSON.parse(r.body.raw);
        if (body.productSpecification) body.productSpecification.id = '{{IDPS01}}';
        r.body.raw = JSON.stringify(body);
      });
    },
  },
];
const kitFile = (kit, f) => path.join(kit.local ? ROOT : SHARED_TMF, f);

/** A random unified social credit code with a valid GB 32100 check character. */
function randomCreditCode() {
  const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let first = '91310115';
  for (let i = 0; i < 9; i++) first += CHARSET[crypto.randomInt(CHARSET.length)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first[i]) * WEIGHTS[i];
  return first + CHARSET[(31 - (sum % 31)) % 31];
}

/** The first POST request of a collection (depth first), whose body a kit's payload replaces. */
function firstPost(items) {
  for (const it of items ?? []) {
    if (it.item) {
      const found = firstPost(it.item);
      if (found) return found;
    } else if (it.request?.method === 'POST') return it;
  }
  return null;
}

function forEachRequest(node, fn) {
  for (const it of node.item ?? []) {
    if (it.item) forEachRequest(it, fn);
    else if (it.request) fn(it.request);
  }
}

const log = (msg) => console.log(`[ctk] ${msg}`);
const fail = (msg) => {
  console.error(`[ctk] ✗ ${msg}`);
  process.exitCode = 1;
};
/** Stops before any kit ran. */
const abort = (msg) => {
  fail(msg);
  console.log('ctk: 0 passed, 1 failed');
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, server, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(`the server exited early (${server.exitCode ?? server.signalCode})`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return (await res.json()).database;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000}s`);
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(err);
      resolve(1);
    });
  });
}

async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  // The server runs in its own process group (npx → tsx → node): signal the whole group.
  const kill = (sig) => {
    try {
      process.kill(-server.pid, sig);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function freshPostgres(url) {
  const { default: pg } = await import('pg');
  const name = `paidan_ctk_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

function summarize(kit, reportFile) {
  if (!fs.existsSync(reportFile)) return { passed: 0, failed: 1, note: 'no report written' };
  const run = JSON.parse(fs.readFileSync(reportFile, 'utf8')).run;
  const a = run.stats.assertions;
  const r = run.stats.requests;
  const failures = run.failures ?? [];
  for (const f of failures)
    console.error(`[ctk]   ✗ ${f.source?.name ?? '?'} — ${f.error?.test ?? f.error?.name}: ${f.error?.message}`);
  log(`${kit.name}: ${r.total} requests (${r.failed} failed), ${a.total} assertions (${a.failed} failed)`);
  return { passed: a.total - a.failed, failed: a.failed + r.failed };
}

async function main() {
  const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
  const kits = wanted.length ? KITS.filter((k) => wanted.includes(k.key)) : KITS;
  if (!kits.length) {
    abort(`no kit named ${wanted.join(', ')}; known: ${KITS.map((k) => k.key).join(', ')}`);
    return;
  }
  if (kits.some((k) => !k.local) && !fs.existsSync(SHARED_TMF)) {
    abort(
      `the TM Forum kits are missing: expected the shared folder at ${SHARED_TMF} (../shared/tmf beside the repository)`,
    );
    return;
  }
  for (const k of kits) {
    for (const f of [k.collection, k.environment]) {
      if (!fs.existsSync(kitFile(k, f))) {
        abort(`${k.name}: ${kitFile(k, f)} is missing`);
        return;
      }
    }
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paidan-ctk-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const apiKey = `pd_ctk_${crypto.randomBytes(24).toString('base64url')}`;
  let pgDb = null;
  let server = null;
  const totals = { passed: 0, failed: 0 };
  const stop = async () => {
    await stopServer(server);
    if (pgDb)
      await pgDb.drop().catch((e) => console.error(`[ctk] could not drop the temporary database: ${e.message}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    if (process.env.CTK_DATABASE_URL) pgDb = await freshPostgres(process.env.CTK_DATABASE_URL);
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: path.join(tmp, 'data'),
      SEED_ON_START: '1',
      LOG_LEVEL: 'warn',
      TMF_API_KEY: apiKey,
      TMF_API_CUSTOMER: DEMO_CUSTOMER,
    };
    if (pgDb) env.DATABASE_URL = pgDb.url;
    else delete env.DATABASE_URL;
    log(`starting the server on ${base} (${pgDb ? 'PostgreSQL, temporary database' : `PGlite in ${env.DATA_DIR}`})`);
    server = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    });
    const database = await waitReady(base, server);
    log(`server ready (${database})`);

    for (const kit of kits) {
      // A copy of the collection whose requests inherit bearer auth, and of the environment holding the key.
      const collection = JSON.parse(fs.readFileSync(kitFile(kit, kit.collection), 'utf8'));
      collection.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{ctkApiKey}}', type: 'string' }] };
      if (kit.payload) {
        const post = firstPost(collection.item);
        if (post) post.request.body = { mode: 'raw', raw: JSON.stringify(kit.payload(), null, 2) };
      }
      if (kit.prepare) await kit.prepare(collection, { base, apiKey });
      const collectionFile = path.join(tmp, `${kit.key}.collection.json`);
      fs.writeFileSync(collectionFile, JSON.stringify(collection));
      const environment = JSON.parse(fs.readFileSync(kitFile(kit, kit.environment), 'utf8'));
      environment.values = [
        ...(environment.values ?? []).filter((v) => v.key !== 'ctkApiKey'),
        { key: 'ctkApiKey', value: apiKey, enabled: true },
      ];
      const environmentFile = path.join(tmp, `${kit.key}.environment.json`);
      fs.writeFileSync(environmentFile, JSON.stringify(environment));
      const report = path.join(tmp, `${kit.key}.report.json`);

      log(`running ${kit.name}`);
      const code = await run(
        'npx',
        [
          'newman',
          'run',
          collectionFile,
          '-e',
          environmentFile,
          '--env-var',
          `${kit.urlVar}=${kit.url(base)}`,
          '--reporters',
          'cli,json',
          '--reporter-json-export',
          report,
          '--color',
          'off',
          // Newman runs each test script in a VM whose wall-time limit is the smaller of these two, 30 s when they
          // are unset: TMF622's script that checks every order of a 100-item list ran past that while the test suite
          // ran beside it, and newman stopped the kit. The limits only bound a hung script.
          '--timeout-script',
          '600000',
          '--timeout',
          '3600000',
        ],
        { cwd: ROOT },
      );
      const s = summarize(kit, report);
      totals.passed += s.passed;
      totals.failed += s.failed;
      if (code !== 0 && s.failed === 0) {
        totals.failed += 1;
        fail(`${kit.name}: newman exited with ${code}`);
      }
    }
  } catch (e) {
    totals.failed += 1;
    fail(e.message);
  } finally {
    await stop();
  }
  if (totals.failed) process.exitCode = 1;
  console.log(`ctk: ${totals.passed} passed, ${totals.failed} failed`);
}

await main();
