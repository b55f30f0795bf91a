import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database';
import { PermanentJobError, type JobHandler } from '../jobs/job-registry';
import { safeErrorMessage } from '../jobs/job-logger';
import { signWebhookBody } from './webhook-signature';

export const WEBHOOK_TIMEOUT_MS = 10_000;

const PayloadSchema = z.object({
  subscriptionId: z.number().int(),
  event: z.string().min(1),
  key: z.string().min(1),
  occurredAt: z.string(),
  payload: z.unknown(),
});

/** A non-2xx answer or no answer: the job retries with back-off. */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

async function recordDelivery(
  ex: Executor,
  v: {
    deliveryKey: string;
    subscriptionId: number;
    event: string;
    payload: unknown;
    status: 'delivered' | 'failed';
    responseStatus: number | null;
    attempts: number;
    error: string | null;
  },
): Promise<void> {
  const now = sql<Date>`now()`;
  await ex
    .insertInto('webhook_deliveries')
    .values({
      delivery_key: v.deliveryKey,
      subscription_id: v.subscriptionId,
      event: v.event,
      payload: JSON.stringify(v.payload ?? null),
      status: v.status,
      response_status: v.responseStatus,
      attempts: v.attempts,
      error: v.error,
      updated_at: now,
      delivered_at: v.status === 'delivered' ? now : null,
    })
    .onConflict((oc) =>
      oc
        .column('delivery_key')
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          response_status: (eb) => eb.ref('excluded.response_status'),
          attempts: (eb) => eb.ref('excluded.attempts'),
          error: (eb) => eb.ref('excluded.error'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
          delivered_at: (eb) => eb.ref('excluded.delivered_at'),
        })
        // a delivered row is final
        .where(sql.ref('webhook_deliveries.status'), '<>', 'delivered'),
    )
    .execute();
}

/**
 * POSTs one event to one subscription: JSON `{id, event, occurredAt, data}` signed with the
 * subscription's secret. Each attempt updates the delivery's row in webhook_deliveries.
 */
export const handleWebhookDeliver: JobHandler = async (job, { ctx, signal, log }) => {
  const parsed = PayloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError('webhook.deliver payload is invalid');
  const p = parsed.data;
  const sub = await ctx.db
    .selectFrom('webhook_subscriptions')
    .select(['id', 'url', 'secret', 'active'])
    .where('id', '=', p.subscriptionId)
    .executeTakeFirst();
  if (!sub || !sub.active) {
    log.info(
      { webhook: { subscriptionId: p.subscriptionId, event: p.event, key: p.key } },
      'webhook skipped: subscription gone or inactive',
    );
    return;
  }
  const deliveryKey = job.dedupeKey ?? `${p.key}:${sub.id}`;
  const prior = await ctx.db
    .selectFrom('webhook_deliveries')
    .select('status')
    .where('delivery_key', '=', deliveryKey)
    .executeTakeFirst();
  if (prior?.status === 'delivered') return;

  const body = JSON.stringify({ id: p.key, event: p.event, occurredAt: p.occurredAt, data: p.payload ?? null });
  const base = { deliveryKey, subscriptionId: sub.id, event: p.event, payload: p.payload, attempts: job.attempt };
  let status: number;
  try {
    const res = await fetch(sub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'paidan-webhooks/1',
        'x-paidan-event': p.event,
        'x-paidan-delivery': p.key,
        'x-paidan-signature': signWebhookBody(sub.secret, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), signal]),
    });
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
  } catch (e) {
    const reason =
      e instanceof Error && e.name === 'TimeoutError'
        ? `no answer within ${WEBHOOK_TIMEOUT_MS} ms`
        : safeErrorMessage(e, 300);
    await recordDelivery(ctx.db, { ...base, status: 'failed', responseStatus: null, error: reason });
    throw new WebhookDeliveryError(`webhook ${p.event} to subscription ${sub.id}: ${reason}`);
  }
  if (status < 200 || status >= 300) {
    await recordDelivery(ctx.db, { ...base, status: 'failed', responseStatus: status, error: `HTTP ${status}` });
    throw new WebhookDeliveryError(`webhook ${p.event} to subscription ${sub.id}: HTTP ${status}`);
  }
  await recordDelivery(ctx.db, { ...base, status: 'delivered', responseStatus: status, error: null });
  log.info({ webhook: { subscriptionId: sub.id, event: p.event, key: p.key, status } }, 'webhook delivered');
};
