import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';
import { SERVER_ROOT } from '../config';

export const MIGRATIONS_DIR = path.join(SERVER_ROOT, 'migrations');
// Arbitrary constant: one instance migrates at a time.
const MIGRATION_LOCK = 727001;

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** Applies the numbered SQL files not yet applied, each in its own transaction, in order. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await database.withScriptSession(async (exec) => {
    await exec(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await exec(`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`);
      const done = new Set(
        (await database.db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
      );
      for (const m of listMigrations(dir)) {
        if (done.has(m.name)) continue;
        const name = m.name.replace(/'/g, "''");
        await exec(`BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
        applied.push(m.name);
      }
    } catch (e) {
      await exec('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await exec(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
  return applied;
}
