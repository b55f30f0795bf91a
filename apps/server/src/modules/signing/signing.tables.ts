import type { ColumnType, Generated } from 'kysely';
import type { Json } from '../../platform/db/foundation.tables';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface SigningModeRulesTable {
  id: Generated<number>;
  priority: number;
  name: string;
  kind: 'order' | 'agreement' | null;
  order_type: 'new' | 'change' | 'cancel' | null;
  min_amount_fen: number | null;
  max_amount_fen: number | null;
  any_products: string[];
  none_products: string[];
  mode: 'sms_reply' | 'e_sign' | 'online';
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SigningSettingsTable {
  id: number;
  rules_version: Generated<number>;
  link_secret: string | null;
  cert_p12: string | null;
  cert_password: string | null;
  updated_at: Generated<Date>;
}

export interface SigningRequestsTable {
  id: Generated<number>;
  number: string;
  kind: 'order' | 'agreement';
  subject_ref: string;
  title: string;
  customer_id: number;
  org_path: string;
  account_manager_id: number | null;
  signer_name: string;
  signer_phone: string;
  mode: 'sms_reply' | 'e_sign' | 'online';
  rule_name: string | null;
  status: 'sent' | 'opened' | 'review' | 'signed' | 'declined' | 'expired' | 'cancelled' | 'rejected';
  snapshot: Json<Record<string, unknown>>;
  document_key: string;
  document_sha256: string;
  template_code: string | null;
  template_id: number | null;
  template_version: number | null;
  link_nonce: string;
  expires_at: Ts;
  sent_at: Generated<Date>;
  opened_at: TsNull;
  code_verified_at: TsNull;
  signed_at: TsNull;
  closed_at: TsNull;
  signature_key: string | null;
  signed_key: string | null;
  signed_sha256: string | null;
  sign_ip: string | null;
  sign_user_agent: string | null;
  sign_channel: 'web' | 'sms' | null;
  ocr: Json<Record<string, unknown>> | null;
  decline_reason: string | null;
  review_note: string | null;
  reviewed_by: number | null;
  reminders: Generated<number>;
  last_reminded_at: TsNull;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface SigningCodesTable {
  id: Generated<number>;
  request_id: number;
  phone: string;
  code_hash: string;
  ip: string | null;
  attempts: Generated<number>;
  expires_at: Ts;
  consumed_at: TsNull;
  created_at: Generated<Date>;
}

export interface SigningMaterialsTable {
  id: Generated<number>;
  request_id: number;
  kind: 'licence' | 'id_front' | 'id_back';
  storage_key: string;
  sha256: string;
  mime: string;
  ocr: Json<Record<string, unknown>> | null;
  created_at: Generated<Date>;
}

export interface SigningAuthorisationsTable {
  id: Generated<number>;
  customer_id: number;
  agent_name: string;
  request_id: number;
  valid_until: TsNull;
  created_at: Generated<Date>;
}

export interface SigningTables {
  signing_mode_rules: SigningModeRulesTable;
  signing_settings: SigningSettingsTable;
  signing_requests: SigningRequestsTable;
  signing_codes: SigningCodesTable;
  signing_materials: SigningMaterialsTable;
  signing_authorisations: SigningAuthorisationsTable;
}
