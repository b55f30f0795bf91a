import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  MessageOutlined,
  FileProtectOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { SafetyCertificateOutlined, SignatureOutlined } from '@ant-design/icons';
import { isCustomerRole, type Me } from '@paidan/shared';
import type { MsgKey } from '../i18n/dict';

// The side-menu groups, in the order users work through them. A group shows only when one of its pages is allowed.
export const GROUPS = [
  { key: 'workbench', titleKey: 'menu.workbench', icon: <DashboardOutlined /> },
  { key: 'tickets', titleKey: 'menu.tickets', icon: <FileTextOutlined /> },
  { key: 'opportunities', titleKey: 'menu.opportunities', icon: null },
  { key: 'orders', titleKey: 'menu.orders', icon: null },
  { key: 'signing', titleKey: 'menu.signing', icon: <SignatureOutlined /> },
  { key: 'field', titleKey: 'menu.field', icon: null },
  { key: 'reports', titleKey: 'menu.reports', icon: null },
  { key: 'system', titleKey: 'menu.system', icon: <SettingOutlined /> },
] as const satisfies readonly { key: string; titleKey: MsgKey; icon: ReactNode }[];
export type GroupKey = (typeof GROUPS)[number]['key'];

export interface PageDef {
  key: string;
  path: string;
  group: GroupKey;
  titleKey: MsgKey;
  /** one line for the workbench shortcut card */
  descKey?: MsgKey;
  icon: ReactNode;
  menu: boolean;
  allowed: (me: Me) => boolean;
}

const has = (me: Me, p: Me['permissions'][number]) => me.permissions.includes(p);
const staff = (me: Me) => !isCustomerRole(me.role);

export const PAGES: PageDef[] = [
  {
    key: 'home',
    path: '/workbench',
    group: 'workbench',
    titleKey: 'menu.home',
    icon: <DashboardOutlined />,
    menu: true,
    allowed: () => true,
  },
  {
    key: 'my-tickets',
    path: '/my/tickets',
    group: 'workbench',
    titleKey: 'menu.myTickets',
    descKey: 'sc.myTickets',
    icon: <ProfileOutlined />,
    menu: true,
    allowed: (me) => isCustomerRole(me.role) && has(me, 'ticket.read'),
  },
  {
    key: 'my-ticket-new',
    path: '/my/tickets/new',
    group: 'workbench',
    titleKey: 'menu.myTicketNew',
    icon: <FileAddOutlined />,
    menu: false,
    allowed: (me) => isCustomerRole(me.role) && me.customerId !== null && has(me, 'ticket.create'),
  },
  {
    key: 'enterprise',
    path: '/enterprise',
    group: 'workbench',
    titleKey: 'menu.enterprise',
    descKey: 'sc.enterprise',
    icon: <BankOutlined />,
    menu: true,
    allowed: (me) => isCustomerRole(me.role) && me.customerId !== null && has(me, 'customer.read'),
  },
  {
    key: 'notifications',
    path: '/notifications',
    group: 'workbench',
    titleKey: 'menu.notifications',
    descKey: 'sc.notifications',
    icon: <BellOutlined />,
    menu: true,
    allowed: (me) => has(me, 'notification.read'),
  },
  {
    key: 'tickets',
    path: '/tickets',
    group: 'tickets',
    titleKey: 'menu.ticketQueue',
    descKey: 'sc.ticketQueue',
    icon: <ProfileOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'ticket.read'),
  },
  {
    key: 'ticket-new',
    path: '/tickets/new',
    group: 'tickets',
    titleKey: 'menu.ticketNew',
    icon: <FileAddOutlined />,
    menu: false,
    allowed: (me) => staff(me) && has(me, 'ticket.create'),
  },
  {
    key: 'ticket-monitor',
    path: '/tickets/monitor',
    group: 'tickets',
    titleKey: 'menu.ticketMonitor',
    descKey: 'sc.ticketMonitor',
    icon: <FundProjectionScreenOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'ticket.monitor'),
  },
  {
    key: 'ticket-config',
    path: '/tickets/config',
    group: 'tickets',
    titleKey: 'menu.ticketConfig',
    descKey: 'sc.ticketConfig',
    icon: <ToolOutlined />,
    menu: true,
    allowed: (me) => staff(me) && (has(me, 'ticket.config') || has(me, 'ticket.monitor')),
  },
  {
    key: 'orgs',
    path: '/system/orgs',
    group: 'system',
    titleKey: 'menu.orgs',
    descKey: 'sc.orgs',
    icon: <ApartmentOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'org.read'),
  },
  {
    key: 'users',
    path: '/system/users',
    group: 'system',
    titleKey: 'menu.users',
    descKey: 'sc.users',
    icon: <TeamOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'user.read'),
  },
  {
    key: 'customers',
    path: '/system/customers',
    group: 'system',
    titleKey: 'menu.customers',
    descKey: 'sc.customers',
    icon: <BankOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'customer.read'),
  },
  {
    key: 'audit',
    path: '/system/audit',
    group: 'system',
    titleKey: 'menu.audit',
    descKey: 'sc.audit',
    icon: <AuditOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'audit.read'),
  },
  {
    key: 'sms-outbox',
    path: '/system/sms-outbox',
    group: 'system',
    titleKey: 'menu.smsOutbox',
    descKey: 'sc.smsOutbox',
    icon: <MessageOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'sms_outbox.read'),
  },
  {
    key: 'agreements',
    path: '/system/agreements',
    group: 'system',
    titleKey: 'menu.agreements',
    descKey: 'sc.agreements',
    icon: <FileProtectOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'agreement.manage'),
  },
  {
    key: 'signing',
    path: '/signing',
    group: 'signing',
    titleKey: 'menu.signingRequests',
    descKey: 'sc.signingRequests',
    icon: <SignatureOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'signing.read'),
  },
  {
    key: 'signing-rules',
    path: '/signing/rules',
    group: 'signing',
    titleKey: 'menu.signingRules',
    icon: <SafetyCertificateOutlined />,
    menu: true,
    allowed: (me) => staff(me) && has(me, 'signing.read'),
  },
  {
    key: 'signing-detail',
    path: '/signing/:id',
    group: 'signing',
    titleKey: 'menu.signingDetail',
    icon: <SignatureOutlined />,
    menu: false,
    allowed: (me) => staff(me) && has(me, 'signing.read'),
  },
  {
    key: 'profile',
    path: '/profile',
    group: 'workbench',
    titleKey: 'menu.profile',
    descKey: 'sc.profile',
    icon: <UserOutlined />,
    menu: false,
    allowed: () => true,
  },
];

export function pageByKey(key: string): PageDef {
  const p = PAGES.find((x) => x.key === key);
  if (!p) throw new Error(`unknown page ${key}`);
  return p;
}

export function groupOf(key: GroupKey) {
  return GROUPS.find((g) => g.key === key)!;
}
