import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@paidan/shared';
import { startTestServer, type Client, type TestServer } from '../../test/harness';
import { scopeFixture, USER_OF_ROLE } from './fixtures';
import { OPPORTUNITY_MATRIX } from '../modules/opportunities/__tests__/opportunity-matrix';

// Every endpoint the API documents, with the roles allowed through its permission check.
// A new endpoint that is not listed here fails the "every endpoint is in the matrix" test.
type Fx = Awaited<ReturnType<typeof scopeFixture>>;
interface Entry {
  allow: readonly Role[] | 'all' | 'public';
  req: (fx: Fx) => { url: string; body?: unknown };
}
const STAFF_READ_ORG: Role[] = ['account_manager', 'hotline_agent', 'dispatcher', 'supervisor', 'admin'];
const CUSTOMER_READ: Role[] = ['customer_user', 'customer_admin', ...STAFF_READ_ORG];
const TICKET_CREATE: Role[] = [
  'customer_user',
  'customer_admin',
  'account_manager',
  'hotline_agent',
  'dispatcher',
  'supervisor',
  'admin',
];
const MONITOR: Role[] = ['dispatcher', 'supervisor', 'admin'];
const PORTAL: Role[] = ['customer_user', 'customer_admin'];
const CERT_REVIEW: Role[] = ['account_manager', 'supervisor', 'admin'];
const ORDER_READ: Role[] = ROLES.filter((r) => r !== 'partner');
const ORDER_PLACE: Role[] = ['customer_user', 'customer_admin', 'account_manager', 'hotline_agent', 'admin'];
const ORDER_WORK: Role[] = ['account_manager', 'dispatcher', 'technician', 'supervisor', 'admin'];

