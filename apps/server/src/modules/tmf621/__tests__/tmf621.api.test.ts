import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { apiClientService, INTEGRATION_USERNAME_PREFIX, type ApiClientsTable } from '../api-client';
import { TMF621_PREFIX } from '../tmf621.routes';

let s: TestServer;
let crm: string; // integration, default customer = the demo enterprise
let nms: string; // integration, no default customer
let reader: string; // readonly
let xuhui: string; // integration, scoped to 徐汇区局
let demo: { id: number; credit_code: string };
let otherCustomer: { id: number; credit_code: string };

const BASE = `${TMF621_PREFIX}/troubleTicket`;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

function tmf(
  key: string | null,
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return s.app.inject({
    method,
    url,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}
const post = (body: unknown, key = crm) => tmf(key, 'POST', BASE, body);
const get = (url: string, key = crm) => tmf(key, 'GET', url);
const patch = (id: string, body: unknown, key = crm) =>
  tmf(key, 'PATCH', `${BASE}/${id}`, JSON.stringify(body), { 'content-type': 'application/merge-patch+json' });

function cookiePatch(c: Client, id: string, body: unknown) {
  return c.inject({
    method: 'PATCH',
    url: `${BASE}/${id}`,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/merge-patch+json' },
  });
}

const row = (id: string) =>
  s.ctx.db.selectFrom('tickets').selectAll().where('id', '=', Number(id)).executeTakeFirstOrThrow();

beforeAll(async () => {
  s = await startTestServer();
  const customers = await s.ctx.db
    .selectFrom('customers as c')
    .innerJoin('orgs as o', 'o.id', 'c.district_org_id')
    .select(['c.id', 'c.credit_code', 'c.name', 'o.code'])
    .orderBy('c.id')
    .execute();
  demo = customers.find((c) => c.name === '上海浦江智造科技有限公司')!;
  otherCustomer = customers.find((c) => c.code === 'SH-SN-XH')!;
  const xh = await s.ctx.db.selectFrom('orgs').select('id').where('code', '=', 'SH-SN-XH').executeTakeFirstOrThrow();
  const clients = apiClientService(s.ctx);
  crm = (await clients.create({ name: '客户 CRM', defaultCustomerId: demo.id })).key;
  nms = (await clients.create({ name: '网管系统' })).key;
  reader = (await clients.create({ name: '报表系统', role: 'readonly' })).key;
  xuhui = (await clients.create({ name: '徐汇对接', orgId: xh.id })).key;
});
afterAll(async () => {
  await s?.close();
});

describe('authentication', () => {
  it('answers 401 in TMF form without a usable key', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer not-a-key-at-all-but-long-enough' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ]) {
      const res = await s.app.inject({ method: 'GET', url: BASE, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({
        status: '401',
        code: expect.any(String),
        reason: expect.any(String),
        message: expect.any(String),
      });
    }
    const bad = await get(BASE, 'pd_wrong-key-wrong-key-wrong-key');
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="tmf-api"');
    expect(bad.json().code).toBe('INVALID_API_KEY');
  });

  it('stores only a hash of the key; each client acts as its own integration account', async () => {
    const rows = await s.ctx.db
      .withTables<{ api_clients: ApiClientsTable }>()
      .selectFrom('api_clients as k')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .select([
        'k.name',
        'k.key_hash',
        'u.username',
        'u.display_name',
        'u.role',
        'u.org_id',
        'u.password_hash',
        'u.customer_id',
      ])
      .orderBy('k.id')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['客户 CRM', '网管系统', '报表系统', '徐汇对接']);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash) && r.key_hash !== crm)).toBe(true);
    for (const r of rows) {
      expect(r.username.startsWith(INTEGRATION_USERNAME_PREFIX)).toBe(true);
      expect(r).toMatchObject({
        display_name: `${r.name}（接口）`,
        role: 'hotline_agent',
        org_id: null,
        password_hash: null,
        customer_id: null,
      });
    }
    const login = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: rows[0]!.username, password: 'anything-at-all-1' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('TMF_API_KEY makes a client at start; a new key replaces the old one', async () => {
    const clients = apiClientService(s.ctx);
    const log = s.app.log;
    const k1 = 'env-key-0123456789abcdefghij';
    await clients.ensureFromEnv({ TMF_API_KEY: k1, TMF_API_CUSTOMER: '上海浦江智造科技有限公司' }, log);
    const a = await clients.authenticate(k1);
    expect(a?.client).toMatchObject({ name: 'TMF_API_KEY', defaultCustomerId: demo.id });
    expect(a?.scope).toEqual({ kind: 'all' });
    expect([...a!.permissions].sort()).toEqual([
      'catalog.manage',
      'customer.read',
      'customer.write',
      'order.place',
      'order.read',
      'ticket.create',
      'ticket.read',
    ]);
    await clients.ensureFromEnv({ TMF_API_KEY: k1, TMF_API_CUSTOMER: demo.credit_code }, log);
    const k2 = 'env-key-abcdefghij0123456789';
    await clients.ensureFromEnv({ TMF_API_KEY: k2 }, log);
    expect(await clients.authenticate(k1)).toBeNull();
    expect((await clients.authenticate(k2))?.client.defaultCustomerId).toBeNull();
    await clients.ensureFromEnv({ TMF_API_KEY: 'short' }, log);
    expect(await clients.authenticate('short')).toBeNull();
  });
});

