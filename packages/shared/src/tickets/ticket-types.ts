import { z } from 'zod';
import { IdSchema } from '../schemas/common';

export interface ZhEnLabel {
  zh: string;
  en: string;
}

// Request types from the closed loop of 004 (需求申请 → 受理 → 反馈); codes are stable API values.
export const REQUEST_TYPES = [
  'new_install',
  'product_change',
  'cancel_reservation',
  'cancel_formal',
  'terminal_repair',
  'fault',
  'inquiry',
  'complaint',
  'suggestion',
  'new_idea',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, ZhEnLabel> = {
  new_install: { zh: '新装', en: 'New installation' },
  product_change: { zh: '产品变更', en: 'Product change' },
  cancel_reservation: { zh: '预约销户', en: 'Scheduled cancellation' },
  cancel_formal: { zh: '正式销户', en: 'Cancellation' },
  terminal_repair: { zh: '终端维修', en: 'Terminal repair' },
  fault: { zh: '故障申告', en: 'Fault report' },
  inquiry: { zh: '咨询', en: 'Inquiry' },
  complaint: { zh: '投诉', en: 'Complaint' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  new_idea: { zh: '新需求/创意', en: 'New need / idea' },
};

// 003 separates service requests (§8.2) from problem reports (§8.3); routing and reports group by this.
export const REQUEST_TYPE_KINDS = ['service', 'problem', 'inquiry', 'idea'] as const;
export type RequestTypeKind = (typeof REQUEST_TYPE_KINDS)[number];
export const REQUEST_TYPE_KIND: Record<RequestType, RequestTypeKind> = {
  new_install: 'service',
  product_change: 'service',
  cancel_reservation: 'service',
  cancel_formal: 'service',
  terminal_repair: 'service',
  fault: 'problem',
  complaint: 'problem',
  suggestion: 'problem',
  inquiry: 'inquiry',
  new_idea: 'idea',
};

export const TICKET_CHANNELS = ['web', 'h5', 'hotline', 'account_manager', 'monitoring', 'api'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const TICKET_CHANNEL_LABELS: Record<TicketChannel, ZhEnLabel> = {
  web: { zh: '门户网站', en: 'Web portal' },
  h5: { zh: '手机H5', en: 'Mobile H5' },
  hotline: { zh: '政企热线(10000/10000+9)', en: 'Hotline (10000 / 10000+9)' },
  account_manager: { zh: '客户经理代客', en: 'Account manager on behalf' },
  monitoring: { zh: '监控中心主动发现', en: 'Monitoring centre (proactive)' },
  api: { zh: '系统接口', en: 'API' },
};

// 003 8-10 / 8-32: big customers' tickets can be raised in priority.
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_PRIORITY_LABELS: Record<TicketPriority, ZhEnLabel> = {
  low: { zh: '低', en: 'Low' },
  normal: { zh: '普通', en: 'Normal' },
  high: { zh: '高', en: 'High' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

// 003 8-27 故障级别; 8-65 escalates on it.
export const FAULT_LEVELS = ['critical', 'major', 'minor'] as const;
export type FaultLevel = (typeof FAULT_LEVELS)[number];
export const FAULT_LEVEL_LABELS: Record<FaultLevel, ZhEnLabel> = {
  critical: { zh: '重大故障', en: 'Critical' },
  major: { zh: '严重故障', en: 'Major' },
  minor: { zh: '一般故障', en: 'Minor' },
};

// 电路等级 of a line (004: limits follow 业务类别、客户等级、电路等级).
export const CIRCUIT_LEVELS = ['AAA', 'AA', 'A', 'normal'] as const;
export type CircuitLevel = (typeof CIRCUIT_LEVELS)[number];
export const CIRCUIT_LEVEL_LABELS: Record<CircuitLevel, ZhEnLabel> = {
  AAA: { zh: 'AAA', en: 'AAA' },
  AA: { zh: 'AA', en: 'AA' },
  A: { zh: 'A', en: 'A' },
  normal: { zh: '普通', en: 'Normal' },
};

// Business categories of 004 §一(二)/(三), grouped so that every product listed there has one SLA row.
export const BUSINESS_CATEGORIES = [
  'virtual_network',
  'ngn_virtual_network',
  'freephone_800',
  'number_4008',
  'enterprise_ringback',
  'dedicated_line',
  'broadband',
  'internet_hosting',
  'business_navigator',
  'business_navigator_industry',
  'ict',
  'industry_app',
  'industry_e_tong',
  'other',
] as const;
export type BusinessCategory = (typeof BUSINESS_CATEGORIES)[number];

export const BUSINESS_CATEGORY_GROUPS = [
  'voice',
  'bandwidth',
  'business_navigator',
  'ict',
  'industry',
  'other',
] as const;
export type BusinessCategoryGroup = (typeof BUSINESS_CATEGORY_GROUPS)[number];

export interface BusinessCategoryInfo extends ZhEnLabel {
  group: BusinessCategoryGroup;
  // Products of 004 that fall in the category; shown as hints on the form.
  products: readonly string[];
}

export const BUSINESS_CATEGORY_INFO: Record<BusinessCategory, BusinessCategoryInfo> = {
  virtual_network: { zh: '虚拟网', en: 'Virtual network', group: 'voice', products: ['虚拟网'] },
  ngn_virtual_network: { zh: 'NGN虚拟网', en: 'NGN virtual network', group: 'voice', products: ['NGN虚拟网'] },
  freephone_800: { zh: '800业务', en: '800 freephone', group: 'voice', products: ['800'] },
  number_4008: { zh: '4008业务', en: '4008 number', group: 'voice', products: ['4008'] },
  enterprise_ringback: { zh: '企业彩铃', en: 'Enterprise ringback tone', group: 'voice', products: ['企业彩铃'] },
  dedicated_line: {
    zh: '专线',
    en: 'Dedicated line',
    group: 'bandwidth',
    products: ['DDN', '帧中继', 'ATM', 'SDH数字电路', 'MPLS-VPN', '数字电路出租', '卫星电路出租', 'LAN专线'],
  },
  broadband: { zh: '宽带', en: 'Broadband', group: 'bandwidth', products: ['XDSL', 'LAN终端'] },
  internet_hosting: {
    zh: '域名与主机',
    en: 'Domains and hosting',
    group: 'bandwidth',
    products: ['域名注册', '虚拟主机', '主机托管'],
  },
  business_navigator: {
    zh: '商务领航(通信版/信息版)',
    en: 'Business Navigator (comms / info)',
    group: 'business_navigator',
    products: ['总机服务', '无线宽带', '综合办公', '定制终端'],
  },
  business_navigator_industry: {
    zh: '商务领航行业版',
    en: 'Business Navigator industry edition',
    group: 'business_navigator',
    products: ['销售管家', '物流E通'],
  },
  ict: {
    zh: 'ICT业务',
    en: 'ICT services',
    group: 'ict',
    products: ['政企号百', '全球眼', '信息化应用', 'IT服务及应用'],
  },
  industry_app: {
    zh: '融合产品/C网行业应用',
    en: 'Converged / mobile industry apps',
    group: 'industry',
    products: ['协同通信', '天翼对讲(PTT)', '位置定位', '行业短信', '全球眼', 'VPDN'],
  },
  industry_e_tong: {
    zh: '行业E通',
    en: 'Industry E-Tong apps',
    group: 'industry',
    products: ['警务E通', '工商E通', '烟草E通', '物流E通'],
  },
  other: { zh: '其他', en: 'Other', group: 'other', products: [] },
};

// 003 8-26 投诉类别.
export const COMPLAINT_CATEGORIES = [
  'network_quality',
  'tariff',
  'service_quality',
  'billing_dispute',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, ZhEnLabel> = {
  network_quality: { zh: '通信质量', en: 'Network quality' },
  tariff: { zh: '资费', en: 'Tariff' },
  service_quality: { zh: '服务质量', en: 'Service quality' },
  billing_dispute: { zh: '话费争议', en: 'Billing dispute' },
  other: { zh: '其他', en: 'Other' },
};

export const REPLY_METHODS = ['phone', 'sms', 'email', 'visit'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];
export const REPLY_METHOD_LABELS: Record<ReplyMethod, ZhEnLabel> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件', en: 'Email' },
  visit: { zh: '上门', en: 'Visit' },
};

// Contacts may give a desk phone as well as a mobile.
const CONTACT_PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

const DateTimeSchema = z.iso.datetime({ offset: true, message: '请输入有效的日期时间 / Enter a valid date-time' });
const DateSchema = z.iso.date({ message: '请输入有效的日期 / Enter a valid date' });
const text = (max: number, min = 0, message?: string) =>
  min > 0 ? z.string().trim().min(min, message).max(max) : z.string().trim().max(max);

const baseFields = {
  customerId: IdSchema,
  channel: z.enum(TICKET_CHANNELS),
  title: text(100, 2, '请填写标题 / Enter a title'),
  description: text(4000),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  contactName: text(40, 1, '请填写联系人 / Enter a contact name'),
  contactPhone: z
    .string()
    .trim()
    .regex(CONTACT_PHONE_RE, { message: '请输入手机或固话号码 / Enter a mobile or desk phone number' }),
  businessCategory: z.enum(BUSINESS_CATEGORIES).optional(),
  productInstance: text(64).optional(),
  attachmentIds: z.array(IdSchema).max(20).default([]),
};

export const CircuitSchema = z.strictObject({
  code: text(64, 1, '请填写电路代号 / Enter the circuit code'),
  level: z.enum(CIRCUIT_LEVELS).default('normal'),
});
export type Circuit = z.infer<typeof CircuitSchema>;

// 003 8-27: fault ticket fields (业务号码/电路, 现象, 级别, 预约时间, 要求解决时间).
export const CreateFaultTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('fault'),
  businessCategory: z.enum(BUSINESS_CATEGORIES),
  productInstance: text(64, 1, '请填写故障号码或电路代号 / Enter the number or circuit at fault'),
  circuit: CircuitSchema.optional(),
  symptom: text(1000, 2, '请描述故障现象 / Describe the symptom'),
  faultLevel: z.enum(FAULT_LEVELS).default('minor'),
  faultAt: DateTimeSchema.optional(),
  appointmentAt: DateTimeSchema.optional(),
  requestedResolutionAt: DateTimeSchema.optional(),
});

// 003 8-25/8-26: complaint fields.
export const CreateComplaintTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('complaint'),
  category: z.enum(COMPLAINT_CATEGORIES),
  requestedResolutionAt: DateTimeSchema.optional(),
  replyMethod: z.enum(REPLY_METHODS).default('phone'),
  serviceNumber: text(32).optional(),
});

export const CreateInstallTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('new_install'),
  productName: text(100, 1, '请填写产品 / Enter the product'),
  installAddress: text(200, 2, '请填写装机地址 / Enter the installation address'),
  expectedAt: DateTimeSchema.optional(),
});