const SIGN: Role[] = ['account_manager', 'hotline_agent', 'supervisor', 'admin'];
const PUB = (url: string, body?: unknown): Entry => ({ allow: 'public', req: () => ({ url, body }) });
const MATRIX: Record<string, Entry> = {
  // ---- onboarding, members, certification ----
  'POST /api/onboarding/sms-code': {
    allow: 'public',
    req: () => ({ url: '/api/onboarding/sms-code', body: { phone: 'x' } }),
  },
  'POST /api/onboarding/signup': {
    allow: 'public',
    req: () => ({ url: '/api/onboarding/signup', body: { phone: '13000000000', code: '000000', name: '某人' } }),
  },
  'GET /api/onboarding/state': { allow: PORTAL, req: () => ({ url: '/api/onboarding/state' }) },
  'POST /api/onboarding/enterprise': { allow: PORTAL, req: () => ({ url: '/api/onboarding/enterprise', body: {} }) },
  'DELETE /api/onboarding/enterprise': { allow: PORTAL, req: () => ({ url: '/api/onboarding/enterprise' }) },
  'POST /api/onboarding/invitations/{id}/accept': {
    allow: PORTAL,
    req: () => ({ url: '/api/onboarding/invitations/999999/accept' }),
  },
  'POST /api/onboarding/invitations/{id}/decline': {
    allow: PORTAL,
    req: () => ({ url: '/api/onboarding/invitations/999999/decline' }),
  },
  'GET /api/enterprise/members': { allow: ['customer_admin'], req: () => ({ url: '/api/enterprise/members' }) },
  'PATCH /api/enterprise/members/{id}': {
    allow: ['customer_admin'],
    req: () => ({ url: '/api/enterprise/members/999999', body: { status: 'disabled', version: 1 } }),
  },
  'GET /api/enterprise/invitations': { allow: ['customer_admin'], req: () => ({ url: '/api/enterprise/invitations' }) },
  'POST /api/enterprise/invitations': {
    allow: ['customer_admin'],
    req: () => ({ url: '/api/enterprise/invitations', body: {} }),
  },
  'DELETE /api/enterprise/invitations/{id}': {
    allow: ['customer_admin'],
    req: () => ({ url: '/api/enterprise/invitations/999999' }),
  },
  'GET /api/certification/current': { allow: PORTAL, req: () => ({ url: '/api/certification/current' }) },
  'POST /api/certification/bank-transfer': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/bank-transfer', body: {} }),
  },
  'POST /api/certification/attempts/{id}/amount': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/attempts/999999/amount', body: { amount: '0.01' } }),
  },
  'POST /api/certification/legal-rep-sms': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/legal-rep-sms', body: {} }),
  },
  'POST /api/certification/attempts/{id}/code': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/attempts/999999/code', body: { code: '000000' } }),
  },
  'POST /api/certification/licence': { allow: PORTAL, req: () => ({ url: '/api/certification/licence', body: {} }) },
  'PUT /api/certification/attempts/{id}/licence': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/attempts/999999/licence', body: {} }),
  },
  'POST /api/certification/e-licence': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/e-licence', body: {} }),
  },
  'POST /api/certification/attempts/{id}/cancel': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/attempts/999999/cancel' }),
  },
  'GET /api/certification/attempts/{id}/licence-image': {
    allow: PORTAL,
    req: () => ({ url: '/api/certification/attempts/999999/licence-image' }),
  },
  'GET /api/certifications': { allow: CERT_REVIEW, req: () => ({ url: '/api/certifications' }) },
  'GET /api/certifications/{id}': { allow: CERT_REVIEW, req: () => ({ url: '/api/certifications/999999' }) },
  'GET /api/certifications/{id}/licence-image': {
    allow: CERT_REVIEW,
    req: () => ({ url: '/api/certifications/999999/licence-image' }),
  },
  'POST /api/certifications/{id}/approve': {
    allow: CERT_REVIEW,
    req: () => ({ url: '/api/certifications/999999/approve', body: { version: 1 } }),
  },
  'POST /api/certifications/{id}/reject': {
    allow: CERT_REVIEW,
    req: () => ({ url: '/api/certifications/999999/reject', body: { reason: '不清楚', version: 1 } }),
  },
  'POST /api/certifications/{id}/deposit-sent': {
    allow: CERT_REVIEW,
    req: () => ({ url: '/api/certifications/999999/deposit-sent', body: { version: 1 } }),
  },
  'POST /api/auth/login': {
    allow: 'public',
    req: () => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'x' } }),
  },
  'POST /api/auth/sms-code': {
    allow: 'public',
    req: () => ({ url: '/api/auth/sms-code', body: { phone: '13000000000' } }),
  },
  'POST /api/auth/sms-login': {
    allow: 'public',
    req: () => ({ url: '/api/auth/sms-login', body: { phone: '13000000000', code: '000000' } }),
  },
  'POST /api/auth/logout': { allow: 'public', req: () => ({ url: '/api/auth/logout' }) },
  'GET /api/me': { allow: 'all', req: () => ({ url: '/api/me' }) },
  'PUT /api/me/lang': { allow: 'all', req: () => ({ url: '/api/me/lang', body: { lang: 'zh' } }) },
  'PUT /api/me/password': {
    allow: 'all',
    req: () => ({ url: '/api/me/password', body: { oldPassword: 'wrong-old', newPassword: 'Another123' } }),
  },
  'GET /api/orgs': { allow: STAFF_READ_ORG, req: () => ({ url: '/api/orgs' }) },
  'POST /api/orgs': {
    allow: ['admin'],
    req: (f) => ({ url: '/api/orgs', body: { parentId: f.zj.id, name: '矩阵测试班组', code: 'BAD CODE' } }),
  },
  'PATCH /api/orgs/{id}': {
    allow: ['admin'],
    req: (f) => ({ url: `/api/orgs/${f.zj.id}`, body: { name: f.zj.name } }),
  },
  'DELETE /api/orgs/{id}': { allow: ['admin'], req: (f) => ({ url: `/api/orgs/${f.zj.id}` }) },
  'GET /api/users': { allow: ['dispatcher', 'supervisor', 'admin'], req: () => ({ url: '/api/users' }) },
  'GET /api/users/{id}': {
    allow: ['dispatcher', 'supervisor', 'admin'],
    req: (f) => ({ url: `/api/users/${f.ownDistrictUser}` }),
  },
  'POST /api/users': { allow: ['admin'], req: () => ({ url: '/api/users', body: {} }) },
  'PATCH /api/users/{id}': {
    allow: ['admin'],
    req: (f) => ({ url: `/api/users/${f.ownDistrictUser}`, body: { version: 999 } }),
  },
  'POST /api/users/{id}/reset-password': {
    allow: ['admin'],
    req: (f) => ({ url: `/api/users/${f.ownDistrictUser}/reset-password`, body: { password: 'x' } }),
  },
  'GET /api/customers': { allow: CUSTOMER_READ, req: () => ({ url: '/api/customers' }) },
  'GET /api/customers/{id}': { allow: CUSTOMER_READ, req: (f) => ({ url: `/api/customers/${f.ownCustomer}` }) },
  'POST /api/customers': { allow: ['account_manager', 'admin'], req: () => ({ url: '/api/customers', body: {} }) },
  'PATCH /api/customers/{id}': {
    allow: ['account_manager', 'admin'],
    req: (f) => ({ url: `/api/customers/${f.ownCustomer}`, body: { version: 999 } }),
  },
  'GET /api/audit': { allow: ['supervisor', 'admin'], req: () => ({ url: '/api/audit' }) },
  'GET /api/audit/verify': { allow: ['admin'], req: () => ({ url: '/api/audit/verify' }) },
  'GET /api/notifications': { allow: 'all', req: () => ({ url: '/api/notifications' }) },
  'GET /api/notifications/unread-count': { allow: 'all', req: () => ({ url: '/api/notifications/unread-count' }) },
  'POST /api/notifications/{id}/read': { allow: 'all', req: () => ({ url: '/api/notifications/999999/read' }) },
  'POST /api/notifications/read-all': { allow: 'all', req: () => ({ url: '/api/notifications/read-all' }) },
  'GET /api/sms-outbox': { allow: ['admin'], req: () => ({ url: '/api/sms-outbox' }) },
  'GET /api/tickets': { allow: 'all', req: () => ({ url: '/api/tickets' }) },
  'POST /api/tickets': { allow: TICKET_CREATE, req: () => ({ url: '/api/tickets', body: {} }) },
  'GET /api/tickets/{id}': { allow: 'all', req: () => ({ url: '/api/tickets/999999' }) },
  'PATCH /api/tickets/{id}': {
    allow: 'all',
    req: () => ({ url: '/api/tickets/999999', body: { version: 1, priority: 'high', reason: '矩阵测试' } }),
  },
  'GET /api/tickets/{id}/assignees': {
    allow: ['account_manager', 'hotline_agent', 'dispatcher', 'technician', 'supervisor', 'partner', 'admin'],
    req: () => ({ url: '/api/tickets/999999/assignees?orgId=1' }),
  },
  'POST /api/tickets/{id}/actions': {
    allow: 'all',
    req: () => ({ url: '/api/tickets/999999/actions', body: { version: 1, action: 'urge' } }),
  },
  'POST /api/tickets/attachments': { allow: 'all', req: () => ({ url: '/api/tickets/attachments', body: {} }) },
  'GET /api/tickets/{id}/attachments/{attachmentId}': {
    allow: 'all',
    req: () => ({ url: '/api/tickets/999999/attachments/1' }),
  },
  'GET /api/ticket-config/sla-policies': { allow: 'all', req: () => ({ url: '/api/ticket-config/sla-policies' }) },
  'PUT /api/ticket-config/sla-policies': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/sla-policies', body: {} }),
  },
  'GET /api/ticket-config/calendar': { allow: 'all', req: () => ({ url: '/api/ticket-config/calendar' }) },
  'PUT /api/ticket-config/calendar': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/calendar', body: {} }),
  },
  'GET /api/ticket-config/settings': { allow: 'all', req: () => ({ url: '/api/ticket-config/settings' }) },
  'PUT /api/ticket-config/settings': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/settings', body: {} }),
  },
  'GET /api/ticket-config/routing-rules': { allow: 'all', req: () => ({ url: '/api/ticket-config/routing-rules' }) },
  'POST /api/ticket-config/routing-rules': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/routing-rules', body: {} }),
  },
  'PUT /api/ticket-config/routing-rules/{id}': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/routing-rules/999999', body: {} }),
  },
  'DELETE /api/ticket-config/routing-rules/{id}': {
    allow: ['admin'],
    req: () => ({ url: '/api/ticket-config/routing-rules/999999' }),
  },
  'GET /api/ticket-monitor/summary': { allow: MONITOR, req: () => ({ url: '/api/ticket-monitor/summary' }) },
  'GET /api/ticket-monitor/by-org': { allow: MONITOR, req: () => ({ url: '/api/ticket-monitor/by-org' }) },
  'GET /api/ticket-monitor/by-person': { allow: MONITOR, req: () => ({ url: '/api/ticket-monitor/by-person' }) },
  'GET /api/ticket-monitor/export.xlsx': { allow: MONITOR, req: () => ({ url: '/api/ticket-monitor/export.xlsx' }) },
  'GET /api/agreements/current': { allow: 'all', req: () => ({ url: '/api/agreements/current?codes=marketing' }) },
  'GET /api/agreements': { allow: ['admin'], req: () => ({ url: '/api/agreements' }) },
  'GET /api/agreements/{id}': { allow: 'all', req: () => ({ url: '/api/agreements/999999' }) },
  'POST /api/agreements': { allow: ['admin'], req: () => ({ url: '/api/agreements', body: {} }) },
  'PATCH /api/agreements/{id}': { allow: ['admin'], req: () => ({ url: '/api/agreements/999999', body: { lock: 1 } }) },
  'POST /api/agreements/{id}/publish': { allow: ['admin'], req: () => ({ url: '/api/agreements/999999/publish' }) },
  'POST /api/agreements/{id}/retire': { allow: ['admin'], req: () => ({ url: '/api/agreements/999999/retire' }) },
  'DELETE /api/agreements/{id}': { allow: ['admin'], req: () => ({ url: '/api/agreements/999999' }) },
  ...OPPORTUNITY_MATRIX,
  'GET /api/catalog/lines': { allow: ORDER_READ, req: () => ({ url: '/api/catalog/lines' }) },
  'GET /api/catalog/products': { allow: ORDER_READ, req: () => ({ url: '/api/catalog/products' }) },
  'GET /api/catalog/products/{id}': { allow: ORDER_READ, req: () => ({ url: '/api/catalog/products/999999' }) },
  'POST /api/catalog/products': { allow: ['admin'], req: () => ({ url: '/api/catalog/products', body: {} }) },
  'PATCH /api/catalog/products/{id}': {
    allow: ['admin'],
    req: () => ({ url: '/api/catalog/products/999999', body: {} }),
  },
  'POST /api/catalog/products/{id}/lifecycle': {
    allow: ['admin'],
    req: () => ({ url: '/api/catalog/products/999999/lifecycle', body: { action: 'publish' } }),
  },
  'POST /api/catalog/offers': { allow: ['admin'], req: () => ({ url: '/api/catalog/offers', body: {} }) },
  'PATCH /api/catalog/offers/{id}': { allow: ['admin'], req: () => ({ url: '/api/catalog/offers/999999', body: {} }) },
  'POST /api/catalog/offers/{id}/lifecycle': {
    allow: ['admin'],
    req: () => ({ url: '/api/catalog/offers/999999/lifecycle', body: { action: 'publish' } }),
  },
  'DELETE /api/catalog/offers/{id}': { allow: ['admin'], req: () => ({ url: '/api/catalog/offers/999999' }) },
  'POST /api/orders/quote': { allow: ORDER_PLACE, req: () => ({ url: '/api/orders/quote', body: {} }) },
  'POST /api/orders': { allow: ORDER_PLACE, req: () => ({ url: '/api/orders', body: {} }) },
  'GET /api/orders': { allow: ORDER_READ, req: () => ({ url: '/api/orders' }) },
  'GET /api/orders/lookup': { allow: ORDER_READ, req: () => ({ url: '/api/orders/lookup?number=SO0' }) },
  'GET /api/orders/tower': { allow: MONITOR, req: () => ({ url: '/api/orders/tower' }) },
  'GET /api/orders/settings': { allow: ORDER_READ, req: () => ({ url: '/api/orders/settings' }) },
  'PUT /api/orders/settings': { allow: ['admin'], req: () => ({ url: '/api/orders/settings', body: {} }) },
  // a promotion code belongs to an account manager; everyone else is refused by the service
  'GET /api/orders/promo-link': { allow: ['account_manager'], req: () => ({ url: '/api/orders/promo-link' }) },
  'GET /api/orders/ref-check': { allow: ORDER_READ, req: () => ({ url: '/api/orders/ref-check?ref=1.x' }) },
  'GET /api/orders/{id}': { allow: ORDER_READ, req: () => ({ url: '/api/orders/999999' }) },
  'PATCH /api/orders/{id}': { allow: ORDER_READ, req: () => ({ url: '/api/orders/999999', body: { version: 1 } }) },
  'POST /api/orders/{id}/actions': {
    allow: ORDER_READ,
    req: () => ({ url: '/api/orders/999999/actions', body: { action: 'urge', version: 1 } }),
  },
  'POST /api/orders/work-orders/{id}': {
    allow: ORDER_WORK,
    req: () => ({ url: '/api/orders/work-orders/999999', body: { action: 'finish' } }),
  },
  'GET /api/signing/requests': { allow: SIGN, req: () => ({ url: '/api/signing/requests' }) },
  'POST /api/signing/requests': { allow: SIGN, req: () => ({ url: '/api/signing/requests', body: {} }) },
  'GET /api/signing/preview': { allow: SIGN, req: () => ({ url: '/api/signing/preview?kind=order&ref=NOPE' }) },
  'GET /api/signing/requests/{id}': { allow: SIGN, req: () => ({ url: '/api/signing/requests/999999' }) },
  'POST /api/signing/requests/{id}/actions': {
    allow: SIGN,
    req: () => ({ url: '/api/signing/requests/999999/actions', body: { action: 'remind', version: 1 } }),
  },
  'GET /api/signing/requests/{id}/document.pdf': {
    allow: SIGN,
    req: () => ({ url: '/api/signing/requests/999999/document.pdf' }),
  },
  'GET /api/signing/requests/{id}/signed.pdf': {
    allow: SIGN,
    req: () => ({ url: '/api/signing/requests/999999/signed.pdf' }),
  },
  'GET /api/signing/rules': { allow: SIGN, req: () => ({ url: '/api/signing/rules' }) },
  'PUT /api/signing/rules': { allow: ['admin'], req: () => ({ url: '/api/signing/rules', body: {} }) },
  'GET /api/signing/stats': { allow: SIGN, req: () => ({ url: '/api/signing/stats' }) },
  'POST /api/sms-outbox/{id}/simulate-reply': {
    allow: ['admin'],
    req: () => ({ url: '/api/sms-outbox/999999/simulate-reply', body: { text: 'KT' } }),
  },
  'GET /api/sign/link/{token}': PUB('/api/sign/link/1~abcdefgh~1~aaaaaaaaaaaaaaaaaaaaaa'),
  'POST /api/sign/link/{token}/code': PUB('/api/sign/link/1~abcdefgh~1~aaaaaaaaaaaaaaaaaaaaaa/code'),
  'POST /api/sign/link/{token}/verify': PUB('/api/sign/link/1~abcdefgh~1~aaaaaaaaaaaaaaaaaaaaaa/verify', { code: '1' }),
  'GET /api/sign/session': PUB('/api/sign/session'),
  'GET /api/sign/session/document.pdf': PUB('/api/sign/session/document.pdf'),
  'POST /api/sign/session/materials/{kind}': PUB('/api/sign/session/materials/licence'),
  'POST /api/sign/session/sign': PUB('/api/sign/session/sign', { signaturePng: '' }),
  'POST /api/sign/session/decline': PUB('/api/sign/session/decline', {}),
  'POST /api/verify': PUB('/api/verify'),
  'GET /api/sign/templates': PUB('/api/sign/templates'),
  'GET /api/sign/templates/{code}': PUB('/api/sign/templates/usage_statement.pdf'),
};

