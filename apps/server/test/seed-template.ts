import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/platform/config';
import { openDatabase, type Database } from '../src/platform/db/database';
import { createServer } from '../src/platform/server';
import { seedDemo } from '../src/seed/demo-data';

/**
 * Where the API tests find the database every test file starts from: migrated and loaded with the demo data once
 * per run, then copied per file (PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: a dumped data directory).
 */
export type SeedTemplate = { kind: 'postgres'; name: string } | { kind: 'pglite'; file: string };

declare module 'vitest' {
  export interface ProvidedContext {
    seedTemplate: SeedTemplate;
  }
}

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(base: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function migrateAndSeed(database: Database): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' }, { jobsEnabled: false, logLevel: 'silent' });
  const server = await createServer({ config, database });
  try {
    await seedDemo(server.ctx);
  } finally {
    await server.close();
  }
}

/** Builds the template; returns it and how to remove it after the run. */
export async function buildSeedTemplate(): Promise<{ template: SeedTemplate; remove(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `paidan_tpl_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(base, `create database ${name}`);
    const database = await openDatabase({ url: databaseUrl(base, name), dataDir: null });
    try {
      await migrateAndSeed(database);
    } finally {
      await database.close();
    }
    return {
      template: { kind: 'postgres', name },
      remove: () => adminQuery(base, `drop database if exists ${name} with (force)`),
    };
  }
  const database = await openDatabase({ url: null, dataDir: null });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paidan-seed-')), 'pglite.tar');
  try {
    await migrateAndSeed(database);
    fs.writeFileSync(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
  } finally {
    await database.close();
  }
  return {
    template: { kind: 'pglite', file },
    remove: async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }),
  };
}
