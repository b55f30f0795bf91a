import { currentLang, translate } from '../i18n/i18n';

export interface FieldError {
  field: string;
  message: string;
}

/** An answer of the API in its error shape `{code, message, details?, requestId}`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** details as a list of field errors, with the request part ("body.", "querystring.") removed */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details
      .filter((d): d is FieldError => !!d && typeof d === 'object' && 'field' in d && 'message' in d)
      .map((d) => ({
        field: String(d.field).replace(/^(body|querystring|params)\.?/, ''),
        message: String(d.message),
      }));
  }

  /** the endpoint does not exist (yet) on this server */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.code === 'ROUTE_NOT_FOUND';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function onUnauthorized(fn: (() => void) | null): void {
  unauthorizedHandler = fn;
}

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function request<T>(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { accept: 'application/json', 'x-lang': currentLang(), ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      credentials: 'include',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', translate(currentLang(), 'error.network'));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const body = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
    const code = typeof body.code === 'string' ? body.code : `HTTP_${res.status}`;
    const message =
      typeof body.message === 'string' ? body.message : translate(currentLang(), 'error.http', { status: res.status });
    const requestId =
      typeof body.requestId === 'string' ? body.requestId : (res.headers.get('x-request-id') ?? undefined);
    const error = new ApiError(res.status, code, message, body.details, requestId);
    // A lapsed session anywhere sends the user to sign in; sign-in failures themselves are shown on the form.
    if (res.status === 401 && !path.startsWith('/auth/') && path !== '/me') unauthorizedHandler?.();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
