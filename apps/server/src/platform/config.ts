import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER_ROOT = path.resolve(here, '../..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '../..');

export interface SmsHttpConfig {
  url: string;
  secret: string;
  templates: Record<string, string>;
}

export interface SmppConfig {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** our short code / sender number (source_addr of submit_sm) */
  sourceAddr: string;
  systemType: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** postgres://… selects PostgreSQL; otherwise the embedded PGlite database under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** public origin used in SMS links */
  publicUrl: string;
  webDist: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** sign-in and password-change attempts per minute per IP (LOGIN_RATE_LIMIT_PER_MIN) */
  loginRateLimitPerMin: number;
  smsAdapter: 'outbox' | 'http' | 'smpp';
  smsHttp: SmsHttpConfig | null;
  smpp: SmppConfig | null;
  /** PKCS#12 file that seals signed PDFs (SIGNING_CERT_P12); unset → a self-signed one kept in the database */
  signingCertP12: string | null;
  signingCertPassword: string;
  /** HMAC secret of signing links (SIGNING_LINK_SECRET); unset → one generated and kept in the database */
  signingLinkSecret: string | null;
  smsCodeTtlSeconds: number;
  jobsEnabled: boolean;
  jobsPollMs: number;
  /** a timed job poll waits for a quiet window of this many ms of the event loop first (0: no waiting) */
  jobsQuietMs: number;
  instanceId: string;
  logLevel: string;
  seedOnStart: boolean;
  /** with the demo data, also a month of ticket history (slower first start) */
  seedHistory: boolean;
  bodyLimitBytes: number;
  /** HMAC key of account managers' promotion links (PROMO_REF_SECRET); unset → a random key kept in the database */
  promoRefSecret: string | null;
}

function int(v: string | undefined, d: number): number {
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : d;
}
function bool(v: string | undefined, d: boolean): boolean {
  if (v === undefined || v === '') return d;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const mode = (
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  ) as Config['env'];
  const port = int(env.PORT, 3000);
  const smsAdapter = env.SMS_ADAPTER === 'http' ? 'http' : env.SMS_ADAPTER === 'smpp' ? 'smpp' : 'outbox';
  let smpp: SmppConfig | null = null;
  if (smsAdapter === 'smpp') {
    if (!env.SMPP_HOST || !env.SMPP_SYSTEM_ID) throw new Error('SMS_ADAPTER=smpp needs SMPP_HOST and SMPP_SYSTEM_ID');
    smpp = {
      host: env.SMPP_HOST,
      port: int(env.SMPP_PORT, 2775),
      systemId: env.SMPP_SYSTEM_ID,
      password: env.SMPP_PASSWORD ?? '',
      sourceAddr: env.SMPP_SOURCE_ADDR ?? '10001',
      systemType: env.SMPP_SYSTEM_TYPE ?? '',
    };
  }
  let smsHttp: SmsHttpConfig | null = null;
  if (smsAdapter === 'http') {
    if (!env.SMS_HTTP_URL || !env.SMS_HTTP_SECRET)
      throw new Error('SMS_ADAPTER=http needs SMS_HTTP_URL and SMS_HTTP_SECRET');
    smsHttp = {
      url: env.SMS_HTTP_URL,
      secret: env.SMS_HTTP_SECRET,
      templates: env.SMS_HTTP_TEMPLATES ? (JSON.parse(env.SMS_HTTP_TEMPLATES) as Record<string, string>) : {},
    };
  }
  const cfg: Config = {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data'),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    webDist: path.resolve(REPO_ROOT, env.WEB_DIST ?? 'apps/web/dist'),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12),
    cookieSecure: bool(env.COOKIE_SECURE, mode === 'production'),
    loginMaxFailures: int(env.LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.LOGIN_LOCK_MINUTES, 15),
    loginRateLimitPerMin: int(env.LOGIN_RATE_LIMIT_PER_MIN, 20),
    smsAdapter,
    smsHttp,
    smpp,
    signingCertP12: env.SIGNING_CERT_P12 || null,
    signingCertPassword: env.SIGNING_CERT_PASSWORD ?? '',
    signingLinkSecret: env.SIGNING_LINK_SECRET || null,
    smsCodeTtlSeconds: int(env.SMS_CODE_TTL_SECONDS, 300),
    jobsEnabled: bool(env.JOBS_ENABLED, true),
    jobsPollMs: int(env.JOBS_POLL_MS, 1000),
    jobsQuietMs: int(env.JOBS_QUIET_MS, 20),
    instanceId: env.INSTANCE_ID ?? `${process.pid}`,
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    seedOnStart: bool(env.SEED_ON_START, true),
    seedHistory: bool(env.SEED_HISTORY, true),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    promoRefSecret: env.PROMO_REF_SECRET || null,
    ...overrides,
  };
  return cfg;
}
