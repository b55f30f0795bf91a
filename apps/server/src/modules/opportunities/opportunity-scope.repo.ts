import { sql, type SqlBool } from 'kysely';
import type { AgentScopeListQuery, DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { inSubtree } from '../../platform/auth/scope';
import { containsPattern } from '../../platform/db/like';

/** Users the actor's data scope covers, with their org and claim scope (no row = all). */
const users = (ex: Executor, scope: DataScope) =>
  ex
    .selectFrom('users as u')
    .leftJoin('orgs as o', 'o.id', 'u.org_id')
    .leftJoin('opportunity_agent_scopes as s', 's.user_id', 'u.id')
    .where(
      scope.kind === 'all'
        ? sql<SqlBool>`true`
        : scope.kind === 'org'
          ? inSubtree(sql.ref('u.org_path'), scope.orgPath)
          : sql<SqlBool>`false`,
    );

const cols = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.status',
  'u.org_id',
  'o.name as org_name',
  's.product_groups',
  's.region_paths',
] as const;

export type AgentScopeRow = Awaited<ReturnType<typeof agentScopeRepo.list>>['items'][number];

export const agentScopeRepo = {
  async list(ex: Executor, scope: DataScope, f: AgentScopeListQuery) {
    let q = users(ex, scope).where('u.role', '=', 'hotline_agent');
    if (f.orgId) {
      const org = await ex.selectFrom('orgs').select('path').where('id', '=', f.orgId).executeTakeFirst();
      q = q.where(inSubtree(sql.ref('u.org_path'), org?.path ?? '/none/'));
    }
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like)]));
    }
    const [items, total] = await Promise.all([
      q
        .select(cols)
        .orderBy('u.org_id')
        .orderBy('u.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  /** One user inside the scope, whatever the role (the caller tells "not an agent" from "not found"). */
  user(ex: Executor, scope: DataScope, id: number) {
    return users(ex, scope).select(cols).where('u.id', '=', id).executeTakeFirst();
  },

  async save(ex: Executor, userId: number, groups: string[], regionPaths: string[]) {
    await ex
      .insertInto('opportunity_agent_scopes')
      .values({ user_id: userId, product_groups: groups, region_paths: regionPaths })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ product_groups: groups, region_paths: regionPaths }))
      .execute();
  },

  /** Districts among these ids (anything else is not a region an agent can be kept to). */
  districtsById(ex: Executor, ids: number[]) {
    if (!ids.length) return Promise.resolve([]);
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('id', 'in', ids)
      .where('type', '=', 'district')
      .execute();
  },

  districtsByPath(ex: Executor, paths: string[]) {
    if (!paths.length) return Promise.resolve([]);
    return ex
      .selectFrom('orgs')
      .select(['id', 'name', 'path'])
      .where('path', 'in', paths)
      .where('type', '=', 'district')
      .execute();
  },

  /** Every district of the province with its branch, for the picker. */
  districts(ex: Executor) {
    return ex
      .selectFrom('orgs as d')
      .leftJoin('orgs as p', 'p.id', 'd.parent_id')
      .select(['d.id', 'd.code', 'd.name', 'p.name as parent_name'])
      .where('d.type', '=', 'district')
      .orderBy('d.parent_id')
      .orderBy('d.id')
      .execute();
  },

  /** The orgs hotline agents inside the scope belong to, for the filter. */
  agentOrgs(ex: Executor, scope: DataScope) {
    return users(ex, scope)
      .innerJoin('orgs as ao', 'ao.id', 'u.org_id')
      .select(['ao.id', 'ao.name'])
      .distinct()
      .where('u.role', '=', 'hotline_agent')
      .orderBy('ao.id')
      .execute();
  },
};
