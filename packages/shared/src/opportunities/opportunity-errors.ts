import type { ErrorDef } from '../errors';

export const OPPORTUNITY_ERRORS = {
  OPPORTUNITY_NOT_FOUND: {
    status: 404,
    zh: '商机不存在或无权查看',
    en: 'Opportunity not found, or not visible to you',
  },
  OPPORTUNITY_ALREADY_CLAIMED: { status: 409, zh: '已被认领', en: 'Already claimed by someone else' },
  OPPORTUNITY_NOT_CLAIMANT: { status: 403, zh: '该商机不在您的名下', en: 'This opportunity is not yours' },
  OPPORTUNITY_WRONG_STATUS: {
    status: 409,
    zh: '商机当前状态下不能执行该操作',
    en: 'Not possible in the opportunity’s current status',
  },
  OPPORTUNITY_NOT_ENTITLED: {
    status: 403,
    zh: '您不负责该产品或区域的商机',
    en: 'You do not handle this product group or region',
  },
  OPPORTUNITY_STAGE_ENDED: { status: 409, zh: '商机已结束，不能再推进或回退', en: 'The opportunity has ended' },
  OPPORTUNITY_STAGE_LAST: { status: 409, zh: '已是最后阶段', en: 'Already at the last stage' },
  OPPORTUNITY_STAGE_FIRST: { status: 409, zh: '已是第一阶段，不能回退', en: 'Already at the first stage' },
  OPPORTUNITY_APPROVAL_REQUIRED: {
    status: 409,
    zh: '重大商机须审批通过后才能进入合同阶段',
    en: 'A major opportunity must be approved before the contract stage',
  },
  OPPORTUNITY_APPROVAL_NOT_PENDING: { status: 409, zh: '当前没有待审批的申请', en: 'No approval is pending' },
  OPPORTUNITY_APPROVER_NOT_ALLOWED: {
    status: 403,
    zh: '您不能审批这一级（须为上级领导且不能重复审批）',
    en: 'You may not approve this level',
  },
  OPPORTUNITY_REASON_REQUIRED: { status: 400, zh: '请填写原因', en: 'Please give a reason' },
  OPPORTUNITY_UNKNOWN_PRODUCT: { status: 400, zh: '未知的产品', en: 'Unknown product' },
  OPPORTUNITY_ORDER_NOT_FOUND: {
    status: 404,
    zh: '订单号不存在或不属于该客户',
    en: 'No such order for this customer',
  },
  OPPORTUNITY_ORDER_MISMATCH: {
    status: 409,
    zh: '订单的预受理单号与该商机不一致',
    en: 'The order was placed with another pre-acceptance number',
  },
  OPPORTUNITY_NO_ACCOUNT_MANAGER: {
    status: 409,
    zh: '该区域没有可派的客户经理，请手动选择',
    en: 'No account manager in that district; please choose one',
  },
  OPPORTUNITY_IDEMPOTENCY_MISMATCH: {
    status: 422,
    zh: '同一个 Idempotency-Key 已用于不同的内容',
    en: 'This Idempotency-Key was used with a different body',
  },
  OPPORTUNITY_AGENT_NOT_FOUND: {
    status: 404,
    zh: '坐席不存在或不在您的管理范围内',
    en: 'No such agent within your scope',
  },
  OPPORTUNITY_NOT_AGENT: {
    status: 400,
    zh: '该用户不是政企热线坐席，不能设置认领范围',
    en: 'This user is not a hotline agent; only agents have a claim scope',
  },
  OPPORTUNITY_UNKNOWN_REGION: { status: 400, zh: '未知的区局', en: 'Unknown district' },
  OPPORTUNITY_LEAD_CODE_INVALID: { status: 400, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
} as const satisfies Record<string, ErrorDef>;