let s: TestServer;
let fx: Fx;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  s = await startTestServer();
  fx = await scopeFixture(s);
  for (const role of ROLES) clients[role] = await s.as(USER_OF_ROLE[role]);
});
afterAll(async () => {
  await s?.close();
});

function documentedEndpoints(): string[] {
  const spec = s.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths)
    .filter(([p]) => p.startsWith('/api/'))
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
}

async function call(c: Client, key: string) {
  const [method] = key.split(' ') as [string];
  const { url, body } = MATRIX[key]!.req(fx);
  return c.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) });
}

describe('permission matrix', () => {
  it('lists every documented endpoint', () => {
    const missing = documentedEndpoints().filter((e) => !MATRIX[e] && e !== 'GET /api/events');
    expect(missing).toEqual([]);
  });

  it('refuses anonymous callers on every non-public endpoint', async () => {
    for (const key of Object.keys(MATRIX)) {
      if (MATRIX[key]!.allow === 'public') continue;
      const res = await call(s.anon, key);
      expect(res.statusCode, key).toBe(401);
      expect(res.json().code, key).toBe('UNAUTHENTICATED');
    }
  });

  for (const role of ROLES) {
    it(`lets ${role} through exactly the endpoints its role allows`, async () => {
      const wrong: string[] = [];
      for (const [key, e] of Object.entries(MATRIX)) {
        if (e.allow === 'public' || key === 'POST /api/auth/logout') continue;
        const allowed = e.allow === 'all' || e.allow.includes(role);
        const res = await call(clients[role], key);
        const denied = res.statusCode === 403 && res.json().code === 'FORBIDDEN';
        if (allowed === denied || res.statusCode === 401 || res.statusCode >= 500)
          wrong.push(`${key} → ${res.statusCode}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe('data scope', () => {
  it('a customer sees only its own enterprise', async () => {
    const c = clients.customer_user;
    const list = (await c.get('/api/customers?pageSize=200')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(fx.ownCustomer);
    const foreign = await c.get(`/api/customers/${fx.foreignCustomer}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('an account manager sees only its own customers, even in its own district', async () => {
    const c = clients.account_manager;
    const list = (await c.get('/api/customers?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((i: { accountManagerId: number }) => i.accountManagerId === fx.amId)).toBe(true);
    expect((await c.get(`/api/customers/${fx.foreignCustomer}`)).statusCode).toBe(404);
    if (fx.sameDistrictOtherAm) expect((await c.get(`/api/customers/${fx.sameDistrictOtherAm}`)).statusCode).toBe(404);
    const patch = await c.patch(`/api/customers/${fx.foreignCustomer}`, { version: 1, name: '上海被篡改名称有限公司' });
    expect(patch.statusCode).toBe(404);
    const row = await s.ctx.db
      .selectFrom('customers')
      .select('name')
      .where('id', '=', fx.foreignCustomer)
      .executeTakeFirstOrThrow();
    expect(row.name).not.toBe('上海被篡改名称有限公司');
  });

  it('a district supervisor sees its subtree and nothing else', async () => {
    const c = clients.supervisor;
    const customers = (await c.get('/api/customers?pageSize=200')).json();
    expect(customers.total).toBeGreaterThan(0);
    expect(customers.items.every((i: { districtOrgId: number }) => i.districtOrgId === fx.zj.id)).toBe(true);
    expect((await c.get(`/api/customers/${fx.foreignCustomer}`)).statusCode).toBe(404);
    const users = (await c.get('/api/users?pageSize=200')).json();
    expect(users.total).toBeGreaterThan(0);
    expect((await c.get(`/api/users/${fx.foreignUser}`)).statusCode).toBe(404);
    const orgs = (await c.get('/api/orgs')).json() as { path: string }[];
    expect(orgs.every((o) => o.path.startsWith(fx.zj.path))).toBe(true);
    // Filtering by a foreign org does not widen the scope.
    const filtered = (await c.get(`/api/customers?districtOrgId=${fx.xh.id}`)).json();
    expect(filtered.total).toBe(0);
  });

  it('a technician and a partner see no customer or user lists', async () => {
    for (const role of ['technician', 'partner'] as const) {
      expect((await clients[role].get('/api/customers')).statusCode).toBe(403);
      expect((await clients[role].get('/api/users')).statusCode).toBe(403);
    }
  });
});
