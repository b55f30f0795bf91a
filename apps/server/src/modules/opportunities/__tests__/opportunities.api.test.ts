import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { withTx } from '../../../platform/db/database';
import { orderStatusChanged, type OrderRef } from '../../../contracts/orders';
import { createWebhookSubscription } from '../../../platform/webhooks/webhook.service';
import { apiClientService } from '../../tmf621/api-client';
import { expireClaims } from '../opportunity.jobs';

let s: TestServer;
let agent: Client;
let agent2: Client;
let am: Client;
let supPd: Client;
let demoCustomer: { id: number; name: string };

async function latestCodeFor(phone: string): Promise<string> {
  const jobs = await s.ctx.db
    .selectFrom('jobs')
    .select('payload')
    .where('type', '=', 'sms.send')
    .orderBy('id', 'desc')
    .execute();
  const p = jobs.map((j) => j.payload as { phone: string; params: { code?: string } }).find((x) => x.phone === phone);
  if (!p?.params.code) throw new Error('no code sent');
  return p.params.code;
}

async function createInPool(c: Client, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/opportunities', {
    source: 'hotline',
    customerName: `上海测试${Math.random().toString(36).slice(2, 8)}有限公司`,
    contactName: '张先生',
    contactPhone: '13912345678',
    productCode: 'BIZ_BB',
    need: '新开 500M 商务宽带',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; number: string; status: string; merged: boolean };
}

const detail = async (c: Client, id: number) => (await c.get(`/api/opportunities/${id}`)).json();

beforeAll(async () => {
  s = await startTestServer();
  const other = await s.ctx.db
    .selectFrom('users')
    .select('username')
    .where('role', '=', 'hotline_agent')
    .where('username', '!=', 'agent01')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  [agent, agent2, am, supPd] = await Promise.all([
    s.as('agent01'),
    s.as(other.username),
    s.as('am_pd01'),
    s.as('sup_pd'),
  ]);
  demoCustomer = await s.ctx.db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
}, 120_000);
afterAll(async () => s?.close());

