import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { CustomerListQuery, DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';
import { inSubtree } from '../../platform/auth/scope';
import { containsPattern } from '../../platform/db/like';

type Q<O> = SelectQueryBuilder<DB & { c: DB['customers'] }, 'c', O>;

/** The data-scope filter for customers; every read in this module goes through it. */
function scoped<O>(q: Q<O>, scope: DataScope): Q<O> {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'org':
      return q.where(inSubtree(sql.ref('c.org_path'), scope.orgPath));
    case 'own_customers':
      return q.where('c.account_manager_id', '=', scope.userId);
    case 'enterprise':
      return q.where('c.id', '=', scope.customerId);
    case 'self':
      return q.where(sql<boolean>`false`);
  }
}

const base = (ex: Executor) =>
  ex
    .selectFrom('customers as c')
    .leftJoin('orgs as o', 'o.id', 'c.district_org_id')
    .leftJoin('users as am', 'am.id', 'c.account_manager_id')
    .select([
      'c.id',
      'c.name',
      'c.credit_code',
      'c.level',
      'c.industry',
      'c.district_org_id',
      'o.name as district_name',
      'c.account_manager_id',
      'am.display_name as account_manager_name',
      'c.address',
      'c.org_path',
      'c.created_at',
      'c.version',
    ]);

export type CustomerRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export const customerRepo = {
  async list(ex: Executor, scope: DataScope, f: CustomerListQuery) {
    let q = scoped(base(ex) as unknown as Q<CustomerRow>, scope);
    if (f.level) q = q.where('c.level', '=', f.level);
    if (f.industry) q = q.where('c.industry', '=', f.industry);
    if (f.accountManagerId) q = q.where('c.account_manager_id', '=', f.accountManagerId);
    if (f.districtOrgId) {
      const org = await ex.selectFrom('orgs').select('path').where('id', '=', f.districtOrgId).executeTakeFirst();
      q = q.where(inSubtree(sql.ref('c.org_path'), org?.path ?? '/none/'));
    }
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('c.name', 'ilike', like), eb('c.credit_code', 'ilike', like)]));
    }
    const [{ n }] = (await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute()) as [{ n: number }];
    const items = await q
      .orderBy('c.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },
  byId(ex: Executor, scope: DataScope, id: number) {
    return scoped(base(ex) as unknown as Q<CustomerRow>, scope)
      .where('c.id', '=', id)
      .executeTakeFirst();
  },
  contacts(ex: Executor, customerIds: number[]) {
    if (customerIds.length === 0) return Promise.resolve([]);
    return ex
      .selectFrom('customer_contacts')
      .select(['customer_id', 'name', 'phone', 'title', 'is_primary'])
      .where('customer_id', 'in', customerIds)
      .orderBy('is_primary', 'desc')
      .orderBy('id')
      .execute();
  },
  async replaceContacts(
    ex: Executor,
    customerId: number,
    contacts: { name: string; phone: string; title?: string | undefined; isPrimary: boolean }[],
  ) {
    await ex.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
    if (contacts.length === 0) return;
    await ex
      .insertInto('customer_contacts')
      .values(
        contacts.map((c) => ({
          customer_id: customerId,
          name: c.name,
          phone: c.phone,
          title: c.title ?? null,
          is_primary: c.isPrimary,
        })),
      )
      .execute();
  },
  creditCodeOwner(ex: Executor, code: string) {
    return ex.selectFrom('customers').select('id').where('credit_code', '=', code).executeTakeFirst();
  },
  insert(ex: Executor, v: Insertable<DB['customers']>) {
    return ex.insertInto('customers').values(v).returning('id').executeTakeFirstOrThrow();
  },
  async update(ex: Executor, id: number, version: number, set: Updateable<DB['customers']>) {
    const r = await ex
      .updateTable('customers')
      .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Keeps customer users' org_path in step with their enterprise. */
  async syncUserPaths(ex: Executor, customerId: number, orgPath: string) {
    await ex.updateTable('users').set({ org_path: orgPath }).where('customer_id', '=', customerId).execute();
  },
};
