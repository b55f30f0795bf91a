import type { Role } from '@paidan/shared';
import type { TestServer } from '../../test/harness';

/** One demo login per role (see seed/demo-data.ts). */
export const USER_OF_ROLE: Record<Role, string> = {
  customer_user: 'cust_user',
  customer_admin: 'cust_admin',
  account_manager: 'am_pd01',
  hotline_agent: 'agent01',
  dispatcher: 'disp_pd',
  technician: 'tech_pd01',
  supervisor: 'sup_pd',
  partner: 'partner01',
  admin: 'admin',
};

/** Ids the scope tests need: things inside and outside the demo logins' scopes. */
export async function scopeFixture(s: TestServer) {
  const db = s.ctx.db;
  const org = (code: string) => db.selectFrom('orgs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const zj = await org('SH-PD-ZJ');
  const xh = await org('SH-SN-XH');
  const am = await db.selectFrom('users').select('id').where('username', '=', 'am_pd01').executeTakeFirstOrThrow();
  const ownCustomer = await db
    .selectFrom('customers')
    .select('id')
    .where('name', '=', '上海浦江智造科技有限公司')
    .executeTakeFirstOrThrow();
  const foreignCustomer = await db
    .selectFrom('customers')
    .select(['id', 'account_manager_id'])
    .where('org_path', 'like', `${xh.path}%`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const sameDistrictOtherAm = await db
    .selectFrom('customers')
    .select('id')
    .where('org_path', '=', zj.path)
    .where((eb) => eb.or([eb('account_manager_id', '!=', am.id), eb('account_manager_id', 'is', null)]))
    .orderBy('id')
    .executeTakeFirst();
  const foreignUser = await db
    .selectFrom('users')
    .select('id')
    .where('org_path', 'like', `${xh.path}%`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const ownDistrictUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'tech_pd01')
    .executeTakeFirstOrThrow();
  return {
    zj,
    xh,
    amId: am.id,
    ownCustomer: ownCustomer.id,
    foreignCustomer: foreignCustomer.id,
    sameDistrictOtherAm: sameDistrictOtherAm?.id ?? null,
    foreignUser: foreignUser.id,
    ownDistrictUser: ownDistrictUser.id,
  };
}
