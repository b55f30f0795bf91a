import {
  maskPhone,
  productByCode,
  type OpportunityDetail,
  type OpportunitySummary,
  type OpportunityEvent,
  type OpportunityCall,
  type ProductGroup,
} from '@paidan/shared';
import type { AuthContext } from '../../platform/auth/context';
import type { DB } from '../../db.types';
import type { Selectable } from 'kysely';
import type { OpportunityRow } from './opportunity.repo';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const dateOnly = (d: unknown): string | null => {
  if (!d) return null;
  if (d instanceof Date) return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return String(d).slice(0, 10);
};

/** Whoever works the opportunity (or an administrator) sees the full phone number; the pool shows it masked. */
function seesPhone(r: OpportunityRow, auth: AuthContext | null): boolean {
  if (!auth) return true;
  const me = auth.user.id;
  if (auth.scope.kind === 'all') return true;
  return r.claimed_by === me || r.account_manager_id === me || 'client' in auth;
}

export function toSummary(r: OpportunityRow, auth: AuthContext | null): OpportunitySummary {
  const product = productByCode(r.product_code);
  return {
    id: r.id,
    number: r.number,
    source: r.source as OpportunitySummary['source'],
    sourceChannel: r.source_channel,
    status: r.status as OpportunitySummary['status'],
    stage: r.stage as OpportunitySummary['stage'],
    customerId: r.customer_id,
    customerName: r.customer_name,
    contactName: r.contact_name,
    contactPhone: seesPhone(r, auth) ? r.contact_phone : maskPhone(r.contact_phone),
    productCode: r.product_code,
    productName: product?.name ?? r.product_code,
    productGroup: r.product_group as ProductGroup,
    need: r.need,
    expectedRevenue: r.expected_revenue === null ? null : Number(r.expected_revenue),
    deadline: dateOnly(r.deadline),
    districtName: r.district_name,
    claimedById: r.claimed_by,
    claimedByName: r.claimed_by_name,
    claimExpiresAt: iso(r.claim_expires_at),
    accountManagerId: r.account_manager_id,
    accountManagerName: r.account_manager_name,
    preAcceptanceNo: r.pre_acceptance_no,
    orderNumber: r.order_number,
    orderState: r.order_state,
    orderStage: r.order_stage,
    approvalStatus: r.approval_status as OpportunitySummary['approvalStatus'],
    mergedCount: r.merged_count,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  };
}

export function toEvent(e: Selectable<DB['opportunity_events']>): OpportunityEvent {
  return {
    id: e.id,
    at: iso(e.at)!,
    actorName: e.actor_name,
    actorRole: e.actor_role as OpportunityEvent['actorRole'],
    action: e.action,
    note: e.note,
    data: (e.data ?? {}) as Record<string, unknown>,
  };
}

export function toCall(c: {
  id: number;
  called_at: Date;
  result: string;
  note: string | null;
  user_name: string;
}): OpportunityCall {
  return {
    id: c.id,
    calledAt: iso(c.called_at)!,
    userName: c.user_name,
    result: c.result as OpportunityCall['result'],
    note: c.note,
  };
}

export type DetailExtras = Pick<OpportunityDetail, 'events' | 'calls' | 'approvals' | 'actions' | 'orderUrl'>;

export function toDetail(r: OpportunityRow, auth: AuthContext | null, extras: DetailExtras): OpportunityDetail {
  return {
    ...toSummary(r, auth),
    creditCode: r.credit_code,
    externalId: r.external_id,
    invalidReason: r.invalid_reason,
    terminatedReason: r.terminated_reason,
    firstCallAt: iso(r.first_call_at),
    approvalLevels: r.approval_levels,
    approvalLevel: r.approval_level,
    ...extras,
  };
}
