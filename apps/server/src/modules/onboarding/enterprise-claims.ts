import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';

// The claim an applicant holds on the enterprise they are certifying, and what happens when it is certified.
// Used by the certification module; the tables belong to onboarding.

export interface ClaimTarget {
  claimId: number | null;
  customerId: number;
  /** the user already belongs to the enterprise (e.g. its creator re-certifying after a rejection) */
  member: boolean;
}

/** The enterprise this user may certify: their own enterprise, or the one their open claim names. */
export async function certificationTarget(
  ex: Executor,
  user: { id: number; customerId: number | null },
): Promise<ClaimTarget | null> {
  if (user.customerId) return { claimId: null, customerId: user.customerId, member: true };
  const c = await ex
    .selectFrom('enterprise_claims')
    .select(['id', 'customer_id'])
    .where('user_id', '=', user.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return c ? { claimId: c.id, customerId: c.customer_id, member: false } : null;
}

/**
 * The enterprise is certified by this applicant: they join it as its customer_admin (the first to certify it),
 * their claim is won, everyone else's open claim on it is lost. Returns the users whose claims were lost.
 */
export async function completeClaim(ex: Executor, customerId: number, applicantId: number): Promise<number[]> {
  await ex
    .updateTable('users')
    .set((eb) => ({
      customer_id: customerId,
      role: 'customer_admin',
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', applicantId)
    .execute();
  await ex
    .updateTable('enterprise_claims')
    .set({ status: 'won', closed_at: new Date() })
    .where('user_id', '=', applicantId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .execute();
  const lost = await ex
    .updateTable('enterprise_claims')
    .set({ status: 'lost', closed_at: sql`now()` })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .returning('user_id')
    .execute();
  return lost.map((r) => r.user_id);
}
