import type { SmsHttpConfig } from '../config';
import type { Executor } from '../db/database';
import { hmacSha256 } from '../util/crypto';
import type { SmsAdapter, SmsMessage, SmsSendResult } from './sms.port';
import { findSmsRecord, upsertSmsRecord } from './sms-record';

export const SMS_HTTP_TIMEOUT_MS = 10_000;

/** What the gateway receives, as JSON. */
export interface SmsGatewayRequest {
  phone: string;
  templateId: string;
  params: Record<string, unknown>;
  content: string;
  messageId: string;
}

/**
 * `x-paidan-signature` of an SMS gateway request: hex HMAC-SHA256 over `timestamp + '.' + body`,
 * timestamp in Unix seconds as sent in `x-paidan-timestamp`. Gateways recompute it to authenticate us.
 */
export function signSmsRequest(secret: string, timestamp: string, body: string): string {
  return hmacSha256(secret, `${timestamp}.${body}`);
}

/** A gateway answer that should be retried. Its message never holds the phone number or the text. */
export class SmsGatewayError extends Error {
  override readonly name = 'SmsGatewayError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

function providerIdOf(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['providerId', 'messageId', 'bizId', 'id']) {
      const v = j[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v).slice(0, 200);
    }
  } catch {
    // a gateway that answers plain text has no id for us
  }
  return undefined;
}

/**
 * Posts each SMS to an HTTP gateway, signed, with the message key as `idempotency-key` so a retry after
 * a lost answer is not sent twice. A key already recorded as sent is not posted again.
 */
export function createHttpGatewayAdapter(
  db: Executor,
  cfg: SmsHttpConfig,
  opts: { timeoutMs?: number } = {},
): SmsAdapter {
  const timeoutMs = opts.timeoutMs ?? SMS_HTTP_TIMEOUT_MS;
  return {
    name: 'http',
    async send(msg: SmsMessage, sendOpts: { signal?: AbortSignal } = {}): Promise<SmsSendResult> {
      const prior = await findSmsRecord(db, msg.key);
      if (prior?.status === 'sent') {
        return { status: 'sent', ...(prior.provider_id ? { providerId: prior.provider_id } : {}) };
      }

      const request: SmsGatewayRequest = {
        phone: msg.phone,
        templateId: Object.hasOwn(cfg.templates, msg.template) ? cfg.templates[msg.template]! : msg.template,
        params: msg.params,
        content: msg.body,
        messageId: msg.key,
      };
      const body = JSON.stringify(request);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signals = [AbortSignal.timeout(timeoutMs), ...(sendOpts.signal ? [sendOpts.signal] : [])];

      let res: Response;
      try {
        res = await fetch(cfg.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-paidan-timestamp': timestamp,
            'x-paidan-signature': signSmsRequest(cfg.secret, timestamp, body),
            'idempotency-key': msg.key,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.any(signals),
        });
      } catch (e) {
        const reason =
          e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : networkReason(e);
        await upsertSmsRecord(db, msg, 'http', { status: 'failed', error: `network: ${reason}` });
        throw new SmsGatewayError(`SMS gateway unreachable: ${reason}`, null);
      }

      const text = res.ok ? (await res.text()).slice(0, 10_000) : '';
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        // The answer body is not kept: gateways may echo the message text, which holds one-time codes.
        await upsertSmsRecord(db, msg, 'http', { status: 'failed', error: `HTTP ${res.status}` });
        throw new SmsGatewayError(`SMS gateway answered HTTP ${res.status}`, res.status);
      }
      const providerId = providerIdOf(text);
      await upsertSmsRecord(db, msg, 'http', { status: 'sent', providerId: providerId ?? null });
      return { status: 'sent', ...(providerId ? { providerId } : {}) };
    },
  };
}

function networkReason(e: unknown): string {
  if (!(e instanceof Error)) return 'request failed';
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return e.name === 'AbortError' ? 'aborted' : e.message.slice(0, 200);
}
