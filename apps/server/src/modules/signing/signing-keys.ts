import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/app-context';
import type { Executor } from '../../platform/db/database';
import { certificateOfP12, generateSelfSignedP12, type P12Bundle } from '../../platform/pdf/pdf-cert';

// The platform's signing secrets: the HMAC key of links and the certificate that seals signed PDFs. Both come from
// configuration in production; the embedded default generates them once and keeps them in signing_settings so
// every instance on the same database uses the same ones.

export interface SealingKey {
  bundle: P12Bundle;
  fingerprint: string;
  subject: string;
}

const cache = new WeakMap<AppContext, { linkSecret?: string; seal?: SealingKey }>();
const slot = (ctx: AppContext) => {
  let s = cache.get(ctx);
  if (!s) cache.set(ctx, (s = {}));
  return s;
};

/** `ex`: the caller's transaction when there is one (PGlite has a single connection). */
export async function linkSecret(ctx: AppContext, ex: Executor = ctx.db): Promise<string> {
  const s = slot(ctx);
  if (s.linkSecret) return s.linkSecret;
  if (ctx.config.signingLinkSecret) return (s.linkSecret = ctx.config.signingLinkSecret);
  const fresh = crypto.randomBytes(32).toString('base64url');
  // The first instance to write wins; everyone reads the stored value.
  await ex
    .updateTable('signing_settings')
    .set({ link_secret: fresh })
    .where('id', '=', 1)
    .where('link_secret', 'is', null)
    .execute();
  const row = await ex.selectFrom('signing_settings').select('link_secret').where('id', '=', 1).executeTakeFirst();
  return (s.linkSecret = row!.link_secret!);
}

export async function sealingKey(ctx: AppContext, ex: Executor = ctx.db): Promise<SealingKey> {
  const s = slot(ctx);
  if (s.seal) return s.seal;
  let bundle: P12Bundle;
  if (ctx.config.signingCertP12) {
    bundle = { p12: fs.readFileSync(ctx.config.signingCertP12), password: ctx.config.signingCertPassword };
  } else {
    const row = await ex
      .selectFrom('signing_settings')
      .select(['cert_p12', 'cert_password'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (row?.cert_p12 && row.cert_password !== null) {
      bundle = { p12: Buffer.from(row.cert_p12, 'base64'), password: row.cert_password };
    } else {
      const made = generateSelfSignedP12('Paidan Signing Seal', 'Paidan E-Signing Platform');
      await ex
        .updateTable('signing_settings')
        .set({ cert_p12: made.p12.toString('base64'), cert_password: made.password, updated_at: sql`now()` })
        .where('id', '=', 1)
        .where('cert_p12', 'is', null)
        .execute();
      const again = await ex
        .selectFrom('signing_settings')
        .select(['cert_p12', 'cert_password'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      bundle = { p12: Buffer.from(again.cert_p12!, 'base64'), password: again.cert_password ?? '' };
    }
  }
  const cert = certificateOfP12(bundle);
  return (s.seal = { bundle, fingerprint: cert.fingerprint, subject: cert.subject });
}

// ---- tokens ----
// `<id>~<nonce>~<exp>~<mac>` (`~` keeps the link from looking like a file name): short enough for an SMS, bound to one request, one purpose and the current link nonce
// (a re-sent link rotates the nonce and the old one stops working).

export type TokenPurpose = 'link' | 'access';

function mac(secret: string, purpose: TokenPurpose, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${purpose}:${body}`).digest('base64url').slice(0, 22);
}

export function mintToken(secret: string, purpose: TokenPurpose, id: number, nonce: string, exp: Date): string {
  const body = `${id}~${nonce}~${Math.floor(exp.getTime() / 1000)}`;
  return `${body}~${mac(secret, purpose, body)}`;
}

export type TokenCheck =
  | { ok: true; id: number; nonce: string; exp: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired'; id?: number };

export function readToken(secret: string, purpose: TokenPurpose, token: string, now = new Date()): TokenCheck {
  const m = /^(\d{1,10})~([A-Za-z0-9_-]{6,32})~(\d{1,12})~([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const body = `${m[1]}~${m[2]}~${m[3]}`;
  const want = Buffer.from(mac(secret, purpose, body));
  const got = Buffer.from(m[4]!);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return { ok: false, reason: 'forged' };
  const exp = new Date(Number(m[3]) * 1000);
  if (exp.getTime() <= now.getTime()) return { ok: false, reason: 'expired', id: Number(m[1]) };
  return { ok: true, id: Number(m[1]), nonce: m[2]!, exp };
}
