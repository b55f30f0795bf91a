import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/foundation.tables';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ProductLinesTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  sort: Generated<number>;
}

export interface ProductsTable {
  id: Generated<number>;
  line_id: number;
  code: string;
  name: string;
  summary: Generated<string>;
  description: Generated<string>;
  ends: Generated<number>;
  status: Generated<'draft' | 'published' | 'retired'>;
  attributes: Json<unknown[]>;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface ProductOffersTable {
  id: Generated<number>;
  product_id: number;
  code: string;
  version: Generated<number>;
  name: string;
  description: Generated<string>;
  status: Generated<'draft' | 'published' | 'retired'>;
  fixed_specs: Json<Record<string, string>>;
  one_time_fen: number;
  monthly_fen: number;
  contract_months: Generated<number>;
  requires: ColumnType<string[], string | string[] | undefined, string | string[]>;
  excludes: ColumnType<string[], string | string[] | undefined, string | string[]>;
  published_at: TsNull;
  retired_at: TsNull;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrderSettingsTable {
  id: Generated<number>;
  number_format: Generated<string>;
  stage_targets: Json<Record<string, number>>;
  ref_secret: Generated<string>;
  updated_at: Generated<Date>;
}

export interface OrderNumberSeqTable {
  period: string;
  last: number;
}

export interface OrdersTable {
  id: Generated<number>;
  number: string;
  order_type: Generated<'new' | 'change' | 'cancel'>;
  channel: 'shop' | 'staff' | 'api';
  state: string;
  stage: string;
  stage_entered_at: Ts;
  stage_deadline: TsNull;
  customer_id: number;
  district_org_id: number;
  org_path: string;
  title: string;
  contact_name: string;
  contact_phone: string;
  install_address: string;
  note: Generated<string>;
  total_one_time_fen: number;
  total_monthly_fen: number;
  contract_months: Generated<number>;
  contract_ends_at: TsNull;
  pre_acceptance_no: string | null;
  promoter_id: number | null;
  created_by: number | null;
  agreements: Json<unknown[]>;
  hold_reason: string | null;
  resume_state: string | null;
  cancel_reason: string | null;
  urge_count: Generated<number>;
  external_id: string | null;
  request_key: string | null;
  requested_start: TsNull;
  created_at: Ts;
  updated_at: Generated<Date>;
  completed_at: TsNull;
  /** the customer's signature, recorded when the signing module reports it */
  signed_at: TsNull;
  signing_number: string | null;
  signing_request_id: number | null;
  signer_name: string | null;
  version: Generated<number>;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  offer_id: number;
  product_id: number;
  product_code: string;
  product_name: string;
  offer_name: string;
  specs: Json<Record<string, string>>;
  spec_text: Generated<string>;
  quantity: number;
  one_time_fen: number;
  monthly_fen: number;
  contract_months: Generated<number>;
}

export interface ServiceOrdersTable {
  id: Generated<number>;
  order_id: number;
  order_item_id: number;
  number: string;
  product_name: string;
  end_label: string;
  state: Generated<'open' | 'done' | 'cancelled'>;
  created_at: Generated<Date>;
}

export interface OrderWorkOrdersTable {
  id: Generated<number>;
  order_id: number;
  service_order_id: number | null;
  number: string;
  task: 'review' | 'resource' | 'install' | 'billing';
  state: 'waiting' | 'ready' | 'in_progress' | 'done' | 'cancelled';
  assignee_org_id: number | null;
  assignee_org_path: string | null;
  assignee_user_id: number | null;
  started_at: TsNull;
  done_at: TsNull;
  done_by: number | null;
  result: string | null;
  created_at: Ts;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: number;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  from_stage: string | null;
  to_stage: string | null;
  note: string | null;
  internal: Generated<boolean>;
  actor_id: number | null;
  actor_name: string;
  created_at: Ts;
}

export interface ProductOfferingPricesTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  price_type: 'recurring' | 'oneTime' | 'usage';
  amount_fen: Generated<number>;
  recurring_period: string | null;
  is_bundle: Generated<boolean>;
  lifecycle_status: Generated<string>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrderTables {
  product_offering_prices: ProductOfferingPricesTable;
  product_lines: ProductLinesTable;
  products: ProductsTable;
  product_offers: ProductOffersTable;
  order_settings: OrderSettingsTable;
  order_number_seq: OrderNumberSeqTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  service_orders: ServiceOrdersTable;
  order_work_orders: OrderWorkOrdersTable;
  order_events: OrderEventsTable;
}
