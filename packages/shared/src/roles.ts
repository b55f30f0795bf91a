export const ROLES = [
  'customer_user',
  'customer_admin',
  'account_manager',
  'hotline_agent',
  'dispatcher',
  'technician',
  'supervisor',
  'partner',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  customer_user: { zh: '企业经办人', en: 'Customer user' },
  customer_admin: { zh: '企业管理员', en: 'Customer admin' },
  account_manager: { zh: '客户经理', en: 'Account manager' },
  hotline_agent: { zh: '政企热线', en: 'Hotline agent' },
  dispatcher: { zh: '调度/监控中心', en: 'Dispatcher' },
  technician: { zh: '装维人员', en: 'Technician' },
  supervisor: { zh: '各级领导', en: 'Supervisor' },
  partner: { zh: '应用厂家/SI', en: 'Partner' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const CUSTOMER_ROLES: readonly Role[] = ['customer_user', 'customer_admin'];
export const isCustomerRole = (r: Role) => CUSTOMER_ROLES.includes(r);

// Permissions are the unit routes check; roles are bundles of them.
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'user.read',
  'user.write',
  'customer.read',
  'customer.write',
  'audit.read',
  'sms_outbox.read',
  'notification.read',
  'workbench.read',
  'enterprise_users.manage',
  'ticket.read',
  'ticket.create',
  'ticket.monitor',
  'ticket.config',
  'catalog.manage',
  'order.read',
  'order.place',
  'order.work',
  'order.tower',
  'order.config',
  'signing.read',
  'signing.send',
  'signing.review',
  'signing.config',
  'agreement.manage',
  'opportunity.read',
  'opportunity.work',
  'opportunity.manage',
  'certification.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Opportunities: hotline agents and account managers work them; supervisors reassign, approve, configure, report.
const OPP_WORK: readonly Permission[] = ['opportunity.read', 'opportunity.work'];
const BASE: readonly Permission[] = ['notification.read', 'workbench.read', 'ticket.read'];
// Signing: staff who deal with customers send and follow requests; supervisors review and see the figures.
const SIGN_SEND: readonly Permission[] = ['signing.read', 'signing.send'];
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  customer_user: [...BASE, 'customer.read', 'ticket.create'],
  customer_admin: [...BASE, 'customer.read', 'enterprise_users.manage', 'ticket.create'],
  account_manager: [
    ...BASE,
    'customer.read',
    'customer.write',
    'org.read',
    'ticket.create',
    'certification.review',
    ...OPP_WORK,
    ...SIGN_SEND,
  ],
  hotline_agent: [...BASE, 'customer.read', 'org.read', 'ticket.create', ...OPP_WORK, ...SIGN_SEND],
  dispatcher: [...BASE, 'customer.read', 'org.read', 'user.read', 'ticket.create', 'ticket.monitor'],
  technician: [...BASE],
  supervisor: [
    ...BASE,
    'customer.read',
    'org.read',
    'user.read',
    'audit.read',
    'ticket.create',
    'ticket.monitor',
    'opportunity.read',
    'opportunity.manage',
    'certification.review',
    ...SIGN_SEND,
    'signing.review',
  ],
  partner: [...BASE],
  admin: [...PERMISSIONS],
};

// Ordering (SPEC M4): who may browse and place orders, work their work orders, watch the tower.
const ORDER_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  customer_user: ['order.read', 'order.place'],
  customer_admin: ['order.read', 'order.place'],
  account_manager: ['order.read', 'order.place', 'order.work'],
  hotline_agent: ['order.read', 'order.place'],
  dispatcher: ['order.read', 'order.work', 'order.tower'],
  technician: ['order.read', 'order.work'],
  supervisor: ['order.read', 'order.work', 'order.tower'],
};
for (const [role, perms] of Object.entries(ORDER_PERMISSIONS) as [Role, readonly Permission[]][])
  ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...perms];

export function can(role: Role, perm: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(perm);
}

/** Data scope: what part of the data a user may see. Applied inside repos. */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'org'; orgPath: string }
  | { kind: 'own_customers'; userId: number; orgPath: string }
  | { kind: 'enterprise'; customerId: number }
  | { kind: 'self'; userId: number };
