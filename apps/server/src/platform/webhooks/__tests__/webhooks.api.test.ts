import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../../test/harness';
import { withTx } from '../../db/database';
import { runDueJobs } from '../../jobs/job-runner';
import { startReceiver, type LocalReceiver } from '../../jobs/__tests__/local-receiver';
import { createWebhookSubscription, enqueueWebhook } from '../webhook.service';
import { verifyWebhookSignature } from '../webhook-signature';

let s: TestServer;
let rx: LocalReceiver;
beforeAll(async () => {
  s = await startTestServer();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await s?.close();
});
beforeEach(async () => {
  await s.ctx.db.updateTable('webhook_subscriptions').set({ active: false }).execute();
  rx.received.length = 0;
  rx.answers = [];
});

const deliver = () => runDueJobs(s.ctx, { types: ['webhook.deliver'] });

describe('webhooks', () => {
  it('delivers a signed POST to each active subscription that lists the event', async () => {
    const tickets = await createWebhookSubscription(s.ctx.db, {
      name: '工单系统',
      url: rx.url,
      events: ['ticket.created'],
    });
    const all = await createWebhookSubscription(s.ctx.db, { name: '数据中台', url: `${rx.url}?all`, events: ['*'] });
    await createWebhookSubscription(s.ctx.db, { name: '订单', url: rx.url, events: ['order.created'] });
    await createWebhookSubscription(s.ctx.db, { name: '停用', url: rx.url, events: ['ticket.created'], active: false });

    const key = `ticket.created:${crypto.randomUUID()}`;
    const payload = { ticketId: 42, title: '专线中断', customer: '上海浦东软件园' };
    const n = await withTx(s.ctx.db, (tx) => enqueueWebhook(tx, 'ticket.created', payload, { key }));
    expect(n).toBe(2);
    // the same event key again queues nothing new
    expect(await enqueueWebhook(s.ctx.db, 'ticket.created', payload, { key })).toBe(0);

    expect((await deliver()).done).toBe(2);
    expect(rx.received).toHaveLength(2);
    for (const r of rx.received) {
      const secret = r.url.endsWith('?all') ? all.secret : tickets.secret;
      const other = r.url.endsWith('?all') ? tickets.secret : all.secret;
      expect(r.method).toBe('POST');
      expect(r.headers['x-paidan-event']).toBe('ticket.created');
      expect(r.headers['x-paidan-delivery']).toBe(key);
      const sig = String(r.headers['x-paidan-signature']);
      expect(sig).toBe(crypto.createHmac('sha256', secret).update(r.body).digest('hex'));
      expect(verifyWebhookSignature(secret, r.body, sig)).toBe(true);
      expect(verifyWebhookSignature(other, r.body, sig)).toBe(false);
      expect(JSON.parse(r.body)).toMatchObject({ id: key, event: 'ticket.created', data: payload });
    }
    const rows = await s.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event', '=', 'ticket.created')
      .execute();
    expect(rows.map((r) => r.subscription_id).sort()).toEqual([tickets.id, all.id].sort());
    for (const r of rows) expect(r).toMatchObject({ status: 'delivered', response_status: 200, attempts: 1 });
  });

  it('retries a failed delivery with back-off and records each attempt', async () => {
    const sub = await createWebhookSubscription(s.ctx.db, { name: 'flaky', url: rx.url, events: ['order.paid'] });
    rx.answers = [503];
    const key = `order.paid:${crypto.randomUUID()}`;
    await enqueueWebhook(s.ctx.db, 'order.paid', { orderId: 7 }, { key });

    expect((await deliver()).retried).toBe(1);
    const deliveryKey = `${key}:${sub.id}`;
    let row = await s.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('delivery_key', '=', deliveryKey)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', response_status: 503, attempts: 1, error: 'HTTP 503' });
    const job = await s.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', '=', deliveryKey)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    // base back-off for webhooks is 10 s: the retry waits at least 5 s
    expect(job.run_at.getTime() - Date.now()).toBeGreaterThan(4_000);

    await s.ctx.db
      .updateTable('jobs')
      .set({ run_at: sql<Date>`now()` })
      .where('id', '=', job.id)
      .execute();
    expect((await deliver()).done).toBe(1);
    row = await s.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('delivery_key', '=', deliveryKey)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'delivered', response_status: 200, attempts: 2, error: null });
    expect(row.delivered_at).toBeInstanceOf(Date);
    expect(rx.received).toHaveLength(2);
    expect(rx.received[0]!.body).toBe(rx.received[1]!.body);
  });

  it('sends nothing for an event whose transaction rolled back', async () => {
    await createWebhookSubscription(s.ctx.db, { name: 'rb', url: rx.url, events: ['ticket.closed'] });
    await expect(
      withTx(s.ctx.db, async (tx) => {
        await enqueueWebhook(tx, 'ticket.closed', { ticketId: 1 }, { key: 'ticket.closed:rolled-back' });
        throw new Error('rule violated');
      }),
    ).rejects.toThrow();
    expect((await deliver()).claimed).toBe(0);
    expect(rx.received).toHaveLength(0);
  });

  it('skips subscriptions deactivated after the event was queued', async () => {
    const sub = await createWebhookSubscription(s.ctx.db, { name: 'gone', url: rx.url, events: ['ticket.updated'] });
    await enqueueWebhook(s.ctx.db, 'ticket.updated', {}, { key: 'ticket.updated:1' });
    await s.ctx.db.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', sub.id).execute();
    expect((await deliver()).done).toBe(1);
    expect(rx.received).toHaveLength(0);
  });

  it('refuses a subscription with a non-http url', async () => {
    await expect(
      createWebhookSubscription(s.ctx.db, { name: 'x', url: 'file:///etc/passwd', events: ['*'] }),
    ).rejects.toThrow(/http/);
  });
});
