import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../../../../test/harness';
import { LISTENER_NAME, notify } from '../database';

const PG = !!process.env.TEST_DATABASE_URL;

// Live events travel over LISTEN/NOTIFY on a connection of their own (database.ts): it must come back when it drops.
describe.runIf(PG)('the NOTIFY connection (PostgreSQL)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('is opened again after it was cut, and listens to its channels again', async () => {
    const got: string[] = [];
    await t.database.listen('paidan_test_again', (p) => got.push(p));
    await notify(t.database.db, 'paidan_test_again', 'before');
    const until = (cond: () => boolean, ms: number) =>
      (async () => {
        for (const end = Date.now() + ms; !cond() && Date.now() < end;) await new Promise((r) => setTimeout(r, 25));
      })();
    await until(() => got.length > 0, 5000);
    expect(got).toEqual(['"before"']);

    // what a restart of PostgreSQL or a network cut does to it
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = ${LISTENER_NAME} and datname = current_database()) x`.execute(t.database.db);
    expect(rows[0]!.n).toBe(1);

    // published until it hears again (what is published while it is away is lost)
    for (let i = 0; i < 100 && !got.includes('"after"'); i++) {
      await notify(t.database.db, 'paidan_test_again', 'after');
      await until(() => got.includes('"after"'), 100);
    }
    expect(got).toContain('"after"');
  }, 30_000);
});
