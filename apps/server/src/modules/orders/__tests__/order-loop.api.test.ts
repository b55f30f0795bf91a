import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCount, startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { orderStatusChanged, orderLookup, type OrderStatusChanged } from '../../../contracts/orders';

let s: TestServer;
let cust: Client;
let am: Client;
let disp: Client;
let tech: Client;
let sup: Client;
let agent: Client;
const seen: OrderStatusChanged[] = [];

beforeAll(async () => {
  s = await startTestServer(
    { logLevel: process.env.DEBUG_LOG ? 'error' : 'silent' },
    process.env.DEBUG_LOG ? process.stderr : undefined,
  );
  cust = await s.as('cust_admin');
  am = await s.as('am_pd01');
  disp = await s.as('disp_pd');
  tech = await s.as('tech_pd01');
  sup = await s.as('sup_pd');
  agent = await s.as('agent01');
  const current = (await cust.get('/api/agreements/current?codes=marketing,security')).json();
  AGREE = current.map((a: { code: string; id: number; version: number }) => ({
    code: a.code,
    templateId: a.id,
    version: a.version,
  }));
  orderStatusChanged.subscribe(async (_ex, p) => {
    seen.push(p);
  });
});
afterAll(async () => {
  await s?.close();
});

async function offer(code: string) {
  const r = await s.ctx.db
    .selectFrom('product_offers')
    .select(['id', 'one_time_fen', 'monthly_fen', 'status'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  return { id: r.id, once: Number(r.one_time_fen), monthly: Number(r.monthly_fen) };
}

let AGREE: { code: string; templateId: number | null; version: number | null }[] = [];

async function cart(
  items: { code: string; specs?: Record<string, string>; quantity?: number }[],
  extra: Record<string, unknown> = {},
  c = cust,
) {
  const list = await Promise.all(
    items.map(async (i) => ({ offerId: (await offer(i.code)).id, specs: i.specs ?? {}, quantity: i.quantity ?? 1 })),
  );
  const q = await c.post('/api/orders/quote', {
    items: list,
    ...(extra.customerId ? { customerId: extra.customerId } : {}),
  });
  const quote = q.statusCode === 200 ? q.json() : { totalOneTimeFen: 0, totalMonthlyFen: 0 };
  return {
    items: list,
    contactName: '郑晓东',
    contactPhone: '13916000002',
    installAddress: '上海市浦东新区张江路 1388 号 5 号楼 3 层',
    expectedOneTimeFen: quote.totalOneTimeFen,
    expectedMonthlyFen: quote.totalMonthlyFen,
    agreements: AGREE,
    ...extra,
  };
}

const orderCount = async () =>
  Number(
    (
      await s.ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A demo user of the role who works outside the 张江 district (where the tests' orders are placed). */
async function outsideZhangjiang(role: string): Promise<string> {
  const u = await s.ctx.db
    .selectFrom('users as u')
    .innerJoin('orgs as g', 'g.id', 'u.org_id')
    .select('u.username')
    .where('u.role', '=', role)
    .where('g.code', 'not like', 'SH-PD-ZJ%')
    .executeTakeFirstOrThrow();
  return u.username;
}

describe('shop catalogue', () => {
  it('shows customers only published products and offers; the admin also sees drafts', async () => {
    const shop = (await cust.get('/api/catalog/products?pageSize=100')).json();
    expect(shop.total).toBeGreaterThanOrEqual(15);
    const names = shop.items.map((p: { name: string }) => p.name);
    for (const n of [
      'FTTR 全光组网',
      '卫星通信',
      '量子密话',
      '明厨亮灶',
      '天翼云电脑',
      '商企组网',
      '天翼云眼',
      '云会议',
      '视频彩铃',
      '商务宽带',
      '旺铺宽带',
      'MSTP 专线',
      'SDH 专线',
      'IPRAN 专线',
      'IPMAN 专线',
      '互联网专线 EIP',
    ])
      expect(names).toContain(n);
    const pc = shop.items.find((p: { code: string }) => p.code === 'CLOUD_PC');
    expect(pc.offers.every((o: { status: string }) => o.status === 'published')).toBe(true);
    const admin = await s.as('admin');
    const all = (await admin.get(`/api/catalog/products/${pc.id}`)).json();
    expect(all.offers.some((o: { status: string }) => o.status === 'draft')).toBe(true);
    expect((await cust.post('/api/catalog/products', {})).statusCode).toBe(403);
  });
});

describe('placing an order', () => {
  it('prices on the server, records a 300M broadband order and decomposes it into three layers', async () => {
    const body = await cart([{ code: 'BIZ_BB_300', specs: { fixedIp: '8' } }]);
    expect(body.expectedMonthlyFen).toBe(39900 + 30000);
    expect(body.expectedOneTimeFen).toBe(20000);
    const before = seen.length;
    const r = await cust.post('/api/orders', body);
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json();
    expect(o.number).toMatch(/^SO\d{8}\d{6}$/);
    expect(o).toMatchObject({ state: 'acknowledged', stage: 'accepted', channel: 'shop', totalMonthlyFen: 69900 });
    expect(o.items[0].specText).toBe('带宽 300M；固定公网 IP 8 个（/29）');
    expect(o.serviceOrders).toHaveLength(1);
    expect(o.workOrders.map((w: { task: string }) => w.task)).toEqual(['review', 'resource', 'install', 'billing']);
    expect(o.workOrders[0].assigneeOrgName).toContain('客户经理组');
    expect(o.workOrders[0].assigneeUserName).toBeNull(); // customers see the team, not the person
    expect(o.agreements.map((a: { code: string; templateId: number }) => [a.code, a.templateId])).toEqual(
      AGREE.map((a) => [a.code, a.templateId]),
    );
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)!.order).toMatchObject({ number: o.number, state: 'acknowledged', stage: 'accepted' });
    expect(await orderLookup()!.byNumber(s.ctx.db, o.number)).toMatchObject({ id: o.id, totalMonthlyFen: 69900 });
  });

  it('places one order per Idempotency-Key, also for two submissions at the same moment', async () => {
    const body = await cart([{ code: 'BIZ_BB_100' }]);
    const count = () => rowCount(s.ctx.db, 'orders');
    const before = await count();
    const send = (key: string, c = cust, payload: unknown = body) =>
      c.inject({ method: 'POST', url: '/api/orders', payload: payload as object, headers: { 'idempotency-key': key } });
    const [a, b] = await Promise.all([send('cart-7f3a9c21'), send('cart-7f3a9c21')]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
    expect(a.json().id).toBe(b.json().id);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].sort()).toEqual(['false', 'true']);
    const again = await send('cart-7f3a9c21');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().number).toBe(a.json().number);
    expect(await count()).toBe(before + 1);
    // a new key is a new order; a key is the user's own, so another user's same key places theirs
    const next = await send('cart-0b81d4e6');
    expect(next.json().id).not.toBe(a.json().id);
    const { customerId } = (await cust.get('/api/me')).json();
    const other = await send('cart-7f3a9c21', am, await cart([{ code: 'BIZ_BB_100' }], { customerId }, am));
    expect(other.statusCode, other.body).toBe(200);
    expect(other.headers['idempotent-replayed']).toBe('false');
    expect(other.json().id).not.toBe(a.json().id);
    expect(await count()).toBe(before + 3);
    // too short a key is refused before anything is placed
    const short = await send('abc');
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('VALIDATION_FAILED');
  });

  it('gives a leased line one service order per end', async () => {
    const r = await cust.post('/api/orders', await cart([{ code: 'MSTP_10', specs: { circuitLevel: 'A' } }]));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().serviceOrders.map((x: { endLabel: string }) => x.endLabel)).toEqual(['A端', 'Z端']);
    expect(r.json().workOrders).toHaveLength(6);
  });

  it.each([
    [
      'a tampered price',
      async () => ({ ...(await cart([{ code: 'BIZ_BB_300' }])), expectedMonthlyFen: 100 }),
      409,
      'ORDER_PRICE_CHANGED',
    ],
    [
      'an unpublished offer',
      () => cart([{ code: 'CLOUD_PC_EDU', specs: { disk: '100G' } }]),
      409,
      'ORDER_OFFER_UNAVAILABLE',
    ],
    [
      'an excluded combination',
      () => cart([{ code: 'BIZ_BB_100' }, { code: 'SHOP_BB_100', specs: { camera: '1' } }]),
      409,
      'ORDER_COMBINATION_EXCLUDED',
    ],
    [
      'a missing dependency',
      () => cart([{ code: 'CLOUD_EYE_STD', specs: { cameras: '4', storage: '7' } }]),
      409,
      'ORDER_DEPENDENCY_MISSING',
    ],
    [
      'a value the offer does not allow',
      () => cart([{ code: 'BIZ_BB_300', specs: { bandwidth: '1000M' } }]),
      400,
      'ORDER_SPEC_INVALID',
    ],
    [
      'a forged promotion ref',
      async () => ({ ...(await cart([{ code: 'BIZ_BB_100' }])), ref: '5.AAAAAAAAAAAAAAAAAAAAAA' }),
      400,
      'ORDER_REF_INVALID',
    ],
    [
      'agreements not accepted',
      async () => ({ ...(await cart([{ code: 'BIZ_BB_100' }])), agreements: [AGREE[0]] }),
      400,
      'ORDER_AGREEMENTS_REQUIRED',
    ],
    [
      'an outdated agreement version',
      async () => ({
        ...(await cart([{ code: 'BIZ_BB_100' }])),
        agreements: [AGREE[0], { ...AGREE[1], templateId: 999999 }],
      }),
      409,
      'ORDER_AGREEMENT_OUTDATED',
    ],
    [
      'a negative quantity',
      async () => {
        const b = await cart([{ code: 'BIZ_BB_100' }]);
        return { ...b, items: [{ ...b.items[0], quantity: -1 }] };
      },
      400,
      'VALIDATION_FAILED',
    ],
  ])('refuses %s and saves nothing', async (_name, make, status, code) => {
    const n = await orderCount();
    const r = await cust.post('/api/orders', await make());
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().code).toBe(code);
    expect(r.json().message).toBeTruthy();
    expect(await orderCount()).toBe(n);
  });

  it('accepts a dependency the same order brings', async () => {
    const r = await cust.post(
      '/api/orders',
      await cart([
        { code: 'FTTR_1000', specs: { rooms: '2' } },
        { code: 'CLOUD_EYE_STD', specs: { cameras: '8', storage: '30' } },
      ]),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().totalMonthlyFen).toBe(39900 + 6000 + 6000 + 4000);
  });

  it('accepts a dependency the enterprise already has in service', async () => {
    const bb = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }]))).json();
    const eye = () => cart([{ code: 'CLOUD_EYE_STD', specs: { cameras: '4', storage: '7' } }]);
    expect((await cust.post('/api/orders', await eye())).json().code).toBe('ORDER_DEPENDENCY_MISSING');
    // the broadband order billing: the camera service may now be ordered alone
    await s.ctx.db
      .updateTable('orders')
      .set({ state: 'completed', stage: 'billing_started' })
      .where('id', '=', bb.id)
      .execute();
    try {
      const r = await cust.post('/api/orders', await eye());
      expect(r.statusCode, r.body).toBe(200);
    } finally {
      await s.ctx.db.updateTable('orders').set({ state: bb.state, stage: bb.stage }).where('id', '=', bb.id).execute();
    }
  });

  it('records the account manager of a signed promotion link', async () => {
    const link = (await am.get('/api/orders/promo-link')).json();
    expect(link.url).toContain('/shop?ref=');
    expect((await cust.get(`/api/orders/ref-check?ref=${encodeURIComponent(link.ref)}`)).json()).toEqual({
      valid: true,
      managerName: link.managerName,
    });
    const tampered = link.ref.replace(/^\d+/, (n: string) => String(Number(n) + 1));
    expect((await cust.get(`/api/orders/ref-check?ref=${encodeURIComponent(tampered)}`)).json().valid).toBe(false);
    const r = await cust.post('/api/orders', { ...(await cart([{ code: 'CLOUD_MEET_25' }])), ref: link.ref });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().promoterName).toBe(link.managerName);
  });

  it('refuses an enterprise that has not passed 企业认证, with a message that points there', async () => {
    const other = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('certification_status', '=', 'none')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const n = await orderCount();
    const r = await agent.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }], { customerId: other.id }, agent));
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ORDER_NOT_CERTIFIED');
    expect(r.json().message).toContain('企业认证');
    expect(await orderCount()).toBe(n);
  });

  it('lets staff order on behalf with a pre-acceptance number, and refuses customers ordering for others', async () => {
    const me = (await cust.get('/api/me')).json();
    const r = await agent.post(
      '/api/orders',
      await cart([{ code: 'BIZ_BB_100' }], { customerId: me.customerId, preAcceptanceNo: 'YS20261201-0001' }, agent),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ channel: 'staff', preAcceptanceNo: 'YS20261201-0001' });
    const list = (await agent.get('/api/orders?preAcceptanceNo=YS20261201-0001')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([r.json().id]);
    const other = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('id', '!=', me.customerId)
      .executeTakeFirstOrThrow();
    const bad = await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }], { customerId: other.id }));
    expect(bad.statusCode).toBe(404);
  });
});

