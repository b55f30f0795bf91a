import { isKtReply, maskPhone, SIGNING_STATUS_LABELS } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import type { InboundSmsHandler } from '../../platform/sms/sms-inbound';
import { signingRepo } from './signing.repo';
import { audit, finalizeSigning } from './signing-finalize';
import { requestLink } from './signing.service';

/**
 * A reply is matched to the newest open request for the phone it came from. "KT" signs a mode-1 request; anything
 * else, a reply to a request that needs the link, or a reply with nothing open, gets an SMS that says why.
 */
export const handleSigningReply: InboundSmsHandler = async (ctx, ex, msg) => {
  const actor: Actor = {
    auth: null,
    ip: null,
    userAgent: `sms:${msg.adapter}`,
    requestId: `sms-in:${msg.id}`,
  };
  const key = `signing-reply:${msg.id}`;
  const open = await signingRepo.newestOpenForPhone(ex, msg.phone);
  if (!open) {
    const last = await signingRepo.newestForPhone(ex, msg.phone);
    if (!last) {
      await enqueueSms(ex, { phone: msg.phone, template: 'signing_reply_unmatched', key });
      return true;
    }
    await audit(ex, actor, 'signing.sms_reply', last.id, { text: msg.text.slice(0, 40), matched: false });
    await enqueueSms(ex, {
      phone: msg.phone,
      template: 'signing_reply_late',
      params: { title: last.title, state: `已${SIGNING_STATUS_LABELS[last.status].zh.replace(/^已/, '')}` },
      key,
    });
    return true;
  }
  const row = (await signingRepo.lock(ex, open.id))!;
  await audit(ex, actor, 'signing.sms_reply', row.id, {
    text: msg.text.slice(0, 40),
    phone: maskPhone(msg.phone),
    matched: true,
  });
  if (row.expires_at.getTime() <= Date.now()) {
    await signingRepo.update(ex, row.id, { status: 'expired', closed_at: new Date() });
    await audit(ex, actor, 'signing.expired', row.id, { expiresAt: row.expires_at.toISOString() });
    await enqueueSms(ex, {
      phone: msg.phone,
      template: 'signing_reply_late',
      params: { title: row.title, state: '已过期' },
      key,
    });
    return true;
  }
  if (!isKtReply(msg.text)) {
    await enqueueSms(ex, { phone: msg.phone, template: 'signing_reply_unknown', params: { title: row.title }, key });
    return true;
  }
  if (row.mode !== 'sms_reply') {
    const link = await requestLink(ctx, ex, row.id, row.link_nonce, row.expires_at);
    await enqueueSms(ex, {
      phone: msg.phone,
      template: 'signing_reply_needs_link',
      params: { title: row.title, how: row.mode === 'online' ? '证照上传和手写签名' : '手写签名', link },
      key,
    });
    return true;
  }
  await finalizeSigning(ctx, ex, actor, row, {
    channel: 'sms',
    ip: null,
    userAgent: null,
    signaturePng: null,
    review: null,
  });
  return true;
};

export async function expireDue(ctx: AppContext, ex: Executor, now = new Date()): Promise<number> {
  const due = await signingRepo.dueToExpire(ex, now);
  const actor: Actor = { auth: null, ip: null, userAgent: 'system', requestId: null };
  let n = 0;
  for (const d of due) {
    const row = await signingRepo.lock(ex, d.id);
    if (!row || !['sent', 'opened'].includes(row.status) || row.expires_at.getTime() > now.getTime()) continue;
    await signingRepo.update(ex, row.id, { status: 'expired', closed_at: now });
    await audit(ex, actor, 'signing.expired', row.id, { expiresAt: row.expires_at.toISOString() });
    n++;
  }
  void ctx;
  return n;
}
