import { hmacSha256, safeEqual } from '../util/crypto';

/** `x-paidan-signature` of a webhook: hex HMAC-SHA256 of the exact body bytes with the subscription's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return hmacSha256(secret, body);
}

/** What a receiver does to check a delivery (used in tests and documentation). */
export function verifyWebhookSignature(secret: string, body: string, signature: string): boolean {
  return safeEqual(signWebhookBody(secret, body), signature);
}
