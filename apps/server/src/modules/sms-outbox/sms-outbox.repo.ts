import type { SmsOutboxQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { escapeLike } from '../../platform/db/like';

const likeEscape = escapeLike;

// sms_messages holds every SMS of the platform; reading it is an administrator's right (sms_outbox.read),
// checked by the route: there is no narrower data scope for it.
export const smsOutboxRepo = {
  async list(ex: Executor, f: SmsOutboxQuery) {
    let q = ex.selectFrom('sms_messages');
    if (f.phone) {
      // a full number matches exactly (index); some digits match anywhere in the number
      const digits = f.phone.replace(/^\+?86(?=1\d{10}$)/, '');
      q = digits.length >= 11 ? q.where('phone', '=', digits) : q.where('phone', 'like', `%${likeEscape(digits)}%`);
    }
    if (f.status) q = q.where('status', '=', f.status);
    if (f.direction) q = q.where('direction', '=', f.direction);
    if (f.q) {
      const like = `%${likeEscape(f.q)}%`;
      q = q.where((eb) => eb.or([eb('template', 'ilike', like), eb('body', 'ilike', like)]));
    }
    const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await q
      .select(['id', 'direction', 'phone', 'template', 'body', 'status', 'adapter', 'created_at', 'sent_at', 'error'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },
};

export type SmsOutboxRow = Awaited<ReturnType<typeof smsOutboxRepo.list>>['items'][number];
