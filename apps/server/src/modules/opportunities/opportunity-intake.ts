import { maskPhone, productByCode, type IntakeResult, type OpportunitySource } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import type { Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { customerService } from '../customers/customer.service';
import { opportunityRepo } from './opportunity.repo';
import { publishOpportunity } from './opportunity-live';

/** One intake, whatever the source, after its own checks (API key, SMS code, import row, staff form). */
export interface NewOpportunity {
  source: OpportunitySource;
  sourceChannel?: string | null;
  externalId?: string | null;
  apiClientId?: number | null;
  /** a customer the actor chose (checked against the actor's scope) */
  customerId?: number | null;
  customerName?: string | null;
  creditCode?: string | null;
  contactName: string;
  contactPhone: string;
  productCode: string;
  need?: string;
  expectedRevenue?: number | null;
  deadline?: string | null;
  districtOrgId?: number | null;
  districtCode?: string | null;
  /** where it starts: the pool, kept by the entering agent, or with the entering account manager */
  start?: { kind: 'pool' } | { kind: 'claimed'; userId: number } | { kind: 'account_manager'; userId: number };
}

export function actorLabel(actor: Actor): { id: number | null; name: string; role: string } {
  const u = actor.auth?.user;
  return u ? { id: u.id, name: u.displayName, role: u.role } : { id: null, name: '系统', role: 'system' };
}

const field = (name: string, message: string) => new AppError('VALIDATION_FAILED', [{ field: name, message }]);

export function intakeService(ctx: AppContext) {
  const customers = customerService(ctx);

  /** Resolves customer and district, merges a duplicate or inserts, in the caller's transaction. */
  async function intake(tx: Executor, actor: Actor, n: NewOpportunity): Promise<IntakeResult> {
    const product = productByCode(n.productCode);
    if (!product) throw new AppError('OPPORTUNITY_UNKNOWN_PRODUCT', { productCode: n.productCode });
    const now = new Date();

    // The customer: chosen by staff (inside their scope), else recognised by credit code or exact name.
    let customer: { id: number; name: string; credit_code: string; district_org_id: number; org_path: string } | null =
      null;
    if (n.customerId) {
      customer = await customers.getRow(tx, actor, n.customerId);
    } else if (n.creditCode || n.customerName) {
      customer =
        (await tx
          .selectFrom('customers')
          .select(['id', 'name', 'credit_code', 'district_org_id', 'org_path'])
          .where((eb) =>
            n.creditCode ? eb('credit_code', '=', n.creditCode) : eb('name', '=', n.customerName!.trim()),
          )
          .executeTakeFirst()) ?? null;
    }
    const customerName = customer?.name ?? n.customerName?.trim();
    if (!customerName) throw field('body.customerName', '请填写企业名称或选择客户');

    // The district: the customer's, else the one named, else the whole province (every agent may take it).
    let district: { id: number; path: string } | null = customer
      ? { id: customer.district_org_id, path: customer.org_path }
      : null;
    if (!district && (n.districtOrgId || n.districtCode)) {
      const o = await tx
        .selectFrom('orgs')
        .select(['id', 'path', 'type'])
        .where((eb) => (n.districtOrgId ? eb('id', '=', n.districtOrgId) : eb('code', '=', n.districtCode!)))
        .executeTakeFirst();
      if (!o || o.type !== 'district')
        throw field(n.districtOrgId ? 'body.districtOrgId' : 'body.districtCode', '未知的区局');
      district = { id: o.id, path: o.path };
    }
    const root = district
      ? null
      : await tx.selectFrom('orgs').select('path').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
    const regionPath = district?.path ?? root?.path ?? '/';

    const settings = await opportunityRepo.settings(tx);
    const who = actorLabel(actor);
    const dup = await opportunityRepo.findDuplicate(
      tx,
      { customerId: customer?.id ?? null, customerName, productCode: product.code },
      new Date(now.getTime() - settings.duplicateWindowDays * 86_400_000),
    );
    if (dup) {
      await tx
        .updateTable('opportunities')
        .set((eb) => ({ merged_count: eb('merged_count', '+', 1), updated_at: now }))
        .where('id', '=', dup.id)
        .execute();
      await opportunityRepo.addEvent(tx, {
        opportunityId: dup.id,
        actorId: who.id,
        actorName: who.name,
        actorRole: who.role,
        action: 'merged',
        note: n.need?.trim() || null,
        data: {
          source: n.source,
          sourceChannel: n.sourceChannel ?? null,
          externalId: n.externalId ?? null,
          contactName: n.contactName,
          contactPhone: maskPhone(n.contactPhone),
          expectedRevenue: n.expectedRevenue ?? null,
        },
      });
      return { id: dup.id, number: dup.number, status: dup.status as IntakeResult['status'], merged: true };
    }

    const start = n.start ?? { kind: 'pool' };
    const number = await opportunityRepo.nextNumber(tx, now);
    const timeoutMs = settings.claimTimeoutMinutes * 60_000;
    const row = await opportunityRepo.insert(tx, {
      number,
      source: n.source,
      source_channel: n.sourceChannel ?? null,
      external_id: n.externalId ?? null,
      api_client_id: n.apiClientId ?? null,
      customer_id: customer?.id ?? null,
      customer_name: customerName,
      credit_code: customer?.credit_code ?? n.creditCode ?? null,
      contact_name: n.contactName.trim(),
      contact_phone: n.contactPhone.trim(),
      product_code: product.code,
      product_group: product.group,
      need: n.need?.trim() ?? '',
      expected_revenue: n.expectedRevenue ?? null,
      deadline: n.deadline ?? null,
      district_org_id: district?.id ?? null,
      region_path: regionPath,
      status: start.kind === 'pool' ? 'pool' : start.kind === 'claimed' ? 'claimed' : 'dispatched',
      claimed_by: start.kind === 'claimed' ? start.userId : null,
      claimed_at: start.kind === 'claimed' ? now : null,
      claim_expires_at: start.kind === 'claimed' ? new Date(now.getTime() + timeoutMs) : null,
      account_manager_id: start.kind === 'account_manager' ? start.userId : null,
      dispatched_at: start.kind === 'account_manager' ? now : null,
      stage: start.kind === 'account_manager' ? 'discovery' : null,
      created_by: who.id,
    });
    await opportunityRepo.addEvent(tx, {
      opportunityId: row.id,
      actorId: who.id,
      actorName: who.name,
      actorRole: who.role,
      action: 'created',
      note: n.need?.trim() || null,
      data: { source: n.source, sourceChannel: n.sourceChannel ?? null, externalId: n.externalId ?? null },
    });
    if (start.kind === 'claimed')
      await opportunityRepo.addEvent(tx, {
        opportunityId: row.id,
        actorId: who.id,
        actorName: who.name,
        actorRole: who.role,
        action: 'claimed',
      });
    await recordAudit(tx, actor, {
      action: 'opportunity.created',
      entityType: 'opportunity',
      entityId: row.id,
      after: { number, source: n.source, productCode: product.code, customerId: customer?.id ?? null },
    });
    await publishOpportunity(
      tx,
      ctx.events,
      {
        id: row.id,
        status: row.status,
        product_group: product.group,
        region_path: regionPath,
        claimed_by: start.kind === 'claimed' ? start.userId : null,
        account_manager_id: start.kind === 'account_manager' ? start.userId : null,
      },
      { pool: start.kind === 'pool' },
    );
    return { id: row.id, number, status: row.status as IntakeResult['status'], merged: false };
  }

  return { intake };
}
