// Stable error codes: the API answers {code, message, details}; the web shows the message in the user's language.
export interface ErrorDef {
  status: number;
  zh: string;
  en: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误，请检查标红的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired, please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed attempts; the account is locked for a while',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员', en: 'This account is disabled' },
  SMS_CODE_INVALID: { status: 401, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  SMS_CODE_TOO_FREQUENT: {
    status: 429,
    zh: '验证码发送过于频繁，请稍后再试',
    en: 'Codes were requested too often; try again later',
  },
  CSRF_FAILED: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page is stale; reload and try again' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看', en: 'Not found, or not visible to you' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and retry',
  },
  DUPLICATE: { status: 409, zh: '记录已存在', en: 'This record already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; slow down' },
  ORG_HAS_CHILDREN: {
    status: 409,
    zh: '该组织下还有下级组织或人员，不能删除',
    en: 'This organisation still has sub-units or users',
  },
  ORG_CYCLE: { status: 400, zh: '不能把组织移动到它自己的下级', en: 'An organisation cannot move under itself' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  PHONE_TAKEN: { status: 409, zh: '该手机号已被其他账号使用', en: 'This phone number belongs to another account' },
  CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已登记为其他客户',
    en: 'This credit code belongs to another customer',
  },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 8 位，且包含字母和数字',
    en: 'Passwords need 8+ characters with letters and digits',
  },
  AUDIT_CHAIN_BROKEN: { status: 500, zh: '审计日志校验失败', en: 'Audit chain verification failed' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong on our side' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export type Lang = 'zh' | 'en';

export function errorMessage(code: string, lang: Lang = 'zh'): string {
  const def = (ERRORS as Record<string, ErrorDef>)[code];
  if (!def) return code;
  return def[lang];
}
