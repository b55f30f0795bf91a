import type { Executor } from '../../platform/db/database';

export const onboardingRepo = {
  userById(ex: Executor, id: number) {
    return ex
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'customer_id', 'phone', 'status', 'version'])
      .where('id', '=', id)
      .executeTakeFirst();
  },
  userByPhone(ex: Executor, phone: string) {
    return ex
      .selectFrom('users')
      .select(['id', 'role', 'customer_id', 'status'])
      .where('phone', '=', phone)
      .executeTakeFirst();
  },
  enterpriseBrief(ex: Executor, customerId: number) {
    return ex
      .selectFrom('customers as c')
      .leftJoin('orgs as o', 'o.id', 'c.district_org_id')
      .select([
        'c.id',
        'c.name',
        'c.credit_code',
        'c.org_path',
        'c.account_manager_id',
        'o.name as district_name',
        'c.certification_status',
        'c.certification_method',
        'c.certified_at',
        'c.legal_rep_name',
      ])
      .where('c.id', '=', customerId)
      .executeTakeFirst();
  },
  customerByCreditCode(ex: Executor, creditCode: string) {
    return ex
      .selectFrom('customers')
      .select(['id', 'name', 'certification_status'])
      .where('credit_code', '=', creditCode)
      .executeTakeFirst();
  },
  async activeAdminCount(ex: Executor, customerId: number) {
    const r = await ex
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('customer_id', '=', customerId)
      .where('role', '=', 'customer_admin')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  openClaim(ex: Executor, userId: number) {
    return ex
      .selectFrom('enterprise_claims')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'open')
      .executeTakeFirst();
  },
  districts(ex: Executor) {
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('type', '=', 'district')
      .orderBy('path')
      .execute();
  },
  invitationsForPhone(ex: Executor, phone: string) {
    return ex
      .selectFrom('enterprise_invitations as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .innerJoin('users as u', 'u.id', 'i.invited_by')
      .select(['i.id', 'c.name as enterprise_name', 'i.role', 'u.display_name as invited_by_name', 'i.expires_at'])
      .where('i.phone', '=', phone)
      .where('i.status', '=', 'pending')
      .where('i.expires_at', '>', new Date())
      .orderBy('i.id', 'desc')
      .execute();
  },
};
