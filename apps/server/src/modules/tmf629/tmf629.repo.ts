import { sql } from 'kysely';
import type { DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { inSubtree } from '../../platform/auth/scope';

export interface Tmf629Filter {
  ids: number[];
  names: string[];
  creditCodes: string[];
  statuses: ('none' | 'pending' | 'certified' | 'rejected')[];
  offset: number;
  limit: number;
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
      'o.code as district_code',
      'o.name as district_name',
      'c.account_manager_id',
      'am.display_name as account_manager_name',
      'c.address',
      'c.certification_status',
      'c.certification_method',
      'c.certified_at',
      'c.legal_rep_name',
      'c.created_at',
      'c.updated_at',
      'c.version',
    ]);

export type Tmf629Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function scoped<Q extends ReturnType<typeof base>>(q: Q, scope: DataScope): Q {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'org':
      return q.where(inSubtree(sql.ref('c.org_path'), scope.orgPath)) as Q;
    case 'own_customers':
      return q.where('c.account_manager_id', '=', scope.userId) as Q;
    case 'enterprise':
      return q.where('c.id', '=', scope.customerId) as Q;
    case 'self':
      return q.where(sql<boolean>`false`) as Q;
  }
}

export const tmf629Repo = {
  byId(ex: Executor, scope: DataScope, id: number) {
    return scoped(base(ex).where('c.id', '=', id), scope).executeTakeFirst();
  },
  async list(ex: Executor, scope: DataScope, f: Tmf629Filter) {
    let q = scoped(base(ex), scope);
    if (f.ids.length) q = q.where('c.id', 'in', f.ids);
    if (f.names.length) q = q.where('c.name', 'in', f.names);
    if (f.creditCodes.length) q = q.where('c.credit_code', 'in', f.creditCodes);
    if (f.statuses.length) q = q.where('c.certification_status', 'in', f.statuses);
    const [rows, total] = await Promise.all([
      q.orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },
};
