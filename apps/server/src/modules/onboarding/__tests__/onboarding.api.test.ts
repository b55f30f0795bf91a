import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode } from '../../../platform/ocr/ocr-test-images';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { districtId, lastSms, newPhone, signUp, smsTo, unclaimedEnterprise } from './onboarding-test-kit';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const countCustomers = async (code?: string) => {
  let q = s.ctx.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n'));
  if (code) q = q.where('credit_code', '=', code);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('sign-up with a mobile number and an SMS code', () => {
  it('creates an account without an enterprise and signs it in', async () => {
    const phone = newPhone();
    const anon = s.anon;
    expect((await anon.post('/api/onboarding/sms-code', { phone: '12345' })).statusCode).toBe(400);
    expect((await anon.post('/api/onboarding/sms-code', { phone })).statusCode).toBe(200);
    const sms = await lastSms(s, phone, 'signup_code');
    expect(sms.body).toContain(String(sms.params.code));
    // wrong code: refused, no account
    const wrong = await anon.post('/api/onboarding/signup', { phone, code: '000000', name: '李四' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('SMS_CODE_INVALID');
    const bad = await anon.post('/api/onboarding/signup', { phone, code: String(sms.params.code), name: '' });
    expect(bad.statusCode).toBe(400);
    const ok = await anon.post('/api/onboarding/signup', { phone, code: String(sms.params.code), name: '李四' });
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toContain('paidan_sid=');
    // the code is spent
    const again = await anon.post('/api/onboarding/signup', { phone, code: String(sms.params.code), name: '李四' });
    expect(again.statusCode).toBe(401);
  });

  it('a registered number gets a sign-in hint by SMS instead of a code, and the same answer', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/onboarding/sms-code',
      payload: { phone: '13916000002' },
      remoteAddress: '10.1.1.1',
    });
    expect(res.statusCode).toBe(200);
    const msgs = await smsTo(s, '13916000002');
    expect(msgs.at(-1)!.template).toBe('signup_existing');
  });

  it('a new account sees no enterprise data and is led to create or join one', async () => {
    const c = await signUp(s, newPhone(), '王五');
    const me = (await c.get('/api/me')).json();
    expect(me.role).toBe('customer_user');
    expect(me.customerId).toBeNull();
    const st = (await c.get('/api/onboarding/state')).json();
    expect(st.stage).toBe('none');
    expect(st.districts.length).toBeGreaterThan(10);
    expect((await c.get('/api/customers')).json().total).toBe(0);
    expect((await c.get('/api/tickets')).json().total ?? 0).toBe(0);
    expect((await c.get('/api/enterprise/members')).statusCode).toBe(403);
  });
});

