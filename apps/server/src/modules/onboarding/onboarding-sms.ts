import { registerSmsTemplates } from '../../platform/sms/sms-templates';

// SMS texts of onboarding and certification, registered when the module loads.
registerSmsTemplates({
  signup_code: '【政企派单】您的注册验证码为 {code}，{minutes} 分钟内有效。请勿告诉他人。',
  signup_existing: '【政企派单】该手机号已注册政企派单账号，请直接使用短信验证码登录 {url}',
  enterprise_invitation:
    '【政企派单】{inviter} 邀请您以“{role}”身份加入“{enterprise}”，请在 7 天内登录 {url} 注册并接受邀请。',
  enterprise_member_disabled: '【政企派单】您在“{enterprise}”的账号已被企业管理员停用，如有疑问请联系贵单位管理员。',
  enterprise_role_changed: '【政企派单】您在“{enterprise}”的角色已调整为“{role}”。',
  cert_legal_rep_code:
    '【政企派单】{applicant} 正在为“{enterprise}”办理企业认证，需要法定代表人 {legalRep} 授权。验证码 {code}，{minutes} 分钟内有效。如非本人授权请勿告知他人。',
  cert_approved:
    '【政企派单】“{enterprise}”已通过企业认证（{method}），您已成为企业管理员，可在翼企购下单并管理同事账号。',
  cert_rejected: '【政企派单】“{enterprise}”的企业认证未通过：{reason}。请登录 {url} 修改后重新提交。',
  cert_deposit_sent:
    '【政企派单】已向“{enterprise}”尾号 {accountTail} 的对公账户打款（备注 {reference}），请在收到后登录 {url} 回填金额完成认证。',
});
