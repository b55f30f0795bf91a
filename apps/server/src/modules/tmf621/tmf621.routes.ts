import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { installTmfBase } from './tmf-base';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requireAuth, requirePerm } from '../../platform/auth/auth.plugin';
import { AppError } from '../../platform/http/app-error';
import { TMF_STATUSES } from './tmf621-mapping';
import type { TmfFilterKey, TmfListFilter } from './tmf621.repo';
import { selectFields } from './tmf621.representation';
import { TmfTroubleTicketCreateSchema, TmfTroubleTicketUpdateSchema } from './tmf621.schemas';
import { tmf621Service } from './tmf621.service';
import { tmfBadRequest, tmfNotFound, zodMessage } from './tmf621.errors';

// TMF621 Trouble Ticket Management v4, outside /api:
//   app.register(async (tmf) => tmf621Routes(tmf, ctx), { prefix: TMF621_PREFIX })
// Machine clients send `Authorization: Bearer <API key>` (see api-client.ts); a signed-in user's cookie works too
// (with the usual x-csrf-token on writes).

export const TMF621_PREFIX = '/tmf-api/troubleTicket/v4';
const RESOURCE = 'troubleTicket';
const MAX_BODY = 16 * 1024 * 1024; // ten-megabyte attachments, base64 in JSON

const FILTERS: Record<string, TmfFilterKey> = {
  id: 'id',
  status: 'status',
  severity: 'severity',
  ticketType: 'ticketType',
  priority: 'priority',
  externalId: 'externalId',
  'channel.id': 'channel',
  'relatedParty.id': 'customer',
};
const DATE_ATTRS: Record<string, 'created_at' | 'updated_at'> = {
  creationDate: 'created_at',
  lastUpdate: 'updated_at',
};
const DATE_OPS: Record<string, '>' | '>=' | '<' | '<='> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const SORTS: Record<string, 'id' | 'created_at' | 'updated_at'> = {
  id: 'id',
  creationDate: 'created_at',
  lastUpdate: 'updated_at',
};

const values = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x ?? '').split(','))
    .map((x) => x.trim())
    .filter(Boolean);

function parseFields(v: unknown): string[] | null {
  if (v === undefined) return null;
  const f = values(v);
  return f.length ? f : null;
}

function parseId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw tmfNotFound('TroubleTicket', raw);
  return Number(raw);
}

/** TMF630 query: attribute filters (comma = any of), date ranges (creationDate.gte=…), sort, offset/limit. */
function parseListQuery(q: Record<string, unknown>): { filter: TmfListFilter; fields: string[] | null } {
  const filter: TmfListFilter = { equals: {}, dates: [], sort: { attr: 'id', desc: true }, offset: 0, limit: 100 };
  for (const [key, raw] of Object.entries(q)) {
    if (key === 'fields') continue;
    if (key === 'offset' || key === 'limit') {
      const s = String(raw);
      const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(n) || (key === 'limit' && (n < 1 || n > 1000)))
        throw tmfBadRequest(`${key} must be a whole number${key === 'limit' ? ' from 1 to 1000' : ''}`);
      filter[key] = n;
      continue;
    }
    if (key === 'sort') {
      const s = String(raw).trim();
      const attr = SORTS[s.replace(/^[-+]/, '')];
      if (!attr) throw tmfBadRequest(`sort by ${Object.keys(SORTS).join(', ')} (prefix - for descending)`);
      filter.sort = { attr, desc: s.startsWith('-') };
      continue;
    }
    const [attr, op] = key.split('.') as [string, string | undefined];
    if (DATE_ATTRS[attr] && op && DATE_OPS[op]) {
      const d = new Date(String(raw));
      if (Number.isNaN(d.getTime())) throw tmfBadRequest(`${key} must be a date-time`);
      filter.dates.push({ attr: DATE_ATTRS[attr], op: DATE_OPS[op], value: d });
      continue;
    }
    const f = FILTERS[key];
    if (!f)
      throw tmfBadRequest(
        `Filtering on "${key}" is not supported; use ${[...Object.keys(FILTERS), 'creationDate.gt|gte|lt|lte', 'lastUpdate.gt|gte|lt|lte'].join(', ')}`,
        'UNSUPPORTED_FILTER',
      );
    const vs = values(raw);
    if (f === 'status') {
      const bad = vs.filter((v) => !(TMF_STATUSES as readonly string[]).includes(v));
      if (bad.length) throw tmfBadRequest(`status must be one of ${TMF_STATUSES.join(', ')}`);
    }
    if (f === 'id' && vs.some((v) => !/^\d{1,15}$/.test(v))) throw tmfBadRequest('id must be numeric');
    filter.equals[f] = [...(filter.equals[f] ?? []), ...vs];
  }
  return { filter, fields: parseFields(q.fields) };
}

