import crypto from 'node:crypto';
import type { AppContext } from '../app-context';
import { withTx, type Executor } from '../db/database';

/** One SMS a customer sent us (an SMPP deliver_sm, or a reply simulated in the 短信发件箱). */
export interface InboundSms {
  phone: string;
  text: string;
  adapter: string;
  /** the gateway's message id: the same id is handled once */
  providerId?: string | null;
}

/** Handles an inbound message inside the transaction that records it; returns true when it took the message. */
export type InboundSmsHandler = (ctx: AppContext, ex: Executor, msg: InboundSms & { id: number }) => Promise<boolean>;

const handlers: InboundSmsHandler[] = [];

/** Modules that wait for replies (signing's "KT") register here at start. */
export function registerInboundSmsHandler(h: InboundSmsHandler): void {
  if (!handlers.includes(h)) handlers.push(h);
}

/**
 * Records an inbound SMS in sms_messages (direction `in`) and offers it to the handlers in the same transaction.
 * A repeated provider id (gateways redeliver) is recorded and handled once.
 */
export async function receiveInboundSms(
  ctx: AppContext,
  msg: InboundSms,
): Promise<{ id: number; duplicate: boolean; handled: boolean }> {
  const phone = msg.phone.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  const key = `in:${msg.adapter}:${msg.providerId ?? crypto.randomUUID()}`;
  return withTx(ctx.db, async (tx) => {
    const row = await tx
      .insertInto('sms_messages')
      .values({
        message_key: key,
        direction: 'in',
        phone,
        template: 'inbound',
        params: JSON.stringify({}),
        body: msg.text.slice(0, 1000),
        adapter: msg.adapter,
        status: 'received',
        provider_id: msg.providerId ?? null,
        sent_at: new Date(),
      })
      .onConflict((oc) => oc.column('message_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const prior = await tx
        .selectFrom('sms_messages')
        .select('id')
        .where('message_key', '=', key)
        .executeTakeFirstOrThrow();
      return { id: prior.id, duplicate: true, handled: false };
    }
    let handled = false;
    for (const h of handlers) {
      if (await h(ctx, tx, { ...msg, phone, id: row.id })) {
        handled = true;
        break;
      }
    }
    return { id: row.id, duplicate: false, handled };
  });
}
