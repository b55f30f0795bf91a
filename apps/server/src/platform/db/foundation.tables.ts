import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface OrgsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  type: 'province' | 'city' | 'district' | 'team';
  code: string;
  path: Generated<string>;
  /** what the unit does, for routing (migration 0004) */
  function: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  credit_code: string;
  level: 'group' | 'province' | 'local_a' | 'local_b' | 'local_c';
  industry: string;
  district_org_id: number;
  org_path: string;
  account_manager_id: number | null;
  address: string | null;
  /** 企业认证 (migration 0007). */
  certification_status: Generated<'none' | 'pending' | 'certified' | 'rejected'>;
  certification_method: 'bank_transfer' | 'legal_rep_sms' | 'licence_photo' | 'e_licence' | 'staff' | null;
  certified_at: Date | null;
  legal_rep_name: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface CustomerContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  phone: string;
  title: string | null;
  is_primary: Generated<boolean>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  org_id: number | null;
  org_path: string | null;
  customer_id: number | null;
  phone: string | null;
  email: string | null;
  password_hash: string | null;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  lang: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface SmsCodesTable {
  id: Generated<number>;
  phone: string;
  purpose: string;
  code_hash: string;
  ip: string | null;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Date | null;
  created_at: Generated<Date>;
}

export interface AuditEventsTable {
  seq: number;
  occurred_at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  name: string;
  interval_seconds: number;
  next_run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_run_at: Date | null;
}

export interface SmsMessagesTable {
  id: Generated<number>;
  message_key: string;
  direction: Generated<'out' | 'in'>;
  phone: string;
  template: string;
  params: Json<Record<string, unknown>>;
  body: string;
  adapter: string;
  status: 'queued' | 'stored' | 'sent' | 'failed' | 'received';
  provider_id: string | null;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  events: ColumnType<string[], string[] | undefined, string[]>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  delivery_key: string;
  subscription_id: number;
  event: string;
  payload: Json;
  status: 'delivered' | 'failed';
  response_status: number | null;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  // 0002
  error: string | null;
  updated_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  read_at: Date | null;
  created_at: Generated<Date>;
}

export interface FoundationTables {
  schema_migrations: SchemaMigrationsTable;
  orgs: OrgsTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  sms_messages: SmsMessagesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notifications: NotificationsTable;
}