describe('create', () => {
  let deviceId: string;

  it('creates with the minimum (CTK N1): 201 with id, href and the attributes as sent', async () => {
    const res = await post({ description: '<anytext>', severity: 'High', ticketType: 'device' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const t = res.json();
    deviceId = t.id;
    expect(t).toMatchObject({
      '@type': 'TroubleTicket',
      description: '<anytext>',
      severity: 'High',
      ticketType: 'device',
      status: 'acknowledged',
      priority: 'high',
    });
    expect(t.id).toMatch(/^\d+$/);
    expect(t.href).toBe(`${s.ctx.config.publicUrl}${BASE}/${t.id}`);
    expect(res.headers.location).toBe(t.href);
    expect(t.relatedParty).toEqual([
      {
        id: String(demo.id),
        name: '上海浦江智造科技有限公司',
        role: 'customer',
        '@referredType': 'Organization',
        '@type': 'RelatedParty',
      },
    ]);
    expect(Date.parse(t.creationDate)).toBeGreaterThan(Date.now() - 60_000);
    expect(t.channel).toMatchObject({ id: 'api' });
    // Our side: a terminal repair at high priority, through the normal loop (routed, clocks started).
    const r = await row(t.id);
    expect(r).toMatchObject({
      type: 'terminal_repair',
      priority: 'high',
      channel: 'api',
      customer_id: demo.id,
      status: 'dispatched',
    });
    const events = await s.ctx.db
      .selectFrom('ticket_events')
      .select(['action', 'actor_name'])
      .where('ticket_id', '=', r.id)
      .orderBy('id')
      .execute();
    expect(events[0]).toEqual({ action: 'submit', actor_name: '客户 CRM（接口）' });
    const clocks = await s.ctx.db
      .selectFrom('ticket_stage_clocks')
      .select('stage')
      .where('ticket_id', '=', r.id)
      .execute();
    expect(clocks.length).toBeGreaterThan(0);
  });

  it('maps a full fault report: customer by credit code, the line, notes, an embedded picture', async () => {
    const line = await s.ctx.db
      .selectFrom('customer_services')
      .selectAll()
      .where('customer_id', '=', demo.id)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await post(
      {
        name: '专线中断',
        description: '总部到分部的专线中断，光猫 LOS 红灯',
        severity: 'Critical',
        ticketType: 'connectivity',
        status: 'nanana',
        externalId: 'NMS-2026-0042',
        requestedResolutionDate: '2030-01-01T12:00:00+08:00',
        relatedParty: [
          { id: demo.credit_code, role: 'customer', '@referredType': 'Organization' },
          { id: 'ops-7', name: '值班工程师', role: 'reporter', '@referredType': 'Individual' },
        ],
        relatedEntity: [{ id: line.service_number, role: 'affectedService', '@referredType': 'Service' }],
        note: [
          { author: '值班工程师', text: '09:12 起告警' },
          { author: '值班工程师', text: '已重启光猫，无效' },
        ],
        attachment: [
          { name: '告警截图.png', mimeType: 'image/png', content: PNG.toString('base64') },
          { name: '拓扑', url: 'https://nms.example/topology/42' },
        ],
      },
      nms,
    );
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({
      name: '专线中断',
      severity: 'Critical',
      ticketType: 'connectivity',
      status: 'acknowledged',
      externalId: 'NMS-2026-0042',
      requestedResolutionDate: '2030-01-01T12:00:00+08:00',
    });
    expect(t.relatedParty.map((p: { role: string }) => p.role)).toEqual(['customer', 'reporter']);
    expect(t.relatedEntity[0]).toMatchObject({ id: line.service_number, role: 'affectedService' });
    expect(t.note.map((n: { author: string; text: string }) => `${n.author}:${n.text}`)).toEqual([
      '值班工程师:09:12 起告警',
      '值班工程师:已重启光猫，无效',
    ]);
    expect(t.attachment).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        name: '告警截图.png',
        mimeType: 'image/png',
        size: { amount: PNG.length, units: 'bytes' },
        '@type': 'AttachmentRefOrValue',
      },
      { name: '拓扑', url: 'https://nms.example/topology/42' },
    ]);
    expect(Date.parse(t.expectedResolutionDate)).toBeGreaterThan(Date.now());
    const r = await row(t.id);
    // Unless the line is suspended (then our rules make it an inquiry), a fault with the line's own category.
    if (line.status === 'active') {
      expect(r).toMatchObject({
        type: 'fault',
        priority: 'urgent',
        product_instance: line.service_number,
        business_category: line.business_category,
      });
      expect((r.details as Record<string, unknown>).faultLevel).toBe('critical');
    }
  });

  it('refuses an unknown customer, or none at all, clearly', async () => {
    const unknown = await post(
      {
        description: 'x 故障',
        severity: 'Low',
        ticketType: 'incident',
        relatedParty: [{ id: '91310000MA1FL0000X', role: 'customer' }],
      },
      nms,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_CUSTOMER', status: '400' });
    const byId = await post(
      {
        description: 'x 故障',
        severity: 'Low',
        ticketType: 'incident',
        relatedParty: [{ id: '999999', role: 'customer' }],
      },
      nms,
    );
    expect(byId.json().code).toBe('UNKNOWN_CUSTOMER');
    const none = await post({ description: 'x 故障', severity: 'Low', ticketType: 'incident' }, nms);
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('CUSTOMER_REQUIRED');
    // A client scoped to 徐汇区局 cannot raise for a 张江 customer.
    const foreign = await post(
      {
        description: 'x 故障',
        severity: 'Low',
        ticketType: 'incident',
        relatedParty: [{ id: String(demo.id), role: 'customer' }],
      },
      xuhui,
    );
    expect(foreign.json().code).toBe('UNKNOWN_CUSTOMER');
    const own = await post(
      {
        description: '徐汇的故障',
        severity: 'Low',
        ticketType: 'inquiry',
        relatedParty: [{ id: String(otherCustomer.id), role: 'customer' }],
      },
      xuhui,
    );
    expect(own.statusCode, own.body).toBe(201);
  });

  it('validates the body (CTK E2, E3) and the type', async () => {
    const noType = await post({ description: '<anytext>', severity: 'High' });
    expect(noType.statusCode).toBe(400);
    expect(noType.json()).toMatchObject({ code: 'INVALID_REQUEST', status: '400' });
    expect(noType.json().message).toContain('ticketType');
    const noteObject = await tmf(crm, 'POST', `${BASE}/`, {
      description: '<anytext>',
      severity: 'High',
      ticketType: 'problem',
      note: { author: 'writer e3_1' },
    });
    expect(noteObject.statusCode).toBe(400);
    const noText = await post({
      description: '<anytext>',
      severity: 'High',
      ticketType: 'problem',
      note: [{ author: 'writer' }],
    });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().message).toContain('note.text');
    const order = await post({ description: '开通一条宽带', severity: 'Low', ticketType: 'new_install' });
    expect(order.json().code).toBe('UNSUPPORTED_TICKET_TYPE');
    const badJson = await tmf(crm, 'POST', BASE, '{"description": ');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().status).toBe('400');
    const badFile = await post({
      description: '附件',
      severity: 'Low',
      ticketType: 'inquiry',
      attachment: [{ name: 'a.exe', content: Buffer.from('MZ exe').toString('base64') }],
    });
    expect(badFile.json().code).toBe('INVALID_ATTACHMENT');
  });

  it('a read-only client may read but not create', async () => {
    expect((await get(BASE, reader)).statusCode).toBe(200);
    const res = await post({ description: 'x', severity: 'Low', ticketType: 'inquiry' }, reader);
    expect(res.statusCode).toBe(403);
    expect(res.json().status).toBe('403');
    expect((await tmf(reader, 'DELETE', `${BASE}/${deviceId}`)).statusCode).toBe(403);
  });
});

