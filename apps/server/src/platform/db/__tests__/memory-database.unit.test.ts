import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MEMORY_URL, openDatabase } from '../database';

// The embedded database alone (no server, no test database): it runs once, with the unit tests.
describe('DATABASE_URL=memory://', () => {
  it('opens an embedded database held in memory that keeps nothing once closed', async () => {
    const first = await openDatabase({ url: MEMORY_URL, dataDir: '/nonexistent/never-created' });
    expect(first.kind).toBe('pglite');
    await sql`create table kept (v int)`.execute(first.db);
    await sql`insert into kept values (7)`.execute(first.db);
    const { rows } = await sql<{ v: number }>`select v from kept`.execute(first.db);
    expect(rows).toEqual([{ v: 7 }]);
    await first.close();
    expect(fs.existsSync('/nonexistent/never-created')).toBe(false);

    const second = await openDatabase({ url: MEMORY_URL });
    const { rows: tables } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables where table_name = 'kept'`.execute(second.db);
    expect(tables).toEqual([{ n: 0 }]);
    await second.close();
  }, 60_000);

  it('is refused by the commands that work on a kept database, with the reason', () => {
    const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts'], {
      cwd: serverRoot,
      env: { ...process.env, DATABASE_URL: MEMORY_URL },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run migrate: DATABASE_URL=memory:// keeps no database between processes');
  }, 60_000);
});
