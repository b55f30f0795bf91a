import {
  maskPhone,
  type CreateCustomer,
  type Customer,
  type CustomerListQuery,
  type Page,
  type UpdateCustomer,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError, conflict, notFound } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { customerRepo, type CustomerRow } from './customer.repo';

type ContactRow = Awaited<ReturnType<typeof customerRepo.contacts>>[number];

const toCustomer = (r: CustomerRow, contacts: ContactRow[]): Customer => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  level: r.level,
  industry: r.industry,
  districtOrgId: r.district_org_id,
  districtName: r.district_name,
  accountManagerId: r.account_manager_id,
  accountManagerName: r.account_manager_name,
  address: r.address,
  contacts: contacts
    .filter((c) => c.customer_id === r.id)
    .map((c) => ({ name: c.name, phoneMasked: maskPhone(c.phone), title: c.title, isPrimary: c.is_primary })),
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export function customerService(ctx: AppContext) {
  const { db } = ctx;

  async function checkDistrict(ex: Executor, actor: Actor, districtOrgId: number) {
    const o = await ex
      .selectFrom('orgs')
      .select(['id', 'type', 'path'])
      .where('id', '=', districtOrgId)
      .executeTakeFirst();
    if (!o || o.type !== 'district') {
      throw new AppError('VALIDATION_FAILED', [{ field: 'body.districtOrgId', message: '请选择一个区局' }]);
    }
    const scope = actor.auth!.scope;
    if (scope.kind === 'org' && !o.path.startsWith(scope.orgPath)) throw new AppError('FORBIDDEN', { districtOrgId });
    // An account manager works inside one district: the district on its own org path.
    if (scope.kind === 'own_customers' && !scope.orgPath.startsWith(o.path))
      throw new AppError('FORBIDDEN', { districtOrgId });
    return o;
  }

  async function checkManager(ex: Executor, id: number | null | undefined) {
    if (!id) return null;
    const u = await ex.selectFrom('users').select(['id', 'role', 'status']).where('id', '=', id).executeTakeFirst();
    if (!u || u.role !== 'account_manager' || u.status !== 'active') {
      throw new AppError('VALIDATION_FAILED', [{ field: 'body.accountManagerId', message: '请选择在岗的客户经理' }]);
    }
    return u.id;
  }

  return {
    async list(actor: Actor, q: CustomerListQuery): Promise<Page<Customer>> {
      const { items, total } = await customerRepo.list(db, actor.auth!.scope, q);
      const contacts = await customerRepo.contacts(
        db,
        items.map((i) => i.id),
      );
      return { items: items.map((i) => toCustomer(i, contacts)), total, page: q.page, pageSize: q.pageSize };
    },

    /** The raw row of a customer the actor may see, or NOT_FOUND. Other modules use this. */
    async getRow(ex: Executor, actor: Actor, id: number): Promise<CustomerRow> {
      const row = await customerRepo.byId(ex, actor.auth!.scope, id);
      if (!row) throw notFound({ customer: id });
      return row;
    },

    async get(actor: Actor, id: number): Promise<Customer> {
      const row = await this.getRow(db, actor, id);
      return toCustomer(row, await customerRepo.contacts(db, [id]));
    },

    async create(actor: Actor, input: CreateCustomer): Promise<Customer> {
      return withTx(db, async (tx) => {
        const district = await checkDistrict(tx, actor, input.districtOrgId);
        const scope = actor.auth!.scope;
        const amId = scope.kind === 'own_customers' ? scope.userId : await checkManager(tx, input.accountManagerId);
        if (await customerRepo.creditCodeOwner(tx, input.creditCode)) throw new AppError('CREDIT_CODE_TAKEN');
        const { id } = await customerRepo.insert(tx, {
          name: input.name,
          credit_code: input.creditCode,
          level: input.level,
          industry: input.industry,
          district_org_id: district.id,
          org_path: district.path,
          account_manager_id: amId,
          address: input.address ?? null,
        });
        await customerRepo.replaceContacts(tx, id, input.contacts);
        const created = toCustomer(
          (await customerRepo.byId(tx, { kind: 'all' }, id))!,
          await customerRepo.contacts(tx, [id]),
        );
        await recordAudit(tx, actor, {
          action: 'customer.created',
          entityType: 'customer',
          entityId: id,
          after: created,
        });
        return created;
      });
    },

    async update(actor: Actor, id: number, input: UpdateCustomer): Promise<Customer> {
      return withTx(db, async (tx) => {
        const row = await this.getRow(tx, actor, id);
        const before = toCustomer(row, await customerRepo.contacts(tx, [id]));
        const set: Parameters<typeof customerRepo.update>[3] = {};
        if (input.name !== undefined) set.name = input.name;
        if (input.level !== undefined) set.level = input.level;
        if (input.industry !== undefined) set.industry = input.industry;
        if (input.address !== undefined) set.address = input.address;
        if (input.creditCode !== undefined && input.creditCode !== row.credit_code) {
          const owner = await customerRepo.creditCodeOwner(tx, input.creditCode);
          if (owner && owner.id !== id) throw new AppError('CREDIT_CODE_TAKEN');
          set.credit_code = input.creditCode;
        }
        if (input.districtOrgId !== undefined && input.districtOrgId !== row.district_org_id) {
          const d = await checkDistrict(tx, actor, input.districtOrgId);
          set.district_org_id = d.id;
          set.org_path = d.path;
        }
        if (input.accountManagerId !== undefined && actor.auth!.scope.kind !== 'own_customers') {
          set.account_manager_id = await checkManager(tx, input.accountManagerId);
        }
        if (!(await customerRepo.update(tx, id, input.version, set))) throw conflict({ customer: id });
        if (set.org_path) await customerRepo.syncUserPaths(tx, id, set.org_path);
        if (input.contacts !== undefined) await customerRepo.replaceContacts(tx, id, input.contacts);
        const after = toCustomer(
          (await customerRepo.byId(tx, { kind: 'all' }, id))!,
          await customerRepo.contacts(tx, [id]),
        );
        await recordAudit(tx, actor, {
          action: 'customer.updated',
          entityType: 'customer',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },
  };
}
