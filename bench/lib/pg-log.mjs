// Reading the statements a server sent from PostgreSQL's own log (log_statement = 'all' on its connections).
import fs from 'node:fs';
import { psql } from './postgres.mjs';

/** The server's log file: BENCH_PG_LOG, else the Debian/Ubuntu default for the running major version. */
export function pgLogPath(url) {
  if (process.env.BENCH_PG_LOG) return process.env.BENCH_PG_LOG;
  const fromCollector = psql(url, 'select pg_current_logfile()');
  if (fromCollector) {
    const dir = psql(url, 'show data_directory');
    return fromCollector.startsWith('/') ? fromCollector : `${dir}/${fromCollector}`;
  }
  const major = Math.floor(Number(psql(url, 'show server_version_num')) / 10000);
  return `/var/log/postgresql/postgresql-${major}-main.log`;
}

export function logReadable(file) {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export const logSize = (file) => fs.statSync(file).size;

export function readLogFrom(file, offset) {
  const size = logSize(file);
  if (size <= offset) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

// '2026-11-22 05:13:47.576 UTC [14075] paidan@paidan_bench_tickets LOG:  …' (log_line_prefix '%m [%p] %q%u@%d ')
const LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\S*)@(\S*) (LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT): {2}(.*)$/;

/**
 * The statements in a piece of log, for one database, in log order:
 * [{ pid, sql, params: { 1: "'…'", 2: 'NULL', … } }].
 */
export function parseStatements(text, database) {
  const entries = [];
  let cur = null;
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (m) {
      cur = { pid: m[1], db: m[3], level: m[4], text: m[5] };
      entries.push(cur);
    } else if (cur && line.length) {
      cur.text += `\n${line}`;
    }
  }
  const out = [];
  for (const e of entries) {
    if (e.db !== database) continue;
    const st = /^(?:execute [^:]*|statement): ([\s\S]*)$/.exec(e.text);
    if (e.level === 'LOG' && st) out.push({ pid: e.pid, sql: st[1].trim(), params: {} });
    else if (e.level === 'DETAIL' && e.text.startsWith('parameters: ') && out.length) {
      Object.assign(out.at(-1).params, parseParams(e.text.slice('parameters: '.length)));
    }
  }
  return out;
}

/** "$1 = 'a', $2 = NULL, $3 = 'it''s'" → { 1: "'a'", 2: 'NULL', 3: "'it''s'" } */
function parseParams(s) {
  const params = {};
  const re = /\$(\d+) = (NULL|'(?:[^']|'')*')/g;
  let m;
  while ((m = re.exec(s))) params[m[1]] = m[2];
  return params;
}

/** The statement with its logged parameters written in as literals (a custom plan sees the same values). */
export function inlineParams({ sql, params }) {
  return sql.replace(/\$(\d+)\b/g, (whole, n) => params[n] ?? whole);
}

/** A statement reduced to what it does and to what: 'insert tickets', 'select ticket_stage_clocks', 'begin', … */
export function signature(sqlText) {
  const s = sqlText
    .replace(/--[^\n]*/g, ' ')
    .replace(/"/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  let m;
  if ((m = /^(begin|commit|rollback)\b/.exec(s))) return m[1];
  if ((m = /^insert into (\w+)/.exec(s))) return `insert ${m[1]}`;
  if ((m = /^update (\w+)/.exec(s))) return `update ${m[1]}`;
  if ((m = /^delete from (\w+)/.exec(s))) return `delete ${m[1]}`;
  if ((m = /^select .*? from (\w+)/.exec(s))) return `select ${m[1]}`;
  if ((m = /^select (\w+)\(/.exec(s))) return `select ${m[1]}()`;
  return s.slice(0, 40);
}

/** The SQL statements of a pgbench script, meta-commands and comments left out. */
export function scriptStatements(file) {
  const text = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !/^\s*\\/.test(l) && !/^\s*--/.test(l))
    .join('\n');
  return text
    .split(/(?:;|\\gset[ \t]*\w*)[ \t]*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
