import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../../test/harness';
import { withTx } from '../../../platform/db/database';
import { registerScopedTopic } from '../../../platform/events/sse';
import { notificationService } from '../notification.service';
import { openSse, type SseClient } from './sse-client';

let s: TestServer;
let base: string;
let custUser: Client;
let custAdmin: Client;
let ids: Record<string, number>;
const streams: SseClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  custUser = await s.as('cust_user');
  custAdmin = await s.as('cust_admin');
  const rows = await s.ctx.db.selectFrom('users').select(['id', 'username']).execute();
  ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
afterAll(async () => {
  for (const c of streams) c.close();
  await s?.close();
});

const notify = (input: Parameters<ReturnType<typeof notificationService>['notify']>[1]) =>
  withTx(s.ctx.db, (tx) => notificationService(s.ctx).notify(tx, input));

async function sse(c: Client, query = ''): Promise<SseClient> {
  const st = await openSse(`${base}/api/events${query}`, { cookie: c.cookie! });
  streams.push(st);
  await st.waitFor((e) => e.event === 'ready');
  return st;
}

describe('notifications', () => {
  it('lists a user its own notifications only, newest first, with an unread count', async () => {
    await notify({
      userIds: [ids.cust_user!],
      kind: 'ticket.accepted',
      title: '您的工单已受理',
      body: '工单 GD202611220001 已由热线受理',
      link: '/tickets/1',
    });
    await notify({
      userIds: [ids.cust_user!, ids.cust_admin!],
      kind: 'ticket.done',
      title: '工单已完成',
      link: '/tickets/2',
    });

    const mine = await custUser.get('/api/notifications');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(mine.json().items.map((n: { title: string }) => n.title)).toEqual(['工单已完成', '您的工单已受理']);
    expect(mine.json().items[1]).toMatchObject({
      kind: 'ticket.accepted',
      body: '工单 GD202611220001 已由热线受理',
      link: '/tickets/1',
      readAt: null,
    });
    expect((await custUser.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });

    const theirs = await custAdmin.get('/api/notifications');
    expect(theirs.json().total).toBe(1);
    expect((await custAdmin.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('marks read only the reader’s own: another user gets 404', async () => {
    const [n] = await notify({ userIds: [ids.cust_user!], kind: 'info', title: '仅本人可见' });
    const other = await custAdmin.post(`/api/notifications/${n!.id}/read`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    expect(
      (await s.ctx.db.selectFrom('notifications').select('read_at').where('id', '=', n!.id).executeTakeFirstOrThrow())
        .read_at,
    ).toBeNull();
    // admins are no exception
    expect((await (await s.as('admin')).post(`/api/notifications/${n!.id}/read`)).statusCode).toBe(404);

    const ok = await custUser.post(`/api/notifications/${n!.id}/read`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: n!.id, title: '仅本人可见' });
    const readAt = ok.json().readAt as string;
    expect(readAt).toBeTruthy();
    // marking again keeps the first read time
    expect((await custUser.post(`/api/notifications/${n!.id}/read`)).json().readAt).toBe(readAt);

    const unread = await custUser.get('/api/notifications?unread=true');
    expect(unread.json().items.some((x: { id: number }) => x.id === n!.id)).toBe(false);
    expect(
      (await custUser.get('/api/notifications?unread=false')).json().items.some((x: { id: number }) => x.id === n!.id),
    ).toBe(true);
  });

  it('marks all read for the caller alone', async () => {
    await notify({ userIds: [ids.cust_user!, ids.cust_admin!], kind: 'info', title: '批量' });
    const before = (await custAdmin.get('/api/notifications/unread-count')).json().count as number;
    const res = await custUser.post('/api/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json().count).toBeGreaterThan(0);
    expect((await custUser.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await custAdmin.get('/api/notifications/unread-count')).json().count).toBe(before);
    // the web client sends an empty JSON object with its POSTs
    expect((await custAdmin.post('/api/notifications/read-all', {})).json().count).toBe(before);
  });

  it('pages and validates its query', async () => {
    const p = await custUser.get('/api/notifications?page=2&pageSize=1');
    expect(p.json()).toMatchObject({ page: 2, pageSize: 1 });
    expect(p.json().items).toHaveLength(1);
    expect((await custUser.get('/api/notifications?pageSize=500')).statusCode).toBe(400);
    expect((await custUser.get('/api/notifications?unread=maybe')).statusCode).toBe(400);
  });

  it('requires sign-in and the CSRF header', async () => {
    expect((await s.anon.get('/api/notifications')).statusCode).toBe(401);
    expect((await s.anon.get('/api/notifications/unread-count')).statusCode).toBe(401);
    const noCsrf = await s.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: custUser.cookie! },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('keeps nothing from a transaction that rolled back', async () => {
    await expect(
      withTx(s.ctx.db, async (tx) => {
        await notificationService(s.ctx).notify(tx, { userIds: [ids.cust_user!], kind: 'info', title: '回滚的通知' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    const rows = await s.ctx.db.selectFrom('notifications').select('id').where('title', '=', '回滚的通知').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('live events (SSE)', () => {
  it('refuses anonymous clients', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
  });

  it('delivers a notification published after connecting to its user only, and only once committed', async () => {
    const a = await sse(custUser);
    const b = await sse(custAdmin);
    expect(a.status).toBe(200);
    expect(a.contentType).toMatch(/^text\/event-stream/);

    await expect(
      withTx(s.ctx.db, async (tx) => {
        await notificationService(s.ctx).notify(tx, { userIds: [ids.cust_user!], kind: 'info', title: '不会送达' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    const [n] = await notify({
      userIds: [ids.cust_user!],
      kind: 'ticket.assigned',
      title: '新工单待处理',
      body: '请尽快处理',
      link: '/tickets/9',
    });

    const got = await a.waitFor((e) => e.event === 'notification');
    expect(got.data).toEqual(n);
    const forA = a.events.filter((e) => e.event === 'notification');
    expect(forA).toHaveLength(1); // the rolled-back one never arrives

    const [m] = await notify({ userIds: [ids.cust_admin!], kind: 'info', title: '给企业管理员' });
    expect((await b.waitFor((e) => e.event === 'notification')).data).toEqual(m);
    expect(b.events.filter((e) => e.event === 'notification')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.events.filter((e) => e.event === 'notification')).toHaveLength(1);
  });

  it('sends topic-wide events through the topic filter only', async () => {
    registerScopedTopic('test.changed', {
      permission: 'customer.read',
      target: (d) => ({ orgPath: (d as { orgPath: string }).orgPath }),
    });
    const zj = await s.ctx.db
      .selectFrom('orgs')
      .select('path')
      .where('code', '=', 'SH-PD-ZJ')
      .executeTakeFirstOrThrow();
    const supPd = await sse(await s.as('sup_pd')); // supervisor of 张江: org scope
    const admin = await sse(await s.as('admin')); // everything
    const tech = await sse(await s.as('tech_pd01')); // no customer.read
    const cust = await sse(custUser); // enterprise scope

    await s.ctx.events.publish(s.ctx.db, { topic: 'test.unfiltered', data: { secret: true } });
    await s.ctx.events.publish(s.ctx.db, { topic: 'test.changed', data: { orgPath: '/elsewhere/', n: 1 } });
    await s.ctx.events.publish(s.ctx.db, { topic: 'test.changed', data: { orgPath: `${zj.path}99/`, n: 2 } });

    expect((await supPd.waitFor((e) => e.event === 'test.changed')).data).toMatchObject({ n: 2 });
    await admin.waitFor((e) => e.event === 'test.changed' && (e.data as { n: number }).n === 2);
    expect(admin.events.filter((e) => e.event === 'test.changed')).toHaveLength(2);
    expect(supPd.events.filter((e) => e.event === 'test.changed')).toHaveLength(1);
    for (const st of [supPd, admin, tech, cust])
      expect(st.events.some((e) => e.event === 'test.unfiltered')).toBe(false);
    expect(tech.events.some((e) => e.event === 'test.changed')).toBe(false);
    expect(cust.events.some((e) => e.event === 'test.changed')).toBe(false);
  });

  it('lets a client choose its topics', async () => {
    const onlyOther = await sse(custUser, '?topics=ticket.changed');
    const all = await sse(custUser);
    await notify({ userIds: [ids.cust_user!], kind: 'info', title: '选择主题' });
    await all.waitFor((e) => e.event === 'notification' && (e.data as { title: string }).title === '选择主题');
    await new Promise((r) => setTimeout(r, 100));
    expect(onlyOther.events.some((e) => e.event === 'notification')).toBe(false);
  });

  // last: it closes the app
  it('ends open streams when the server shuts down, so closing does not hang', async () => {
    const st = await sse(custUser);
    const t0 = Date.now();
    await s.app.close();
    expect(Date.now() - t0).toBeLessThan(3_000);
    await expect.poll(() => st.ended, { timeout: 2_000 }).toBe(true);
  });
});
