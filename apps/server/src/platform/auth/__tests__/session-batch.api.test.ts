import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  holdingTransaction,
  makeClient,
  startTestServer,
  type Client,
  type TestServer,
} from '../../../../test/harness';
import { renewSessions } from '../session.store';

const PG = !!process.env.TEST_DATABASE_URL;

// Requests that arrive together are signed in with one statement (auth.plugin): each must still be its own user.
let s: TestServer;
let users: Client[];
let disabled: Client;

beforeAll(async () => {
  s = await startTestServer();
  users = await Promise.all(['agent01', 'sup_pd', 'cust_admin', 'tech_pd01', 'am_pd01'].map((u) => s.as(u)));
  disabled = await s.as('cust_user');
  await s.ctx.db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'cust_user').execute();
});
afterAll(async () => {
  await s?.close();
});

describe('sessions of requests that arrive together', () => {
  it('gives every request its own user, and none to a bad, disabled or missing cookie', async () => {
    const bogus = makeClient(s, 'paidan_sid=not-a-session', null);
    const expired = await s.as('noc01');
    await s.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', s.ctx.db.selectFrom('users').select('id').where('username', '=', 'noc01'))
      .execute();
    for (let round = 0; round < 3; round++) {
      const order = [...users, bogus, disabled, expired, s.anon, ...users.slice().reverse()];
      const answers = await Promise.all(order.map((c) => c.get('/api/me')));
      answers.forEach((r, i) => {
        const c = order[i]!;
        if (users.includes(c)) {
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().username).toBe(c.username);
        } else {
          expect(r.statusCode).toBe(401);
          expect(r.json().code).toBe('UNAUTHENTICATED');
        }
      });
    }
  });

  it('checks the CSRF token of each request against its own session', async () => {
    const [a, b] = users as [Client, Client];
    const crossed = makeClient(s, a.cookie, b.csrf);
    const answers = await Promise.all([
      a.put('/api/me/lang', { lang: 'zh' }),
      crossed.put('/api/me/lang', { lang: 'zh' }),
      b.put('/api/me/lang', { lang: 'zh' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 403, 200]);
    expect(answers[1]!.json().code).toBe('CSRF_FAILED');
  });
});

describe('sliding expiry', () => {
  const HOUR = 3600_000;
  const names = (cs: Client[]) => cs.map((c) => c.username!);
  const sessionsOf = async (cs: Client[]) =>
    s.ctx.db
      .selectFrom('sessions as x')
      .innerJoin('users as u', 'u.id', 'x.user_id')
      .select(['x.id', 'u.username', 'x.last_seen_at', 'x.expires_at'])
      .where('u.username', 'in', names(cs))
      .execute();
  /** Sets when the sessions of `cs` were last seen and when they end. */
  const age = (cs: Client[], seenMsAgo: number, endsInMs: number) =>
    s.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - seenMsAgo), expires_at: new Date(Date.now() + endsInMs) })
      .where('user_id', 'in', s.ctx.db.selectFrom('users').select('id').where('username', 'in', names(cs)))
      .execute();

  it('renews the sessions idle for over a minute, together and without holding up their requests', async () => {
    const [recent, ...idle] = users as [Client, ...Client[]];
    await age(idle, 2 * 60_000, HOUR);
    await age([recent], 10_000, HOUR);
    const asked = Date.now();
    const answers = await Promise.all(users.map((c) => c.get('/api/me')));
    expect(answers.map((r) => r.statusCode)).toEqual(users.map(() => 200));
    // renewed soon after the answers (a quiet spell of 250 ms): a session lasts SESSION_TTL_HOURS (12) from its last
    // request
    let rows = await sessionsOf(idle);
    for (let i = 0; i < 150 && rows.some((r) => r.expires_at.getTime() < asked + 11 * HOUR); i++) {
      await new Promise((r) => setTimeout(r, 20));
      rows = await sessionsOf(idle);
    }
    for (const r of rows) {
      expect(r.last_seen_at.getTime(), r.username).toBeGreaterThanOrEqual(asked - 1000);
      expect(r.expires_at.getTime(), r.username).toBeGreaterThan(asked + 11 * HOUR);
    }
    // seen ten seconds ago: not due yet, its end stays where it was
    const [kept] = await sessionsOf([recent]);
    expect(kept!.expires_at.getTime()).toBeLessThan(asked + 2 * HOUR);
  });

  it('renews the sessions still waiting for a quiet spell when the server closes', async () => {
    const other = await startTestServer();
    try {
      const c = await other.as('agent01');
      await other.ctx.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - 2 * 60_000), expires_at: new Date(Date.now() + HOUR) })
        .execute();
      expect((await c.get('/api/me')).statusCode).toBe(200);
      await other.app.close();
      const rows = await other.ctx.db.selectFrom('sessions').select('expires_at').execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.expires_at.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);
    } finally {
      await other.close();
    }
  });

  it.runIf(PG)('skips a session another transaction holds instead of waiting for it (PostgreSQL)', async () => {
    const [held, free] = users as [Client, Client];
    await age([held, free], 2 * 60_000, HOUR);
    const [heldRow] = await sessionsOf([held]);
    const [freeRow] = await sessionsOf([free]);
    // e.g. a sign-out on another instance, deleting it
    const release = await holdingTransaction(s.ctx.db, (tx) =>
      sql`select id from sessions where id = ${heldRow!.id} for update`.execute(tx),
    );
    try {
      const t0 = Date.now();
      await renewSessions(s.ctx.db, [heldRow!.id, freeRow!.id, 'no-such-session'], 12);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await release();
    }
    const [heldAfter] = await sessionsOf([held]);
    const [freeAfter] = await sessionsOf([free]);
    expect(heldAfter!.expires_at.getTime()).toBeLessThan(Date.now() + 2 * HOUR);
    expect(freeAfter!.expires_at.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);
  });
});
