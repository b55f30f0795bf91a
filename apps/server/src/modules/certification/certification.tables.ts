import type { ColumnType, Generated } from 'kysely';
import type { CertAttemptStatus, CertMethod } from '@paidan/shared';
import type { Json } from '../../platform/db/foundation.tables';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CertificationAttemptsTable {
  id: Generated<number>;
  customer_id: number;
  applicant_id: number;
  org_path: string;
  method: CertMethod;
  status: CertAttemptStatus;
  company_name: string;
  credit_code: string;
  legal_rep_name: string | null;
  legal_rep_phone: string | null;
  legal_rep_id_number: string | null;
  address: string | null;
  bank_name: string | null;
  bank_account: string | null;
  deposit_cents: number | null;
  deposit_reference: string | null;
  deposit_sent_at: Ts | null;
  deposit_sent_by: number | null;
  code_hash: string | null;
  code_expires_at: Ts | null;
  tries: Generated<number>;
  licence_file_key: string | null;
  licence_mime: string | null;
  licence_sha256: string | null;
  ocr: Json<Record<string, unknown>> | null;
  provider_result: Json<Record<string, unknown>> | null;
  reviewer_id: number | null;
  reviewed_at: Ts | null;
  reject_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface CertificationTables {
  certification_attempts: CertificationAttemptsTable;
}
