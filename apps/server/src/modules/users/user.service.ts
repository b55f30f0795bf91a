import {
  isCustomerRole,
  maskPhone,
  type CreateUser,
  type Page,
  type Role,
  type UpdateUser,
  type User,
  type UserListQuery,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError, conflict, notFound } from '../../platform/http/app-error';
import { hashPassword } from '../../platform/auth/password';
import { deleteUserSessions } from '../../platform/auth/session.store';
import { recordAudit } from '../../platform/audit/audit.service';
import { enqueueSms } from '../../platform/sms/enqueue-sms';
import { orgService } from '../orgs/org.service';
import { customerService } from '../customers/customer.service';
import { userRepo, type UserRow } from './user.repo';

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  orgId: r.org_id,
  orgName: r.org_name,
  customerId: r.customer_id,
  customerName: r.customer_name,
  phoneMasked: maskPhone(r.phone),
  email: r.email,
  status: r.status,
  lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export function userService(ctx: AppContext) {
  const { db } = ctx;
  const orgs = orgService(ctx);
  const customers = customerService(ctx);

  /** Where a user of this role hangs: staff under an org node, customers under their enterprise. */
  async function placement(
    ex: Executor,
    actor: Actor,
    role: Role,
    orgId: number | null | undefined,
    customerId: number | null | undefined,
  ) {
    if (isCustomerRole(role)) {
      if (!customerId)
        throw new AppError('VALIDATION_FAILED', [{ field: 'body.customerId', message: '企业用户必须选择所属企业' }]);
      const c = await customers.getRow(ex, actor, customerId);
      return { org_id: null, customer_id: c.id, org_path: c.org_path };
    }
    if (!orgId) throw new AppError('VALIDATION_FAILED', [{ field: 'body.orgId', message: '内部人员必须选择所属组织' }]);
    const o = await orgs.get(ex, actor, orgId);
    return { org_id: o.id, customer_id: null, org_path: o.path };
  }

  return {
    async list(actor: Actor, q: UserListQuery): Promise<Page<User>> {
      const { items, total } = await userRepo.list(db, actor.auth!.scope, q);
      return { items: items.map(toUser), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: number): Promise<User> {
      const row = await userRepo.byId(db, actor.auth!.scope, id);
      if (!row) throw notFound({ user: id });
      return toUser(row);
    },

    async create(actor: Actor, input: CreateUser): Promise<User> {
      const hash = await hashPassword(input.password);
      return withTx(db, async (tx) => {
        const where = await placement(tx, actor, input.role, input.orgId, input.customerId);
        if (await userRepo.usernameTaken(tx, input.username)) throw new AppError('USERNAME_TAKEN');
        if (await userRepo.phoneOwner(tx, input.phone)) throw new AppError('PHONE_TAKEN');
        const { id } = await userRepo.insert(tx, {
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          phone: input.phone,
          email: input.email ?? null,
          password_hash: hash,
          ...where,
        });
        const created = toUser((await userRepo.byId(tx, { kind: 'all' }, id))!);
        await recordAudit(tx, actor, { action: 'user.created', entityType: 'user', entityId: id, after: created });
        return created;
      });
    },

    async update(actor: Actor, id: number, input: UpdateUser): Promise<User> {
      return withTx(db, async (tx) => {
        const row = await userRepo.byId(tx, actor.auth!.scope, id);
        if (!row) throw notFound({ user: id });
        const before = toUser(row);
        if (id === actor.auth!.user.id && (input.status === 'disabled' || (input.role && input.role !== before.role))) {
          throw new AppError('FORBIDDEN', { reason: 'cannot disable yourself or change your own role' });
        }
        const role = input.role ?? before.role;
        if (isCustomerRole(role) !== isCustomerRole(before.role)) {
          throw new AppError('VALIDATION_FAILED', [{ field: 'body.role', message: '企业用户与内部人员之间不能互转' }]);
        }
        const set: Parameters<typeof userRepo.update>[3] = {};
        if (input.displayName !== undefined) set.display_name = input.displayName;
        if (input.role !== undefined) set.role = input.role;
        if (input.email !== undefined) set.email = input.email;
        if (input.status !== undefined) set.status = input.status;
        if (input.phone !== undefined && input.phone !== row.phone) {
          const owner = await userRepo.phoneOwner(tx, input.phone);
          if (owner && owner.id !== id) throw new AppError('PHONE_TAKEN');
          set.phone = input.phone;
        }
        if (input.orgId !== undefined && !isCustomerRole(role) && input.orgId !== before.orgId) {
          Object.assign(set, await placement(tx, actor, role, input.orgId, null));
        }
        if (!(await userRepo.update(tx, id, input.version, set))) throw conflict({ user: id });
        if (input.status === 'disabled') await deleteUserSessions(tx, id);
        const after = toUser((await userRepo.byId(tx, { kind: 'all' }, id))!);
        await recordAudit(tx, actor, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
        return after;
      });
    },

    async resetPassword(actor: Actor, id: number, password: string): Promise<void> {
      const hash = await hashPassword(password);
      await withTx(db, async (tx) => {
        const row = await userRepo.byId(tx, actor.auth!.scope, id);
        if (!row) throw notFound({ user: id });
        await userRepo.setPassword(tx, id, hash);
        await deleteUserSessions(tx, id);
        if (row.phone) await enqueueSms(tx, { phone: row.phone, template: 'password_reset' });
        await recordAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id });
      });
    },
  };
}
