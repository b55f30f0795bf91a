import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

let s: TestServer;
let admin: Client;
let customer: Client;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
  customer = await s.as('cust_user');
});
afterAll(async () => {
  await s?.close();
});

describe('agreement templates', () => {
  it('serves the published defaults to any signed-in user, in the order asked', async () => {
    const res = await customer.get('/api/agreements/current?codes=security,marketing');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { code: string; version: number; status: string; body: string }[];
    expect(list.map((a) => a.code)).toEqual(['security', 'marketing']);
    expect(list.every((a) => a.status === 'published' && a.version === 1)).toBe(true);
    expect(list[0]!.body).toContain('网络安全法');
    expect((await s.anon.get('/api/agreements/current?codes=marketing')).statusCode).toBe(401);
    const none = await customer.get('/api/agreements/current?codes=marketing,no_such_code');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('AGREEMENT_NONE_PUBLISHED');
  });

  it('a new version is a draft until published; publishing retires the previous one; published text never changes', async () => {
    const draft = await admin.post('/api/agreements', {
      code: 'marketing',
      title: '营销活动协议（2027 版）',
      body: '# 营销活动协议\n\n甲方：{{customerName}}\n\n一、优惠以订单所列资费为准，期限自起租日起计算。',
      usage: 'acceptance',
    });
    expect(draft.statusCode).toBe(200);
    const d = draft.json();
    expect(d).toMatchObject({ version: 2, status: 'draft', createdBy: expect.any(String) });
    // customers never see drafts, and the current version is still 1
    expect((await customer.get(`/api/agreements/${d.id}`)).statusCode).toBe(404);
    expect((await customer.get('/api/agreements/current?codes=marketing')).json()[0].version).toBe(1);

    const stale = await admin.patch(`/api/agreements/${d.id}`, { lock: d.lock + 5, title: '营销活动协议（改）' });
    expect(stale.statusCode).toBe(409);
    const edited = await admin.patch(`/api/agreements/${d.id}`, { lock: d.lock, title: '营销活动协议（2027 修订版）' });
    expect(edited.json().title).toBe('营销活动协议（2027 修订版）');

    const pub = await admin.post(`/api/agreements/${d.id}/publish`);
    expect(pub.json()).toMatchObject({ status: 'published', version: 2 });
    const cur = (await customer.get('/api/agreements/current?codes=marketing')).json()[0];
    expect(cur).toMatchObject({ id: d.id, version: 2 });
    const v1 = (await admin.get('/api/agreements?code=marketing'))
      .json()
      .items.find((a: { version: number }) => a.version === 1);
    expect(v1.status).toBe('retired');
    // the retired version stays readable: an order records the version it accepted
    expect((await customer.get(`/api/agreements/${v1.id}`)).json().status).toBe('retired');

    const change = await admin.patch(`/api/agreements/${d.id}`, { lock: pub.json().lock, title: '偷偷改' });
    expect(change.json().code).toBe('AGREEMENT_NOT_DRAFT');
    expect((await admin.delete(`/api/agreements/${d.id}`)).json().code).toBe('AGREEMENT_NOT_DRAFT');

    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'agreement_template')
      .where('entity_id', '=', String(d.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['agreement.created', 'agreement.updated', 'agreement.published']);
  });

  it('refuses bad input with field errors and keeps the usage of a code fixed', async () => {
    const bad = await admin.post('/api/agreements', { code: 'Bad Code', title: 'x', body: '短', usage: 'acceptance' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const usage = await admin.post('/api/agreements', {
      code: 'security',
      title: '网络与信息安全责任书',
      body: '这是一段足够长的正文，用来测试同一编码的用途不能改变。',
      usage: 'signature',
    });
    expect(usage.json().code).toBe('AGREEMENT_USAGE_FIXED');
  });

  it('deletes a draft, and retiring the only published version leaves nothing current', async () => {
    const d = (
      await admin.post('/api/agreements', {
        code: 'test_notice',
        title: '测试告知书',
        body: '这是一份只用于测试删除和停用的告知书正文。',
        usage: 'download',
      })
    ).json();
    expect(d.version).toBe(1);
    expect((await admin.delete(`/api/agreements/${d.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/agreements/${d.id}`)).statusCode).toBe(404);

    const poa = (await customer.get('/api/agreements/current?codes=power_of_attorney')).json()[0];
    expect((await admin.post(`/api/agreements/${poa.id}/retire`)).json().status).toBe('retired');
    expect((await customer.get('/api/agreements/current?codes=power_of_attorney')).statusCode).toBe(404);
  });
});
