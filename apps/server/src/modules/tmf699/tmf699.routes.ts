import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { installTmfBase } from '../tmf621/tmf-base';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth } from '../../platform/auth/auth.plugin';
import { TmfError, tmfBadRequest, tmfNotFound, zodMessage } from '../tmf621/tmf621.errors';
import { SALES_LEAD_STATES, SalesLeadCreateSchema, SalesLeadUpdateSchema, type SalesLeadState } from './tmf699-mapping';
import { tmf699Service, type SalesLeadFilter } from './tmf699.service';

// TMF699 Sales Management v4, the SalesLead resource, outside /api:
//   app.register(async (tmf) => tmf699Routes(tmf, ctx), { prefix: TMF699_PREFIX })
// Only integration clients (`Authorization: Bearer <API key>`, see tmf621/api-client.ts) use it: each sees and
// changes the leads it sent, which become opportunities in the claim pool.

export const TMF699_PREFIX = '/tmf-api/sales/v4';
const RESOURCE = 'salesLead';

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x ?? '').split(','))
    .map((x) => x.trim())
    .filter(Boolean);

function parseId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw tmfNotFound('SalesLead', raw);
  return Number(raw);
}

function selectFields<T extends Record<string, unknown>>(o: T, fields: string[] | null): Partial<T> {
  if (!fields) return o;
  const keep = new Set(['id', 'href', ...fields]);
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k))) as Partial<T>;
}

function parseList(q: Record<string, unknown>): { filter: SalesLeadFilter; fields: string[] | null } {
  const filter: SalesLeadFilter = { offset: 0, limit: 100 };
  let fields: string[] | null = null;
  for (const [key, raw] of Object.entries(q)) {
    const vs = values(raw);
    switch (key) {
      case 'fields':
        fields = vs.length ? vs : null;
        break;
      case 'offset':
      case 'limit': {
        const n = /^\d{1,9}$/.test(String(raw)) ? Number(raw) : NaN;
        if (!Number.isFinite(n) || (key === 'limit' && (n < 1 || n > 1000)))
          throw tmfBadRequest(`${key} must be a whole number${key === 'limit' ? ' from 1 to 1000' : ''}`);
        filter[key] = n;
        break;
      }
      case 'status': {
        const bad = vs.filter((v) => !(SALES_LEAD_STATES as readonly string[]).includes(v));
        if (bad.length) throw tmfBadRequest(`status must be one of ${SALES_LEAD_STATES.join(', ')}`);
        filter.status = vs as SalesLeadState[];
        break;
      }
      case 'name':
        filter.name = vs;
        break;
      case 'productOffering.id':
        filter.productOffering = vs.map((v) => v.toUpperCase());
        break;
      case 'creationDate.gte':
      case 'creationDate.gt':
      case 'creationDate.lte':
      case 'creationDate.lt': {
        const d = new Date(String(raw));
        if (Number.isNaN(d.getTime())) throw tmfBadRequest(`${key} must be a date-time`);
        if (key.endsWith('gt') || key.endsWith('gte')) filter.createdGte = d;
        else filter.createdLte = d;
        break;
      }
      default:
        throw tmfBadRequest(
          `Filtering on "${key}" is not supported; use status, name, productOffering.id, creationDate.gte|lte, fields, offset, limit`,
          'UNSUPPORTED_FILTER',
        );
    }
  }
  return { filter, fields };
}

export async function tmf699Routes(app: FastifyInstance, ctx: AppContext) {
  installTmfBase(app, ctx, { keyRequired: true });
  const svc = tmf699Service(ctx);
  const href = `${ctx.config.publicUrl.replace(/\/$/, '')}${TMF699_PREFIX}/${RESOURCE}`;
  const tags = ['TMF699 Sales Lead'];
  const read: onRequestHookHandler = async (req) => {
    if (!requireAuth(req).permissions.has('ticket.read')) throw new TmfError(403, 'FORBIDDEN', 'Not allowed');
  };
  const write: onRequestHookHandler = async (req) => {
    if (!requireAuth(req).permissions.has('ticket.create'))
      throw new TmfError(403, 'FORBIDDEN', 'Not allowed', 'A read-only API client cannot change sales leads');
  };

  for (const path of [`/${RESOURCE}`, `/${RESOURCE}/`]) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find SalesLead objects' } },
      async (req, reply) => {
        const { filter, fields } = parseList(req.query as Record<string, unknown>);
        const { items, total } = await svc.list(actorOf(req), filter, href);
        return reply
          .header('x-total-count', String(total))
          .header('x-result-count', String(items.length))
          .send(items.map((i) => selectFields(i, fields)));
      },
    );
    app.post(path, { onRequest: write, schema: { tags, summary: 'Creates a SalesLead' } }, async (req, reply) => {
      const parsed = SalesLeadCreateSchema.safeParse(req.body);
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      const lead = await svc.create(actorOf(req), parsed.data, href);
      return reply.status(201).header('location', lead.href).send(lead);
    });
  }

  app.get(
    `/${RESOURCE}/:id`,
    { onRequest: read, schema: { tags, summary: 'Retrieves a SalesLead by ID' } },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      const unknown = Object.keys(q).filter((k) => k !== 'fields');
      if (unknown.length) throw tmfBadRequest(`Only fields= is supported here, not ${unknown.join(', ')}`);
      const fields = q.fields === undefined ? null : values(q.fields);
      return selectFields(await svc.get(actorOf(req), parseId((req.params as { id: string }).id), href), fields);
    },
  );

  app.patch(
    `/${RESOURCE}/:id`,
    { onRequest: write, schema: { tags, summary: 'Updates a SalesLead (description, revenue, end date; cancel)' } },
    async (req) => {
      const id = parseId((req.params as { id: string }).id);
      const parsed = SalesLeadUpdateSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      return svc.patch(actorOf(req), id, parsed.data, href);
    },
  );

  app.delete(
    `/${RESOURCE}/:id`,
    { onRequest: write, schema: { tags, summary: 'Withdraws (cancels) a SalesLead nobody has started on' } },
    async (req, reply) => {
      await svc.remove(actorOf(req), parseId((req.params as { id: string }).id));
      return reply.status(204).send();
    },
  );
}
