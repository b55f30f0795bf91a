// What an opportunity is made of (003 6-2): where it came from, which product, what state, which stage.

export const OPPORTUNITY_SOURCES = [
  'group_oao', // 集团商机 (OAO platform, API)
  'lead_page', // 翼企购 留资
  'wecom', // 企业微信
  'hotline', // 10000 号热线
  'account_manager', // 客户经理录入
  'campaign', // 营销活动
  'import', // 批量导入
  'tmf', // TMF699 API
] as const;
export type OpportunitySource = (typeof OPPORTUNITY_SOURCES)[number];

export const PRODUCT_GROUPS = ['broadband', 'line', 'cloud', 'ict'] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

export interface OpportunityProduct {
  code: string;
  name: string;
  group: ProductGroup;
}

/** The products of seed 000 an opportunity can be for, each in the product group agents are entitled to. */
export const OPPORTUNITY_PRODUCTS: readonly OpportunityProduct[] = [
  { code: 'BIZ_BB', name: '商务宽带', group: 'broadband' },
  { code: 'SHOP_BB', name: '旺铺宽带', group: 'broadband' },
  { code: 'FTTR', name: 'FTTR 全光组网', group: 'broadband' },
  { code: 'LINE_MSTP', name: '数字电路专线 MSTP', group: 'line' },
  { code: 'LINE_IPRAN', name: '互联网专线 IPRAN', group: 'line' },
  { code: 'LINE_EIP', name: '精品专线 EIP', group: 'line' },
  { code: 'SDWAN', name: '商企组网', group: 'line' },
  { code: 'CLOUD_PC', name: '云电脑', group: 'cloud' },
  { code: 'CLOUD_EYE', name: '天翼云眼', group: 'cloud' },
  { code: 'CLOUD_MEET', name: '云会议', group: 'cloud' },
  { code: 'SAT', name: '卫星通信', group: 'ict' },
  { code: 'QUANTUM', name: '量子密话', group: 'ict' },
  { code: 'KITCHEN', name: '明厨亮灶', group: 'ict' },
  { code: 'VRBT', name: '视频彩铃', group: 'ict' },
];

export function productByCode(code: string): OpportunityProduct | undefined {
  return OPPORTUNITY_PRODUCTS.find((p) => p.code === code);
}
/** By code or exact Chinese name (imports carry either). */
export function findProduct(ref: string): OpportunityProduct | undefined {
  const v = ref.trim();
  return OPPORTUNITY_PRODUCTS.find((p) => p.code === v.toUpperCase() || p.name === v);
}

export const OPPORTUNITY_STATUSES = [
  'pool', // 待认领
  'claimed', // 已认领（热线处理中）
  'valid', // 有效，已发预受理单号，待下单
  'dispatched', // 已派客户经理（阶段推进）
  'converted', // 已转化（订单已关联）
  'invalid', // 无效
  'terminated', // 已终止
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
export const OPEN_OPPORTUNITY_STATUSES: readonly OpportunityStatus[] = ['pool', 'claimed', 'valid', 'dispatched'];

export const CALL_RESULTS = ['connected', 'no_answer', 'busy', 'wrong_number', 'callback'] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

export const INVALID_REASONS = ['no_need', 'unreachable', 'duplicate', 'not_enterprise', 'test', 'other'] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** One colour per status, the same on every screen (antd tag colours). */
export const OPPORTUNITY_STATUS_COLORS: Record<OpportunityStatus, string> = {
  pool: 'gold',
  claimed: 'processing',
  valid: 'cyan',
  dispatched: 'purple',
  converted: 'success',
  invalid: 'default',
  terminated: 'error',
};
