import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { drawnSignature, lastSms, tokenOf } from '../../signing/__tests__/signing-fixtures';

// An order sent for signing from the order screens: the customer signs through the signing module, the order records
// the signature (signed state, 签约单号, a timeline event) for staff and customer alike; the order's signing requests
// are listed by its number, inside the data scope.

const PHONE = '13916000301';
const OTHER_PHONE = '13916000302';
let s: TestServer;
let cust: Client;
let agent: Client;
let AGREE: { code: string; templateId: number; version: number }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  cust = await s.as('cust_admin');
  agent = await s.as('agent01');
  const current = (await cust.get('/api/agreements/current?codes=marketing,security')).json();
  AGREE = current.map((a: { code: string; id: number; version: number }) => ({
    code: a.code,
    templateId: a.id,
    version: a.version,
  }));
});
afterAll(async () => {
  await s?.close();
});

/** The customer orders 300M business broadband: a paid new order, which the rule table signs by e-signature. */
async function placeOrder(contactPhone = PHONE) {
  const offer = await s.ctx.db
    .selectFrom('product_offers')
    .select('id')
    .where('code', '=', 'BIZ_BB_300')
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  const items = [{ offerId: offer.id, specs: {}, quantity: 1 }];
  const quote = (await cust.post('/api/orders/quote', { items })).json();
  const r = await cust.post('/api/orders', {
    items,
    contactName: '郑晓东',
    contactPhone,
    installAddress: '上海市浦东新区张江路 1388 号 5 号楼 3 层',
    expectedOneTimeFen: quote.totalOneTimeFen,
    expectedMonthlyFen: quote.totalMonthlyFen,
    agreements: AGREE,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: number; number: string; version: number };
}

async function send(orderNumber: string, phone = PHONE) {
  const res = await agent.post('/api/signing/requests', {
    kind: 'order',
    ref: orderNumber,
    signerName: '郑晓东',
    signerPhone: phone,
  });
  expect(res.statusCode, res.body).toBe(200);
  const sms = await lastSms(s, phone, `signing_request_${res.json().mode}`);
  return { req: res.json() as { id: number; number: string; mode: string }, token: tokenOf(sms!.body) };
}

/** The signer opens the link, unlocks it with the code from the SMS outbox and signs by hand. */
async function signByHand(token: string, phone = PHONE) {
  const remoteAddress = '10.3.0.1';
  expect((await s.anon.inject({ method: 'GET', url: `/api/sign/link/${token}`, remoteAddress })).statusCode).toBe(200);
  const c = await s.anon.inject({ method: 'POST', url: `/api/sign/link/${token}/code`, remoteAddress });
  expect(c.statusCode, c.body).toBe(200);
  const code = ((await lastSms(s, phone, 'signing_code'))!.params as { code: string }).code;
  const v = await s.anon.inject({
    method: 'POST',
    url: `/api/sign/link/${token}/verify`,
    payload: { code },
    remoteAddress,
  });
  expect(v.statusCode, v.body).toBe(200);
  const res = await s.anon.inject({
    method: 'POST',
    url: '/api/sign/session/sign',
    headers: { 'x-sign-access': v.json().accessToken as string },
    payload: { signaturePng: drawnSignature() },
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('signed');
}

type Detail = {
  version: number;
  signing: { number: string; requestId: number; signerName: string; signedAt: string } | null;
  events: { kind: string; note: string | null; actorName: string }[];
};

describe('an order signed online', () => {
  let order: { id: number; number: string; version: number };
  let signed: { id: number; number: string };

  it('is not signed while the request waits for the customer', async () => {
    order = await placeOrder();
    const preview = (await agent.get(`/api/signing/preview?kind=order&ref=${order.number}`)).json();
    expect(preview.mode).toBe('e_sign');
    const { req, token } = await send(order.number);
    expect(req.mode).toBe('e_sign');
    signed = req;
    const d: Detail = (await agent.get(`/api/orders/${order.id}`)).json();
    expect(d.signing).toBeNull();
    expect(d.events.some((e) => e.kind === 'signed')).toBe(false);
    await signByHand(token);
  });

  it('records the signature on the order for staff: signed state, 签约单号, time and a timeline event', async () => {
    const sr = (await agent.get(`/api/signing/requests/${signed.id}`)).json();
    expect(sr.status).toBe('signed');
    const d: Detail = (await agent.get(`/api/orders/${order.id}`)).json();
    expect(d.signing).toEqual({
      number: signed.number,
      requestId: signed.id,
      signerName: '郑晓东',
      signedAt: sr.signedAt,
    });
    expect(d.version).toBeGreaterThan(order.version);
    const ev = d.events.filter((e) => e.kind === 'signed');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.note).toBe(`客户已在线签约（${signed.number}，签约人 郑晓东）`);
    expect(ev[0]!.actorName).toBe('郑晓东');
    const audit = await s.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'order')
      .where('entity_id', '=', String(order.id))
      .where('action', '=', 'order.signed')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('shows the customer the signed state and the event on its own order', async () => {
    const d: Detail = (await cust.get(`/api/orders/${order.id}`)).json();
    expect(d.signing?.number).toBe(signed.number);
    expect(d.signing?.signedAt).toBeTruthy();
    expect(d.events.some((e) => e.kind === 'signed' && e.note?.includes(signed.number))).toBe(true);
    const byNumber: Detail = (await cust.get(`/api/orders/lookup?number=${order.number}`)).json();
    expect(byNumber.signing?.number).toBe(signed.number);
  });
});

describe("an order's signing requests", () => {
  let a: { id: number; number: string };
  let b: { id: number; number: string };
  let reqA: number;
  let reqB: number;

  beforeAll(async () => {
    a = await placeOrder();
    b = await placeOrder(OTHER_PHONE);
    reqA = (await send(a.number)).req.id;
    reqB = (await send(b.number, OTHER_PHONE)).req.id;
  });

  it('lists only the requests of the order asked for', async () => {
    for (const [o, id] of [
      [a, reqA],
      [b, reqB],
    ] as const) {
      const res = await agent.get(`/api/signing/requests?kind=order&subjectRef=${o.number}&pageSize=50`);
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json();
      expect(list.total).toBe(1);
      expect(list.items.map((r: { id: number }) => r.id)).toEqual([id]);
      expect(list.items[0].subjectRef).toBe(o.number);
      expect(list.items[0].status).toBe('sent');
    }
    const all = (await agent.get('/api/signing/requests?kind=order&pageSize=200')).json();
    expect(all.items.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining([reqA, reqB]));
    const none = await agent.get('/api/signing/requests?kind=order&subjectRef=SO00000000000000');
    expect(none.json().total).toBe(0);
    // a signing that never completed leaves the order unsigned
    expect((await agent.get(`/api/orders/${a.id}`)).json().signing).toBeNull();
  });

  it("are not shown to another enterprise's customer, nor to a manager without the customer", async () => {
    const demo = await s.ctx.db
      .selectFrom('users')
      .select(['password_hash', 'customer_id'])
      .where('username', '=', 'cust_admin')
      .executeTakeFirstOrThrow();
    const other = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('id', '!=', demo.customer_id!)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await s.ctx.db
      .insertInto('users')
      .values({
        username: 'cust_other',
        display_name: '钱多多',
        role: 'customer_admin',
        customer_id: other.id,
        phone: '13916000399',
        password_hash: demo.password_hash,
      })
      .execute();
    const stranger = await s.as('cust_other');
    const list = await stranger.get(`/api/signing/requests?kind=order&subjectRef=${a.number}`);
    expect(list.statusCode).toBe(403);
    expect((await stranger.get(`/api/signing/requests/${reqA}`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/orders/${a.id}`)).statusCode).toBe(404);

    const manager = await s.ctx.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'account_manager')
      .where('username', '!=', 'am_pd01')
      .executeTakeFirstOrThrow();
    const am = await s.as(manager.username);
    const scoped = await am.get(`/api/signing/requests?kind=order&subjectRef=${a.number}`);
    expect(scoped.statusCode).toBe(200);
    expect(scoped.json().total).toBe(0);
    // the enterprise's own account manager does see them
    const own = (await (await s.as('am_pd01')).get(`/api/signing/requests?subjectRef=${a.number}`)).json();
    expect(own.items.map((r: { id: number }) => r.id)).toEqual([reqA]);
  });
});
