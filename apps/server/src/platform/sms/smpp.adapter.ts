import * as smpp from 'smpp';
import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '@paidan/shared';
import type { AppContext } from '../app-context';
import type { SmppConfig } from '../config';
import type { SmsAdapter, SmsMessage, SmsSendResult } from './sms.port';
import { findSmsRecord, upsertSmsRecord } from './sms-record';
import { receiveInboundSms } from './sms-inbound';

const UCS2 = 0x08;
/** One SMS holds 70 UCS-2 characters; longer texts go in the message_payload TLV (smpp does not split). */
const UCS2_SHORT_MAX = 70;
const BIND_TIMEOUT_MS = 10_000;
const SUBMIT_TIMEOUT_MS = 15_000;
const ESM_DELIVERY_RECEIPT = 0x04;

type Call = (pdu: Record<string, unknown>, cb: (pdu: smpp.PDU) => void) => void;
const call = (s: smpp.Session, cmd: string, body: Record<string, unknown>, ms: number) =>
  new Promise<smpp.PDU>((resolve, reject) => {
    // The timer hands over to setImmediate, which runs after pending socket reads: when the event loop was busy
    // (a long transaction) an answer that arrived in time is taken, not a timeout that would resend the message.
    const t = setTimeout(() => setImmediate(() => reject(new Error(`SMPP ${cmd}: no answer within ${ms} ms`))), ms);
    (s[cmd] as Call).call(s, body, (pdu) => {
      clearTimeout(t);
      resolve(pdu);
    });
  });

function isAscii(s: string) {
  return /^[\x20-\x7e\r\n]*$/.test(s);
}

/**
 * One bound transceiver session to the SMSC: submit_sm sends, deliver_sm brings replies (e.g. "KT") that are handed
 * to the inbound port. It reconnects with back-off when the link drops.
 */
export class SmppLink {
  private session: smpp.Session | null = null;
  private binding: Promise<smpp.Session> | null = null;
  private stopped = false;
  private retryMs = 1000;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly cfg: SmppConfig,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> | null = null,
  ) {}

  /** A bound session, connecting and binding when there is none. */
  bound(): Promise<smpp.Session> {
    if (this.session) return Promise.resolve(this.session);
    if (this.binding) return this.binding;
    this.binding = new Promise<smpp.Session>((resolve, reject) => {
      const s = smpp.connect({ host: this.cfg.host, port: this.cfg.port, auto_enquire_link_period: 30_000 });
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        this.binding = null;
        s.destroy();
        reject(e);
      };
      s.on('error', (e: Error) => {
        this.log?.warn({ err: e.message }, 'SMPP link error');
        fail(e);
      });
      s.on('close', () => {
        if (this.session === s) this.session = null;
        this.binding = null;
        if (!settled) fail(new Error('SMPP connection closed before bind'));
        this.scheduleReconnect();
      });
      s.on('deliver_sm', (pdu: smpp.PDU) => void this.onDeliver(s, pdu));
      s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
      s.on('unbind', (pdu: smpp.PDU) => {
        s.send(pdu.response());
        s.close();
      });
      s.on('connect', () => {
        call(
          s,
          'bind_transceiver',
          { system_id: this.cfg.systemId, password: this.cfg.password, system_type: this.cfg.systemType },
          BIND_TIMEOUT_MS,
        )
          .then((pdu) => {
            if (pdu.command_status !== 0) return fail(new Error(`SMPP bind refused (status ${pdu.command_status})`));
            settled = true;
            this.session = s;
            this.binding = null;
            this.retryMs = 1000;
            this.log?.info({ host: this.cfg.host, port: this.cfg.port }, 'SMPP bound as transceiver');
            resolve(s);
          })
          .catch(fail);
      });
    });
    return this.binding;
  }

  /** Keeps a session up so replies can arrive even when nothing is being sent. */
  start(): void {
    this.stopped = false;
    this.bound().catch(() => undefined);
  }

  private scheduleReconnect() {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.bound().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 60_000);
        this.scheduleReconnect();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const s = this.session;
    this.session = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        s.destroy();
        resolve();
      }, 2000);
      try {
        (s['unbind'] as (cb: () => void) => void).call(s, () => {
          clearTimeout(t);
          s.close();
          resolve();
        });
      } catch {
        clearTimeout(t);
        s.destroy();
        resolve();
      }
    });
  }

  async submit(phone: string, text: string): Promise<string> {
    const s = await this.bound();
    const body: Record<string, unknown> = {
      source_addr: this.cfg.sourceAddr,
      destination_addr: phone,
      registered_delivery: 0,
    };
    if (isAscii(text) && text.length <= 160) body.short_message = text;
    else {
      body.data_coding = UCS2;
      if (text.length <= UCS2_SHORT_MAX) body.short_message = text;
      else body.message_payload = text;
    }
    const pdu = await call(s, 'submit_sm', body, SUBMIT_TIMEOUT_MS);
    if (pdu.command_status !== 0) throw new Error(`SMPP submit_sm refused (status ${pdu.command_status})`);
    return String(pdu.message_id ?? '');
  }

  private async onDeliver(s: smpp.Session, pdu: smpp.PDU) {
    const esm = Number(pdu.esm_class ?? 0);
    const msg = (pdu.message_payload ?? pdu.short_message) as { message?: string | Buffer } | string | undefined;
    const text = typeof msg === 'string' ? msg : msg?.message ? String(msg.message) : '';
    const phone = String(pdu.source_addr ?? '');
    try {
      // delivery receipts are not replies
      if (!(esm & ESM_DELIVERY_RECEIPT) && phone && text) {
        await receiveInboundSms(this.ctx, {
          phone,
          text,
          adapter: 'smpp',
          providerId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : null,
        });
        this.log?.info({ phone: maskPhone(phone) }, 'SMPP reply received');
      }
      s.send(pdu.response());
    } catch (e) {
      // not acknowledged as delivered: the SMSC retries
      this.log?.error({ err: (e as Error).message }, 'SMPP reply could not be recorded');
      s.send(pdu.response({ command_status: smpp.ESME_RSYSERR ?? 0x08 }));
    }
  }
}

const links = new WeakMap<AppContext, SmppLink>();

export function smppLinkFor(ctx: AppContext, log?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>): SmppLink {
  let l = links.get(ctx);
  if (!l) {
    if (!ctx.config.smpp) throw new Error('SMS_ADAPTER=smpp but SMPP is not configured');
    l = new SmppLink(ctx, ctx.config.smpp, log ?? null);
    links.set(ctx, l);
  }
  return l;
}

/** Sends through the SMPP link; a key already recorded as sent is not sent again. */
export function createSmppAdapter(ctx: AppContext): SmsAdapter {
  const link = smppLinkFor(ctx);
  return {
    name: 'smpp',
    async send(msg: SmsMessage): Promise<SmsSendResult> {
      const prior = await findSmsRecord(ctx.db, msg.key);
      if (prior?.status === 'sent')
        return { status: 'sent', ...(prior.provider_id ? { providerId: prior.provider_id } : {}) };
      try {
        const id = await link.submit(msg.phone, msg.body);
        await upsertSmsRecord(ctx.db, msg, 'smpp', { status: 'sent', providerId: id || null });
        return { status: 'sent', ...(id ? { providerId: id } : {}) };
      } catch (e) {
        await upsertSmsRecord(ctx.db, msg, 'smpp', { status: 'failed', error: (e as Error).message.slice(0, 200) });
        throw e;
      }
    },
  };
}
