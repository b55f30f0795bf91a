import { registerSmsTemplates } from '../../platform/sms/sms-templates';

// The texts of signing. {link} is the signed single-purpose link; the customer's number never appears in a text.
export const SIGNING_SMS = {
  signing_request_sms_reply:
    '【政企派单】{customer}：您有一笔业务待确认（{title}）。查看订单与协议：{link} 。确认办理请直接回复 KT，{expires} 前有效。',
  signing_request_e_sign:
    '【政企派单】{customer}：您有一份文件待签署（{title}）。请打开链接查看并手写签名：{link} ，{expires} 前有效。',
  signing_request_online:
    '【政企派单】{customer}：您有一笔业务待线上签约（{title}）。请打开链接，上传营业执照、身份证并签名：{link} ，{expires} 前有效。',
  signing_reminder: '【政企派单】提醒：您的签约（{title}）尚未完成，{expires} 前有效：{link}',
  signing_code: '【政企派单】您的签约验证码为 {code}，{minutes} 分钟内有效，仅用于签约编号 {number}。请勿告诉他人。',
  signing_done: '【政企派单】您已完成签约（{title}，编号 {number}）。可通过原链接验证后查看、下载已签文件。',
  signing_review: '【政企派单】您的签约（{title}）已提交，正在人工审核，审核结果将短信通知您。',
  signing_rejected: '【政企派单】您的签约（{title}）审核未通过：{note}。如有疑问请联系您的客户经理。',
  signing_cancelled: '【政企派单】您的签约（{title}）已撤销，原链接不再有效。',
  signing_reply_unmatched:
    '【政企派单】未找到您名下待确认的业务，回复未生效。如需办理业务请联系您的客户经理或拨打 10000。',
  signing_reply_late: '【政企派单】您回复的签约（{title}）{state}，本次回复未生效。如需办理请联系您的客户经理。',
  signing_reply_needs_link: '【政企派单】您的签约（{title}）需要在链接中完成{how}，短信回复无效：{link}',
  signing_reply_unknown: '【政企派单】未能识别您的回复。确认办理（{title}）请回复 KT；不办理请忽略本短信。',
} as const;

export function registerSigningSms(): void {
  registerSmsTemplates(SIGNING_SMS);
}

/** 2026-12-03 18:00 in Beijing time, for texts. */
export function smsTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(5, 10).replace('-', '月')}日 ${t.slice(11, 16)}`;
}
