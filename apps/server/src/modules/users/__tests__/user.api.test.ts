import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, login, type TestServer } from '../../../../test/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const orgId = async (code: string) =>
  (await s.ctx.db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

describe('users', () => {
  it('an admin creates a staff user who can then sign in', async () => {
    const admin = await s.as('admin');
    const res = await admin.post('/api/users', {
      username: 'tech_new01',
      displayName: '钱立新',
      role: 'technician',
      orgId: await orgId('SH-PD-ZJ-FLD'),
      phone: '13799990001',
      password: 'Field2026ok',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().phoneMasked).toBe('137****0001');
    const c = await login(s, 'tech_new01', 'Field2026ok');
    expect((await c.get('/api/me')).json().role).toBe('technician');
    const row = await s.ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'tech_new01')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rejects a weak password, a taken username and a customer role without enterprise', async () => {
    const admin = await s.as('admin');
    const base = { displayName: '测试', role: 'dispatcher', orgId: await orgId('SH-PD-ZJ-DSP'), phone: '13799990002' };
    const weak = await admin.post('/api/users', { ...base, username: 'weak_pw', password: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details[0].field).toBe('body.password');
    const taken = await admin.post('/api/users', { ...base, username: 'admin', password: 'Strong2026x' });
    expect(taken.json().code).toBe('USERNAME_TAKEN');
    const noEnt = await admin.post('/api/users', {
      ...base,
      role: 'customer_user',
      username: 'cust_noent',
      password: 'Strong2026x',
    });
    expect(noEnt.statusCode).toBe(400);
    expect(noEnt.json().details[0].field).toBe('body.customerId');
    const count = await s.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', 'in', ['weak_pw', 'cust_noent'])
      .execute();
    expect(count).toHaveLength(0);
  });

  it('disabling a user ends its sessions; resetting a password notifies by SMS', async () => {
    const admin = await s.as('admin');
    const agent = await s.as('agent01');
    const u = (await admin.get('/api/users?q=agent01')).json().items[0];
    const res = await admin.patch(`/api/users/${u.id}`, { version: u.version, status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
    const relogin = await s.anon.post('/api/auth/login', { username: 'agent01', password: 'Paidan@2026' });
    expect(relogin.json().code).toBe('ACCOUNT_DISABLED');
    const reset = await admin.post(`/api/users/${u.id}/reset-password`, { password: 'NewPass2026' });
    expect(reset.statusCode).toBe(200);
    const sms = await s.ctx.db.selectFrom('jobs').select('payload').where('type', '=', 'sms.send').execute();
    expect(sms.some((j) => (j.payload as { template: string }).template === 'password_reset')).toBe(true);
  });

  it('an admin cannot disable itself', async () => {
    const admin = await s.as('admin');
    const me = (await admin.get('/api/me')).json();
    const u = (await admin.get(`/api/users/${me.id}`)).json();
    const res = await admin.patch(`/api/users/${me.id}`, { version: u.version, status: 'disabled' });
    expect(res.statusCode).toBe(403);
  });

  it('filters by role and org subtree', async () => {
    const admin = await s.as('admin');
    const res = (await admin.get(`/api/users?role=technician&orgId=${await orgId('SH-PD')}&pageSize=100`)).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items.every((u: { role: string }) => u.role === 'technician')).toBe(true);
  });
});
