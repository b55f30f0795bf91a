import type { ErrorDef } from '../errors';

export const CATALOG_ERRORS = {
  PRODUCT_NOT_FOUND: { status: 404, zh: '产品不存在', en: 'Product not found' },
  OFFER_NOT_FOUND: { status: 404, zh: '销售品不存在', en: 'Offer not found' },
  PRODUCT_CODE_TAKEN: { status: 409, zh: '产品编码已被使用', en: 'This product code is taken' },
  OFFER_CODE_TAKEN: { status: 409, zh: '销售品编码已被使用', en: 'This offer code is taken' },
  CATALOG_ILLEGAL_LIFECYCLE: {
    status: 409,
    zh: '当前状态下不能执行该操作（草稿 → 发布 → 下架）',
    en: 'Not possible in the current lifecycle state (draft → published → retired)',
  },
  CATALOG_RETIRED_READONLY: { status: 409, zh: '已下架的记录不能修改', en: 'A retired record cannot be edited' },
  OFFER_HAS_ORDERS: {
    status: 409,
    zh: '该销售品已有订单，不能删除，请改为下架',
    en: 'This offer has orders and cannot be deleted; retire it instead',
  },
  OFFER_SPEC_INVALID: {
    status: 400,
    zh: '销售品固定的规格不在产品规格模板中',
    en: 'The offer fixes a value the product’s specification does not allow',
  },
  PRODUCT_NOT_PUBLISHED: {
    status: 409,
    zh: '请先发布产品，再发布其销售品',
    en: 'Publish the product before its offers',
  },
} as const satisfies Record<string, ErrorDef>;