/** Writes: an API client needs its `integration` role; a signed-in user, what the state machine allows. */
const canWrite: onRequestHookHandler = async (req) => {
  const auth = requireAuth(req);
  if (!auth.permissions.has('ticket.read')) throw new AppError('FORBIDDEN', { permission: 'ticket.read' });
  if ('client' in auth && !auth.permissions.has('ticket.create'))
    throw new AppError('FORBIDDEN', { permission: 'ticket.create' });
};

export async function tmf621Routes(app: FastifyInstance, ctx: AppContext) {
  const clients = installTmfBase(app, ctx);
  const svc = tmf621Service(ctx);
  const href = `${ctx.config.publicUrl.replace(/\/$/, '')}${TMF621_PREFIX}/${RESOURCE}`;
  const tags = ['TMF621 Trouble Ticket'];
  // After the demo data of a first start is in, so TMF_API_CUSTOMER can name a seeded customer.
  app.addHook('onReady', async () => clients.ensureFromEnv(process.env, app.log));

  const read = requirePerm('ticket.read');
  for (const path of [`/${RESOURCE}`, `/${RESOURCE}/`]) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find TroubleTicket objects' } },
      async (req, reply) => {
        const { filter, fields } = parseListQuery(req.query as Record<string, unknown>);
        const { items, total } = await svc.list(actorOf(req), filter, fields, href);
        return reply.header('x-total-count', String(total)).header('x-result-count', String(items.length)).send(items);
      },
    );

    app.post(
      path,
      {
        onRequest: requirePerm('ticket.create'),
        bodyLimit: MAX_BODY,
        schema: { tags, summary: 'Creates a TroubleTicket' },
      },
      async (req, reply) => {
        const parsed = TmfTroubleTicketCreateSchema.safeParse(req.body);
        if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
        const t = await svc.create(actorOf(req), parsed.data, href);
        return reply.status(201).header('location', t.href).send(t);
      },
    );
  }

  app.get(
    `/${RESOURCE}/:id`,
    { onRequest: read, schema: { tags, summary: 'Retrieves a TroubleTicket by ID' } },
    async (req) => {
      const { id } = req.params as { id: string };
      const q = req.query as Record<string, unknown>;
      const unknown = Object.keys(q).filter((k) => k !== 'fields');
      if (unknown.length) throw tmfBadRequest(`Only fields= is supported here, not ${unknown.join(', ')}`);
      return selectFields(await svc.get(actorOf(req), parseId(id), href), parseFields(q.fields));
    },
  );

  app.patch(
    `/${RESOURCE}/:id`,
    {
      onRequest: canWrite,
      bodyLimit: MAX_BODY,
      schema: { tags, summary: 'Updates a TroubleTicket: status (through the ticket life cycle) and notes' },
    },
    async (req) => {
      const id = parseId((req.params as { id: string }).id);
      const parsed = TmfTroubleTicketUpdateSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw tmfBadRequest(zodMessage(parsed.error));
      return svc.patch(actorOf(req), id, parsed.data, href);
    },
  );

  app.delete(
    `/${RESOURCE}/:id`,
    { onRequest: canWrite, schema: { tags, summary: 'Withdraws (cancels) a TroubleTicket' } },
    async (req, reply) => {
      await svc.remove(actorOf(req), parseId((req.params as { id: string }).id));
      return reply.status(204).send();
    },
  );
}
