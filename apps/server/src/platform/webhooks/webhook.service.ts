import { sql } from 'kysely';
import type { Executor } from '../db/database';
import { enqueueJob } from '../jobs/enqueue';
import { randomToken } from '../util/crypto';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** A subscription listing this receives every event. */
export const ALL_EVENTS = '*';

export interface WebhookJobPayload {
  subscriptionId: number;
  event: string;
  key: string;
  occurredAt: string;
  payload: unknown;
}

export interface NewWebhookSubscription {
  name: string;
  url: string;
  events: string[];
  /** generated when not given; shown once to whoever registers the receiver */
  secret?: string;
  active?: boolean;
}

export interface WebhookSubscription {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('webhook url is not a valid URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('webhook url must be http(s)');
  return u.toString();
}

/** Registers a receiver. Returns it with its signing secret. */
export async function createWebhookSubscription(
  ex: Executor,
  input: NewWebhookSubscription,
): Promise<WebhookSubscription & { secret: string }> {
  const secret = input.secret ?? randomToken(32);
  const events = [...new Set(input.events.map((e) => e.trim()).filter(Boolean))];
  if (events.length === 0) throw new Error('a webhook subscription needs at least one event');
  const row = await ex
    .insertInto('webhook_subscriptions')
    .values({ name: input.name, url: checkUrl(input.url), secret, events, active: input.active ?? true })
    .returning(['id', 'name', 'url', 'events', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    secret,
  };
}

export async function listWebhookSubscriptions(ex: Executor): Promise<WebhookSubscription[]> {
  const rows = await ex
    .selectFrom('webhook_subscriptions')
    .select(['id', 'name', 'url', 'events', 'active', 'created_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    url: r.url,
    events: r.events,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function setWebhookSubscriptionActive(ex: Executor, id: number, active: boolean): Promise<boolean> {
  const r = await ex.updateTable('webhook_subscriptions').set({ active }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Queues `event` for every active subscription that lists it, in the caller's transaction: nothing is
 * sent unless it commits. `key` identifies the event (e.g. `ticket.created:123`); receivers see it as
 * `x-paidan-delivery`, and enqueueing the same key again sends nothing new. Returns how many were queued.
 */
export async function enqueueWebhook(
  ex: Executor,
  event: string,
  payload: unknown,
  opts: { key: string },
): Promise<number> {
  const subs = await ex
    .selectFrom('webhook_subscriptions')
    .select('id')
    .where('active', '=', true)
    .where(sql<boolean>`(${event} = ANY(events) OR ${ALL_EVENTS} = ANY(events))`)
    .orderBy('id')
    .execute();
  const occurredAt = new Date().toISOString();
  let queued = 0;
  for (const s of subs) {
    const job: WebhookJobPayload = { subscriptionId: s.id, event, key: opts.key, occurredAt, payload };
    const id = await enqueueJob(ex, WEBHOOK_DELIVER_JOB, { ...job }, { dedupeKey: `${opts.key}:${s.id}` });
    if (id !== null) queued++;
  }
  return queued;
}
