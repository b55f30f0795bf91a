// Online signing (SPEC M5, seed 000 §3.2, tables 1–2): modes, statuses and their life cycle as data.

export const SIGNING_MODES = ['sms_reply', 'e_sign', 'online'] as const;
export type SigningMode = (typeof SIGNING_MODES)[number];
export const SIGNING_MODE_LABELS: Record<SigningMode, { zh: string; en: string }> = {
  sms_reply: { zh: '模式1 短信回复签约', en: 'Mode 1 · SMS reply' },
  e_sign: { zh: '模式2 电子签名签约', en: 'Mode 2 · e-signature' },
  online: { zh: '模式3 线上签约', en: 'Mode 3 · online signing' },
};
/** Audit strength of each mode (table 1 稽核安全): staff may raise a mode, never lower it. */
export const SIGNING_MODE_STRENGTH: Record<SigningMode, number> = { sms_reply: 1, e_sign: 2, online: 3 };

export const SIGNING_KINDS = ['order', 'agreement'] as const;
export type SigningKind = (typeof SIGNING_KINDS)[number];
export const SIGNING_KIND_LABELS: Record<SigningKind, { zh: string; en: string }> = {
  order: { zh: '订单协议', en: 'Order agreement' },
  agreement: { zh: '企业协议（委托书等）', en: 'Agreement (e.g. power of attorney)' },
};

export const SIGNING_STATUSES = [
  'sent',
  'opened',
  'review',
  'signed',
  'declined',
  'expired',
  'cancelled',
  'rejected',
] as const;
export type SigningStatus = (typeof SIGNING_STATUSES)[number];
export const SIGNING_STATUS_LABELS: Record<SigningStatus, { zh: string; en: string }> = {
  sent: { zh: '已发送', en: 'Sent' },
  opened: { zh: '已查看', en: 'Opened' },
  review: { zh: '待人工审核', en: 'Awaiting review' },
  signed: { zh: '已签约', en: 'Signed' },
  declined: { zh: '已拒签', en: 'Declined' },
  expired: { zh: '已过期', en: 'Expired' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  rejected: { zh: '审核未通过', en: 'Rejected' },
};
/** antd tag colours, the same everywhere. */
export const SIGNING_STATUS_COLORS: Record<SigningStatus, string> = {
  sent: 'processing',
  opened: 'blue',
  review: 'orange',
  signed: 'success',
  declined: 'red',
  expired: 'default',
  cancelled: 'default',
  rejected: 'red',
};
export const SIGNING_OPEN_STATUSES: readonly SigningStatus[] = ['sent', 'opened'];
export const SIGNING_FINAL_STATUSES: readonly SigningStatus[] = [
  'signed',
  'declined',
  'expired',
  'cancelled',
  'rejected',
];

export const SIGNING_ACTIONS = [
  'open',
  'sign',
  'submit_review',
  'approve',
  'reject',
  'decline',
  'expire',
  'cancel',
  'remind',
  'resend',
] as const;
export type SigningAction = (typeof SIGNING_ACTIONS)[number];

/** from → action → to. One table, checked in one place (`nextSigningStatus`). */
export const SIGNING_TRANSITIONS: Record<SigningStatus, Partial<Record<SigningAction, SigningStatus>>> = {
  sent: {
    open: 'opened',
    sign: 'signed',
    submit_review: 'review',
    decline: 'declined',
    expire: 'expired',
    cancel: 'cancelled',
    remind: 'sent',
    resend: 'sent',
  },
  opened: {
    open: 'opened',
    sign: 'signed',
    submit_review: 'review',
    decline: 'declined',
    expire: 'expired',
    cancel: 'cancelled',
    remind: 'opened',
    resend: 'opened',
  },
  review: { approve: 'signed', reject: 'rejected', cancel: 'cancelled' },
  signed: {},
  declined: {},
  expired: {},
  cancelled: {},
  rejected: {},
};

export function nextSigningStatus(from: SigningStatus, action: SigningAction): SigningStatus | null {
  return SIGNING_TRANSITIONS[from][action] ?? null;
}

/** Every step of a signing request is a typed audit event (entity `signing_request`). */
export const SIGNING_AUDIT_ACTIONS = [
  'signing.sent',
  'signing.opened',
  'signing.code_requested',
  'signing.code_validated',
  'signing.code_failed',
  'signing.code_locked',
  'signing.materials_checked',
  'signing.signed',
  'signing.review_requested',
  'signing.approved',
  'signing.rejected',
  'signing.declined',
  'signing.expired',
  'signing.cancelled',
  'signing.reminded',
  'signing.resent',
  'signing.sms_reply',
  'signing.viewed_signed',
] as const;
export type SigningAuditAction = (typeof SIGNING_AUDIT_ACTIONS)[number];
export const SIGNING_AUDIT_LABELS: Record<SigningAuditAction, { zh: string; en: string }> = {
  'signing.sent': { zh: '发送签约短信', en: 'Signing SMS sent' },
  'signing.opened': { zh: '打开签约链接', en: 'Link opened' },
  'signing.code_requested': { zh: '获取验证码', en: 'Code requested' },
  'signing.code_validated': { zh: '验证码校验通过', en: 'Code validated' },
  'signing.code_failed': { zh: '验证码错误', en: 'Wrong code' },
  'signing.code_locked': { zh: '验证码错误次数过多已锁定', en: 'Code locked after too many tries' },
  'signing.materials_checked': { zh: '证照识别校验', en: 'Documents checked' },
  'signing.signed': { zh: '完成签约', en: 'Signed' },
  'signing.review_requested': { zh: '提交人工审核', en: 'Sent to staff review' },
  'signing.approved': { zh: '审核通过', en: 'Approved' },
  'signing.rejected': { zh: '审核不通过', en: 'Rejected' },
  'signing.declined': { zh: '客户拒签', en: 'Declined' },
  'signing.expired': { zh: '签约过期', en: 'Expired' },
  'signing.cancelled': { zh: '撤销签约', en: 'Cancelled' },
  'signing.reminded': { zh: '催签提醒', en: 'Reminder sent' },
  'signing.resent': { zh: '重新发送链接', en: 'Link re-sent' },
  'signing.sms_reply': { zh: '收到短信回复', en: 'SMS reply received' },
  'signing.viewed_signed': { zh: '查看已签文件', en: 'Signed document viewed' },
};

/** The seed's KT reply, tolerant of case, full-width letters and spaces. */
export function isKtReply(text: string): boolean {
  const norm = text
    .normalize('NFKC')
    .replace(/[\s.,。，!！]/g, '')
    .toUpperCase();
  return norm === 'KT';
}

/** 张三 → 张*; 欧阳娜娜 → 欧**娜 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
