import type { Executor } from '../db/database';
import type { SmsAdapter, SmsMessage, SmsSendResult } from './sms.port';
import { upsertSmsRecord } from './sms-record';

/**
 * The default adapter: nothing leaves the building. The message is stored in sms_messages with status
 * `stored`, where administrators read it in the 短信发件箱. The same key is stored once.
 */
export function createOutboxAdapter(db: Executor): SmsAdapter {
  return {
    name: 'outbox',
    async send(msg: SmsMessage): Promise<SmsSendResult> {
      await upsertSmsRecord(db, msg, 'outbox', { status: 'stored' });
      return { status: 'stored' };
    },
  };
}
