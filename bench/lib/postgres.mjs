// PostgreSQL side of the benchmark: psql for set-up, pgbench for the baseline.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Parses and checks the URL: a loopback server and a plain database name. */
export function parseDatabaseUrl(url) {
  const u = new URL(url);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`not a postgres:// URL: ${url}`);
  if (!LOOPBACK.has(u.hostname))
    throw new Error(`the benchmark only runs against a local server (127.0.0.1), not ${u.hostname}`);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  return { url, name, withDb: (db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString() };
}

export function psql(url, query) {
  return execFileSync('psql', [url, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', query], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  }).trim();
}

export function requireTools() {
  for (const tool of ['psql', 'pgbench']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is not on PATH (Debian: apt-get install postgresql-client)`);
    }
  }
}

/** Creates the database when it does not exist (or drops it first when fresh). */
export function ensureDatabase(db, { fresh = false } = {}) {
  const admin = db.withDb('postgres');
  if (fresh) psql(admin, `drop database if exists ${db.name} with (force)`);
  const exists = psql(admin, `select 1 from pg_database where datname = '${db.name}'`) === '1';
  if (!exists) psql(admin, `create database ${db.name}`);
  return { created: !exists };
}

export function serverVersion(url) {
  return psql(url, 'show server_version');
}

/**
 * Runs a pgbench script for a fixed time. Returns tps and latency percentiles taken from
 * pgbench's per-transaction log (pgbench itself prints only the mean).
 */
export async function runPgbench({ url, script, clients, threads, seconds, vars, outDir }) {
  const prefix = path.join(outDir, `pgbench-${process.pid}`);
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(clients),
    '-j',
    String(threads),
    '-T',
    String(seconds),
    '-f',
    script,
    '--log',
    `--log-prefix=${prefix}`,
  ];
  for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
  args.push(url);
  const out = await new Promise((resolve, reject) => {
    const p = spawn('pgbench', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.stderr.on('data', (d) => (text += d));
    const guard = setTimeout(() => p.kill('SIGTERM'), (seconds + 60) * 1000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(guard);
      if (code === 0) resolve(text);
      else reject(new Error(`pgbench exited ${code}:\n${text}`));
    });
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  const latencies = [];
  for (const f of fs.readdirSync(outDir).filter((n) => n.startsWith(path.basename(prefix)))) {
    const file = path.join(outDir, f);
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (Number.isFinite(us) && line) latencies.push(us);
    }
    fs.rmSync(file);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] / 1000 : NaN;
  return { tps, failed, transactions: latencies.length, p50Ms: pct(50), p99Ms: pct(99), raw: out };
}
