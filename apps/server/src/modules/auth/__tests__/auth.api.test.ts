import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

async function latestCodeFor(phone: string): Promise<string> {
  const job = await s.ctx.db
    .selectFrom('jobs')
    .select('payload')
    .where('type', '=', 'sms.send')
    .orderBy('id', 'desc')
    .execute();
  const p = job.map((j) => j.payload as { phone: string; params: { code?: string } }).find((x) => x.phone === phone);
  if (!p?.params.code) throw new Error('no code sent');
  return p.params.code;
}

describe('password sign-in', () => {
  it('signs in, sets an HttpOnly cookie and answers /api/me', async () => {
    const res = await s.anon.post('/api/auth/login', { username: 'sup_pd', password: 'Paidan@2026' });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/paidan_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await (await s.as('sup_pd')).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'sup_pd', role: 'supervisor', orgName: '张江区局' });
    expect(me.json().phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('signs in again over a stale cookie without a CSRF token, and ends the old session', async () => {
    const first = await s.anon.post('/api/auth/login', { username: 'sup_city', password: 'Paidan@2026' });
    const oldCookie = String(first.headers['set-cookie']).split(';')[0]!;
    const again = await s.anon.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: oldCookie },
      payload: { username: 'sup_city', password: 'Paidan@2026' },
    });
    expect(again.statusCode).toBe(200);
    const old = await s.anon.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldCookie } });
    expect(old.statusCode).toBe(401);
    // Changing the password still needs the token.
    const newCookie = String(again.headers['set-cookie']).split(';')[0]!;
    const change = await s.anon.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: { cookie: newCookie },
      payload: { oldPassword: 'Paidan@2026', newPassword: 'Another@2026x' },
    });
    expect(change.json().code).toBe('CSRF_FAILED');
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const a = await s.anon.post('/api/auth/login', { username: 'disp_pd', password: 'wrong-1' });
    const b = await s.anon.post('/api/auth/login', { username: 'nobody_here', password: 'wrong-1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
    expect(b.json().code).toBe('INVALID_CREDENTIALS');
    expect(a.json().message).toBe('用户名或密码错误');
  });

  it('locks the account after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await s.anon.post('/api/auth/login', { username: 'tech_pd01', password: `bad${i}` })).statusCode).toBe(
        401,
      );
    }
    const fifth = await s.anon.post('/api/auth/login', { username: 'tech_pd01', password: 'bad5' });
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await s.anon.post('/api/auth/login', { username: 'tech_pd01', password: 'Paidan@2026' });
    expect(right.statusCode).toBe(423);
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'auth.locked')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers in English when asked', async () => {
    const res = await s.anon.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y' },
      headers: { 'x-lang': 'en' },
    });
    expect(res.json().message).toBe('Wrong username or password');
  });

  it('rejects unknown fields and wrong types with field details', async () => {
    const res = await s.anon.post('/api/auth/login', { username: 'admin', password: 'x', role: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const res2 = await s.anon.post('/api/auth/login', { username: 12, password: ['x'] });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().details.length).toBeGreaterThan(0);
  });

  it('answers 413 for an oversized body', async () => {
    const res = await s.anon.post('/api/auth/login', { username: 'a'.repeat(2_000_000), password: 'x' });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('sessions and CSRF', () => {
  it('requires the CSRF header on writes made with the cookie', async () => {
    const c = await s.as('admin');
    const noCsrf = await s.app.inject({
      method: 'PUT',
      url: '/api/me/lang',
      payload: { lang: 'en' },
      headers: { cookie: c.cookie! },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    const wrong = await s.app.inject({
      method: 'PUT',
      url: '/api/me/lang',
      payload: { lang: 'en' },
      headers: { cookie: c.cookie!, 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await c.put('/api/me/lang', { lang: 'en' })).statusCode).toBe(200);
    expect((await c.get('/api/me')).json().lang).toBe('en');
  });

  it('logout ends the session', async () => {
    const c = await s.as('agent01');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await c.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('never stores the cookie token itself', async () => {
    const c = await s.as('am_pd01');
    const token = c.cookie!.split('=')[1]!;
    const rows = await s.ctx.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
  });
});

describe('SMS code sign-in for enterprise users', () => {
  it('sends a code to a customer user and signs in with it once', async () => {
    const req = await s.anon.post('/api/auth/sms-code', { phone: '13916000002' });
    expect(req.statusCode).toBe(200);
    const code = await latestCodeFor('13916000002');
    expect(code).toMatch(/^\d{6}$/);
    const ok = await s.anon.post('/api/auth/sms-login', { phone: '13916000002', code });
    expect(ok.statusCode).toBe(200);
    const again = await s.anon.post('/api/auth/sms-login', { phone: '13916000002', code });
    expect(again.statusCode).toBe(401);
  });

  it('limits code requests per phone', async () => {
    expect((await s.anon.post('/api/auth/sms-code', { phone: '13916000001' })).statusCode).toBe(200);
    const second = await s.anon.post('/api/auth/sms-code', { phone: '13916000001' });
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('SMS_CODE_TOO_FREQUENT');
  });

  it('does not send codes to staff numbers, and answers the same', async () => {
    const res = await s.anon.post('/api/auth/sms-code', { phone: '13916000100' });
    expect(res.statusCode).toBe(200);
    const jobs = await s.ctx.db.selectFrom('jobs').select('payload').where('type', '=', 'sms.send').execute();
    expect(
      jobs.some(
        (j) =>
          (j.payload as { phone: string }).phone === '13916000100' &&
          (j.payload as { template: string }).template === 'login_code',
      ),
    ).toBe(false);
  });

  it('stops accepting guesses after 5 wrong codes', async () => {
    const phone = '13916000002';
    await s.ctx.db.deleteFrom('sms_codes').where('phone', '=', phone).execute();
    await s.anon.post('/api/auth/sms-code', { phone });
    const code = await latestCodeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await s.anon.post('/api/auth/sms-login', { phone, code: wrong })).statusCode).toBe(401);
    expect((await s.anon.post('/api/auth/sms-login', { phone, code })).statusCode).toBe(401);
  });

  it('rejects a malformed phone number with a clear message', async () => {
    const res = await s.anon.post('/api/auth/sms-code', { phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toMatch(/手机号/);
  });
});
