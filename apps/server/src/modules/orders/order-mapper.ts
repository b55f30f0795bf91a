import {
  ORDER_STAGES,
  type OrderDetail,
  type OrderStage,
  type OrderState,
  type OrderSummary,
  type WorkOrderTask,
} from '@paidan/shared';
import type { OrderRef } from '../../contracts/orders';
import type { OrderSummaryRow } from './order.repo';
import type { OrderDetailRow } from './order-detail.repo';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toSummary(r: OrderSummaryRow, now = new Date()): OrderSummary {
  const open = ['acknowledged', 'in_progress', 'pending', 'held'].includes(r.state);
  return {
    id: r.id,
    number: r.number,
    orderType: r.order_type,
    channel: r.channel,
    state: r.state as OrderState,
    stage: r.stage as OrderStage,
    stageEnteredAt: new Date(r.stage_entered_at).toISOString(),
    stageDeadline: iso(r.stage_deadline),
    overdue: open && !!r.stage_deadline && new Date(r.stage_deadline) < now,
    customerId: r.customer_id,
    customerName: r.customer_name,
    districtName: r.district_name,
    title: r.title,
    totalOneTimeFen: Number(r.total_one_time_fen),
    totalMonthlyFen: Number(r.total_monthly_fen),
    preAcceptanceNo: r.pre_acceptance_no,
    urgeCount: r.urge_count,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

export function toRef(r: {
  id: number;
  number: string;
  customer_id: number;
  state: string;
  stage: string;
  pre_acceptance_no: string | null;
  total_one_time_fen: number;
  total_monthly_fen: number;
}): OrderRef {
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    state: r.state as OrderState,
    stage: r.stage as OrderStage,
    preAcceptanceNo: r.pre_acceptance_no,
    totalOneTimeFen: Number(r.total_one_time_fen),
    totalMonthlyFen: Number(r.total_monthly_fen),
  };
}

export function toDetail(
  o: OrderDetailRow,
  extra: { actions: OrderDetail['actions']; workableIds: number[]; customerView: boolean },
  now = new Date(),
): OrderDetail {
  const entered = new Map<OrderStage, string>();
  for (const e of o.events)
    if (e.to_stage && !entered.has(e.to_stage as OrderStage))
      entered.set(e.to_stage as OrderStage, new Date(e.created_at).toISOString());
  const cur = o.stage as OrderStage;
  const open = ['acknowledged', 'in_progress', 'pending', 'held'].includes(o.state);
  return {
    ...toSummary(o, now),
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    installAddress: o.install_address,
    note: o.note,
    customerCreditCode: o.customer_credit_code,
    promoterName: o.promoter_name,
    createdByName: o.created_by_name,
    holdReason: o.hold_reason,
    cancelReason: o.cancel_reason,
    agreements:
      (o.agreements as { code: string; templateId: number | null; version: number | null; title?: string }[]) ?? [],
    items: o.items.map((i) => ({
      id: i.id,
      offerId: i.offer_id,
      productCode: i.product_code,
      productName: i.product_name,
      offerName: i.offer_name,
      specs: i.specs,
      specText: i.spec_text,
      quantity: i.quantity,
      oneTimeFen: Number(i.one_time_fen),
      monthlyFen: Number(i.monthly_fen),
      contractMonths: i.contract_months,
    })),
    serviceOrders: o.service_orders.map((s) => ({
      id: s.id,
      number: s.number,
      orderItemId: s.order_item_id,
      productName: s.product_name,
      endLabel: s.end_label,
      state: s.state,
    })),
    // Customers see which team works on it, not who.
    workOrders: o.work_orders.map((w) => ({
      id: w.id,
      number: w.number,
      serviceOrderId: w.service_order_id,
      task: w.task as WorkOrderTask,
      state: w.state,
      assigneeOrgId: w.assignee_org_id,
      assigneeOrgName: w.org_name,
      assigneeUserId: extra.customerView ? null : w.assignee_user_id,
      assigneeUserName: extra.customerView ? null : w.user_name,
      startedAt: iso(w.started_at),
      doneAt: iso(w.done_at),
      result: extra.customerView ? null : w.result,
    })),
    stages: ORDER_STAGES.map((s) => ({
      stage: s,
      enteredAt: entered.get(s) ?? null,
      deadline: s === cur && open ? iso(o.stage_deadline) : null,
    })),
    events: o.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromState: (e.from_state as OrderState) ?? null,
      toState: (e.to_state as OrderState) ?? null,
      fromStage: (e.from_stage as OrderStage) ?? null,
      toStage: (e.to_stage as OrderStage) ?? null,
      note: e.note,
      actorName: e.actor_name,
      at: new Date(e.created_at).toISOString(),
    })),
    signing:
      o.signed_at && o.signing_number && o.signing_request_id !== null
        ? {
            number: o.signing_number,
            requestId: o.signing_request_id,
            signerName: o.signer_name ?? '',
            signedAt: new Date(o.signed_at).toISOString(),
          }
        : null,
    actions: extra.actions,
    workableIds: extra.workableIds,
  };
}
