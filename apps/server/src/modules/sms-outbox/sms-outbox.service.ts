import {
  maskPhone,
  maskPhonesInText,
  type SmsOutboxItem,
  type SmsOutboxPage,
  type SmsOutboxQuery,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { smsOutboxRepo, type SmsOutboxRow } from './sms-outbox.repo';

const toItem = (r: SmsOutboxRow): SmsOutboxItem => ({
  id: r.id,
  direction: r.direction,
  phoneMasked: maskPhone(r.phone),
  template: r.template,
  // numbers quoted inside a text are masked like the recipient's
  body: maskPhonesInText(r.body),
  status: r.status,
  adapter: r.adapter,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  error: r.error,
});

export function smsOutboxService(ctx: AppContext) {
  const { db } = ctx;
  return {
    /** The 短信发件箱, newest first. */
    async list(_actor: Actor, q: SmsOutboxQuery): Promise<SmsOutboxPage> {
      const { items, total } = await smsOutboxRepo.list(db, q);
      return { items: items.map(toItem), total, page: q.page, pageSize: q.pageSize };
    },
  };
}
