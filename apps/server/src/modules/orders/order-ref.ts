import crypto from 'node:crypto';
import type { AppContext } from '../../platform/app-context';
import type { Executor } from '../../platform/db/database';

// 一人一码: an account manager's promotion reference is `<userId>.<mac>`, permanent and unforgeable: the MAC is an
// HMAC-SHA256 of the user id with a server key (PROMO_REF_SECRET, or a random key created with the database).

const mac = (secret: string, userId: number) =>
  crypto.createHmac('sha256', secret).update(`promoter:${userId}`).digest('base64url').slice(0, 22);

async function secretOf(ctx: AppContext, ex: Executor): Promise<string> {
  if (ctx.config.promoRefSecret) return ctx.config.promoRefSecret;
  const row = await ex.selectFrom('order_settings').select('ref_secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.ref_secret;
}

export async function signPromoRef(ctx: AppContext, ex: Executor, userId: number): Promise<string> {
  return `${userId}.${mac(await secretOf(ctx, ex), userId)}`;
}

/** The account manager a reference names, or null when it was not signed by this server or names nobody active. */
export async function verifyPromoRef(
  ctx: AppContext,
  ex: Executor,
  ref: string,
): Promise<{ id: number; displayName: string } | null> {
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(ref);
  if (!m) return null;
  const userId = Number(m[1]);
  const expected = Buffer.from(mac(await secretOf(ctx, ex), userId));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  const u = await ex
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', userId)
    .where('role', '=', 'account_manager')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return u ? { id: u.id, displayName: u.display_name } : null;
}