describe('public 留资 page', () => {
  it('needs the SMS code, then puts the lead in the pool', async () => {
    const phone = '13816000001';
    const sent = await s.anon.post('/api/public/leads/code', { phone });
    expect(sent.statusCode, sent.body).toBe(200);
    const again = await s.anon.post('/api/public/leads/code', { phone });
    expect(again.statusCode).toBe(429);
    const code = await latestCodeFor(phone);
    const lead = {
      phone,
      customerName: '上海留资测试科技有限公司',
      contactName: '李女士',
      productCode: 'CLOUD_PC',
      need: '20 台云电脑',
    };
    const wrong = await s.anon.post('/api/public/leads', { ...lead, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('OPPORTUNITY_LEAD_CODE_INVALID');
    const ok = await s.anon.post('/api/public/leads', { ...lead, code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('pool');
    // the code is spent
    expect((await s.anon.post('/api/public/leads', { ...lead, code })).statusCode).toBe(400);
    const pool = (await agent.get('/api/opportunities?view=pool&pageSize=100')).json();
    const item = pool.items.find((i: { id: number }) => i.id === ok.json().id);
    expect(item.source).toBe('lead_page');
    expect(item.contactPhone).toBe('138****0001');
  });

  it('rejects a bad phone and an unknown product with field errors', async () => {
    const res = await s.anon.post('/api/public/leads', {
      phone: '12345',
      code: '123456',
      customerName: '上海某公司',
      contactName: '王',
      productCode: 'NOPE',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('claim pool', () => {
  it('lets exactly one agent claim; the late one hears 已被认领 and then cannot see or act on it', async () => {
    const o = await createInPool(agent2);
    const [a, b] = await Promise.all([
      agent.post(`/api/opportunities/${o.id}/claim`),
      agent2.post(`/api/opportunities/${o.id}/claim`),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('OPPORTUNITY_ALREADY_CLAIMED');
    expect(loser.json().message).toBe('已被认领');
    const winnerClient = a.statusCode === 200 ? agent : agent2;
    const loserClient = a.statusCode === 200 ? agent2 : agent;
    expect((await loserClient.get(`/api/opportunities/${o.id}`)).statusCode).toBe(404);
    const call = await loserClient.post(`/api/opportunities/${o.id}/calls`, { result: 'connected', version: 2 });
    expect(call.statusCode).toBe(404);
    const pool = (await loserClient.get('/api/opportunities?view=pool&pageSize=200')).json();
    expect(pool.items.some((i: { id: number }) => i.id === o.id)).toBe(false);
    const d = await detail(winnerClient, o.id);
    expect(d.status).toBe('claimed');
    expect(d.contactPhone).toBe('13912345678');
    expect(d.actions).toEqual(expect.arrayContaining(['call', 'mark_valid', 'mark_invalid', 'dispatch']));
  });

  it('keeps agents to their product groups', async () => {
    const me = await s.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', agent2.username!)
      .executeTakeFirstOrThrow();
    await s.ctx.db
      .insertInto('opportunity_agent_scopes')
      .values({ user_id: me.id, product_groups: ['cloud'] })
      .execute();
    const o = await createInPool(agent, { productCode: 'LINE_MSTP' });
    const pool = (await agent2.get('/api/opportunities?view=pool&pageSize=200')).json();
    expect(pool.items.some((i: { id: number }) => i.id === o.id)).toBe(false);
    const claim = await agent2.post(`/api/opportunities/${o.id}/claim`);
    expect(claim.statusCode).toBe(403);
    expect(claim.json().code).toBe('OPPORTUNITY_NOT_ENTITLED');
    await s.ctx.db.deleteFrom('opportunity_agent_scopes').where('user_id', '=', me.id).execute();
  });

  it('returns an unworked claim to the pool when it times out', async () => {
    const o = await createInPool(agent);
    await agent.post(`/api/opportunities/${o.id}/claim`);
    expect(await expireClaims(s.ctx, new Date(Date.now() + 10 * 60_000))).toBe(0);
    expect(await expireClaims(s.ctx, new Date(Date.now() + 31 * 60_000))).toBeGreaterThanOrEqual(1);
    const d = await detail(agent2, o.id);
    expect(d.status).toBe('pool');
    expect(d.events.map((e: { action: string }) => e.action)).toContain('claim_expired');
    // a worked claim stays
    await agent2.post(`/api/opportunities/${o.id}/claim`);
    const v = (await detail(agent2, o.id)).version;
    expect(
      (await agent2.post(`/api/opportunities/${o.id}/calls`, { result: 'no_answer', version: v })).statusCode,
    ).toBe(200);
    await expireClaims(s.ctx, new Date(Date.now() + 120 * 60_000));
    expect((await detail(agent2, o.id)).status).toBe('claimed');
  });

  it('refuses roles that do not work opportunities', async () => {
    const cust = await s.as('cust_user');
    expect((await cust.get('/api/opportunities')).statusCode).toBe(403);
    const tech = await s.as('tech_pd01');
    expect((await tech.get('/api/opportunities')).statusCode).toBe(403);
    const o = await createInPool(agent);
    expect((await am.post(`/api/opportunities/${o.id}/claim`)).statusCode).toBe(403);
    expect((await s.anon.get('/api/opportunities')).statusCode).toBe(401);
  });

  it('merges a second intake of the same enterprise and product', async () => {
    const first = await createInPool(agent, { customerName: '上海合并测试有限公司' });
    const second = await createInPool(agent2, { customerName: '上海合并测试有限公司', contactName: '赵' });
    expect(second.merged).toBe(true);
    expect(second.id).toBe(first.id);
    const d = await detail(agent, first.id);
    expect(d.mergedCount).toBe(1);
    expect(d.events.map((e: { action: string }) => e.action)).toContain('merged');
  });
});

describe('hotline processing and order status flowing back', () => {
  it('calls, marks valid with a pre-acceptance number, links the order and pushes every status change', async () => {
    await createWebhookSubscription(s.ctx.db, {
      name: '集团OAO回传',
      url: 'https://oao.example.com/hook',
      events: ['opportunity.order_status', 'opportunity.status'],
    });
    const key = `pd_${'k'.repeat(40)}`;
    const client = await apiClientService(s.ctx).create({ name: '集团OAO', key });
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/intake/opportunities',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'oao-000001' },
      payload: {
        externalId: 'OAO-2026-0001',
        customerName: demoCustomer.name,
        contactName: '王经理',
        contactPhone: '13916000009',
        productCode: 'LINE_IPRAN',
        need: '总部 200M 互联网专线',
        expectedRevenue: 36000,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    expect(client.id).toBeGreaterThan(0);

    await agent.post(`/api/opportunities/${id}/claim`);
    let d = await detail(agent, id);
    const called = await agent.post(`/api/opportunities/${id}/calls`, {
      result: 'connected',
      note: '客户确认需求',
      version: d.version,
    });
    expect(called.statusCode, called.body).toBe(200);
    const stale = await agent.post(`/api/opportunities/${id}/valid`, { version: d.version });
    expect(stale.statusCode).toBe(409);
    d = called.json();
    const valid = await agent.post(`/api/opportunities/${id}/valid`, { version: d.version });
    expect(valid.statusCode, valid.body).toBe(200);
    const no = valid.json().preAcceptanceNo as string;
    expect(no).toMatch(/^YS\d{14}$/);
    expect(valid.json().orderUrl).toBe(
      `/orders/new?opportunity=${id}&customerId=${demoCustomer.id}&preAcceptanceNo=${no}`,
    );

    const order: OrderRef = {
      id: 9001,
      number: 'DD20261201000001',
      customerId: demoCustomer.id,
      state: 'acknowledged',
      stage: 'accepted',
      preAcceptanceNo: no,
      totalOneTimeFen: 0,
      totalMonthlyFen: 360000,
    };
    const emit = (o: OrderRef, prev: Pick<OrderRef, 'state' | 'stage'> | null, note: string) =>
      withTx(s.ctx.db, (tx) =>
        orderStatusChanged.emit(tx, {
          order: o,
          previousState: prev?.state ?? null,
          previousStage: prev?.stage ?? null,
          at: new Date(),
          note,
        }),
      );
    await emit(order, null, '订单已创建');
    await emit({ ...order, state: 'in_progress', stage: 'resourcing' }, order, '资源调配中');
    await emit(
      { ...order, state: 'in_progress', stage: 'installing' },
      { state: 'in_progress', stage: 'resourcing' },
      '已派装维',
    );

    d = await detail(agent, id);
    expect(d.status).toBe('converted');
    expect(d.orderNumber).toBe('DD20261201000001');
    expect(d.orderStage).toBe('installing');
    const actions = d.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['claimed', 'called', 'marked_valid', 'order_linked', 'order_status']),
    );
    expect(actions.filter((a: string) => a === 'order_status')).toHaveLength(2);

    const pushes = await s.ctx.db.selectFrom('jobs').select('payload').where('type', '=', 'webhook.deliver').execute();
    const orderPushes = pushes
      .map(
        (p) =>
          p.payload as { event: string; payload: { order?: { stage: string }; opportunity: { externalId: string } } },
      )
      .filter((p) => p.event === 'opportunity.order_status');
    expect(orderPushes.map((p) => p.payload.order!.stage)).toEqual(['accepted', 'resourcing', 'installing']);
    expect(orderPushes.every((p) => p.payload.opportunity.externalId === 'OAO-2026-0001')).toBe(true);
  });

  it('marks invalid only with a reason and only for the claimant', async () => {
    const o = await createInPool(agent);
    await agent.post(`/api/opportunities/${o.id}/claim`);
    const v = (await detail(agent, o.id)).version;
    expect((await agent.post(`/api/opportunities/${o.id}/invalid`, { version: v })).statusCode).toBe(400);
    const res = await agent.post(`/api/opportunities/${o.id}/invalid`, { reason: 'no_need', version: v });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('invalid');
  });

  it('links the order placed with its pre-acceptance number', async () => {
    const o = await createInPool(agent, { customerId: demoCustomer.id, customerName: undefined, productCode: 'FTTR' });
    await agent.post(`/api/opportunities/${o.id}/claim`);
    let d = await detail(agent, o.id);
    d = (await agent.post(`/api/opportunities/${o.id}/valid`, { version: d.version })).json();
    expect(d.preAcceptanceNo).toBeTruthy();

    // the agent places the order with the pre-acceptance number; the opportunity follows it from then on
    const offer = await s.ctx.db
      .selectFrom('product_offers')
      .select('id')
      .where('code', '=', 'BIZ_BB_100')
      .where('status', '=', 'published')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    const agreements = (
      (await agent.get('/api/agreements/current?codes=marketing,security')).json() as {
        code: string;
        id: number;
        version: number;
      }[]
    ).map((a) => ({ code: a.code, templateId: a.id, version: a.version }));
    const items = [{ offerId: offer.id, specs: {}, quantity: 1 }];
    const quote = (await agent.post('/api/orders/quote', { items, customerId: demoCustomer.id })).json();
    const placed = await agent.post('/api/orders', {
      items,
      customerId: demoCustomer.id,
      preAcceptanceNo: d.preAcceptanceNo,
      contactName: '郑晓东',
      contactPhone: '13916000002',
      installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
      expectedOneTimeFen: quote.totalOneTimeFen,
      expectedMonthlyFen: quote.totalMonthlyFen,
      agreements,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    const after = await detail(agent, o.id);
    expect(after.orderNumber).toBe(placed.json().number);
  });
});

describe("an order placed in the operator's own ordering system", () => {
  it('keeps a reported number this system does not know as an external reference', async () => {
    const o = await createInPool(agent, { customerId: demoCustomer.id, customerName: undefined, productCode: 'FTTR' });
    await agent.post(`/api/opportunities/${o.id}/claim`);
    let d = await detail(agent, o.id);
    d = (await agent.post(`/api/opportunities/${o.id}/valid`, { version: d.version })).json();
    const fb = await agent.post(`/api/opportunities/${o.id}/feedback`, {
      orderNumber: 'EXT-778899',
      version: d.version,
    });
    expect(fb.statusCode, fb.body).toBe(200);
    expect(fb.json().status).toBe('converted');
    expect(fb.json().orderNumber).toBe('EXT-778899');
  });
});

describe('dispatch and the account manager stages', () => {
  it('walks discovery → order with rollback, termination rules and two-level approval', async () => {
    const o = await createInPool(agent, {
      customerId: demoCustomer.id,
      customerName: undefined,
      productCode: 'SDWAN',
      expectedRevenue: 6_000_000,
      claim: true,
    });
    expect(o.status).toBe('claimed');
    let d = await detail(agent, o.id);
    const disp = await agent.post(`/api/opportunities/${o.id}/dispatch`, { version: d.version });
    expect(disp.statusCode, disp.body).toBe(200);
    d = disp.json();
    expect(d.status).toBe('dispatched');
    expect(d.accountManagerName).toBeTruthy();
    expect(d.approvalLevels).toBe(2);

    const stage = async (action: string, extra: object = {}) => {
      const cur = await detail(am, o.id);
      return am.post(`/api/opportunities/${o.id}/stage`, { action, version: cur.version, ...extra });
    };
    expect((await stage('rollback')).json().code).toBe('OPPORTUNITY_STAGE_FIRST');
    expect((await stage('advance')).json().stage).toBe('requirement_confirmed');
    expect((await stage('rollback')).json().stage).toBe('discovery');
    await stage('advance');
    expect((await stage('advance')).json().stage).toBe('solution');
    const gated = await stage('advance');
    expect(gated.statusCode).toBe(409);
    expect(gated.json().code).toBe('OPPORTUNITY_APPROVAL_REQUIRED');
    expect((await stage('terminate')).statusCode).toBe(400);

    // the agent who dispatched it cannot move the stages
    const agentTry = await agent.post(`/api/opportunities/${o.id}/stage`, { action: 'advance', version: d.version });
    expect([403, 409]).toContain(agentTry.statusCode);

    let cur = await detail(am, o.id);
    expect((await am.post(`/api/opportunities/${o.id}/approval`, { version: cur.version })).statusCode).toBe(200);
    cur = await detail(supPd, o.id);
    const l1 = await supPd.post(`/api/opportunities/${o.id}/approval/decision`, {
      approve: true,
      version: cur.version,
    });
    expect(l1.statusCode, l1.body).toBe(200);
    expect(l1.json().approvalStatus).toBe('pending');
    // the same supervisor cannot also approve the second level
    const again = await supPd.post(`/api/opportunities/${o.id}/approval/decision`, {
      approve: true,
      version: l1.json().version,
    });
    expect(again.statusCode).toBe(403);
    const city = await s.as('sup_city');
    cur = await detail(city, o.id);
    const l2 = await city.post(`/api/opportunities/${o.id}/approval/decision`, { approve: true, version: cur.version });
    expect(l2.statusCode, l2.body).toBe(200);
    expect(l2.json().approvalStatus).toBe('approved');

    expect((await stage('advance')).json().stage).toBe('contract');
    const last = await stage('advance');
    expect(last.json().stage).toBe('order');
    expect(last.json().preAcceptanceNo).toMatch(/^YS/);
    expect((await stage('advance')).json().code).toBe('OPPORTUNITY_STAGE_LAST');
    const end = await stage('terminate', { reason: '客户预算取消' });
    expect(end.json().status).toBe('terminated');
    expect((await stage('rollback')).json().code).toBe('OPPORTUNITY_STAGE_ENDED');
  });

  it('lets an account manager enter its own opportunity straight into discovery', async () => {
    const res = await am.post('/api/opportunities', {
      source: 'account_manager',
      customerId: demoCustomer.id,
      contactName: '王浦江',
      contactPhone: '13916000001',
      productCode: 'CLOUD_EYE',
      need: '园区 40 路天翼云眼',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail(am, res.json().id);
    expect(d.status).toBe('dispatched');
    expect(d.stage).toBe('discovery');
    expect((await agent.get(`/api/opportunities/${d.id}`)).statusCode).toBe(404);
  });
});

describe('group OAO intake API', () => {
  const key = `pd_${'i'.repeat(40)}`;
  const body = {
    externalId: 'OAO-IDEM-1',
    customerName: '上海幂等测试有限公司',
    contactName: '孙',
    contactPhone: '13700000001',
    productCode: 'CLOUD_MEET',
  };
  const send = (b: unknown, headers: Record<string, string>) =>
    s.app.inject({ method: 'POST', url: '/api/intake/opportunities', headers, payload: b as object });

  beforeAll(async () => {
    await apiClientService(s.ctx).create({ name: '集团OAO-幂等', key });
  });

  it('creates once per Idempotency-Key and refuses a different body under the same key', async () => {
    const h = { authorization: `Bearer ${key}`, 'idempotency-key': 'idem-key-0001' };
    const a = await send(body, h);
    expect(a.statusCode, a.body).toBe(201);
    const b = await send(body, h);
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    const n = await s.ctx.db
      .selectFrom('opportunities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('external_id', '=', 'OAO-IDEM-1')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const c = await send({ ...body, need: '改了内容' }, h);
    expect(c.statusCode).toBe(422);
    expect(c.json().code).toBe('OPPORTUNITY_IDEMPOTENCY_MISMATCH');
  });

  it('refuses callers without a key, with a bad key, without Idempotency-Key, or read-only', async () => {
    expect((await send(body, { 'idempotency-key': 'idem-key-0002' })).statusCode).toBe(401);
    expect(
      (await send(body, { authorization: 'Bearer pd_wrongwrongwrongwrongwrong', 'idempotency-key': 'idem-key-0002' }))
        .statusCode,
    ).toBe(401);
    expect((await send(body, { authorization: `Bearer ${key}` })).statusCode).toBe(400);
    const ro = `pd_${'r'.repeat(40)}`;
    await apiClientService(s.ctx).create({ name: '只读', key: ro, role: 'readonly' });
    expect((await send(body, { authorization: `Bearer ${ro}`, 'idempotency-key': 'idem-key-0003' })).statusCode).toBe(
      403,
    );
  });
});

describe('import', () => {
  it('imports good rows and reports each bad row, importing nothing of it', async () => {
    const csv = [
      '企业名称,联系人,联系电话,产品,需求,预计收入',
      '上海导入一号有限公司,钱,13600000001,商务宽带,100M,12000',
      '上海导入二号有限公司,周,1360000,商务宽带,,',
      '上海导入三号有限公司,吴,13600000003,不存在的产品,,',
      ',郑,13600000004,云电脑,,',
      '上海导入五号有限公司,冯,13600000005,CLOUD_PC,10 台,',
    ].join('\n');
    const boundary = '----paidan-test';
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="leads.csv"\r\nContent-Type: text/csv\r\n\r\n` +
      `${csv}\r\n--${boundary}--\r\n`;
    const res = await agent.inject({
      method: 'POST',
      url: '/api/opportunities/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ total: 5, created: 2, failed: 3 });
    expect(r.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`).sort()).toEqual([
      '3:contactPhone',
      '4:product',
      '5:customerName',
    ]);
    const names = await s.ctx.db
      .selectFrom('opportunities')
      .select('customer_name')
      .where('source', '=', 'import')
      .execute();
    expect(names.map((n) => n.customer_name).sort()).toEqual(['上海导入一号有限公司', '上海导入五号有限公司']);
  });

  it('names the missing columns as the template heads them', async () => {
    const boundary = '----paidan-test';
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="leads.csv"\r\nContent-Type: text/csv\r\n\r\n` +
      `企业名称,产品\n上海导入六号有限公司,云电脑\r\n--${boundary}--\r\n`;
    const res = await agent.inject({
      method: 'POST',
      url: '/api/opportunities/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().details).toEqual([{ field: 'file', message: '缺少列：联系人、联系电话' }]);
  });
});

describe('reports', () => {
  it('gives supervisors the funnel, the chosen columns, saved views and an Excel file; agents are refused', async () => {
    const sup = await s.as('sup_sh');
    // one opportunity three days older than the rest: the trend must show the two days between with zeros
    const oldest = await s.ctx.db
      .selectFrom('opportunities')
      .select(['id', 'created_at'])
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    await s.ctx.db
      .updateTable('opportunities')
      .set({ created_at: new Date(oldest.created_at.getTime() - 3 * 86_400_000) })
      .where('id', '=', oldest.id)
      .execute();
    const f = await sup.get('/api/opportunity-reports/funnel');
    expect(f.statusCode, f.body).toBe(200);
    const body = f.json();
    expect(body.totals.total).toBeGreaterThan(5);
    expect(body.totals.converted).toBeGreaterThanOrEqual(2);
    expect(body.bySource.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['hotline', 'lead_page', 'group_oao']),
    );
    expect(body.agents.length).toBeGreaterThan(0);
    // the daily trend has every day from its first to its last, zeros included, and loses no opportunity
    const trend: { date: string; created: number }[] = body.trend;
    for (let i = 1; i < trend.length; i++)
      expect(Date.parse(trend[i]!.date) - Date.parse(trend[i - 1]!.date), trend[i]!.date).toBe(86_400_000);
    expect(trend.reduce((n, r) => n + r.created, 0)).toBe(body.totals.total);
    expect(trend.filter((r) => r.created === 0).length).toBeGreaterThanOrEqual(2);

    const list = await sup.get('/api/opportunity-reports/list?columns=number,orderNumber,orderStage&linkedOnly=true');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().columns).toEqual(['number', 'orderNumber', 'orderStage']);
    expect(list.json().items.every((i: { values: { orderNumber: string | null } }) => i.values.orderNumber)).toBe(true);
    expect(list.json().items.some((i: { values: { orderStage: string } }) => i.values.orderStage === '施工安装')).toBe(
      true,
    );
    expect((await sup.get('/api/opportunity-reports/list?columns=number,bogus')).statusCode).toBe(400);

    const saved = await sup.post('/api/opportunity-reports/views', {
      name: '闭环跟踪',
      columns: ['number', 'orderNumber'],
      filters: { linkedOnly: 'true' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await sup.get('/api/opportunity-reports/views')).json()).toHaveLength(1);
    expect((await supPd.get('/api/opportunity-reports/views')).json()).toHaveLength(0);
    expect((await supPd.delete(`/api/opportunity-reports/views/${saved.json().id}`)).statusCode).toBe(404);

    const x = await sup.get('/api/opportunity-reports/export.xlsx?columns=number,customerName,status');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '商机编号', '客户名称', '状态']);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(5);

    expect((await agent.get('/api/opportunity-reports/funnel')).statusCode).toBe(403);
  });

  it('keeps a district supervisor to its district', async () => {
    const all = (await supPd.get('/api/opportunity-reports/list?columns=number,districtName&pageSize=200')).json();
    expect(all.items.every((i: { values: { districtName: string } }) => i.values.districtName === '张江区局')).toBe(
      true,
    );
  });
});

describe('TMF699 sales leads', () => {
  const key = `pd_${'t'.repeat(40)}`;
  const other = `pd_${'u'.repeat(40)}`;
  const lead = {
    name: '上海TMF线索有限公司',
    productOffering: { id: 'QUANTUM' },
    prospectContact: [{ mediumType: 'phone', characteristic: { phoneNumber: '+86 137-6100-0001' } }],
    relatedParty: [{ role: 'contact', name: '钱经理' }],
    estimatedRevenue: { unit: 'CNY', value: 50000 },
  };
  const call = (k: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url: `/tmf-api/sales/v4/salesLead${url}`,
      headers: {
        authorization: `Bearer ${k}`,
        ...(payload
          ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }
          : {}),
      },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });

  beforeAll(async () => {
    await apiClientService(s.ctx).create({ name: 'TMF 线索源', key });
    await apiClientService(s.ctx).create({ name: '另一个线索源', key: other });
  });

  it('maps a lead onto an opportunity in the pool and follows its status', async () => {
    const res = await call(key, 'POST', '', lead);
    expect(res.statusCode, res.body).toBe(201);
    const l = res.json();
    expect(l.status).toBe('acknowledged');
    const opp = await detail(agent, Number(l.id));
    expect(opp.source).toBe('tmf');
    expect(opp.status).toBe('pool');
    await agent.post(`/api/opportunities/${l.id}/claim`);
    expect((await call(key, 'GET', `/${l.id}`)).json().status).toBe('inProgress');
    // an agent has started: the sender can no longer cancel it
    expect((await call(key, 'PATCH', `/${l.id}`, { status: 'cancelled' })).statusCode).toBe(409);
    // another client sees nothing of it
    expect((await call(other, 'GET', `/${l.id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', '')).json()).toEqual([]);
  });
});