export const CreateProductChangeTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('product_change'),
  productInstance: text(64, 1, '请填写业务号码 / Enter the service number'),
  changeDescription: text(1000, 2, '请说明变更内容 / Describe the change'),
  expectedAt: DateTimeSchema.optional(),
});

export const CreateCancelReservationTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('cancel_reservation'),
  productInstance: text(64, 1, '请填写业务号码 / Enter the service number'),
  cancelOn: DateSchema,
  reason: text(500).optional(),
});

export const CreateCancelFormalTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('cancel_formal'),
  productInstance: text(64, 1, '请填写业务号码 / Enter the service number'),
  reason: text(500).optional(),
});

export const CreateTerminalRepairTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('terminal_repair'),
  terminalModel: text(100, 1, '请填写终端型号 / Enter the terminal model'),
  serialNumber: text(64).optional(),
  symptom: text(1000, 2, '请描述故障现象 / Describe the symptom'),
  address: text(200).optional(),
  appointmentAt: DateTimeSchema.optional(),
});

export const CreateInquiryTicketSchema = z.strictObject({ ...baseFields, type: z.literal('inquiry') });
export const CreateSuggestionTicketSchema = z.strictObject({ ...baseFields, type: z.literal('suggestion') });
export const CreateIdeaTicketSchema = z.strictObject({
  ...baseFields,
  type: z.literal('new_idea'),
  expectedBenefit: text(1000).optional(),
});

export const CreateTicketSchema = z.discriminatedUnion('type', [
  CreateInstallTicketSchema,
  CreateProductChangeTicketSchema,
  CreateCancelReservationTicketSchema,
  CreateCancelFormalTicketSchema,
  CreateTerminalRepairTicketSchema,
  CreateFaultTicketSchema,
  CreateInquiryTicketSchema,
  CreateComplaintTicketSchema,
  CreateSuggestionTicketSchema,
  CreateIdeaTicketSchema,
]);
export type CreateTicket = z.infer<typeof CreateTicketSchema>;
export type CreateTicketInput = z.input<typeof CreateTicketSchema>;
export type CreateFaultTicket = z.infer<typeof CreateFaultTicketSchema>;
export type CreateComplaintTicket = z.infer<typeof CreateComplaintTicketSchema>;
