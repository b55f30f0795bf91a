import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/foundation.tables';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CustomerServicesTable {
  id: Generated<number>;
  customer_id: number;
  service_number: string;
  product_name: string;
  business_category: string;
  circuit_level: Generated<string>;
  status: Generated<'active' | 'suspended_arrears' | 'suspended_request' | 'cancelled'>;
  address: string | null;
  created_at: Generated<Date>;
}

export interface TicketsTable {
  id: Generated<number>;
  number: string;
  type: string;
  channel: string;
  status: string;
  priority: Generated<string>;
  title: string;
  description: Generated<string>;
  details: Json<Record<string, unknown>>;
  customer_id: number;
  customer_level: string;
  org_path: string;
  business_category: string | null;
  circuit_level: string | null;
  product_instance: string | null;
  contact_name: string;
  contact_phone: string;
  created_by: number | null;
  assignee_org_id: number | null;
  assignee_org_path: string | null;
  assignee_user_id: number | null;
  dispatched_by: number | null;
  resolved_org_id: number | null;
  resolved_user_id: number | null;
  duplicate_of: number | null;
  reclassified_from: string | null;
  request_key: string | null;
  sla_policy_id: string | null;
  stage: string | null;
  stage_deadline: Date | null;
  paused_at: Date | null;
  escalation_level: Generated<number>;
  resolution: string | null;
  rating: number | null;
  rating_comment: string | null;
  urge_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  resolved_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  at: Generated<Date>;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Json<Record<string, unknown>>;
  customer_visible: Generated<boolean>;
}

export interface TicketStageClocksTable {
  id: Generated<number>;
  ticket_id: number;
  stage: string;
  org_id: number | null;
  user_id: number | null;
  policy_id: string | null;
  sla_limit: Json<{ amount: number; unit: 'minutes' | 'hours' | 'working_days'; clock: '24x7' | 'business' }>;
  started_at: Ts;
  deadline: Ts;
  warn_at: Ts;
  pauses: ColumnType<{ from: string; to: string | null }[], string | undefined, string>;
  warned_at: Date | null;
  escalation_level: Generated<number>;
  ended_at: Date | null;
  breached: boolean | null;
}

/** When the SLA sweep must next look at a ticket; no row, nothing to check (0050_ticket_sla_checks.sql). */
export interface TicketSlaChecksTable {
  ticket_id: number;
  next_check_at: Date;
}

export interface TicketCopiesTable {
  ticket_id: number;
  org_id: number;
  org_path: string;
  created_at: Generated<Date>;
}

export interface TicketAttachmentsTable {
  id: Generated<number>;
  ticket_id: number | null;
  customer_id: number | null;
  uploaded_by: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

export interface TicketRoutingRulesTable {
  id: Generated<number>;
  position: number;
  name: string;
  request_types: ColumnType<string[], string[] | undefined, string[]>;
  business_categories: ColumnType<string[], string[] | undefined, string[]>;
  product_pattern: string | null;
  customer_levels: ColumnType<string[], string[] | undefined, string[]>;
  district_org_id: number | null;
  target_kind: 'account_manager' | 'district_function' | 'org' | 'user';
  target_function: string | null;
  target_org_id: number | null;
  target_user_id: number | null;
  strategy: Generated<'queue' | 'round_robin' | 'least_loaded'>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TicketRoutingCursorsTable {
  org_id: number;
  last_user_id: number | null;
}

export interface SlaPoliciesTable {
  id: string;
  position: number;
  policy: Json;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface BusinessCalendarsTable {
  id: string;
  calendar: Json;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TicketSettingsTable {
  id: string;
  settings: Json;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface TicketTables {
  customer_services: CustomerServicesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_stage_clocks: TicketStageClocksTable;
  ticket_sla_checks: TicketSlaChecksTable;
  ticket_copies: TicketCopiesTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_routing_rules: TicketRoutingRulesTable;
  ticket_routing_cursors: TicketRoutingCursorsTable;
  sla_policies: SlaPoliciesTable;
  business_calendars: BusinessCalendarsTable;
  ticket_settings: TicketSettingsTable;
}
