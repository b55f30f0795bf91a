import path from 'node:path';
import type { AppContext } from '../../platform/app-context';
import { localStorage, type FileStorage } from '../../platform/storage/storage';

export const PROVIDER_NAME = '中国电信股份有限公司上海分公司';
/** how long after its expiry a link still opens, so a signer can fetch the signed copy */
export const LINK_RETENTION_DAYS = 180;
export const ACCESS_TTL_S = 30 * 60;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_MIN_INTERVAL_S = 60;
export const CODE_PER_PHONE_HOUR = 5;
export const CODE_PER_IP_HOUR = 20;
export const REMIND_MIN_INTERVAL_MIN = 10;
export const REMIND_MAX = 5;

export function signingStorage(ctx: AppContext): FileStorage {
  return localStorage(path.join(ctx.config.dataDir, 'files'));
}

export function linkUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/s/${token}`;
}
export function verifyUrl(ctx: AppContext): string {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/verify`;
}

/** 86/+86 prefixes and spaces removed: replies from gateways come in either form. */
export function normalisePhone(p: string): string {
  const d = p.replace(/[\s-]/g, '');
  return d.replace(/^(\+?86)(?=1\d{10}$)/, '');
}
