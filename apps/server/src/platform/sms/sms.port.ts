/** One outgoing SMS as the jobs runner hands it to an adapter. `key` is its idempotency key. */
export interface SmsMessage {
  key: string;
  phone: string;
  body: string;
  template: string;
  params: Record<string, unknown>;
}

export interface SmsSendResult {
  /** stored: kept in the 短信发件箱 (sms_messages) only; sent: accepted by a gateway */
  status: 'stored' | 'sent';
  providerId?: string;
}

/**
 * Where SMS go. An adapter must be idempotent on `msg.key`: sending the same key again must not
 * produce a second message. Throwing makes the job retry with back-off.
 */
export interface SmsAdapter {
  readonly name: string;
  send(msg: SmsMessage, opts?: { signal?: AbortSignal }): Promise<SmsSendResult>;
}
