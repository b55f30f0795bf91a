import { sql } from 'kysely';
import type { Executor } from '../db/database';
import type { SmsMessage } from './sms.port';

// Writes to sms_messages, the one record of every SMS. message_key is unique: one row per message.

export async function findSmsRecord(ex: Executor, key: string) {
  return ex
    .selectFrom('sms_messages')
    .select(['id', 'status', 'provider_id', 'adapter'])
    .where('message_key', '=', key)
    .executeTakeFirst();
}

/**
 * Inserts the row of `msg`, or updates it on a later attempt. A row already `sent` or `stored` is final
 * and never changed. Returns whether a row was written.
 */
export async function upsertSmsRecord(
  ex: Executor,
  msg: SmsMessage,
  adapter: string,
  outcome: { status: 'stored' | 'sent' | 'failed'; providerId?: string | null; error?: string | null },
): Promise<boolean> {
  const delivered = outcome.status !== 'failed';
  const r = await ex
    .insertInto('sms_messages')
    .values({
      message_key: msg.key,
      direction: 'out',
      phone: msg.phone,
      template: msg.template,
      params: JSON.stringify(msg.params),
      body: msg.body,
      adapter,
      status: outcome.status,
      provider_id: outcome.providerId ?? null,
      error: outcome.error ?? null,
      // the database clock, like created_at
      sent_at: delivered ? sql<Date>`now()` : null,
    })
    .onConflict((oc) =>
      oc
        .column('message_key')
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          provider_id: (eb) => eb.ref('excluded.provider_id'),
          error: (eb) => eb.ref('excluded.error'),
          sent_at: (eb) => eb.ref('excluded.sent_at'),
          adapter: (eb) => eb.ref('excluded.adapter'),
        })
        .where(sql.ref('sms_messages.status'), 'not in', ['sent', 'stored']),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
