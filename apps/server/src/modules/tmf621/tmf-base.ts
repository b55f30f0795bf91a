import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/app-context';
import { apiClientService } from './api-client';
import { installTmfErrorHandling, TmfError, tmfBadRequest } from './tmf621.errors';

// What every TMF API of ours shares: TMF630 error bodies, JSON and merge-patch bodies, and
// `Authorization: Bearer <API key>` for machine clients (a signed-in user's cookie works too, unless `keyRequired`).
export function installTmfBase(app: FastifyInstance, ctx: AppContext, opts: { keyRequired?: boolean } = {}) {
  installTmfErrorHandling(app);
  const clients = apiClientService(ctx);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'application/merge-patch+json'],
    { parseAs: 'string' },
    (_req, text, done) => {
      const s = String(text);
      if (s.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(s));
      } catch {
        done(new TmfError(400, 'INVALID_JSON', 'Invalid request', 'The body is not valid JSON'), undefined);
      }
    },
  );
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const h = req.headers.authorization;
    if (h === undefined && !opts.keyRequired) return;
    const m = h === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m)
      throw new TmfError(
        401,
        'UNAUTHENTICATED',
        h === undefined ? 'Authentication required' : 'Unsupported authorization',
        'Send Authorization: Bearer <API key>',
      );
    const auth = await clients.authenticate(m[1]!);
    if (!auth) throw new TmfError(401, 'INVALID_API_KEY', 'Invalid API key', 'The API key is unknown or disabled');
    req.auth = auth;
  });
  return clients;
}

export const listValues = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x ?? '').split(','))
    .map((x) => x.trim())
    .filter(Boolean);

export function parseFields(v: unknown): string[] | null {
  if (v === undefined) return null;
  const f = listValues(v);
  return f.length ? f : null;
}

/** `fields=a,b`: those top-level attributes, plus id and href so a client can still address each item. */
export function pick<T extends Record<string, unknown>>(o: T, fields: string[] | null): Record<string, unknown> {
  if (!fields) return o;
  const want = new Set([...fields.map((f) => f.split('.')[0]!), 'id', 'href']);
  return Object.fromEntries(Object.entries(o).filter(([k]) => want.has(k)));
}

export function paging(q: Record<string, unknown>): { offset: number; limit: number } {
  const num = (k: string, d: number, max: number) => {
    if (q[k] === undefined) return d;
    const s = String(q[k]);
    if (!/^\d{1,9}$/.test(s) || Number(s) > max) throw tmfBadRequest(`${k} must be a whole number up to ${max}`);
    return Number(s);
  };
  return { offset: num('offset', 0, 1e9), limit: Math.max(1, num('limit', 100, 1000)) };
}

export const money = (fen: number) => ({ unit: 'CNY', value: fen / 100 });
