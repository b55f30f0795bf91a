import type { ErrorDef } from '../errors';

export const SIGNING_ERRORS = {
  SIGNING_NOT_FOUND: {
    status: 404,
    zh: '签约请求不存在或无权查看',
    en: 'Signing request not found, or not visible to you',
  },
  SIGNING_KIND_UNAVAILABLE: {
    status: 409,
    zh: '该类文件的签约暂不可用（相关业务模块未启用）',
    en: 'Signing of this kind of document is not available (its module is not installed)',
  },
  SIGNING_SUBJECT_NOT_FOUND: {
    status: 404,
    zh: '要签约的订单或协议不存在，或不在您的权限范围内',
    en: 'The order or agreement to sign does not exist or is outside your scope',
  },
  SIGNING_TEMPLATE_NOT_FOUND: {
    status: 404,
    zh: '协议模板不存在或尚未发布',
    en: 'The agreement template does not exist or is not published',
  },
  SIGNING_MODE_LOWER: {
    status: 400,
    zh: '签约模式只能按规则提高，不能降低',
    en: 'The signing mode may be raised above the rule, never lowered',
  },
  SIGNING_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '签约请求当前状态下不能执行该操作',
    en: 'This is not possible in the signing request’s current status',
  },
  SIGNING_LINK_INVALID: {
    status: 404,
    zh: '签约链接无效，请使用短信中的完整链接',
    en: 'This signing link is not valid; use the full link from the SMS',
  },
  SIGNING_LINK_EXPIRED: {
    status: 410,
    zh: '签约链接已过期，请联系您的客户经理重新发送',
    en: 'This signing link has expired; ask your account manager to send a new one',
  },
  SIGNING_LINK_REPLACED: {
    status: 410,
    zh: '该链接已被新的签约短信取代，请使用最新短信中的链接',
    en: 'This link was replaced by a newer SMS; use the link in the latest message',
  },
  SIGNING_ACCESS_INVALID: {
    status: 401,
    zh: '请先输入短信验证码',
    en: 'Enter the code sent to your phone first',
  },
  SIGNING_CODE_INVALID: {
    status: 401,
    zh: '验证码错误或已过期',
    en: 'The code is wrong or has expired',
  },
  SIGNING_CODE_LOCKED: {
    status: 423,
    zh: '验证码错误次数过多已锁定，请重新获取验证码',
    en: 'Too many wrong codes; request a new code',
  },
  SIGNING_CODE_TOO_FREQUENT: {
    status: 429,
    zh: '验证码获取过于频繁，请稍后再试',
    en: 'Codes were requested too often; try again later',
  },
  SIGNING_EXPIRED: {
    status: 410,
    zh: '该签约已过期，请联系您的客户经理重新发起',
    en: 'This signing request has expired; ask your account manager to start a new one',
  },
  SIGNING_CLOSED: {
    status: 409,
    zh: '该签约已结束（已签约、拒签或撤销），不能再次签署',
    en: 'This signing request is closed (signed, declined or cancelled) and cannot be signed again',
  },
  SIGNING_MODE_MISMATCH: {
    status: 409,
    zh: '该签约不能在此方式下完成，请按短信提示操作',
    en: 'This signing request is completed another way',
  },
  SIGNING_SIGNATURE_EMPTY: {
    status: 400,
    zh: '请先在签名框内手写签名',
    en: 'Please draw your signature first',
  },
  SIGNING_SIGNATURE_INVALID: {
    status: 400,
    zh: '签名图片无效，请重新签名',
    en: 'The signature image is not valid; please sign again',
  },
  SIGNING_MATERIALS_MISSING: {
    status: 400,
    zh: '请先上传营业执照和身份证正反面照片',
    en: 'Upload the business licence and both sides of the ID card first',
  },
  SIGNING_MATERIALS_MISMATCH: {
    status: 422,
    zh: '证照信息与订单不一致',
    en: 'The documents do not match the order',
  },
  SIGNING_FILE_INVALID: {
    status: 400,
    zh: '文件格式不支持，请上传 JPG/PNG 照片',
    en: 'Unsupported file; upload a JPG or PNG photo',
  },
  SIGNING_OCR_UNAVAILABLE: {
    status: 503,
    zh: '证照识别服务暂不可用，请稍后再试或申请人工审核',
    en: 'Document recognition is unavailable; try later or ask for staff review',
  },
  SIGNING_REMIND_TOO_SOON: {
    status: 429,
    zh: '提醒过于频繁，请稍后再试',
    en: 'A reminder was sent recently; try again later',
  },
  SIGNING_REMIND_LIMIT: { status: 409, zh: '已达提醒次数上限', en: 'No more reminders can be sent' },
  SIGNING_VERIFY_NOT_PDF: { status: 400, zh: '请上传 PDF 文件', en: 'Please upload a PDF file' },
  SIGNING_RULES_INVALID: { status: 400, zh: '签约规则有误', en: 'The signing rules are invalid' },
  SMS_REPLY_NOT_OUTGOING: {
    status: 400,
    zh: '只能对发出的短信模拟回复',
    en: 'Only an outgoing message can be replied to',
  },
  SMS_REPLY_NOT_OUTBOX: {
    status: 409,
    zh: '当前短信通道不是发件箱，不能模拟回复',
    en: 'Replies can only be simulated with the outbox SMS adapter',
  },
} as const satisfies Record<string, ErrorDef>;