describe('progress through the stages', () => {
  it('moves 业务受理 → 资源调配 → 施工安装 → 业务完工 → 起租 as the teams finish their work orders', async () => {
    const placed = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }]))).json();
    const step = async (c: Client, task: string, expectStage: string) => {
      const d = (await c.get(`/api/orders/${placed.id}`)).json();
      const w = d.workOrders.find((x: { task: string; state: string }) => x.task === task && x.state !== 'done');
      expect(d.workableIds, `${c.username} may work ${task}`).toContain(w.id);
      const r = await c.post(`/api/orders/work-orders/${w.id}`, { action: 'finish', result: `${task} ok` });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().stage).toBe(expectStage);
    };
    // the field team sees the coming installation but cannot take the review; a customer cannot work at all
    const d0 = (await tech.get(`/api/orders/${placed.id}`)).json();
    expect(d0.workableIds).toEqual([]);
    expect(
      (await tech.post(`/api/orders/work-orders/${placed.workOrders[0].id}`, { action: 'finish' })).statusCode,
    ).toBe(404);
    const foreignTech = await s.as(await outsideZhangjiang('technician'));
    expect((await foreignTech.get(`/api/orders/${placed.id}`)).statusCode).toBe(404);
    expect(
      (await cust.post(`/api/orders/work-orders/${placed.workOrders[0].id}`, { action: 'finish' })).statusCode,
    ).toBe(403);
    await step(am, 'review', 'resourcing');
    await step(disp, 'resource', 'installing');
    const techView = (await tech.get(`/api/orders/${placed.id}`)).json();
    expect(techView.workableIds).toHaveLength(1);
    await step(tech, 'install', 'completed');
    await step(am, 'billing', 'billing_started');
    const done = (await cust.get(`/api/orders/${placed.id}`)).json();
    expect(done.state).toBe('completed');
    expect(done.stages.map((x: { enteredAt: string | null }) => !!x.enteredAt)).toEqual([true, true, true, true, true]);
    const kinds = seen.filter((e) => e.order.id === placed.id).map((e) => e.order.stage);
    expect(kinds).toEqual(['accepted', 'resourcing', 'installing', 'completed', 'billing_started']);
    // cancelling after construction was signed off is refused
    const c = await cust.post(`/api/orders/${placed.id}/actions`, {
      action: 'cancel',
      note: '不要了',
      version: done.version,
    });
    expect(c.statusCode).toBe(409);
  });

  it('gives the review of an enterprise without an account manager to the district account team', async () => {
    // a self-onboarded enterprise has no account manager yet: its review and billing wait for the team
    const c = await s.ctx.db
      .selectFrom('customers')
      .select(['id', 'account_manager_id'])
      .where('name', '=', '上海浦江智造科技有限公司')
      .executeTakeFirstOrThrow();
    await s.ctx.db.updateTable('customers').set({ account_manager_id: null }).where('id', '=', c.id).execute();
    try {
      const placed = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }]))).json();
      const review = (await disp.get(`/api/orders/${placed.id}`))
        .json()
        .workOrders.find((w: { task: string }) => w.task === 'review');
      expect(review.assigneeUserId).toBeNull();
      expect(review.assigneeOrgName).toContain('客户经理');
      // am_pd01 sits in that team: the order is in the team's list and the review is theirs to do
      const team = (await am.get('/api/orders?view=team&pageSize=200')).json();
      expect(team.items.map((x: { id: number }) => x.id)).toContain(placed.id);
      const d = await am.get(`/api/orders/${placed.id}`);
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json().workableIds).toEqual([review.id]);
      const r = await am.post(`/api/orders/work-orders/${review.id}`, { action: 'finish', result: '资料齐全' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().stage).toBe('resourcing');
      // another district's account manager still sees nothing of it
      const other = await s.as(await outsideZhangjiang('account_manager'));
      expect((await other.get(`/api/orders/${placed.id}`)).statusCode).toBe(404);
    } finally {
      await s.ctx.db
        .updateTable('customers')
        .set({ account_manager_id: c.account_manager_id })
        .where('id', '=', c.id)
        .execute();
    }
  });

  it('refuses to cancel once construction is signed off', async () => {
    const placed = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_300' }]))).json();
    for (const [c, task] of [
      [am, 'review'],
      [disp, 'resource'],
      [tech, 'install'],
    ] as const) {
      const d = (await c.get(`/api/orders/${placed.id}`)).json();
      const w = d.workOrders.find((x: { task: string }) => x.task === task);
      expect((await c.post(`/api/orders/work-orders/${w.id}`, { action: 'finish' })).statusCode).toBe(200);
    }
    const d = (await cust.get(`/api/orders/${placed.id}`)).json();
    expect(d.stage).toBe('completed');
    expect(d.actions).not.toContain('cancel');
    const r = await cust.post(`/api/orders/${placed.id}/actions`, {
      action: 'cancel',
      note: '不要了',
      version: d.version,
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('ORDER_CANCEL_SIGNED_OFF');
  });

  it('cancels at once without a contract term, and through approval within one', async () => {
    const free = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }]))).json();
    const r1 = await cust.post(`/api/orders/${free.id}/actions`, {
      action: 'cancel',
      note: '选址变更',
      version: free.version,
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().state).toBe('cancelled');
    expect(r1.json().workOrders.every((w: { state: string }) => w.state === 'cancelled')).toBe(true);

    const bound = (await cust.post('/api/orders', await cart([{ code: 'BIZ_BB_1000_12' }]))).json();
    const noReason = await cust.post(`/api/orders/${bound.id}/actions`, {
      action: 'cancel',
      note: '',
      version: bound.version,
    });
    expect(noReason.json().code).toBe('ORDER_REASON_REQUIRED');
    const r2 = await cust.post(`/api/orders/${bound.id}/actions`, {
      action: 'cancel',
      note: '预算取消',
      version: bound.version,
    });
    expect(r2.json().state).toBe('pending');
    // while pending nobody works on it
    const w = r2.json().workOrders[0];
    expect((await am.post(`/api/orders/work-orders/${w.id}`, { action: 'finish' })).json().code).toBe(
      'WORK_ORDER_NOT_READY',
    );
    // the customer cannot approve its own request; the district supervisor can
    expect(
      (
        await cust.post(`/api/orders/${bound.id}/actions`, {
          action: 'approve_cancel',
          note: '',
          version: r2.json().version,
        })
      ).statusCode,
    ).toBe(409);
    const supView = (await sup.get(`/api/orders/${bound.id}`)).json();
    expect(supView.actions).toContain('approve_cancel');
    const r3 = await sup.post(`/api/orders/${bound.id}/actions`, {
      action: 'approve_cancel',
      note: '同意',
      version: supView.version,
    });
    expect(r3.json().state).toBe('cancelled');
  });

  it('holds and resumes; a held order cannot be worked; stale versions answer 409', async () => {
    const o = (await cust.post('/api/orders', await cart([{ code: 'CLOUD_MEET_25' }]))).json();
    const h = await disp.post(`/api/orders/${o.id}/actions`, {
      action: 'hold',
      note: '客户要求暂缓施工',
      version: o.version,
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json().state).toBe('held');
    expect((await am.post(`/api/orders/work-orders/${o.workOrders[0].id}`, { action: 'finish' })).json().code).toBe(
      'WORK_ORDER_NOT_READY',
    );
    expect(
      (await disp.post(`/api/orders/${o.id}/actions`, { action: 'resume', note: '', version: o.version })).statusCode,
    ).toBe(409);
    const r = await disp.post(`/api/orders/${o.id}/actions`, { action: 'resume', note: '', version: h.json().version });
    expect(r.json().state).toBe('acknowledged');
    const u = await cust.post(`/api/orders/${o.id}/actions`, {
      action: 'urge',
      note: '请尽快',
      version: r.json().version,
    });
    expect(u.json().urgeCount).toBe(1);
    // internal notes stay off the customer's timeline
    await disp.post(`/api/orders/${o.id}/actions`, {
      action: 'note',
      note: '内部：机房资源紧张',
      version: u.json().version,
    });
    const cv = (await cust.get(`/api/orders/${o.id}`)).json();
    expect(cv.events.some((e: { note: string }) => e.note?.includes('内部'))).toBe(false);
    expect(
      (await disp.get(`/api/orders/${o.id}`)).json().events.some((e: { note: string }) => e.note?.includes('内部')),
    ).toBe(true);
  });
});

