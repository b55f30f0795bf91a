import type { SignerLink, SignerView, VerifyResult } from '@paidan/shared';
import { ApiError } from '../../api/client';
import { currentLang } from '../../i18n/i18n';

// The signer's pages are public: no session, no CSRF. The one-time code gives an access token for one request,
// sent as x-sign-access and kept only for this browser tab.

const key = (token: string) => `paidan.sign.${token}`;
export const storedAccess = (token: string) => sessionStorage.getItem(key(token));
export const storeAccess = (token: string, access: string | null) =>
  access ? sessionStorage.setItem(key(token), access) : sessionStorage.removeItem(key(token));

async function call<T>(
  method: string,
  path: string,
  opts: { access?: string | null; body?: unknown; form?: FormData } = {},
) {
  const headers: Record<string, string> = { accept: 'application/json', 'x-lang': currentLang() };
  if (opts.access) headers['x-sign-access'] = opts.access;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new ApiError(
      res.status,
      String(data.code ?? `HTTP_${res.status}`),
      String(data.message ?? res.statusText),
      data.details,
    );
  return data as T;
}

export const signerApi = {
  link: (token: string) => call<SignerLink>('GET', `/sign/link/${encodeURIComponent(token)}`),
  requestCode: (token: string) =>
    call<{ ttlSeconds: number; retryAfterSeconds: number }>('POST', `/sign/link/${encodeURIComponent(token)}/code`, {
      body: {},
    }),
  verify: (token: string, code: string) =>
    call<{ accessToken: string }>('POST', `/sign/link/${encodeURIComponent(token)}/verify`, { body: { code } }),
  view: (access: string) => call<SignerView>('GET', '/sign/session', { access }),
  sign: (access: string, signaturePng: string, requestReview = false) =>
    call<SignerView>('POST', '/sign/session/sign', { access, body: { signaturePng, requestReview } }),
  decline: (access: string, reason: string) =>
    call<SignerView>('POST', '/sign/session/decline', { access, body: { reason } }),
  upload: (access: string, kind: 'licence' | 'id_front' | 'id_back', file: File) => {
    const form = new FormData();
    form.append('file', file);
    return call<SignerView>('POST', `/sign/session/materials/${kind}`, { access, form });
  },
  documentUrl: (access: string) => `/api/sign/session/document.pdf?access=${encodeURIComponent(access)}`,
  templates: () => call<{ code: string; title: string; version: number }[]>('GET', '/sign/templates'),
  verifyPdf: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return call<VerifyResult>('POST', '/verify', { form });
  },
};
