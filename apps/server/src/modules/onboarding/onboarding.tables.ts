import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EnterpriseClaimsTable {
  id: Generated<number>;
  customer_id: number;
  user_id: number;
  status: Generated<'open' | 'won' | 'lost' | 'withdrawn'>;
  created_enterprise: Generated<boolean>;
  created_at: Generated<Date>;
  closed_at: Ts | null;
}

export interface EnterpriseInvitationsTable {
  id: Generated<number>;
  customer_id: number;
  phone: string;
  name: string;
  role: 'customer_user' | 'customer_admin';
  status: Generated<'pending' | 'accepted' | 'declined' | 'revoked'>;
  invited_by: number;
  accepted_by: number | null;
  expires_at: Ts;
  created_at: Generated<Date>;
  closed_at: Ts | null;
}

export interface OnboardingTables {
  enterprise_claims: EnterpriseClaimsTable;
  enterprise_invitations: EnterpriseInvitationsTable;
}
