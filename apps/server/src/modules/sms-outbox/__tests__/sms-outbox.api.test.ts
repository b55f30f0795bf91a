import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { runDueJobs } from '../../../platform/jobs/job-runner';
import { enqueueSms } from '../../../platform/sms/enqueue-sms';

let s: TestServer;
let admin: Client;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
  // a sign-in code through the real flow, plus a few messages of other kinds
  expect((await s.anon.post('/api/auth/sms-code', { phone: '13916000002' })).statusCode).toBe(200);
  await enqueueSms(s.ctx.db, { phone: '13700001111', template: 'password_reset' });
  await enqueueSms(s.ctx.db, { phone: '13700002222', template: 'account_locked', params: { minutes: 15 } });
  await runDueJobs(s.ctx, { types: ['sms.send'] });
  await s.ctx.db
    .insertInto('sms_messages')
    .values({
      message_key: 'gw-failed-1',
      phone: '13700003333',
      template: 'password_reset',
      params: '{}',
      body: '【政企派单】密码已重置，如有疑问请致电 13700009999',
      adapter: 'http',
      status: 'failed',
      error: 'HTTP 500',
    })
    .execute();
  await s.ctx.db
    .insertInto('sms_messages')
    .values({
      message_key: 'in-1',
      direction: 'in',
      phone: '13700001111',
      template: 'reply',
      params: '{}',
      body: 'TD',
      adapter: 'http',
      status: 'received',
    })
    .execute();
});
afterAll(async () => {
  await s?.close();
});

interface Item {
  id: number;
  direction: string;
  phoneMasked: string;
  template: string;
  body: string;
  status: string;
  adapter: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

describe('短信发件箱', () => {
  it('lists every SMS newest first with masked numbers', async () => {
    const res = await admin.get('/api/sms-outbox');
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: Item[]; total: number; page: number; pageSize: number };
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.page).toBe(1);
    const times = page.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    for (const i of page.items) expect(i.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/); // no full number anywhere, bodies included

    const code = page.items.find((i) => i.template === 'login_code');
    expect(code).toMatchObject({
      direction: 'out',
      phoneMasked: '139****0002',
      status: 'stored',
      adapter: 'outbox',
      error: null,
    });
    expect(code!.body).toMatch(/验证码为 \d{6}/);
    expect(code!.sentAt).toBeTruthy();
  });

  it('filters by full number though it shows it masked', async () => {
    const res = await admin.get('/api/sms-outbox?phone=13700001111');
    const items = res.json().items as Item[];
    expect(items.length).toBe(2);
    expect(new Set(items.map((i) => i.phoneMasked))).toEqual(new Set(['137****1111']));
    expect((await admin.get('/api/sms-outbox?phone=137%200000%202222')).json().items).toHaveLength(1);
    expect((await admin.get('/api/sms-outbox?phone=%2B8613700002222')).json().items).toHaveLength(1);
    expect((await admin.get('/api/sms-outbox?phone=3333')).json().items.map((i: Item) => i.phoneMasked)).toEqual([
      '137****3333',
    ]);
    expect((await admin.get('/api/sms-outbox?phone=13700004444')).json().total).toBe(0);
  });

  it('filters by status, direction and text', async () => {
    const failed = (await admin.get('/api/sms-outbox?status=failed')).json().items as Item[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', error: 'HTTP 500', adapter: 'http' });
    expect(failed[0]!.body).toContain('137****9999');
    const incoming = (await admin.get('/api/sms-outbox?direction=in')).json().items as Item[];
    expect(incoming.map((i) => i.template)).toEqual(['reply']);
    const locked = (await admin.get(`/api/sms-outbox?q=${encodeURIComponent('锁定')}`)).json().items as Item[];
    expect(locked.map((i) => i.template)).toEqual(['account_locked']);
    expect((await admin.get('/api/sms-outbox?q=password_reset&status=stored')).json().total).toBe(1);
    expect((await admin.get('/api/sms-outbox?page=2&pageSize=2')).json()).toMatchObject({ page: 2, pageSize: 2 });
  });

  it('rejects bad filters', async () => {
    expect((await admin.get('/api/sms-outbox?status=lost')).statusCode).toBe(400);
    expect((await admin.get('/api/sms-outbox?phone=abc')).statusCode).toBe(400);
    expect((await admin.get('/api/sms-outbox?pageSize=1000')).statusCode).toBe(400);
  });

  it('is for administrators only', async () => {
    expect((await s.anon.get('/api/sms-outbox')).statusCode).toBe(401);
    for (const u of ['sup_city', 'disp_pd', 'cust_admin']) {
      const res = await (await s.as(u)).get('/api/sms-outbox');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });
});
