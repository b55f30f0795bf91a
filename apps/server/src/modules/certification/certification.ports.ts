import { AppError } from '../../platform/http/app-error';
import { hmacSha256 } from '../../platform/util/crypto';

// Outside systems certification talks to. Each port has a working default and, where a protocol allows, a real
// adapter chosen by environment variables (see README, "Enterprise certification").

/** 对公打款: who sends the small deposit to the enterprise's company account. */
export interface BankDepositPort {
  readonly name: string;
  /**
   * Asks for the deposit to be sent. 'manual' means a person at the operator sends it from the bank's own
   * system and confirms in the review queue; 'sent' means the bank accepted the instruction.
   */
  send(req: {
    attemptId: number;
    bankName: string;
    account: string;
    accountName: string;
    amountCents: number;
    reference: string;
  }): Promise<{ outcome: 'manual' | 'sent'; providerRef?: string }>;
}

/** The default: finance staff send the deposit by hand and mark it sent in 企业认证审核. */
export const manualBankDeposit: BankDepositPort = {
  name: 'manual',
  send: async () => ({ outcome: 'manual' }),
};

export interface ELicenceResult {
  verified: boolean;
  companyName: string | null;
  creditCode: string | null;
  legalRepName: string | null;
  /** what the provider answered, kept as evidence */
  raw: Record<string, unknown>;
}

/** 电子营业执照: a provider that checks an e-licence authorisation for a credit code. */
export interface ELicencePort {
  readonly name: string;
  readonly configured: boolean;
  verify(req: {
    creditCode: string;
    companyName: string;
    legalRepName: string;
    authCode: string;
  }): Promise<ELicenceResult>;
}

/** The default when no provider is configured: says so clearly instead of pretending. */
export const unconfiguredELicence: ELicencePort = {
  name: 'none',
  configured: false,
  verify: async () => {
    throw new AppError('CERT_ELICENCE_NOT_CONFIGURED');
  },
};

/**
 * A provider reached over HTTPS: POST JSON {creditCode, companyName, legalRepName, authCode, timestamp} with
 * `X-Paidan-Signature: sha256=<hex HMAC of the body>`; it answers {verified, companyName, creditCode, legalRepName}.
 */
export function httpELicence(opts: { url: string; secret: string; timeoutMs?: number }): ELicencePort {
  return {
    name: 'http',
    configured: true,
    async verify(req) {
      const body = JSON.stringify({ ...req, timestamp: new Date().toISOString() });
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-paidan-signature': `sha256=${hmacSha256(opts.secret, body)}`,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new AppError('CERT_ELICENCE_UNAVAILABLE', { reason: (e as Error).message });
      }
      if (res.status >= 500) throw new AppError('CERT_ELICENCE_UNAVAILABLE', { status: res.status });
      let json: Record<string, unknown>;
      try {
        json = (await res.json()) as Record<string, unknown>;
      } catch {
        throw new AppError('CERT_ELICENCE_UNAVAILABLE', { reason: 'the provider did not answer JSON' });
      }
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      return {
        verified: res.ok && json.verified === true,
        companyName: str(json.companyName),
        creditCode: str(json.creditCode)?.toUpperCase() ?? null,
        legalRepName: str(json.legalRepName),
        raw: { status: res.status, ...json },
      };
    },
  };
}

export interface CertificationPorts {
  bank: BankDepositPort;
  eLicence: ELicencePort;
}

export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): CertificationPorts {
  let eLicence = unconfiguredELicence;
  if (env.ELICENCE_ADAPTER === 'http') {
    if (!env.ELICENCE_HTTP_URL || !env.ELICENCE_HTTP_SECRET)
      throw new Error('ELICENCE_ADAPTER=http needs ELICENCE_HTTP_URL and ELICENCE_HTTP_SECRET');
    eLicence = httpELicence({ url: env.ELICENCE_HTTP_URL, secret: env.ELICENCE_HTTP_SECRET });
  }
  return { bank: manualBankDeposit, eLicence };
}
