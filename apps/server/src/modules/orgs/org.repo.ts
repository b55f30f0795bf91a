import { sql } from 'kysely';
import type { DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { inSubtree } from '../../platform/auth/scope';
import { prefixPattern } from '../../platform/db/like';

const cols = ['o.id', 'o.parent_id', 'o.name', 'o.type', 'o.code', 'o.path'] as const;

export const orgRepo = {
  /** Orgs visible in a scope: everything for 'all', the subtree otherwise. */
  list(ex: Executor, scope: DataScope) {
    let q = ex
      .selectFrom('orgs as o')
      .select(cols)
      .select((eb) =>
        eb
          .selectFrom('users as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.org_id', '=', 'o.id')
          .as('user_count'),
      );
    if (scope.kind === 'org' || scope.kind === 'own_customers')
      q = q.where(inSubtree(sql.ref('o.path'), scope.orgPath));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`false`);
    return q.orderBy('o.path').execute();
  },
  byId(ex: Executor, id: number) {
    return ex.selectFrom('orgs as o').select(cols).where('o.id', '=', id).executeTakeFirst();
  },
  async insert(
    ex: Executor,
    v: { parent_id: number; name: string; type: 'city' | 'district' | 'team'; code: string },
    parentPath: string,
  ) {
    const row = await ex.insertInto('orgs').values(v).returning('id').executeTakeFirstOrThrow();
    const path = `${parentPath}${row.id}/`;
    await ex.updateTable('orgs').set({ path }).where('id', '=', row.id).execute();
    return { id: row.id, path };
  },
  async rename(ex: Executor, id: number, name: string) {
    await ex.updateTable('orgs').set({ name }).where('id', '=', id).execute();
  },
  /** Moves a subtree: rewrites the path prefix of its orgs and of the users and customers under it. */
  async move(ex: Executor, id: number, newParentId: number, oldPath: string, newPath: string) {
    await ex.updateTable('orgs').set({ parent_id: newParentId }).where('id', '=', id).execute();
    const like = prefixPattern(oldPath);
    const n = oldPath.length + 1;
    await sql`update orgs set path = ${newPath} || substr(path, ${n}) where path like ${like}`.execute(ex);
    await sql`update users set org_path = ${newPath} || substr(org_path, ${n}) where org_path like ${like}`.execute(ex);
    await sql`update customers set org_path = ${newPath} || substr(org_path, ${n}) where org_path like ${like}`.execute(
      ex,
    );
  },
  async dependents(ex: Executor, id: number) {
    const r = await ex
      .selectNoFrom((eb) => [
        eb.selectFrom('orgs').select(eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).as('children'),
        eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).where('org_id', '=', id).as('users'),
        eb
          .selectFrom('customers')
          .select(eb.fn.countAll<number>().as('n'))
          .where('district_org_id', '=', id)
          .as('customers'),
      ])
      .executeTakeFirstOrThrow();
    return { children: Number(r.children), users: Number(r.users), customers: Number(r.customers) };
  },
  async remove(ex: Executor, id: number) {
    await ex.deleteFrom('orgs').where('id', '=', id).execute();
  },
  codeTaken(ex: Executor, code: string) {
    return ex.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirst();
  },
};
