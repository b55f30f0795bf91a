import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { apiClientService } from '../../tmf621/api-client';

let s: TestServer;
let key: string;
let offeringId: string;
let customerId: number;
const P = '/tmf-api/productOrderingManagement/v4/productOrder';

const call = (method: 'GET' | 'POST', url: string, payload?: unknown, k = key) =>
  s.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${k}` },
    ...(payload ? { payload: payload as object } : {}),
  });

beforeAll(async () => {
  s = await startTestServer();
  const demo = await s.ctx.db
    .selectFrom('customers')
    .select('id')
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  customerId = demo.id;
  key = (await apiClientService(s.ctx).create({ name: 'CRM', defaultCustomerId: demo.id })).key;
  const offers = (
    await call('GET', `/tmf-api/productCatalogManagement/v4/productOffering?name=${encodeURIComponent('MSTP 10M')}`)
  ).json();
  offeringId = offers[0].id;
});
afterAll(async () => {
  await s?.close();
});

describe('TMF622 Product Ordering', () => {
  it('creates an order priced by the server, with the stages as productOrderMilestone', async () => {
    const r = await call('POST', P, {
      externalId: 'CRM-2026-0001',
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: offeringId },
          product: { productCharacteristic: [{ name: 'circuitLevel', value: 'AA' }] },
        },
      ],
      relatedParty: [{ id: String(customerId), role: 'customer', '@referredType': 'Organization' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const o = r.json();
    expect(o).toMatchObject({ state: 'acknowledged', externalId: 'CRM-2026-0001', '@type': 'ProductOrder' });
    expect(o.orderTotalPrice[0].price.taxIncludedAmount).toEqual({ unit: 'CNY', value: 3000 + 1500 });
    expect(o.productOrderMilestone.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
      ['accepted', 'reached'],
      ['resourcing', 'pending'],
      ['installing', 'pending'],
      ['completed', 'pending'],
      ['billing_started', 'pending'],
    ]);
    // the same order in the product: three layers, two ends
    const row = await s.ctx.db
      .selectFrom('service_orders')
      .select('end_label')
      .where('order_id', '=', Number(o.id))
      .execute();
    expect(row.map((x) => x.end_label)).toEqual(['A端', 'Z端']);
    expect((await call('GET', `${P}?externalId=CRM-2026-0001`)).json().map((x: { id: string }) => x.id)).toEqual([
      o.id,
    ]);
    expect((await call('GET', `${P}/${o.id}?fields=state`)).json()).toEqual({
      id: o.id,
      href: o.href,
      state: 'acknowledged',
    });
    // a leased line has a contract term: cancellation goes to approval
    const c = await call('POST', '/tmf-api/productOrderingManagement/v4/cancelProductOrder', {
      productOrder: { id: o.id },
      cancellationReason: '项目取消',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect((await call('GET', `${P}/${o.id}`)).json().state).toBe('assessingCancellation');
  });

  it('refuses bad input with TMF630 errors and saves nothing', async () => {
    const before = (
      await s.ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const noOffering = await call('POST', P, {
      productOrderItem: [{ id: '1', action: 'add' }],
      relatedParty: [{ id: '1', '@referredType': 'Individual' }],
    });
    expect(noOffering.statusCode).toBe(400);
    expect(noOffering.json()).toMatchObject({ code: 'OFFERING_REQUIRED', status: '400' });
    const badSpec = await call('POST', P, {
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: offeringId },
          product: { productCharacteristic: [{ name: 'circuitLevel', value: 'Z' }] },
        },
      ],
      relatedParty: [{ id: String(customerId), role: 'customer' }],
    });
    expect(badSpec.statusCode).toBe(400);
    expect(badSpec.json().code).toBe('ORDER_SPEC_INVALID');
    const other = await s.ctx.db
      .selectFrom('customers')
      .select('id')
      .where('certification_status', '=', 'none')
      .executeTakeFirstOrThrow();
    const uncertified = await call('POST', P, {
      productOrderItem: [{ id: '1', action: 'add', productOffering: { id: offeringId } }],
      relatedParty: [{ id: String(other.id), role: 'customer' }],
    });
    expect(uncertified.statusCode).toBe(403);
    expect(uncertified.json().code).toBe('ORDER_NOT_CERTIFIED');
    const after = (
      await s.ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(after).toBe(before);
    expect((await call('GET', P, undefined, 'pd_not_a_key_at_all_xxxxxxxxxx')).statusCode).toBe(401);
    expect((await call('GET', `${P}/999999`)).statusCode).toBe(404);
  });
});
