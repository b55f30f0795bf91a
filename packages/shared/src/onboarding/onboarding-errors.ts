import type { ErrorDef } from '../errors';

export const ONBOARDING_ERRORS = {
  SIGNUP_PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已注册，请直接用短信验证码登录',
    en: 'This number already has an account; sign in with an SMS code',
  },
  ENTERPRISE_ALREADY_JOINED: {
    status: 409,
    zh: '您已属于一家企业，不能再创建或加入其他企业',
    en: 'You already belong to an enterprise',
  },
  ENTERPRISE_HAS_ADMIN: {
    status: 409,
    zh: '该企业已在平台开通，请联系企业管理员邀请您加入',
    en: 'This enterprise is already on the platform; ask its administrator to invite you',
  },
  ENTERPRISE_NO_CLAIM: {
    status: 409,
    zh: '请先创建或选择要认证的企业',
    en: 'Create or choose the enterprise to certify first',
  },
  INVITATION_NOT_FOUND: {
    status: 404,
    zh: '邀请不存在、已失效或不是发给您的',
    en: 'The invitation does not exist, has expired or is not for you',
  },
  INVITATION_PHONE_TAKEN: {
    status: 409,
    zh: '该手机号已是其他企业的用户，不能邀请',
    en: 'This number belongs to a user of another enterprise',
  },
  INVITATION_ALREADY_MEMBER: { status: 409, zh: '该手机号已是本企业成员', en: 'This number is already a member' },
  MEMBER_NOT_FOUND: { status: 404, zh: '成员不存在', en: 'No such member' },
  MEMBER_LAST_ADMIN: {
    status: 409,
    zh: '企业至少需要一名在用的企业管理员',
    en: 'The enterprise needs at least one active administrator',
  },
  MEMBER_SELF: { status: 409, zh: '不能停用自己或取消自己的管理员角色', en: 'You cannot disable or demote yourself' },
  CERT_ALREADY_CERTIFIED: {
    status: 409,
    zh: '该企业已完成认证，无需再次认证',
    en: 'This enterprise is already certified',
  },
  CERT_CREDIT_CODE_MISMATCH: {
    status: 400,
    zh: '统一社会信用代码与申请认证的企业不一致',
    en: 'The credit code does not match the enterprise being certified',
  },
  CERT_NOT_FOUND: { status: 404, zh: '认证申请不存在或无权查看', en: 'Certification not found, or not visible to you' },
  CERT_WRONG_STATE: {
    status: 409,
    zh: '认证申请当前状态下不能执行该操作',
    en: 'This is not possible in the certification’s current state',
  },
  CERT_IN_PROGRESS: {
    status: 409,
    zh: '您已有一个进行中的认证申请，请先完成或撤回',
    en: 'You already have a certification in progress; finish or withdraw it first',
  },
  CERT_AMOUNT_WRONG: {
    status: 400,
    zh: '金额不正确，请核对对公账户收到的打款金额',
    en: 'That amount is wrong; check what your company account received',
  },
  CERT_CODE_WRONG: { status: 400, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  CERT_TOO_MANY_TRIES: {
    status: 409,
    zh: '尝试次数过多，本次认证已失败，请重新发起',
    en: 'Too many wrong tries; this certification failed, please start again',
  },
  CERT_NOT_IMAGE: {
    status: 415,
    zh: '请上传营业执照照片（JPG、PNG、WebP 或 GIF 图片，不超过 10 MB）',
    en: 'Upload a photo of the business licence (JPG, PNG, WebP or GIF, at most 10 MB)',
  },
  CERT_FILE_MISSING: { status: 400, zh: '请选择要上传的营业执照照片', en: 'Choose the licence photo to upload' },
  CERT_OCR_FAILED: {
    status: 422,
    zh: '营业执照照片无法识别，请拍摄清晰、完整的正面照片后重试，或手工填写',
    en: 'The licence photo could not be read; take a sharp, complete photo, or fill in the fields by hand',
  },
  CERT_ELICENCE_NOT_CONFIGURED: {
    status: 503,
    zh: '电子营业执照核验服务尚未配置，请选择其他认证方式',
    en: 'The e-licence verification service is not configured; choose another method',
  },
  CERT_ELICENCE_FAILED: {
    status: 422,
    zh: '电子营业执照核验未通过',
    en: 'The e-licence verification did not pass',
  },
  CERT_ELICENCE_UNAVAILABLE: {
    status: 502,
    zh: '电子营业执照核验服务暂时不可用，请稍后再试',
    en: 'The e-licence service is unavailable; try again later',
  },
  CERT_REASON_REQUIRED: { status: 400, zh: '请填写驳回原因', en: 'Give a reason for the rejection' },
} as const satisfies Record<string, ErrorDef>;
