import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

let s: TestServer;
let admin: Client;
let cust: Client;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
  cust = await s.as('cust_admin');
});
afterAll(async () => {
  await s?.close();
});

const product = {
  code: 'EDGE_CLOUD',
  name: '边缘云主机',
  summary: '园区就近算力',
  description: '部署在区县机房的云主机',
  ends: 1,
  attributes: [
    {
      key: 'vcpu',
      label: '规格',
      required: true,
      options: [
        { value: '2C4G', label: '2 核 4G', oneTimeFen: 0, monthlyFen: 0 },
        { value: '4C8G', label: '4 核 8G', oneTimeFen: 0, monthlyFen: 10000 },
      ],
    },
  ],
};

describe('catalogue lifecycle', () => {
  it('draft → published → ordered → a new version → the old one retired; an offer with orders is never deleted', async () => {
    const line = (await admin.get('/api/catalog/lines')).json()[0];
    const p = await admin.post('/api/catalog/products', { ...product, lineId: line.id });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().status).toBe('draft');
    expect((await admin.post('/api/catalog/products', { ...product, lineId: line.id })).json().code).toBe(
      'PRODUCT_CODE_TAKEN',
    );

    const badFixed = await admin.post('/api/catalog/offers', {
      productId: p.json().id,
      code: 'EDGE_BAD',
      name: '不存在的规格',
      fixedSpecs: { vcpu: '64C' },
      oneTimeFen: 0,
      monthlyFen: 1,
    });
    expect(badFixed.json().code).toBe('OFFER_SPEC_INVALID');

    const o = await admin.post('/api/catalog/offers', {
      productId: p.json().id,
      code: 'EDGE_STD',
      name: '边缘云主机 标准版',
      fixedSpecs: {},
      oneTimeFen: 0,
      monthlyFen: 19900,
    });
    expect(o.statusCode, o.body).toBe(200);
    const offer = o.json().offers[0];
    // an offer of a draft product cannot be published; customers do not see drafts
    expect((await admin.post(`/api/catalog/offers/${offer.id}/lifecycle`, { action: 'publish' })).json().code).toBe(
      'PRODUCT_NOT_PUBLISHED',
    );
    expect((await cust.get(`/api/catalog/products/${p.json().id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/catalog/products/${p.json().id}/lifecycle`, { action: 'publish' })).statusCode).toBe(
      200,
    );
    expect(
      (await admin.post(`/api/catalog/offers/${offer.id}/lifecycle`, { action: 'publish' })).json().offers[0].status,
    ).toBe('published');
    expect((await admin.post(`/api/catalog/offers/${offer.id}/lifecycle`, { action: 'publish' })).json().code).toBe(
      'CATALOG_ILLEGAL_LIFECYCLE',
    );

    // a customer orders it
    const agreements = (await cust.get('/api/agreements/current?codes=marketing,security'))
      .json()
      .map((a: { code: string; id: number; version: number }) => ({
        code: a.code,
        templateId: a.id,
        version: a.version,
      }));
    const placed = await cust.post('/api/orders', {
      items: [{ offerId: offer.id, specs: { vcpu: '4C8G' } }],
      contactName: '郑晓东',
      contactPhone: '13916000002',
      installAddress: '上海市浦东新区张江路 1388 号 5 号楼',
      expectedOneTimeFen: 0,
      expectedMonthlyFen: 29900,
      agreements,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    expect((await admin.delete(`/api/catalog/offers/${offer.id}`)).json().code).toBe('OFFER_HAS_ORDERS');

    // editing the published offer makes version 2 as a draft; the shop keeps selling version 1 until it is published
    const edit = await admin.patch(`/api/catalog/offers/${offer.id}`, {
      name: '边缘云主机 标准版',
      description: '降价',
      fixedSpecs: {},
      oneTimeFen: 0,
      monthlyFen: 15900,
      contractMonths: 0,
      requires: [],
      excludes: [],
    });
    const versions = edit.json().offers.filter((x: { code: string }) => x.code === 'EDGE_STD');
    expect(versions.map((x: { version: number; status: string }) => [x.version, x.status]).sort()).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    const v2 = versions.find((x: { version: number }) => x.version === 2);
    const shop1 = (await cust.get(`/api/catalog/products/${p.json().id}`)).json();
    expect(shop1.offers.map((x: { monthlyFen: number }) => x.monthlyFen)).toEqual([19900]);
    await admin.post(`/api/catalog/offers/${v2.id}/lifecycle`, { action: 'publish' });
    const shop2 = (await cust.get(`/api/catalog/products/${p.json().id}`)).json();
    expect(shop2.offers.map((x: { monthlyFen: number; version: number }) => [x.version, x.monthlyFen])).toEqual([
      [2, 15900],
    ]);
    // the order keeps the version and price it bought
    const o1 = (await cust.get(`/api/orders/${placed.json().id}`)).json();
    expect(o1.items[0]).toMatchObject({ offerId: offer.id, monthlyFen: 29900 });
    // the replaced version can no longer be ordered
    const again = await cust.post('/api/orders/quote', { items: [{ offerId: offer.id, specs: { vcpu: '4C8G' } }] });
    expect(again.json().code).toBe('ORDER_OFFER_UNAVAILABLE');
    // a draft without orders can be deleted
    const d = await admin.post('/api/catalog/offers', {
      productId: p.json().id,
      code: 'EDGE_TRIAL',
      name: '试用版',
      fixedSpecs: { vcpu: '2C4G' },
      oneTimeFen: 0,
      monthlyFen: 0,
    });
    const trial = d.json().offers.find((x: { code: string }) => x.code === 'EDGE_TRIAL');
    expect((await admin.delete(`/api/catalog/offers/${trial.id}`)).statusCode).toBe(200);
  });

  it('the shop lists a product only while one of its offers is on sale', async () => {
    const line = (await admin.get('/api/catalog/lines')).json()[0];
    const p = await admin.post('/api/catalog/products', { ...product, code: 'EDGE_SHOP', lineId: line.id });
    expect(p.statusCode, p.body).toBe(200);
    const id: number = p.json().id;
    const o = await admin.post('/api/catalog/offers', {
      productId: id,
      code: 'EDGE_SHOP_STD',
      name: '边缘云主机 门店版',
      fixedSpecs: {},
      oneTimeFen: 120000,
      monthlyFen: 39900,
    });
    const offerId: number = o.json().offers[0].id;
    const inShop = async () => {
      const list = (await cust.get('/api/catalog/products?shop=true&q=EDGE_SHOP&pageSize=100')).json();
      const count = (await cust.get('/api/catalog/lines')).json().find((l: { id: number }) => l.id === line.id);
      return { listed: list.items.map((x: { id: number }) => x.id).includes(id), total: list.total, count };
    };
    const before = (await inShop()).count.productCount;

    // published, but nothing to buy yet: not in the shop (it would show ¥0)
    await admin.post(`/api/catalog/products/${id}/lifecycle`, { action: 'publish' });
    expect(await inShop()).toMatchObject({ listed: false, total: 0 });
    expect((await inShop()).count.productCount).toBe(before);

    await admin.post(`/api/catalog/offers/${offerId}/lifecycle`, { action: 'publish' });
    const listed = (await cust.get('/api/catalog/products?shop=true&q=EDGE_SHOP')).json().items[0];
    expect(listed).toMatchObject({ id, fromMonthlyFen: 39900, fromOneTimeFen: 120000 });
    expect((await inShop()).count.productCount).toBe(before + 1);

    // its only offer retired: gone from the list again; the page by id says there is nothing to order
    await admin.post(`/api/catalog/offers/${offerId}/lifecycle`, { action: 'retire' });
    expect(await inShop()).toMatchObject({ listed: false, total: 0 });
    expect((await inShop()).count.productCount).toBe(before);
    const page = await cust.get(`/api/catalog/products/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ offers: [], fromMonthlyFen: null });
    // the catalogue manager still sees it, with the retired offer
    const managed = (await admin.get('/api/catalog/products?q=EDGE_SHOP')).json().items[0];
    expect(managed.offers.map((x: { status: string }) => x.status)).toEqual(['retired']);
  });

  it('refuses catalogue changes to everyone but catalogue managers', async () => {
    for (const u of ['cust_admin', 'am_pd01', 'sup_sh']) {
      const c = await s.as(u);
      expect((await c.post('/api/catalog/offers/1/lifecycle', { action: 'retire' })).statusCode).toBe(403);
    }
  });
});
