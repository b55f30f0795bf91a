import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db.types';
import { loadConfig, type Config } from '../src/platform/config';
import { openDatabase, type Database } from '../src/platform/db/database';
import { createServer, type Server } from '../src/platform/server';
import { DEMO_PASSWORD } from '../src/seed/demo-data';
import { adminQuery, databaseUrl } from './seed-template';

export { DEMO_PASSWORD };

export interface TestDb {
  database: Database;
  url: string | null;
  drop(): Promise<void>;
}

// The PGlite template read once per worker (test files share their worker's modules); a Blob is never changed.
const templateBlobs = new Map<string, Blob>();
function templateBlob(file: string): Blob {
  let blob = templateBlobs.get(file);
  if (!blob) templateBlobs.set(file, (blob = new Blob([new Uint8Array(fs.readFileSync(file))])));
  return blob;
}

/**
 * A new database of the run's kind: in-memory PGlite, or a new database on TEST_DATABASE_URL's server. Empty, or a
 * copy of the migrated and seeded template (test/global-setup.ts) when `seeded`.
 */
export async function freshDatabase(opts: { seeded?: boolean } = {}): Promise<TestDb> {
  const template = opts.seeded ? inject('seedTemplate') : null;
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const load = template?.kind === 'pglite' ? templateBlob(template.file) : undefined;
    const database = await openDatabase({ url: null, dataDir: null, load });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `paidan_t_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(
    base,
    template?.kind === 'postgres' ? `create database ${name} template ${template.name}` : `create database ${name}`,
  );
  const url = databaseUrl(base, name);
  const database = await openDatabase({ url, dataDir: null });
  return {
    database,
    url,
    async drop() {
      await database.close();
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * Runs `hold` in a transaction on a connection of its own and keeps that transaction open (with its locks) until the
 * returned release is called. PostgreSQL only: PGlite has one connection, which this would block.
 */
export async function holdingTransaction(db: Kysely<DB>, hold: (tx: Kysely<DB>) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let ready!: () => void;
  const held = new Promise<void>((r) => (ready = r));
  const done = db.transaction().execute(async (tx) => {
    await hold(tx);
    ready();
    await released;
  });
  await Promise.race([held, done]);
  return async () => {
    release();
    await done;
  };
}

/** How many rows a table holds. */
export async function rowCount(db: Kysely<DB>, table: keyof DB & string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TestServer extends Server {
  testDb: TestDb;
  /** Signs in with the demo password; returns a client that sends the cookie and CSRF header. */
  as(username: string): Promise<Client>;
  anon: Client;
}

export interface Client {
  username: string | null;
  cookie: string | null;
  csrf: string | null;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function makeClient(
  server: Server,
  cookie: string | null,
  csrf: string | null,
  username: string | null = null,
): Client {
  const inject = (opts: InjectOptions) =>
    server.app.inject({
      ...opts,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(opts.headers ?? {}),
      },
    });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown) =>
    inject({ method, url, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    username,
    cookie,
    csrf,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url) => inject({ method: 'DELETE', url }),
  };
}

export async function login(server: Server, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : String(setCookie);
  return makeClient(server, raw.split(';')[0]!, res.json().csrfToken as string, username);
}

/**
 * A server on a fresh copy of the database with the demo data loaded. Jobs do not run in the background:
 * tests drive them explicitly so assertions are deterministic.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestServer> {
  const testDb = await freshDatabase({ seeded: true });
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'test' },
    { jobsEnabled: false, logLevel: 'silent', ...overrides },
  );
  const server = await createServer({ config, database: testDb.database, logStream });
  const close = server.close.bind(server);
  return Object.assign(server, {
    testDb,
    as: (username: string) => login(server, username),
    anon: makeClient(server, null, null),
    async close() {
      await close();
      await testDb.drop();
    },
  });
}