describe('list and get', () => {
  let high: string;
  let low: string;

  beforeAll(async () => {
    high = (await post({ description: 'list-high', severity: 'High', ticketType: 'device' })).json().id;
    low = (
      await post({ description: 'list-low', severity: 'Low', ticketType: 'connectivity', externalId: 'EXT-LOW' })
    ).json().id;
  });

  it('lists newest first with the count headers and every mandatory attribute', async () => {
    const res = await get(BASE);
    expect(res.statusCode).toBe(200);
    const items = res.json();
    expect(Number(res.headers['x-total-count'])).toBe(items.length);
    expect(Number(res.headers['x-result-count'])).toBe(items.length);
    expect(items[0].id).toBe(low);
    expect(items[1].id).toBe(high);
    for (const t of items) {
      for (const k of ['id', 'href', 'description', 'severity', 'ticketType', 'status', 'creationDate'])
        expect(typeof t[k], `${t.id}.${k}`).toBe('string');
    }
  });

  it('filters by severity, ticketType, status and externalId (values as sent, any case)', async () => {
    const ids = async (q: string) => ((await get(`${BASE}?${q}`)).json() as { id: string }[]).map((t) => t.id);
    expect(await ids('severity=High')).toContain(high);
    expect(await ids('severity=High')).not.toContain(low);
    expect(await ids('severity=high')).toContain(high);
    expect(await ids('ticketType=connectivity')).toContain(low);
    expect(await ids('ticketType=connectivity')).not.toContain(high);
    expect(await ids('externalId=EXT-LOW')).toEqual([low]);
    expect(await ids(`id=${high},${low}`)).toEqual([low, high]);
    expect(await ids('status=acknowledged')).toEqual(expect.arrayContaining([high, low]));
    expect(await ids('status=closed')).toEqual([]);
    expect(await ids(`creationDate.gte=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect((await get(`${BASE}?status=bogus`)).statusCode).toBe(400);
    expect((await get(`${BASE}?colour=red`)).json().code).toBe('UNSUPPORTED_FILTER');
  });

  it('pages with offset and limit; fields= selects attributes', async () => {
    const all = (await get(BASE)).json() as { id: string }[];
    const page = await get(`${BASE}?offset=1&limit=2&fields=id,severity`);
    expect(page.headers['x-total-count']).toBe(String(all.length));
    expect(page.headers['x-result-count']).toBe('2');
    expect(page.json()).toEqual([
      { id: all[1]!.id, severity: expect.any(String) },
      { id: all[2]!.id, severity: expect.any(String) },
    ]);
    expect((await get(`${BASE}?limit=0`)).statusCode).toBe(400);
    expect((await get(`${BASE}?offset=-1`)).statusCode).toBe(400);
  });

  it('gets one, whole or with fields=, and 404 in TMF form otherwise (CTK N4, E1)', async () => {
    const one = await get(`${BASE}/${high}`);
    expect(one.json()).toMatchObject({ id: high, description: 'list-high', severity: 'High', ticketType: 'device' });
    expect((await get(`${BASE}/${high}?fields=description`)).json()).toEqual({ description: 'list-high' });
    expect((await get(`${BASE}/${low}?fields=severity,status`)).json()).toEqual({
      severity: 'Low',
      status: 'acknowledged',
    });
    for (const id of ['46846846846', 'abc', '0']) {
      const res = await get(`${BASE}/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: '404', reason: expect.any(String) });
    }
  });

  it('shows tickets raised in our own screens too, in TMF terms', async () => {
    const cust = await s.as('cust_user');
    const created = await cust.post('/api/tickets', {
      type: 'complaint',
      customerId: demo.id,
      channel: 'web',
      title: '装机人员迟到',
      description: '约好九点，十一点才到',
      contactName: '郑晓东',
      contactPhone: '13916000002',
      category: 'service_quality',
      priority: 'urgent',
    });
    expect(created.statusCode, created.body).toBe(200);
    const t = (await get(`${BASE}/${created.json().ticket.id}`)).json();
    expect(t).toMatchObject({
      name: '装机人员迟到',
      ticketType: 'complaint',
      severity: 'Critical',
      priority: 'urgent',
      channel: { id: 'web' },
    });
  });

  it('keeps to the client scope', async () => {
    expect((await get(`${BASE}/${high}`, xuhui)).statusCode).toBe(404);
    const list = (await get(BASE, xuhui)).json() as { relatedParty: { id: string }[] }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((t) => t.relatedParty[0]!.id === String(otherCustomer.id))).toBe(true);
  });

  it('a signed-in user may use it with its cookie, within its own scope', async () => {
    const supPd = await s.as('sup_pd');
    expect((await supPd.get(`${BASE}/${high}`)).statusCode).toBe(200);
    const tech = await s.as('tech_pd01');
    const seen = (await tech.get(BASE)).json() as { id: string }[];
    expect(seen.map((x) => x.id)).not.toContain(low);
    const cust = await s.as('cust_user');
    const res = await cust.post(BASE, { description: '门户里通过接口提交', severity: 'Low', ticketType: 'inquiry' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: { id: 'web' }, relatedParty: [{ id: String(demo.id) }] });
  });
});

