import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient, startTestServer, type Client, type TestServer } from '../../../../test/harness';

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
