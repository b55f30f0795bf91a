import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from '../../db.types';

// int8 (counts, bigint ids) as JS numbers on both drivers; numeric stays a string (money is exact).
pg.types.setTypeParser(20, (v: string) => Number(v));

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the root handle or a transaction: repos accept both. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Subscribe to NOTIFY on a channel; returns an unsubscribe function. */
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
  /** Runs multi-statement SQL scripts (migrations) on one session, simple-query protocol. */
  withScriptSession<T>(fn: (exec: (script: string) => Promise<void>) => Promise<T>): Promise<T>;
  /** PGlite only: the whole data directory as a tarball, which `openDatabase({ load })` opens again. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

/** DATABASE_URL for the embedded database held in memory: nothing is kept when the process ends (trials, tests). */
export const MEMORY_URL = 'memory://';

export async function openDatabase(opts: {
  url: string | null;
  dataDir?: string | null;
  /** PGlite only: start from a dumped data directory (see Database.dump) instead of an empty one. */
  load?: Blob;
}): Promise<Database> {
  if (opts.url === MEMORY_URL) return openPglite(null, opts.load);
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.dataDir ?? null, opts.load);
}

/** The database a configuration names: DATABASE_URL (a PostgreSQL server, or memory://), else PGlite under DATA_DIR. */
export function openConfiguredDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
}

/**
 * A statement whose text starts with `/* prepared:<name> *\/` is sent as a named prepared statement: each connection
 * parses it once and PostgreSQL can keep its plan, instead of parsing and planning it on every call. For the few hot
 * statements of fixed text (the claim rush); through a pooler in transaction mode (PgBouncer) this needs its
 * prepared-statement support (max_prepared_statements).
 */
const PREPARED_PREFIX = /^\/\* prepared:([a-z_]+) \*\//;
function sendNamedStatementsPrepared(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) ? PREPARED_PREFIX.exec(text)?.[1] : undefined;
    return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest);
  }) as typeof client.query;
}

/** application_name of the connection that LISTENs (to be told apart in pg_stat_activity). */
export const LISTENER_NAME = 'paidan-listener';

async function openPostgres(url: string): Promise<Database> {
  // Connections are kept for DB_POOL_IDLE_SECONDS (5 min) of idleness, not pg's 10 s: a burst after a quiet spell
  // otherwise pays a new backend, its sign-in and its cold caches for every connection it needs.
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DB_POOL_MAX ?? 20),
    idleTimeoutMillis: Number(process.env.DB_POOL_IDLE_SECONDS ?? 300) * 1000,
  });
  pool.on('error', () => undefined); // idle client errors surface on next use
  pool.on('connect', sendNamedStatementsPrepared);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // NOTIFY arrives on one connection of its own. If it drops (a restart of PostgreSQL, a network cut), it is opened
  // again after 0.25 s, doubling up to 10 s, and listens to every channel again; what was published meanwhile is lost.
  let listener: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 0;
  const handlers = new Map<string, Set<(p: string) => void>>();
  const listenSql = (channel: string) => `LISTEN "${channel.replace(/"/g, '')}"`;
  function ensureListener(): Promise<pg.Client> {
    if (listener) return Promise.resolve(listener);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: LISTENER_NAME });
      c.on('notification', (n) => handlers.get(n.channel)?.forEach((h) => h(n.payload ?? '')));
      c.on('error', () => undefined); // followed by 'end'
      c.on('end', () => {
        if (listener !== c) return;
        listener = null;
        if (!closed) listenAgainSoon();
      });
      try {
        await c.connect();
        for (const channel of handlers.keys()) await c.query(listenSql(channel));
        listener = c;
        return c;
      } catch (e) {
        await c.end().catch(() => undefined);
        throw e;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }
  function listenAgainSoon() {
    retryMs = Math.min(Math.max(retryMs * 2, 250), 10_000);
    setTimeout(() => {
      if (closed) return;
      ensureListener().then(
        () => (retryMs = 0),
        () => listenAgainSoon(),
      );
    }, retryMs).unref();
  }
  return {
    db,
    kind: 'postgres',
    async listen(channel, cb) {
      const c = await ensureListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await c.query(listenSql(channel));
      }
      set.add(cb);
      return async () => {
        set.delete(cb);
      };
    },
    async withScriptSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (script) => {
          await client.query(script);
        });
      } finally {
        client.release();
      }
    },
    async close() {
      closed = true;
      await db.destroy();
      if (listener) await listener.end().catch(() => undefined);
    },
  };
}

async function openPglite(dataDir: string | null, load?: Blob): Promise<Database> {
  const options = { parsers: { 20: (v: string) => Number(v) }, ...(load ? { loadDataDir: load } : {}) };
  let pglite: PGlite;
  if (dataDir) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    pglite = new PGlite(dataDir, options);
  } else {
    pglite = new PGlite(options);
  }
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    async listen(channel, cb) {
      const unsub = await pglite.listen(channel, cb);
      return unsub;
    },
    async withScriptSession(fn) {
      return fn(async (script) => {
        await pglite.exec(script);
      });
    },
    dump: () => pglite.dumpDataDir('none'),
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Runs fn in a transaction; everything fn writes commits together or not at all. */
export function withTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Runs `fn` again when PostgreSQL ended it as a deadlock victim (40P01, its work rolled back whole), up to
 * `attempts` times in all.
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || (e as { code?: unknown }).code !== '40P01') throw e;
    }
  }
}

export async function notify(ex: Executor, channel: string, payload: unknown): Promise<void> {
  await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(ex);
}
