import type { ErrorDef } from '../errors';

export const ORDER_ERRORS = {
  ORDER_NOT_FOUND: { status: 404, zh: '未找到该订单，请核对订单号', en: 'No such order; check the number' },
  ORDER_NOT_CERTIFIED: {
    status: 403,
    zh: '贵单位尚未完成企业认证，认证通过后才能下单，请先到「企业认证」完成认证',
    en: 'Your enterprise is not yet authenticated; complete 企业认证 (enterprise authentication) before ordering',
  },
  ORDER_PRICE_CHANGED: {
    status: 409,
    zh: '价格已变化或与系统计算不一致，请刷新购物车后重新确认',
    en: 'The price differs from the current price; refresh the cart and confirm again',
  },
  ORDER_OFFER_UNAVAILABLE: {
    status: 409,
    zh: '所选销售品未发布或已下架，不能订购',
    en: 'The chosen offer is not published or has been retired',
  },
  ORDER_SPEC_INVALID: { status: 400, zh: '所选规格不正确', en: 'The chosen specification is not valid' },
  ORDER_COMBINATION_EXCLUDED: {
    status: 409,
    zh: '所选产品不能同时订购',
    en: 'These products cannot be ordered together',
  },
  ORDER_DEPENDENCY_MISSING: {
    status: 409,
    zh: '所选产品需要同时订购或已开通依赖的产品',
    en: 'A chosen product needs another product ordered with it or already in service',
  },
  ORDER_REF_INVALID: {
    status: 400,
    zh: '推广链接无效或已被篡改，请向客户经理重新索取二维码，或去掉推广参数后下单',
    en: 'The promotion link is invalid or was altered; ask the account manager for a new QR code or order without it',
  },
  ORDER_AGREEMENTS_REQUIRED: {
    status: 400,
    zh: '请阅读并同意《营销协议》和《通用安全协议》',
    en: 'Please read and accept the marketing agreement and the general security agreement',
  },
  ORDER_AGREEMENT_OUTDATED: {
    status: 409,
    zh: '协议已更新，请重新阅读并同意最新版本',
    en: 'An agreement has a new version; read and accept it again',
  },
  ORDER_CUSTOMER_REQUIRED: { status: 400, zh: '请选择客户', en: 'Please choose the customer' },
  ORDER_ILLEGAL_ACTION: {
    status: 409,
    zh: '订单当前状态下不能执行该操作',
    en: 'This action is not possible in the order’s current state',
  },
  ORDER_CANCEL_SIGNED_OFF: {
    status: 409,
    zh: '施工已竣工签收，不能撤单；如需停用请办理拆机',
    en: 'Construction has been signed off; the order can no longer be cancelled',
  },
  ORDER_REASON_REQUIRED: { status: 400, zh: '请填写原因', en: 'Please give a reason' },
  WORK_ORDER_NOT_FOUND: { status: 404, zh: '工单不存在或无权处理', en: 'Work order not found, or not yours' },
  WORK_ORDER_NOT_READY: {
    status: 409,
    zh: '该工单尚未到处理环节，或订单已挂起、待审批',
    en: 'This work order cannot be worked now (earlier stage open, order held or awaiting approval)',
  },
  ORDER_SETTINGS_INVALID: { status: 400, zh: '订单号格式不正确', en: 'Invalid order number format' },
} as const satisfies Record<string, ErrorDef>;
