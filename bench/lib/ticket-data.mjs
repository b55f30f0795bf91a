// The million-ticket data set for bench/tickets.mjs: generation, the sweep's due rows, and facts about both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { psql } from './postgres.mjs';

/** Runs a psql script file with variables; rejects on any SQL error or when it outlives timeoutMs. */
export function psqlFile(url, file, vars, { timeoutMs = 15 * 60_000 } = {}) {
  const args = [];
  for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
  return runPsql(url, [...args, '-f', file], path.basename(file), timeoutMs);
}

/** One command that may take longer than postgres.mjs's psql() allows (VACUUM of a large table). */
export function psqlLong(url, command, { timeoutMs = 10 * 60_000 } = {}) {
  return runPsql(url, ['-c', command], command, timeoutMs);
}

function runPsql(url, extra, what, timeoutMs) {
  const args = [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...extra];
  return new Promise((resolve, reject) => {
    const p = spawn('psql', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const guard = setTimeout(() => p.kill('SIGTERM'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(guard);
      if (code === 0) resolve(out);
      else reject(new Error(`psql (${what}) ${signal ? `stopped (${signal})` : `exited ${code}`}:\n${out}`));
    });
  });
}

/** The last generation recorded in the database, or null. */
export function generatedMeta(url) {
  const has = psql(url, "select to_regclass('bench_ticket_meta') is not null");
  if (has !== 't') return null;
  const row = psql(
    url,
    'select n, first_id, last_id, due_every, t0 from bench_ticket_meta order by loaded_at desc limit 1',
  );
  if (!row) return null;
  const [n, firstId, lastId, dueEvery, t0] = row.split('|');
  return { n: Number(n), firstId: Number(firstId), lastId: Number(lastId), dueEvery: Number(dueEvery), t0 };
}

/** Generates n open tickets and their clocks (bench/sql/ticket-data.sql), then VACUUM ANALYZE as autovacuum would. */
export async function generateTickets(url, sqlDir, { n, due }) {
  const dueEvery = Math.max(1, Math.floor(n / due));
  const t = Date.now();
  await psqlFile(url, path.join(sqlDir, 'ticket-data.sql'), { n, due_every: dueEvery });
  const loadSeconds = (Date.now() - t) / 1000;
  const v = Date.now();
  await psqlLong(url, 'vacuum analyze tickets');
  await psqlLong(url, 'vacuum analyze ticket_stage_clocks');
  await psqlLong(url, 'vacuum analyze ticket_sla_checks');
  return { loadSeconds, vacuumSeconds: (Date.now() - v) / 1000, dueEvery };
}

/** Restores exactly `due` due tickets at t0 (bench/sql/ticket-sweep-prime.sql); returns how many are due. */
export async function primeSweep(url, sqlDir, due) {
  const out = await psqlFile(url, path.join(sqlDir, 'ticket-sweep-prime.sql'), { due });
  return Number(/due_at_t0 (\d+)/.exec(out)?.[1]);
}

export function ticketFacts(url) {
  const [total, open, withClocks] = psql(
    url,
    `select count(*), count(*) filter (where status not in ('closed', 'cancelled')),
            (select count(*) from ticket_stage_clocks) from tickets`,
  ).split('|');
  return { total: Number(total), open: Number(open), clocks: Number(withClocks) };
}
