// What other modules may know about orders without importing the ordering module: opportunities link to orders and
// follow their status, signing requests sign an order's agreement. The ordering module emits and registers these.
import type { Executor } from '../platform/db/database';
import { defineDomainEvent } from '../platform/events/domain-events';

/** TMF622 order states. */
export type OrderState = 'acknowledged' | 'in_progress' | 'pending' | 'held' | 'completed' | 'cancelled' | 'failed';
/** Customer-visible progress stages: 业务受理, 资源调配, 施工安装, 业务完工, 起租. */
export type OrderStage = 'accepted' | 'resourcing' | 'installing' | 'completed' | 'billing_started';

export interface OrderRef {
  id: number;
  number: string;
  customerId: number;
  state: OrderState;
  stage: OrderStage;
  /** 预受理单号 the order was placed with, when it came from an opportunity. */
  preAcceptanceNo: string | null;
  totalOneTimeFen: number;
  totalMonthlyFen: number;
}

export interface OrderStatusChanged {
  order: OrderRef;
  previousState: OrderState | null;
  previousStage: OrderStage | null;
  at: Date;
  /** Short human text for timelines, e.g. "施工安装：已派装维". */
  note: string | null;
}

/** Emitted by the ordering module inside the transaction that changes an order's state or stage (and on creation). */
export const orderStatusChanged = defineDomainEvent<OrderStatusChanged>('order.status_changed');

/** What a signer is shown and what the signing-mode rules look at (seed 000 table 1: order type, amount, product). */
export interface OrderSummary {
  order: OrderRef;
  orderType: 'new' | 'change' | 'cancel';
  customerName: string;
  customerCreditCode: string;
  contactName: string;
  contactPhone: string;
  installAddress: string | null;
  items: {
    productCode: string;
    productName: string;
    offerName: string;
    /** Chosen specification values, e.g. "带宽 300M；IP 地址 8 个". */
    specs: string;
    quantity: number;
    oneTimeFen: number;
    monthlyFen: number;
  }[];
  createdAt: Date;
}

export interface OrderLookup {
  byNumber(ex: Executor, number: string): Promise<OrderRef | null>;
  byId(ex: Executor, id: number): Promise<OrderRef | null>;
  summary(ex: Executor, id: number): Promise<OrderSummary | null>;
}

let lookup: OrderLookup | null = null;
/** The ordering module registers itself here when it loads. */
export function registerOrderLookup(l: OrderLookup): void {
  lookup = l;
}
/** Null until the ordering module is loaded: callers then keep the order number as an external reference. */
export function orderLookup(): OrderLookup | null {
  return lookup;
}
