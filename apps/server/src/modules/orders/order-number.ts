import { sql } from 'kysely';
import { formatOrderNumber, sequencePeriod } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';

/** Next order number in the configured format; the counter row is locked by the upsert until the transaction ends. */
export async function nextOrderNumber(ex: Executor, now: Date): Promise<string> {
  const s = await ex.selectFrom('order_settings').select('number_format').where('id', '=', 1).executeTakeFirstOrThrow();
  const period = `${s.number_format}|${sequencePeriod(s.number_format, now)}`;
  const row = await sql<{ last: number }>`
    INSERT INTO order_number_seq (period, last) VALUES (${period}, 1)
    ON CONFLICT (period) DO UPDATE SET last = order_number_seq.last + 1
    RETURNING last`.execute(ex);
  return formatOrderNumber(s.number_format, now, row.rows[0]!.last);
}
