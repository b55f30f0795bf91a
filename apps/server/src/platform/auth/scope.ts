import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type DataScope, type Role } from '@paidan/shared';
import type { AuthContext, AuthUser } from './context';

export function scopeFor(user: AuthUser): DataScope {
  switch (user.role) {
    case 'admin':
      return { kind: 'all' };
    case 'customer_user':
    case 'customer_admin':
      return { kind: 'enterprise', customerId: user.customerId ?? -1 };
    case 'account_manager':
      return { kind: 'own_customers', userId: user.id, orgPath: user.orgPath ?? '/none/' };
    case 'technician':
    case 'partner':
      return { kind: 'self', userId: user.id };
    default:
      return user.orgPath ? { kind: 'org', orgPath: user.orgPath } : { kind: 'self', userId: user.id };
  }
}

export function buildAuthContext(user: AuthUser, sessionId: string | null, csrfToken: string | null): AuthContext {
  return {
    user,
    sessionId,
    csrfToken,
    permissions: new Set(ROLE_PERMISSIONS[user.role as Role]),
    scope: scopeFor(user),
  };
}

/** `path LIKE '/1/4/%'` — the subtree of an org path, the node included. */
export function inSubtree(column: Expression<string | null>, orgPath: string): Expression<SqlBool> {
  const prefix = orgPath.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
  return sql<SqlBool>`${column} like ${prefix}`;
}

export type Eb<DB, TB extends keyof DB> = ExpressionBuilder<DB, TB>;
