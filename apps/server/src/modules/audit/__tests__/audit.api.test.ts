import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '@paidan/shared';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';

let s: TestServer;
let admin: Client;
let zjPath: string;
let am01: { id: number; displayName: string };
let otherAm: { id: number; username: string };
let ownCustomerId: number;
let foreignCustomerId: number;
let startedAt: Date;

async function touchCustomer(c: Client, id: number, address: string) {
  const cur = await s.ctx.db.selectFrom('customers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const res = await c.patch(`/api/customers/${id}`, { version: cur.version, address });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  s = await startTestServer();
  startedAt = new Date(Date.now() - 1000);
  const db = s.ctx.db;
  zjPath = (await db.selectFrom('orgs').select('path').where('code', '=', 'SH-PD-ZJ').executeTakeFirstOrThrow()).path;
  const u = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', 'am_pd01')
    .executeTakeFirstOrThrow();
  am01 = { id: u.id, displayName: u.display_name };
  // An account manager outside 张江 with a customer of its own.
  const other = await db
    .selectFrom('users as u')
    .innerJoin('customers as c', 'c.account_manager_id', 'u.id')
    .select(['u.id', 'u.username', 'c.id as customer_id'])
    .where('u.role', '=', 'account_manager')
    .where('u.org_path', 'not like', `${zjPath}%`)
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  otherAm = { id: other.id, username: other.username };
  foreignCustomerId = other.customer_id;
  ownCustomerId = (
    await db
      .selectFrom('customers')
      .select('id')
      .where('account_manager_id', '=', am01.id)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;

  admin = await s.as('admin');
  await touchCustomer(await s.as('am_pd01'), ownCustomerId, '上海市浦东新区张江路 1 号');
  await touchCustomer(await s.as('am_pd01'), ownCustomerId, '上海市浦东新区张江路 2 号');
  await touchCustomer(await s.as(otherAm.username), foreignCustomerId, '区外地址 8 号');
  await touchCustomer(admin, foreignCustomerId, '管理员改的地址 9 号');
});
afterAll(async () => {
  await s?.close();
});

const list = async (c: Client, query = '') => {
  const res = await c.get(`/api/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: AuditEvent[]; total: number; page: number; pageSize: number };
};

describe('GET /api/audit', () => {
  it('shows an administrator every event, newest first, with the whole record', async () => {
    const all = await list(admin, '?pageSize=200');
    const n = await s.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(all.total).toBe(Number(n.n));
    const seqs = all.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.items.some((e) => e.actorId === null && e.action === 'seed.loaded')).toBe(true);

    const upd = all.items.find((e) => e.action === 'customer.updated' && e.actorId === am01.id)!;
    expect(upd).toMatchObject({
      entityType: 'customer',
      entityId: String(ownCustomerId),
      actorName: am01.displayName,
      before: { id: ownCustomerId },
      after: { id: ownCustomerId },
    });
    expect(upd.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(upd.prevHash).toMatch(/^[0-9a-f]{64}$/);
    expect(upd.requestId).toBeTruthy();
    expect(new Date(upd.occurredAt).toISOString()).toBe(upd.occurredAt);
    // The chain is visible: each event points to the one before it.
    const bySeq = new Map(all.items.map((e) => [e.seq, e]));
    expect(bySeq.get(upd.seq - 1)?.hash).toBe(upd.prevHash);
  });

  it('pages', async () => {
    const p1 = await list(admin, '?page=1&pageSize=2');
    const p2 = await list(admin, '?page=2&pageSize=2');
    expect(p1).toMatchObject({ page: 1, pageSize: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(2);
    expect(p2.total).toBe(p1.total);
    expect(p2.items[0]!.seq).toBe(p1.items[1]!.seq - 1);
    const last = await list(admin, `?page=${Math.ceil(p1.total / 2) + 1}&pageSize=2`);
    expect(last.items).toEqual([]);
  });

  it('filters by action, entity, actor, time and text', async () => {
    const upd = await list(admin, '?action=customer.updated');
    expect(upd.total).toBe(4);
    expect(upd.items.every((e) => e.action === 'customer.updated')).toBe(true);
    expect((await list(admin, '?action=customer.*')).total).toBe(4);
    const logins = await list(admin, '?action=auth.*');
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect((await list(admin, '?action=customer._pdated')).total).toBe(0); // no LIKE wildcards sneak in

    const entity = await list(admin, `?entityType=customer&entityId=${foreignCustomerId}`);
    expect(entity.total).toBe(2);
    expect(entity.items.map((e) => e.actorId)).toEqual([expect.any(Number), otherAm.id]);

    const byActor = await list(admin, `?actorId=${am01.id}&action=customer.*`);
    expect(byActor.total).toBe(2);
    expect(byActor.items.every((e) => e.actorId === am01.id)).toBe(true);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await list(admin, `?from=${encodeURIComponent(future)}`)).total).toBe(0);
    expect(
      (await list(admin, `?action=customer.updated&from=${encodeURIComponent(startedAt.toISOString())}`)).total,
    ).toBe(4);
    expect(
      (await list(admin, `?action=customer.updated&to=${encodeURIComponent(startedAt.toISOString())}`)).total,
    ).toBe(0);
    expect(
      (
        await list(
          admin,
          `?action=customer.updated&from=${encodeURIComponent('2020-01-01T08:00:00+08:00')}&to=${encodeURIComponent(future)}`,
        )
      ).total,
    ).toBe(4);

    const q = await list(admin, `?q=${encodeURIComponent(am01.displayName)}`);
    expect(q.total).toBeGreaterThanOrEqual(2);
    expect(q.items.every((e) => e.actorName === am01.displayName)).toBe(true);
  });

  it('rejects malformed filters with field details', async () => {
    const bad = await admin.get('/api/audit?from=yesterday&pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('shows a district supervisor only what actors of its subtree did, and no system events', async () => {
    const sup = await list(await s.as('sup_pd'), '?pageSize=200');
    const all = await list(admin, '?pageSize=200');
    expect(sup.total).toBeLessThan(all.total);
    expect(sup.items.length).toBe(sup.total);
    const inside = new Set(
      (await s.ctx.db.selectFrom('users').select('id').where('org_path', 'like', `${zjPath}%`).execute()).map(
        (u) => u.id,
      ),
    );
    expect(sup.items.every((e) => e.actorId !== null && inside.has(e.actorId))).toBe(true);
    expect(sup.items.filter((e) => e.action === 'customer.updated').map((e) => e.actorId)).toEqual([am01.id, am01.id]);
    expect(sup.items.some((e) => e.actorId === otherAm.id)).toBe(false);
    // Filters cannot widen the scope.
    expect((await list(await s.as('sup_pd'), `?actorId=${otherAm.id}`)).total).toBe(0);
    expect((await list(await s.as('sup_pd'), `?entityType=customer&entityId=${foreignCustomerId}`)).total).toBe(0);

    // The city supervisor above 张江 sees 张江's events too.
    const city = await list(await s.as('sup_city'), `?actorId=${am01.id}&action=customer.*`);
    expect(city.total).toBe(2);
  });

  it('refuses customers, technicians and other roles without audit.read', async () => {
    for (const u of ['cust_user', 'cust_admin', 'tech_pd01', 'am_pd01', 'disp_pd']) {
      const res = await (await s.as(u)).get('/api/audit');
      expect(res.statusCode, u).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect((await (await s.as(u)).get('/api/audit/verify')).statusCode, u).toBe(403);
    }
    expect((await s.anon.get('/api/audit')).statusCode).toBe(401);
    expect((await s.anon.get('/api/audit/verify')).statusCode).toBe(401);
  });
});
