// SMS texts by template id. Gateways that need their own template ids map them in SMS_HTTP_TEMPLATES.
const templates = new Map<string, string>([
  ['login_code', '【政企派单】您的登录验证码为 {code}，{minutes} 分钟内有效。请勿告诉他人。'],
  ['password_reset', '【政企派单】您的账号密码已由管理员重置，请尽快登录并修改密码。'],
  ['account_locked', '【政企派单】您的账号因连续登录失败已被临时锁定 {minutes} 分钟。如非本人操作请联系管理员。'],
]);

export function registerSmsTemplates(entries: Record<string, string>): void {
  for (const [k, v] of Object.entries(entries)) templates.set(k, v);
}

export function hasSmsTemplate(id: string): boolean {
  return templates.has(id);
}

export function renderSms(id: string, params: Record<string, unknown>): string {
  const t = templates.get(id);
  if (!t) throw new Error(`unknown SMS template ${id}`);
  return t.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
