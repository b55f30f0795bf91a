import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { ROLE_PERMISSIONS, type DataScope, type Role } from '@paidan/shared';
import type { AuthContext, AuthUser } from './context';
import { prefixPattern } from '../db/like';

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
    case 'hotline_agent':
      // The 10000 hotline serves every enterprise of the province.
      return user.orgPath ? { kind: 'org', orgPath: rootPath(user.orgPath) } : { kind: 'self', userId: user.id };
    case 'dispatcher':
      // A dispatch team works for its whole district: widen a team-level path to the district.
      return user.orgPath ? { kind: 'org', orgPath: districtPath(user.orgPath) } : { kind: 'self', userId: user.id };
    default:
      return user.orgPath ? { kind: 'org', orgPath: user.orgPath } : { kind: 'self', userId: user.id };
  }
}

/** '/1/2/3/4/' (team) → '/1/2/3/' (its district); shallower paths are returned unchanged. */
export function districtPath(orgPath: string): string {
  const parts = orgPath.split('/').filter(Boolean);
  return parts.length > 3 ? `/${parts.slice(0, 3).join('/')}/` : orgPath;
}

/** '/1/2/3/' → '/1/' */
export function rootPath(orgPath: string): string {
  const first = orgPath.split('/').filter(Boolean)[0];
  return first ? `/${first}/` : orgPath;
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
  const prefix = prefixPattern(orgPath);
  return sql<SqlBool>`${column} like ${prefix}`;
}

export type Eb<DB, TB extends keyof DB> = ExpressionBuilder<DB, TB>;