describe('looking an order up by number', () => {
  it('finds own orders and answers a foreign and a wrong number alike', async () => {
    const mine = (await cust.get('/api/orders?pageSize=1')).json().items[0];
    const hit = await cust.get(`/api/orders/lookup?number=${mine.number}`);
    expect(hit.statusCode).toBe(200);
    expect(hit.json().customerName).toBe('上海浦江智造科技有限公司');
    // the same detail as by id: items, work orders, stages with their times, the customer's timeline
    expect(hit.json()).toEqual((await cust.get(`/api/orders/${mine.id}`)).json());
    expect(hit.json().stages[0].enteredAt).toBeTruthy();
    // typed in lower case
    const lower = await cust.get(`/api/orders/lookup?number=${mine.number.toLowerCase()}`);
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json().id).toBe(mine.id);

    const foreignCustomer = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('name', '!=', '上海浦江智造科技有限公司')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await s.ctx.db
      .updateTable('customers')
      .set({ certification_status: 'certified' })
      .where('id', '=', foreignCustomer.id)
      .execute();
    const foreign = (
      await agent.post('/api/orders', await cart([{ code: 'BIZ_BB_100' }], { customerId: foreignCustomer.id }, agent))
    ).json();
    expect(foreign.number).toBeTruthy();

    const a = await cust.get(`/api/orders/lookup?number=${foreign.number}`);
    const b = await cust.get(`/api/orders/lookup?number=SO20990101999999`);
    expect(a.statusCode).toBe(404);
    expect(b.statusCode).toBe(404);
    const strip = (x: { code: string; message: string }) => ({ code: x.code, message: x.message });
    expect(strip(a.json())).toEqual(strip(b.json()));
    const c = await cust.get(`/api/orders/lookup?number=${foreign.number.toLowerCase()}`);
    expect(c.statusCode).toBe(404);
    expect(strip(c.json())).toEqual(strip(b.json()));
    expect((await cust.get(`/api/orders/${foreign.id}`)).statusCode).toBe(404);
    expect(
      (await cust.get('/api/orders?pageSize=200')).json().items.some((x: { id: number }) => x.id === foreign.id),
    ).toBe(false);
  });
});

