import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { DataScope, UserListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';
import { inSubtree } from '../../platform/auth/scope';
import { containsPattern } from '../../platform/db/like';

type Q<O> = SelectQueryBuilder<DB & { u: DB['users'] }, 'u', O>;

function scoped<O>(q: Q<O>, scope: DataScope): Q<O> {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'org':
      return q.where(inSubtree(sql.ref('u.org_path'), scope.orgPath));
    case 'own_customers':
      return q.where('u.customer_id', 'in', (eb) =>
        eb.selectFrom('customers').select('id').where('account_manager_id', '=', scope.userId),
      );
    case 'enterprise':
      return q.where('u.customer_id', '=', scope.customerId);
    case 'self':
      return q.where('u.id', '=', scope.userId);
  }
}

const base = (ex: Executor) =>
  ex
    .selectFrom('users as u')
    .leftJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'o.name as org_name',
      'u.customer_id',
      'c.name as customer_name',
      'u.phone',
      'u.email',
      'u.status',
      'u.last_login_at',
      'u.created_at',
      'u.version',
      'u.org_path',
    ]);

export type UserRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export const userRepo = {
  async list(ex: Executor, scope: DataScope, f: UserListQuery) {
    let q = scoped(base(ex) as unknown as Q<UserRow>, scope);
    if (f.role) q = q.where('u.role', '=', f.role);
    if (f.status) q = q.where('u.status', '=', f.status);
    if (f.customerId) q = q.where('u.customer_id', '=', f.customerId);
    if (f.orgId) {
      const org = await ex.selectFrom('orgs').select('path').where('id', '=', f.orgId).executeTakeFirst();
      q = q.where(inSubtree(sql.ref('u.org_path'), org?.path ?? '/none/'));
    }
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) =>
        eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('u.phone', 'like', like)]),
      );
    }
    const [{ n }] = (await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute()) as [{ n: number }];
    const items = await q
      .orderBy('u.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },
  byId(ex: Executor, scope: DataScope, id: number) {
    return scoped(base(ex) as unknown as Q<UserRow>, scope)
      .where('u.id', '=', id)
      .executeTakeFirst();
  },
  usernameTaken(ex: Executor, username: string) {
    return ex.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  },
  phoneOwner(ex: Executor, phone: string) {
    return ex.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst();
  },
  insert(ex: Executor, v: Insertable<DB['users']>) {
    return ex.insertInto('users').values(v).returning('id').executeTakeFirstOrThrow();
  },
  /** Optimistic: writes only if the row is still at `version`. */
  async update(ex: Executor, id: number, version: number, set: Updateable<DB['users']>) {
    const r = await ex
      .updateTable('users')
      .set((eb) => ({ ...set, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setPassword(ex: Executor, id: number, hash: string) {
    await ex
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  },
};
