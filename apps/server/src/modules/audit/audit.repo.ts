import { sql, type SelectQueryBuilder } from 'kysely';
import type { AuditListQuery, DataScope } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import type { DB } from '../../db.types';
import { inSubtree } from '../../platform/auth/scope';
import { escapeLike } from '../../platform/db/like';

type Q<O> = SelectQueryBuilder<DB & { a: DB['audit_events'] }, 'a', O>;

const likeEscape = escapeLike;

/**
 * The data-scope filter for audit events; every read in this module goes through it.
 * An org-scoped reader sees what actors of its subtree did. Events without an actor
 * (system jobs, the seed, sign-in attempts before a session exists) are for the whole-data scope only.
 */
function scoped<O>(q: Q<O>, scope: DataScope): Q<O> {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'org':
      return q.where('a.actor_id', 'in', (eb) =>
        eb
          .selectFrom('users as u')
          .select('u.id')
          .where(inSubtree(sql.ref('u.org_path'), scope.orgPath)),
      );
    default:
      return q.where(sql<boolean>`false`);
  }
}

const base = (ex: Executor) =>
  ex
    .selectFrom('audit_events as a')
    .select([
      'a.seq',
      'a.occurred_at',
      'a.actor_id',
      'a.actor_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.ip',
      'a.user_agent',
      'a.request_id',
      'a.before',
      'a.after',
      'a.hash',
      'a.prev_hash',
    ]);

export type AuditRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export const auditRepo = {
  async list(ex: Executor, scope: DataScope, f: AuditListQuery) {
    let q = scoped(base(ex) as unknown as Q<AuditRow>, scope);
    if (f.action) {
      q = f.action.endsWith('*')
        ? q.where('a.action', 'like', `${likeEscape(f.action.slice(0, -1))}%`)
        : q.where('a.action', '=', f.action);
    }
    if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
    if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
    if (f.from) q = q.where('a.occurred_at', '>=', new Date(f.from));
    if (f.to) q = q.where('a.occurred_at', '<', new Date(f.to));
    if (f.q) {
      const like = `%${likeEscape(f.q)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('a.actor_name', 'ilike', like),
          eb('a.action', 'ilike', like),
          eb('a.entity_id', 'ilike', like),
          eb('a.ip', 'ilike', like),
          eb('a.request_id', 'ilike', like),
        ]),
      );
    }
    const [{ n }] = (await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute()) as [{ n: number }];
    const items = await q
      .orderBy('a.seq', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { items, total: Number(n) };
  },
};
