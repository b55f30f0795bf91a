import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@paidan/shared';
import { startTestServer, type TestServer } from '../../../../test/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const validCode = (body17: string) => body17 + creditCodeCheckChar(body17);

async function districtId(code: string) {
  return (await s.ctx.db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

describe('customers', () => {
  it('an admin creates a customer with contacts; phones come back masked; the audit has it', async () => {
    const admin = await s.as('admin');
    const res = await admin.post('/api/customers', {
      name: '上海临港海洋装备有限公司',
      creditCode: validCode('91310115MA1K4ABC1'),
      level: 'local_b',
      industry: '制造业',
      districtOrgId: await districtId('SH-PD-LG'),
      address: '上海市浦东新区环湖西二路 888 号',
      contacts: [{ name: '李海', phone: '13812341234', title: '行政经理', isPrimary: true }],
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.contacts[0].phoneMasked).toBe('138****1234');
    expect(JSON.stringify(c)).not.toContain('13812341234');
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'customer')
      .where('entity_id', '=', String(c.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.created']);
  });

  it('rejects a credit code with a wrong check character and saves nothing', async () => {
    const admin = await s.as('admin');
    const good = validCode('91310104MA1FL2XY3');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await s.ctx.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.post('/api/customers', {
      name: '上海校验位错误有限公司',
      creditCode: bad,
      level: 'local_c',
      industry: '商贸零售',
      districtOrgId: await districtId('SH-SN-XH'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.creditCode');
    expect(res.json().details[0].message).toMatch(/统一社会信用代码/);
    const after = await s.ctx.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a duplicate credit code and a non-district org', async () => {
    const admin = await s.as('admin');
    const existing = await s.ctx.db.selectFrom('customers').select('credit_code').limit(1).executeTakeFirstOrThrow();
    const dup = await admin.post('/api/customers', {
      name: '上海重复代码有限公司',
      creditCode: existing.credit_code,
      level: 'local_c',
      industry: '商贸零售',
      districtOrgId: await districtId('SH-SN-XH'),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('CREDIT_CODE_TAKEN');
    const notDistrict = await admin.post('/api/customers', {
      name: '上海层级错误有限公司',
      creditCode: validCode('91310104MA1FL9QQ2'),
      level: 'local_c',
      industry: '商贸零售',
      districtOrgId: await districtId('SH-SN'),
    });
    expect(notDistrict.statusCode).toBe(400);
  });

  it('detects a concurrent edit with the version (409), never overwriting', async () => {
    const admin = await s.as('admin');
    const list = (await admin.get('/api/customers?q=浦江智造')).json();
    const c = list.items[0];
    const first = await admin.patch(`/api/customers/${c.id}`, {
      version: c.version,
      address: '上海市浦东新区张江路 1 号',
    });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/customers/${c.id}`, {
      version: c.version,
      address: '上海市浦东新区张江路 2 号',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await admin.get(`/api/customers/${c.id}`)).json().address).toBe('上海市浦东新区张江路 1 号');
  });

  it('an account manager creates customers only as their own, in their own district', async () => {
    const am = await s.as('am_pd01');
    const me = (await am.get('/api/me')).json();
    const ok = await am.post('/api/customers', {
      name: '上海张江芯片设计有限公司',
      creditCode: validCode('91310115MA1HQ7PX5'),
      level: 'local_c',
      industry: '信息技术',
      districtOrgId: await districtId('SH-PD-ZJ'),
      accountManagerId: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().accountManagerId).toBe(me.id);
    const elsewhere = await am.post('/api/customers', {
      name: '上海徐汇越界客户有限公司',
      creditCode: validCode('91310104MA1HQ7PX6'),
      level: 'local_c',
      industry: '信息技术',
      districtOrgId: await districtId('SH-SN-XH'),
    });
    expect(elsewhere.statusCode).toBe(403);
  });

  it('searches and pages', async () => {
    const admin = await s.as('admin');
    const p1 = (await admin.get('/api/customers?page=1&pageSize=10')).json();
    const p2 = (await admin.get('/api/customers?page=2&pageSize=10')).json();
    expect(p1.total).toBeGreaterThanOrEqual(200);
    expect(p1.items).toHaveLength(10);
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    const group = (await admin.get('/api/customers?level=group&pageSize=100')).json();
    expect(group.items.length).toBeGreaterThan(0);
    expect(group.items.every((i: { level: string }) => i.level === 'group')).toBe(true);
    const bad = await admin.get('/api/customers?pageSize=5000');
    expect(bad.statusCode).toBe(400);
    const wrongType = await admin.get('/api/customers/abc');
    expect(wrongType.statusCode).toBe(400);
  });
});
