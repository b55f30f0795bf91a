import type { DataScope, Permission, Role } from '@paidan/shared';

export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  orgPath: string | null;
  customerId: number | null;
  lang: 'zh' | 'en';
}

export interface AuthContext {
  user: AuthUser;
  sessionId: string | null;
  csrfToken: string | null;
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
}

/** Who did it, from where: passed to services so audit events and scope checks have it. */
export interface Actor {
  auth: AuthContext | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const systemActor: Actor = { auth: null, ip: null, userAgent: 'system', requestId: null };
