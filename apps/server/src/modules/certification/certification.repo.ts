import { sql } from 'kysely';
import { CERT_OPEN_STATUSES, type CertificationQueueQuery, type DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { containsPattern, prefixPattern } from '../../platform/db/like';

const attemptSelect = (ex: Executor) =>
  ex
    .selectFrom('certification_attempts as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('users as ap', 'ap.id', 'a.applicant_id')
    .leftJoin('users as rv', 'rv.id', 'a.reviewer_id')
    .selectAll('a')
    .select([
      'c.name as enterprise_name',
      'c.account_manager_id',
      'ap.display_name as applicant_name',
      'ap.phone as applicant_phone',
      'rv.display_name as reviewer_name',
    ]);

export type AttemptRow = NonNullable<Awaited<ReturnType<ReturnType<typeof attemptSelect>['executeTakeFirst']>>>;

export const certificationRepo = {
  get(ex: Executor, id: number) {
    return attemptSelect(ex).where('a.id', '=', id).executeTakeFirst();
  },
  latestFor(ex: Executor, customerId: number, applicantId: number | null) {
    let q = attemptSelect(ex).where('a.customer_id', '=', customerId);
    if (applicantId) q = q.where('a.applicant_id', '=', applicantId);
    return q.orderBy('a.id', 'desc').limit(1).executeTakeFirst();
  },
  openOf(ex: Executor, customerId: number, applicantId: number) {
    return ex
      .selectFrom('certification_attempts')
      .select(['id', 'status', 'method'])
      .where('customer_id', '=', customerId)
      .where('applicant_id', '=', applicantId)
      .where('status', 'in', CERT_OPEN_STATUSES)
      .forUpdate()
      .execute();
  },
  async queue(ex: Executor, scope: DataScope, q: CertificationQueueQuery) {
    let base = ex
      .selectFrom('certification_attempts as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .innerJoin('users as ap', 'ap.id', 'a.applicant_id')
      .leftJoin('users as rv', 'rv.id', 'a.reviewer_id');
    if (scope.kind === 'org') base = base.where('a.org_path', 'like', prefixPattern(scope.orgPath));
    else if (scope.kind === 'own_customers') base = base.where('c.account_manager_id', '=', scope.userId);
    else if (scope.kind !== 'all') base = base.where(sql<boolean>`false`);
    if (q.awaitingStaff) base = base.where('a.status', 'in', ['submitted', 'awaiting_deposit']);
    if (q.status) base = base.where('a.status', '=', q.status);
    if (q.method) base = base.where('a.method', '=', q.method);
    if (q.q) {
      const like = containsPattern(q.q);
      base = base.where((eb) =>
        eb.or([eb('a.company_name', 'like', like), eb('a.credit_code', 'like', like), eb('c.name', 'like', like)]),
      );
    }
    const [rows, total] = await Promise.all([
      base
        .selectAll('a')
        .select([
          'c.name as enterprise_name',
          'c.account_manager_id',
          'ap.display_name as applicant_name',
          'ap.phone as applicant_phone',
          'rv.display_name as reviewer_name',
        ])
        .orderBy('a.created_at', q.awaitingStaff ? 'asc' : 'desc')
        .orderBy('a.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as AttemptRow[], total: Number(total.n) };
  },
};

/**
 * customers.certification_status follows the attempts: certified stays; otherwise pending while one is going on,
 * rejected when the latest was rejected, none otherwise.
 */
export async function refreshCertificationStatus(ex: Executor, customerId: number): Promise<void> {
  const c = await ex
    .selectFrom('customers')
    .select('certification_status')
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!c || c.certification_status === 'certified') return;
  const open = await ex
    .selectFrom('certification_attempts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('status', 'in', CERT_OPEN_STATUSES)
    .limit(1)
    .executeTakeFirst();
  let status: 'none' | 'pending' | 'rejected' = 'none';
  if (open) status = 'pending';
  else {
    const last = await ex
      .selectFrom('certification_attempts')
      .select('status')
      .where('customer_id', '=', customerId)
      .where('status', '!=', 'cancelled')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last?.status === 'rejected') status = 'rejected';
  }
  if (status !== c.certification_status)
    await ex
      .updateTable('customers')
      .set({ certification_status: status, updated_at: new Date() })
      .where('id', '=', customerId)
      .execute();
}

/** Withdraws what this applicant had going for this enterprise (they chose another one, or joined by invitation). */
export async function cancelOpenAttempts(ex: Executor, customerId: number, applicantId: number): Promise<void> {
  await ex
    .updateTable('certification_attempts')
    .set((eb) => ({ status: 'cancelled', updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('customer_id', '=', customerId)
    .where('applicant_id', '=', applicantId)
    .where('status', 'in', CERT_OPEN_STATUSES)
    .execute();
  await refreshCertificationStatus(ex, customerId);
}
