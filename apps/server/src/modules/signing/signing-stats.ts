import { sql } from 'kysely';
import { SIGNING_MODES, type DataScope, type SigningStats } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { inSubtree } from '../../platform/auth/scope';

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
};
const rate = (signed: number, ended: number) => (ended ? Math.round((signed / ended) * 1000) / 10 : null);

/** Signing figures for the supervisor dashboard: success by mode, time from send to sign, declined and expired. */
export async function signingStats(ex: Executor, scope: DataScope, days: number): Promise<SigningStats> {
  let q = ex
    .selectFrom('signing_requests as r')
    .select(['r.mode', 'r.status', 'r.sent_at', 'r.signed_at'])
    .where('r.sent_at', '>=', new Date(Date.now() - days * 86400_000));
  if (scope.kind === 'org') q = q.where(inSubtree(sql.ref('r.org_path'), scope.orgPath));
  else if (scope.kind === 'own_customers')
    q = q.where((eb) => eb.or([eb('r.account_manager_id', '=', scope.userId), eb('r.created_by', '=', scope.userId)]));
  else if (scope.kind === 'enterprise') q = q.where('r.customer_id', '=', scope.customerId);
  else if (scope.kind === 'self') q = q.where('r.created_by', '=', scope.userId);
  const rows = await q.execute();
  const minutes = (r: (typeof rows)[number]) =>
    r.signed_at ? (new Date(r.signed_at).getTime() - new Date(r.sent_at).getTime()) / 60_000 : null;
  const group = (rs: typeof rows) => {
    const signed = rs.filter((r) => r.status === 'signed');
    const declined = rs.filter((r) => r.status === 'declined' || r.status === 'rejected').length;
    const expired = rs.filter((r) => r.status === 'expired').length;
    // the rate counts requests that ended (signed, declined, expired); cancelled ones were withdrawn by us
    return {
      total: rs.length,
      signed: signed.length,
      declined,
      expired,
      successRate: rate(signed.length, signed.length + declined + expired),
      times: signed.map(minutes).filter((m): m is number => m !== null),
    };
  };
  const all = group(rows);
  return {
    days,
    total: all.total,
    signed: all.signed,
    declined: all.declined,
    expired: all.expired,
    open: rows.filter((r) => ['sent', 'opened', 'review'].includes(r.status)).length,
    successRate: all.successRate,
    medianMinutesToSign: median(all.times),
    avgMinutesToSign: all.times.length
      ? Math.round((all.times.reduce((a, b) => a + b, 0) / all.times.length) * 10) / 10
      : null,
    byMode: SIGNING_MODES.map((mode) => {
      const g = group(rows.filter((r) => r.mode === mode));
      return {
        mode,
        total: g.total,
        signed: g.signed,
        declined: g.declined,
        expired: g.expired,
        successRate: g.successRate,
        medianMinutesToSign: median(g.times),
      };
    }),
  };
}