describe('tower and settings', () => {
  it('shows supervisors stuck orders by district; customers and technicians may not', async () => {
    await s.ctx.db
      .updateTable('orders')
      .set({ stage_deadline: new Date(Date.now() - 3 * 3600_000) })
      .where('state', '=', 'acknowledged')
      .execute();
    const t = await sup.get('/api/orders/tower');
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json().districts[0].name).toBe('张江区局');
    expect(t.json().stuck.length).toBeGreaterThan(0);
    expect(t.json().stuck[0].overdueHours).toBeGreaterThanOrEqual(2.9);
    expect((await cust.get('/api/orders/tower')).statusCode).toBe(403);
    expect((await tech.get('/api/orders/tower')).statusCode).toBe(403);
  });

  it('changes the number format (admin only) and validates it', async () => {
    const admin = await s.as('admin');
    const cur = (await admin.get('/api/orders/settings')).json();
    expect((await sup.put('/api/orders/settings', cur)).statusCode).toBe(403);
    const bad = await admin.put('/api/orders/settings', { ...cur, numberFormat: 'SO{yyyy}' });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.put('/api/orders/settings', { ...cur, numberFormat: 'SH-{yyMMdd}-{seq:4}' });
    expect(ok.statusCode, ok.body).toBe(200);
    const o = (await cust.post('/api/orders', await cart([{ code: 'CLOUD_MEET_25' }]))).json();
    expect(o.number).toMatch(/^SH-\d{6}-0001$/);
    await admin.put('/api/orders/settings', cur);
  });
});
