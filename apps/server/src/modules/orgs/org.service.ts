import { ORG_CHILD_TYPE, type CreateOrg, type DataScope, type Org, type UpdateOrg } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { orgRepo } from './org.repo';

type OrgRow = NonNullable<Awaited<ReturnType<typeof orgRepo.byId>>>;
const toOrg = (r: OrgRow & { user_count?: number | string | null }): Org => ({
  id: r.id,
  parentId: r.parent_id,
  name: r.name,
  type: r.type,
  code: r.code,
  path: r.path,
  ...(r.user_count !== undefined ? { userCount: Number(r.user_count ?? 0) } : {}),
});

function visible(scope: DataScope, path: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'org' || scope.kind === 'own_customers') return path.startsWith(scope.orgPath);
  return false;
}

export function orgService(ctx: AppContext) {
  const { db } = ctx;
  return {
    async list(actor: Actor): Promise<Org[]> {
      return (await orgRepo.list(db, actor.auth!.scope)).map(toOrg);
    },

    /** An org the actor may see, or NOT_FOUND. Other modules use it to check a chosen org. */
    async get(ex: Executor, actor: Actor, id: number): Promise<Org> {
      const o = await orgRepo.byId(ex, id);
      if (!o || !visible(actor.auth!.scope, o.path)) throw notFound({ org: id });
      return toOrg(o);
    },

    async create(actor: Actor, input: CreateOrg): Promise<Org> {
      return withTx(db, async (tx) => {
        const parent = await this.get(tx, actor, input.parentId);
        const type = ORG_CHILD_TYPE[parent.type];
        if (!type)
          throw new AppError('VALIDATION_FAILED', [{ field: 'body.parentId', message: '班组下不能再建下级组织' }]);
        if (await orgRepo.codeTaken(tx, input.code))
          throw new AppError('DUPLICATE', [{ field: 'body.code', message: '编码已存在' }]);
        const { id } = await orgRepo.insert(
          tx,
          { parent_id: parent.id, name: input.name, type: type as 'city', code: input.code },
          parent.path,
        );
        const created = toOrg((await orgRepo.byId(tx, id))!);
        await recordAudit(tx, actor, { action: 'org.created', entityType: 'org', entityId: id, after: created });
        return created;
      });
    },

    async update(actor: Actor, id: number, input: UpdateOrg): Promise<Org> {
      return withTx(db, async (tx) => {
        const before = await this.get(tx, actor, id);
        if (input.name && input.name !== before.name) await orgRepo.rename(tx, id, input.name);
        if (input.parentId && input.parentId !== before.parentId) {
          if (before.parentId === null) throw new AppError('FORBIDDEN', { reason: 'the root cannot move' });
          const parent = await this.get(tx, actor, input.parentId);
          if (parent.path.startsWith(before.path)) throw new AppError('ORG_CYCLE');
          if (ORG_CHILD_TYPE[parent.type] !== before.type) {
            throw new AppError('VALIDATION_FAILED', [{ field: 'body.parentId', message: '上级组织的层级不匹配' }]);
          }
          await orgRepo.move(tx, id, parent.id, before.path, `${parent.path}${id}/`);
        }
        const after = toOrg((await orgRepo.byId(tx, id))!);
        await recordAudit(tx, actor, { action: 'org.updated', entityType: 'org', entityId: id, before, after });
        return after;
      });
    },

    async remove(actor: Actor, id: number): Promise<void> {
      await withTx(db, async (tx) => {
        const before = await this.get(tx, actor, id);
        if (before.parentId === null) throw new AppError('FORBIDDEN', { reason: 'the root cannot be deleted' });
        const d = await orgRepo.dependents(tx, id);
        if (d.children || d.users || d.customers) throw new AppError('ORG_HAS_CHILDREN', d);
        await orgRepo.remove(tx, id);
        await recordAudit(tx, actor, { action: 'org.deleted', entityType: 'org', entityId: id, before });
      });
    },
  };
}
