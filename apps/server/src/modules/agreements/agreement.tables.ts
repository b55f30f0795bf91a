import type { Generated } from 'kysely';

export interface AgreementTemplatesTable {
  id: Generated<number>;
  code: string;
  version: number;
  title: string;
  body: string;
  usage: 'acceptance' | 'signature' | 'download';
  status: Generated<'draft' | 'published' | 'retired'>;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  published_at: Date | null;
  retired_at: Date | null;
  version_lock: Generated<number>;
}

export interface AgreementTables {
  agreement_templates: AgreementTemplatesTable;
}
