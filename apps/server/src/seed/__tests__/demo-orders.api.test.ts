import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness';
import { seedDemoOrders } from '../demo-orders';
import { rng } from '../seed-random';

// The demo orders make the enterprises they are placed for certified; the enterprises of the onboarding demo are
// still certifying (a deposit to send, an amount to confirm) and must stay so, or the demo of 对公打款 is gone.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await seedDemoOrders(s.ctx, rng(20261201));
}, 120_000);
afterAll(() => s.close());

it('leaves the enterprises that are certifying uncertified, with their attempts where the demo left them', async () => {
  const rows = await s.ctx.db
    .selectFrom('certification_attempts as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['c.name', 'c.certification_status', 'a.status'])
    .where('a.status', 'in', ['awaiting_deposit', 'awaiting_amount'])
    .execute();
  expect(rows.map((r) => r.status).sort()).toEqual(['awaiting_amount', 'awaiting_deposit']);
  for (const r of rows) expect(r.certification_status, r.name).toBe('pending');
  const orders = await s.ctx.db
    .selectFrom('orders as o')
    .innerJoin('certification_attempts as a', 'a.customer_id', 'o.customer_id')
    .select('o.id')
    .execute();
  expect(orders).toEqual([]);
});