describe('creating an enterprise', () => {
  let c: Client;
  beforeAll(async () => {
    c = await signUp(s, newPhone(), '赵六');
  });

  it('refuses a credit code whose check character is wrong, and saves nothing', async () => {
    const before = await countCustomers();
    const good = creditCode('91310115MA1K8TQ2X');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await c.post('/api/onboarding/enterprise', {
      name: '上海测试科技有限公司',
      creditCode: wrongCheck,
      districtOrgId: await districtId(s),
      industry: '信息技术',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain('校验位');
    expect(await countCustomers()).toBe(before);
  });

  it('creates a new enterprise the applicant will certify', async () => {
    const code = creditCode('91310115MA1K8TQ2X');
    const res = await c.post('/api/onboarding/enterprise', {
      name: '上海测试科技有限公司',
      creditCode: code,
      districtOrgId: await districtId(s),
      industry: '信息技术',
    });
    expect(res.statusCode).toBe(200);
    const st = res.json();
    expect(st.stage).toBe('applying');
    expect(st.matchedExisting).toBe(false);
    expect(st.enterprise).toMatchObject({
      name: '上海测试科技有限公司',
      creditCode: code,
      certificationStatus: 'none',
    });
    // still no enterprise on the account until it is certified
    expect((await c.get('/api/me')).json().customerId).toBeNull();
  });

  it('matches an enterprise staff imported by its credit code, never duplicating it, and shows none of its data', async () => {
    const ent = await unclaimedEnterprise(s);
    const other = await signUp(s, newPhone(), '钱七');
    const res = await other.post('/api/onboarding/enterprise', {
      name: '随便写的名字有限公司',
      creditCode: ent.credit_code.toLowerCase(),
      districtOrgId: await districtId(s),
      industry: '制造业',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().matchedExisting).toBe(true);
    expect(res.json().enterprise.name).toBe(ent.name);
    expect(await countCustomers(ent.credit_code)).toBe(1);
    expect((await other.get(`/api/customers/${ent.id}`)).statusCode).toBe(404);
  });

  it('an enterprise that has an administrator is joined by invitation only', async () => {
    const demo = await s.ctx.db
      .selectFrom('customers')
      .select('credit_code')
      .where('name', '=', '上海浦江智造科技有限公司')
      .executeTakeFirstOrThrow();
    const other = await signUp(s, newPhone(), '孙八');
    const res = await other.post('/api/onboarding/enterprise', {
      name: '上海浦江智造科技有限公司',
      creditCode: demo.credit_code,
      districtOrgId: await districtId(s),
      industry: '制造业',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ENTERPRISE_HAS_ADMIN');
    expect((await other.get('/api/onboarding/state')).json().stage).toBe('none');
  });

  it('staff cannot use the portal onboarding endpoints', async () => {
    const am = await s.as('am_pd01');
    expect((await am.get('/api/onboarding/state')).statusCode).toBe(403);
    expect((await s.anon.get('/api/onboarding/state')).statusCode).toBe(401);
  });
});

describe('members of an enterprise, managed by its customer_admin', () => {
  let admin: Client;
  let phone: string;
  let memberId: number;
  beforeAll(async () => {
    admin = await s.as('cust_admin');
    phone = newPhone();
  });

  it('invites a colleague by phone; they sign up and accept', async () => {
    const inv = await admin.post('/api/enterprise/invitations', { phone, name: '周九', role: 'customer_user' });
    expect(inv.statusCode).toBe(200);
    expect(inv.json().phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const sms = await lastSms(s, phone, 'enterprise_invitation');
    expect(sms.body).toContain('上海浦江智造科技有限公司');
    const c = await signUp(s, phone, '周九');
    const st = (await c.get('/api/onboarding/state')).json();
    expect(st.invitations).toHaveLength(1);
    expect(st.invitations[0].enterpriseName).toBe('上海浦江智造科技有限公司');
    const acc = await c.post(`/api/onboarding/invitations/${st.invitations[0].id}/accept`);
    expect(acc.statusCode).toBe(200);
    expect(acc.json().stage).toBe('member');
    const me = (await c.get('/api/me')).json();
    expect(me.role).toBe('customer_user');
    expect(me.customerName).toBe('上海浦江智造科技有限公司');
    const list = (await admin.get(`/api/enterprise/members?q=周九`)).json();
    expect(list.total).toBe(1);
    memberId = list.items[0].id;
    // an invitation is used once
    expect((await c.post(`/api/onboarding/invitations/${st.invitations[0].id}/accept`)).statusCode).toBe(404);
  });

  it('refuses to invite an existing member or another enterprise’s user', async () => {
    const dup = await admin.post('/api/enterprise/invitations', { phone, name: '周九', role: 'customer_user' });
    expect(dup.json().code).toBe('INVITATION_ALREADY_MEMBER');
    const staffPhone = await s.ctx.db
      .selectFrom('users')
      .select('phone')
      .where('username', '=', 'am_pd01')
      .executeTakeFirstOrThrow();
    const taken = await admin.post('/api/enterprise/invitations', {
      phone: staffPhone.phone,
      name: '某人',
      role: 'customer_user',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('sets roles and disables colleagues; a disabled colleague is signed out', async () => {
    const cur = (await admin.get(`/api/enterprise/members?q=周九`)).json().items[0];
    const promoted = await admin.patch(`/api/enterprise/members/${memberId}`, {
      role: 'customer_admin',
      version: cur.version,
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().role).toBe('customer_admin');
    // a stale version is refused
    const stale = await admin.patch(`/api/enterprise/members/${memberId}`, {
      status: 'disabled',
      version: cur.version,
    });
    expect(stale.statusCode).toBe(409);
    const disabled = await admin.patch(`/api/enterprise/members/${memberId}`, {
      status: 'disabled',
      version: promoted.json().version,
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await lastSms(s, phone, 'enterprise_member_disabled')).body).toContain('停用');
    const sessions = await s.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', memberId).execute();
    expect(sessions).toHaveLength(0);
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', String(memberId))
      .where('action', '=', 'enterprise.member_updated')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('the last administrator cannot be disabled or demoted, nor can an admin demote themself', async () => {
    const me = (await admin.get('/api/me')).json();
    const self = (await admin.get(`/api/enterprise/members?role=customer_admin&status=active`))
      .json()
      .items.find((m: { id: number }) => m.id === me.id);
    const res = await admin.patch(`/api/enterprise/members/${me.id}`, { role: 'customer_user', version: self.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MEMBER_SELF');
  });

  it('a customer user cannot manage members; another enterprise’s members are invisible', async () => {
    const user = await s.as('cust_user');
    expect((await user.get('/api/enterprise/members')).statusCode).toBe(403);
    expect(
      (await user.post('/api/enterprise/invitations', { phone: newPhone(), name: '某某', role: 'customer_user' }))
        .statusCode,
    ).toBe(403);
    // every listed member belongs to the admin's own enterprise
    const list = (await admin.get('/api/enterprise/members?pageSize=200')).json();
    const ids = list.items.map((m: { id: number }) => m.id);
    const rows = await s.ctx.db.selectFrom('users').select(['id', 'customer_id']).where('id', 'in', ids).execute();
    const own = (await admin.get('/api/me')).json().customerId;
    expect(rows.every((r) => r.customer_id === own)).toBe(true);
    // a member of another enterprise cannot be changed from here
    const otherUser = await s.ctx.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('customer_id', 'is not', null)
      .where('customer_id', '!=', own)
      .executeTakeFirst();
    if (otherUser) {
      const r = await admin.patch(`/api/enterprise/members/${otherUser.id}`, {
        status: 'disabled',
        version: otherUser.version,
      });
      expect(r.statusCode).toBe(404);
    }
  });
});