describe('update and withdraw', () => {
  it('moves a fault through the life cycle: the handler by cookie, the customer system by key', async () => {
    const line = await s.ctx.db
      .selectFrom('customer_services')
      .select('service_number')
      .where('customer_id', '=', demo.id)
      .where('status', '=', 'active')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const t = (
      await post({
        description: '整层断网',
        severity: 'Medium',
        ticketType: 'incident',
        relatedEntity: [{ id: line.service_number, role: 'affectedService' }],
      })
    ).json();
    expect(t.status).toBe('acknowledged');
    // The client is not the handler: it cannot take the ticket into work.
    const denied = await patch(t.id, { status: 'inProgress' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().status).toBe('403');
    expect((await row(t.id)).status).toBe('dispatched');

    const noc = await s.as('noc01');
    const accepted = await cookiePatch(noc, t.id, { status: 'inProgress' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('inProgress');
    expect((await row(t.id)).status).toBe('accepted');

    const noResult = await cookiePatch(noc, t.id, { status: 'resolved' });
    expect(noResult.json().code).toBe('REASON_REQUIRED');
    const resolved = await cookiePatch(noc, t.id, { status: 'resolved', statusChangeReason: '更换光模块后恢复' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', statusChangeReason: '更换光模块后恢复' });
    expect(resolved.json().resolutionDate).toEqual(expect.any(String));

    const held = await patch(t.id, { status: 'held' });
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('INVALID_STATUS_TRANSITION');

    const note = await patch(t.id, { note: [{ text: '客户侧确认已恢复' }] });
    expect(note.statusCode, note.body).toBe(200);
    expect(note.json().note.at(-1)).toMatchObject({ author: '客户 CRM（接口）', text: '客户侧确认已恢复' });

    // Sending back unchanged attributes is fine; changing them is not.
    const same = await patch(t.id, { severity: 'Medium', status: 'closed', note: note.json().note });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().status).toBe('closed');
    expect(same.json().note).toHaveLength(note.json().note.length);
    expect(same.json().statusChange.map((c: { status: string }) => c.status)).toEqual([
      'acknowledged',
      'inProgress',
      'resolved',
      'closed',
    ]);
    expect((await row(t.id)).status).toBe('closed');
    const renamed = await patch(t.id, { name: '新名字' });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().code).toBe('NOT_PATCHABLE');
    expect((await patch(t.id, { status: 'finished' })).statusCode).toBe(400);
  });

  it('DELETE withdraws what the client raised (204, then cancelled); not what others raised', async () => {
    const t = (await post({ description: '误报', severity: 'Low', ticketType: 'incident' })).json();
    const del = await tmf(crm, 'DELETE', `${BASE}/${t.id}`, undefined, { 'content-type': 'application/json' });
    expect(del.statusCode, del.body).toBe(204);
    expect((await get(`${BASE}/${t.id}`)).json().status).toBe('cancelled');
    expect((await row(t.id)).status).toBe('cancelled');
    expect((await tmf(crm, 'DELETE', `${BASE}/${t.id}`)).statusCode).toBe(204);
    const cust = await s.as('cust_user');
    const theirs = (
      await cust.post('/api/tickets', {
        type: 'inquiry',
        customerId: demo.id,
        channel: 'web',
        title: '咨询资费',
        description: '',
        contactName: '郑晓东',
        contactPhone: '13916000002',
      })
    ).json().ticket.id;
    const refused = await tmf(crm, 'DELETE', `${BASE}/${theirs}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('TICKET_NOT_CREATOR');
    // Nor what another client raised.
    const crms = (await post({ description: 'CRM 的工单', severity: 'Low', ticketType: 'incident' })).json().id;
    expect((await tmf(nms, 'DELETE', `${BASE}/${crms}`)).json().code).toBe('TICKET_NOT_CREATOR');
    expect((await row(crms)).status).not.toBe('cancelled');
    expect((await tmf(crm, 'DELETE', `${BASE}/46846846846`)).statusCode).toBe(404);
  });

  it('maps statuses both ways through the state machine', async () => {
    const t = (await post({ description: '撤回测试', severity: 'Low', ticketType: 'inquiry' })).json();
    const cancelled = await patch(t.id, { status: 'cancelled', statusChangeReason: '客户已自行解决' });
    expect(cancelled.json().status).toBe('cancelled');
    expect(cancelled.json().statusChange.at(-1)).toMatchObject({ status: 'cancelled', changeReason: '客户已自行解决' });
    expect((await patch(t.id, { status: 'inProgress' })).statusCode).toBe(409);
  });

  it('unknown routes under the prefix answer in TMF form', async () => {
    const res = await get(`${TMF621_PREFIX}/nothing`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: '404', code: 'ROUTE_NOT_FOUND' });
  });
});
