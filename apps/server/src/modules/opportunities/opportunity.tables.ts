import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/foundation.tables';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NullTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric arrives as a string (money stays exact) */
type Money = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface OpportunitiesTable {
  id: Generated<number>;
  number: string;
  source: string;
  source_channel: string | null;
  external_id: string | null;
  api_client_id: number | null;
  customer_id: number | null;
  customer_name: string;
  credit_code: string | null;
  contact_name: string;
  contact_phone: string;
  product_code: string;
  product_group: string;
  need: Generated<string>;
  expected_revenue: Money;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
  district_org_id: number | null;
  region_path: string;
  status: string;
  claimed_by: number | null;
  claimed_at: NullTs;
  claim_expires_at: NullTs;
  first_call_at: NullTs;
  invalid_reason: string | null;
  pre_acceptance_no: string | null;
  account_manager_id: number | null;
  dispatched_at: NullTs;
  stage: string | null;
  terminated_reason: string | null;
  approval_levels: Generated<number>;
  approval_level: Generated<number>;
  approval_status: Generated<string>;
  approval_round: Generated<number>;
  order_id: number | null;
  order_number: string | null;
  order_state: string | null;
  order_stage: string | null;
  converted_at: NullTs;
  merged_count: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: NullTs;
  version: Generated<number>;
}

export interface OpportunityEventsTable {
  id: Generated<number>;
  opportunity_id: number;
  at: Ts;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  note: string | null;
  data: Json<Record<string, unknown>>;
}

export interface OpportunityCallsTable {
  id: Generated<number>;
  opportunity_id: number;
  user_id: number;
  called_at: Ts;
  result: string;
  note: string | null;
}

export interface OpportunityApprovalsTable {
  id: Generated<number>;
  opportunity_id: number;
  round: number;
  level: number;
  decision: 'approved' | 'rejected';
  decided_by: number;
  comment: string | null;
  at: Ts;
}

export interface OpportunityAgentScopesTable {
  user_id: number;
  product_groups: ColumnType<string[], string[] | undefined, string[]>;
  region_paths: ColumnType<string[], string[] | undefined, string[]>;
}

export interface OpportunityIntakeKeysTable {
  api_client_id: number;
  idem_key: string;
  request_hash: string;
  opportunity_id: number;
  merged: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface OpportunitySettingsTable {
  id: number;
  doc: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface OpportunityReportViewsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  columns: string[];
  filters: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface OpportunityTables {
  opportunities: OpportunitiesTable;
  opportunity_events: OpportunityEventsTable;
  opportunity_calls: OpportunityCallsTable;
  opportunity_approvals: OpportunityApprovalsTable;
  opportunity_agent_scopes: OpportunityAgentScopesTable;
  opportunity_intake_keys: OpportunityIntakeKeysTable;
  opportunity_settings: OpportunitySettingsTable;
  opportunity_report_views: OpportunityReportViewsTable;
}
