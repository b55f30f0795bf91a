import type { FastifyInstance } from 'fastify';
import { installTmfBase } from '../tmf621/tmf-base';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { TmfError, tmfBadRequest, tmfNotFound, zodMessage } from '../tmf621/tmf621.errors';
import type { Tmf629Filter } from './tmf629.repo';
import { STATUS_FROM_TMF } from './tmf629-mapping';
import { TmfCustomerCreateSchema, TmfCustomerPatchSchema } from './tmf629.schemas';
import { tmf629Service } from './tmf629.service';

// TMF629 Customer Management v4, outside /api, on our enterprise customers:
//   app.register(async (tmf) => tmf629Routes(tmf, ctx), { prefix: TMF629_PREFIX })
// Machine clients send `Authorization: Bearer <API key>` (the same keys as TMF621); a signed-in staff cookie works too.

export const TMF629_PREFIX = '/tmf-api/customerManagement/v4';
const RESOURCE = 'customer';

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x ?? '').split(','))
    .map((x) => x.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);

function parseId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw tmfNotFound('Customer', raw);
  return Number(raw);
}

function parseList(q: Record<string, unknown>): { filter: Tmf629Filter; fields: string[] | null } {
  const filter: Tmf629Filter = { ids: [], names: [], creditCodes: [], statuses: [], offset: 0, limit: 100 };
  for (const [key, raw] of Object.entries(q)) {
    if (key === 'fields') continue;
    if (key === 'offset' || key === 'limit') {
      const s = String(raw);
      const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n) || (key === 'limit' && (n < 1 || n > 1000)))
        throw tmfBadRequest(`${key} must be a whole number${key === 'limit' ? ' from 1 to 1000' : ''}`);
      filter[key] = n;
    } else if (key === 'id') {
      const ids = values(raw);
      // An id that cannot exist matches nothing rather than failing the query.
      filter.ids.push(...ids.map((v) => (/^\d{1,9}$/.test(v) ? Number(v) : -1)));
    } else if (key === 'name') filter.names.push(...values(raw));
    else if (key === 'engagedParty.id') filter.creditCodes.push(...values(raw).map((v) => v.toUpperCase()));
    else if (key === 'status') {
      for (const v of values(raw)) {
        const s = STATUS_FROM_TMF[v];
        if (!s) throw tmfBadRequest(`status must be one of ${Object.keys(STATUS_FROM_TMF).join(', ')}`);
        filter.statuses.push(s);
      }
    } else
      throw tmfBadRequest(
        `Filtering on "${key}" is not supported; use id, name, status, engagedParty.id, fields, offset, limit`,
        'UNSUPPORTED_FILTER',
      );
  }
  const fields = q.fields === undefined ? null : values(q.fields);
  return { filter, fields: fields && fields.length ? fields : null };
}

export async function tmf629Routes(app: FastifyInstance, ctx: AppContext) {
  installTmfBase(app, ctx);
  const svc = tmf629Service(ctx);
  const href = `${ctx.config.publicUrl.replace(/\/$/, '')}${TMF629_PREFIX}/${RESOURCE}`;
  const tags = ['TMF629 Customer'];

  const read = requirePerm('customer.read');
  const write = requirePerm('customer.write');
  for (const path of [`/${RESOURCE}`, `/${RESOURCE}/`]) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find Customer objects' } },
      async (req, reply) => {
        const { filter, fields } = parseList(req.query as Record<string, unknown>);
        const { items, total } = await svc.list(actorOf(req), filter, fields, href);
        return reply.header('x-total-count', String(total)).header('x-result-count', String(items.length)).send(items);
      },
    );
    app.post(path, { onRequest: write, schema: { tags, summary: 'Creates a Customer' } }, async (req, reply) => {
      const parsed = TmfCustomerCreateSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      const c = await svc.create(actorOf(req), parsed.data, href);
      return reply.status(201).header('location', c.href).send(c);
    });
  }

  app.get(
    `/${RESOURCE}/:id`,
    { onRequest: read, schema: { tags, summary: 'Retrieves a Customer by ID' } },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      const unknown = Object.keys(q).filter((k) => k !== 'fields');
      if (unknown.length) throw tmfBadRequest(`Only fields= is supported here, not ${unknown.join(', ')}`);
      const c = await svc.get(actorOf(req), parseId((req.params as { id: string }).id), href);
      const fields = q.fields === undefined ? null : values(q.fields);
      if (!fields?.length) return c;
      const keep = new Set(['id', 'href', '@type', ...fields]);
      return Object.fromEntries(Object.entries(c).filter(([k]) => keep.has(k)));
    },
  );

  app.patch(
    `/${RESOURCE}/:id`,
    { onRequest: write, schema: { tags, summary: 'Updates a Customer: name, industry and level' } },
    async (req) => {
      const id = parseId((req.params as { id: string }).id);
      const parsed = TmfCustomerPatchSchema.safeParse(req.body ?? {});
      if (!parsed.success)
        throw tmfBadRequest(
          `${zodMessage(parsed.error)} (patchable: name, characteristic industry/level)`,
          'NON_PATCHABLE',
        );
      return svc.patch(actorOf(req), id, parsed.data, href);
    },
  );

  app.delete(
    `/${RESOURCE}/:id`,
    { onRequest: write, schema: { tags, summary: 'Customers are not deleted' } },
    async () => {
      throw new TmfError(
        405,
        'METHOD_NOT_ALLOWED',
        'Customers are not deleted',
        'An enterprise customer keeps its history (tickets, orders, audit); it is never deleted through the API',
      );
    },
  );
}
