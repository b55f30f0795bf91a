import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode } from '../../../platform/ocr/ocr-test-images';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { apiClientService } from '../../tmf621/api-client';

const BASE = '/tmf-api/customerManagement/v4/customer';
let s: TestServer;
let crm: string;
let reader: string;
let xuhui: string;
let demoId: number;

const call = (key: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({
    method,
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

beforeAll(async () => {
  s = await startTestServer();
  const demo = await s.ctx.db
    .selectFrom('customers')
    .select('id')
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  demoId = demo.id;
  const xh = await s.ctx.db.selectFrom('orgs').select('id').where('code', '=', 'SH-SN-XH').executeTakeFirstOrThrow();
  const clients = apiClientService(s.ctx);
  crm = (await clients.create({ name: 'CRM', defaultCustomerId: demo.id })).key;
  reader = (await clients.create({ name: '报表', role: 'readonly' })).key;
  xuhui = (await clients.create({ name: '徐汇', orgId: xh.id })).key;
});
afterAll(async () => {
  await s?.close();
});

describe('TMF629 Customer', () => {
  it('lists customers with certification as status and the credit code as the engaged Organization', async () => {
    const res = await call(crm, 'GET', `${BASE}?limit=5`);
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['x-total-count'])).toBeGreaterThan(100);
    const items = res.json();
    expect(items).toHaveLength(5);
    const demo = (await call(crm, 'GET', `${BASE}/${demoId}`)).json();
    expect(demo).toMatchObject({ id: String(demoId), '@type': 'Customer', status: 'Approved' });
    expect(demo.engagedParty['@referredType']).toBe('Organization');
    expect(demo.engagedParty.id).toMatch(/^[0-9A-Z]{18}$/);
    const byCode = (await call(crm, 'GET', `${BASE}?engagedParty.id=${demo.engagedParty.id}`)).json();
    expect(byCode.map((c: { id: string }) => c.id)).toEqual([String(demoId)]);
    const fields = (await call(crm, 'GET', `${BASE}/${demoId}?fields=name`)).json();
    expect(Object.keys(fields).sort()).toEqual(['@type', 'href', 'id', 'name']);
  });

  it('creates a customer; a credit code on file is never duplicated; a wrong check character is refused', async () => {
    const code = creditCode('91310115MA1TMF629');
    const created = await call(crm, 'POST', BASE, {
      name: '上海接口创建科技有限公司',
      engagedParty: { id: code, '@referredType': 'Organization' },
      characteristic: [{ name: 'industry', value: '信息技术' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(created.json().href);
    expect(created.json()).toMatchObject({ name: '上海接口创建科技有限公司', status: 'Initialized' });
    const dup = await call(crm, 'POST', BASE, { name: '另一个名字有限公司', engagedParty: { id: code } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CUSTOMER_EXISTS', status: '409' });
    const n = await s.ctx.db.selectFrom('customers').select('id').where('credit_code', '=', code).execute();
    expect(n).toHaveLength(1);
    const bad = await call(crm, 'POST', BASE, {
      name: '上海校验位错误有限公司',
      engagedParty: { id: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_CREDIT_CODE');
    expect((await call(crm, 'POST', BASE, { engagedParty: { id: code } })).statusCode).toBe(400);
  });

  it('patches the name; other attributes are not patchable; customers are not deleted', async () => {
    const ok = await call(crm, 'PATCH', `${BASE}/${demoId}`, { name: '上海浦江智造科技股份有限公司' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('上海浦江智造科技股份有限公司');
    const no = await call(crm, 'PATCH', `${BASE}/${demoId}`, { engagedParty: { id: '91110000100005220B' } });
    expect(no.statusCode).toBe(400);
    expect((await call(crm, 'DELETE', `${BASE}/${demoId}`)).statusCode).toBe(405);
    await call(crm, 'PATCH', `${BASE}/${demoId}`, { name: '上海浦江智造科技有限公司' });
  });

  it('keys, roles and scope: no key → 401, a read-only key cannot write, an org-bound key sees only its subtree', async () => {
    expect((await call('pd_not_a_real_key_at_all_000000', 'GET', BASE)).statusCode).toBe(401);
    expect((await call(null, 'GET', BASE)).statusCode).toBe(401);
    expect((await call(reader, 'GET', `${BASE}?limit=1`)).statusCode).toBe(200);
    expect((await call(reader, 'PATCH', `${BASE}/${demoId}`, { name: '随便改个名字公司' })).statusCode).toBe(403);
    const xh = (await call(xuhui, 'GET', `${BASE}?limit=1000`)).json() as { id: string }[];
    expect(xh.length).toBeGreaterThan(0);
    expect(xh.some((c) => c.id === String(demoId))).toBe(false);
    expect((await call(xuhui, 'GET', `${BASE}/${demoId}`)).statusCode).toBe(404);
    expect((await call(crm, 'GET', `${BASE}/c2df1950-c17c-4576`)).statusCode).toBe(404);
  });
});
