import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { CatalogStatus, Product } from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import { actorOf, requirePerm } from '../../platform/auth/auth.plugin';
import { recordAudit } from '../../platform/audit/audit.service';
import { withTx } from '../../platform/db/database';
import { catalogService } from '../catalog/catalog.service';
import { tmfBadRequest, tmfNotFound, zodMessage } from '../tmf621/tmf621.errors';
import { installTmfBase, listValues, money, paging, parseFields, pick } from '../tmf621/tmf-base';

// TMF620 Product Catalog v4 at its standard path: productSpecification = our products (with their specification
// template as characteristics), productOffering = our versioned offers, productOfferingPrice = reusable prices.

export const TMF620_PREFIX = '/tmf-api/productCatalogManagement/v4';

export const LIFECYCLE: Record<CatalogStatus, string> = {
  draft: 'In design',
  published: 'Launched',
  retired: 'Retired',
};
const FROM_LIFECYCLE: Record<string, CatalogStatus> = {
  'In study': 'draft',
  'In design': 'draft',
  'In test': 'draft',
  Active: 'published',
  Launched: 'published',
  Retired: 'retired',
  Obsolete: 'retired',
};

const Ref = z.object({ id: z.string().min(1).max(40) }).passthrough();
const SpecCreate = z
  .object({
    name: z.string().trim().min(2).max(40),
    description: z.string().max(2000).optional(),
    brand: z.string().max(40).optional(),
  })
  .passthrough();
const OfferingCreate = z
  .object({
    name: z.string().trim().min(2).max(60),
    description: z.string().max(1000).optional(),
    productSpecification: Ref,
    productOfferingPrice: z.array(Ref).max(5).optional(),
  })
  .passthrough();
const OfferingPatch = z
  .object({
    name: z.string().trim().min(2).max(60).optional(),
    description: z.string().max(1000).optional(),
    lifecycleStatus: z.string().optional(),
  })
  .passthrough();
const PriceCreate = z
  .object({
    name: z.string().trim().min(1).max(80),
    description: z.string().max(500).optional(),
    isBundle: z.boolean().optional(),
    priceType: z.enum(['recurring', 'oneTime', 'usage']),
    recurringChargePeriodType: z.string().max(20).optional(),
    lifecycleStatus: z.string().max(20).optional(),
    price: z.object({ unit: z.string().max(3).optional(), value: z.number().min(0).max(1e8) }).optional(),
  })
  .passthrough();
const PricePatch = PriceCreate.partial();

const msEq = (col: string, v: string) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw tmfBadRequest('lastUpdate must be a date-time');
  return sql<boolean>`date_trunc('milliseconds', ${sql.ref(col)}) = ${d}`;
};
const code = () => `API-${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
const idOf = (raw: string, what: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw tmfNotFound(what, raw);
  return Number(raw);
};

export async function tmf620Routes(app: FastifyInstance, ctx: AppContext) {
  installTmfBase(app, ctx);
  const base = `${ctx.config.publicUrl.replace(/\/$/, '')}${TMF620_PREFIX}`;
  const tags = ['TMF620 Product Catalog'];
  const read = requirePerm('order.read');
  const manage = requirePerm('catalog.manage');
  const catalog = catalogService(ctx);
  const db = ctx.db;

  const spec = (p: {
    id: number;
    code: string;
    name: string;
    description: string;
    status: CatalogStatus;
    updated_at: Date;
    version: number;
    attributes: unknown;
  }) => ({
    id: String(p.id),
    href: `${base}/productSpecification/${p.id}`,
    name: p.name,
    description: p.description,
    productNumber: p.code,
    lifecycleStatus: LIFECYCLE[p.status],
    lastUpdate: p.updated_at.toISOString(),
    version: String(p.version),
    isBundle: false,
    productSpecCharacteristic: ((p.attributes ?? []) as Product['attributes']).map((a) => ({
      id: a.key,
      name: a.label,
      valueType: 'string',
      configurable: true,
      minCardinality: a.required ? 1 : 0,
      maxCardinality: 1,
      productSpecCharacteristicValue: a.options.map((o) => ({ value: o.value, valueType: 'string', isDefault: false })),
    })),
    '@type': 'ProductSpecification',
  });

  const offeringRows = () =>
    db
      .selectFrom('product_offers as o')
      .innerJoin('products as p', 'p.id', 'o.product_id')
      .selectAll('o')
      .select(['p.name as product_name']);
  type OfferingRow = Awaited<ReturnType<ReturnType<typeof offeringRows>['execute']>>[number];
  const offering = (o: OfferingRow) => ({
    id: String(o.id),
    href: `${base}/productOffering/${o.id}`,
    name: o.name,
    description: o.description,
    lifecycleStatus: LIFECYCLE[o.status],
    lastUpdate: o.updated_at.toISOString(),
    version: String(o.version),
    isBundle: false,
    isSellable: o.status === 'published',
    productSpecification: {
      id: String(o.product_id),
      href: `${base}/productSpecification/${o.product_id}`,
      name: o.product_name,
    },
    productOfferingTerm: o.contract_months
      ? [{ name: `${o.contract_months} 个月合约`, duration: { amount: o.contract_months, units: 'month' } }]
      : [],
    productOfferingPrice: [
      { name: '月租', priceType: 'recurring', recurringChargePeriodType: 'month', price: money(Number(o.monthly_fen)) },
      { name: '一次性费用', priceType: 'oneTime', price: money(Number(o.one_time_fen)) },
    ],
    '@type': 'ProductOffering',
  });

  const price = (r: {
    id: number;
    name: string;
    description: string;
    price_type: string;
    amount_fen: number;
    recurring_period: string | null;
    is_bundle: boolean;
    lifecycle_status: string;
    updated_at: Date;
  }) => ({
    id: String(r.id),
    href: `${base}/productOfferingPrice/${r.id}`,
    name: r.name,
    description: r.description,
    isBundle: r.is_bundle,
    priceType: r.price_type,
    ...(r.recurring_period ? { recurringChargePeriodType: r.recurring_period } : {}),
    lifecycleStatus: r.lifecycle_status,
    lastUpdate: r.updated_at.toISOString(),
    price: money(Number(r.amount_fen)),
    '@type': 'ProductOfferingPrice',
  });

  // ---- productSpecification ----
  for (const path of ['/productSpecification', '/productSpecification/']) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find ProductSpecification objects' } },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        let b = db.selectFrom('products as p');
        for (const [k, raw] of Object.entries(q)) {
          const vs = listValues(raw);
          if (['fields', 'offset', 'limit'].includes(k)) continue;
          if (k === 'id')
            b = b.where(
              'p.id',
              'in',
              vs
                .filter((v) => /^\d{1,9}$/.test(v))
                .map(Number)
                .concat(-1),
            );
          else if (k === 'name') b = b.where('p.name', 'in', vs);
          else if (k === 'lifecycleStatus')
            b = b.where('p.status', 'in', vs.map((v) => FROM_LIFECYCLE[v] ?? 'none') as CatalogStatus[]);
          else if (k === 'lastUpdate') b = b.where(msEq('p.updated_at', vs[0]!));
          else
            throw tmfBadRequest(
              `Filtering on "${k}" is not supported; use id, name, lifecycleStatus, lastUpdate`,
              'UNSUPPORTED_FILTER',
            );
        }
        const { offset, limit } = paging(q);
        const rows = await b.selectAll('p').orderBy('p.id').offset(offset).limit(limit).execute();
        return reply
          .header('x-result-count', String(rows.length))
          .send(rows.map((r) => pick(spec(r), parseFields(q.fields))));
      },
    );
    app.post(
      path,
      { onRequest: manage, schema: { tags, summary: 'Creates a ProductSpecification (a draft product)' } },
      async (req, reply) => {
        const b = SpecCreate.safeParse(req.body);
        if (!b.success) throw tmfBadRequest(zodMessage(b.error));
        const line = await db.selectFrom('product_lines').select('id').orderBy('sort').executeTakeFirstOrThrow();
        const p = await catalog.createProduct(actorOf(req), {
          lineId: line.id,
          code: code(),
          name: b.data.name,
          summary: b.data.brand ?? '',
          description: b.data.description ?? '',
          ends: 1,
          attributes: [],
        });
        const row = await db.selectFrom('products').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
        const s = spec(row);
        return reply.status(201).header('location', s.href).send(s);
      },
    );
  }
  app.get(
    '/productSpecification/:id',
    { onRequest: read, schema: { tags, summary: 'Retrieves a ProductSpecification by ID' } },
    async (req) => {
      const raw = (req.params as { id: string }).id;
      const row = await db
        .selectFrom('products')
        .selectAll()
        .where('id', '=', idOf(raw, 'ProductSpecification'))
        .executeTakeFirst();
      if (!row) throw tmfNotFound('ProductSpecification', raw);
      return pick(spec(row), parseFields((req.query as Record<string, unknown>).fields));
    },
  );

  // ---- productOffering ----
  for (const path of ['/productOffering', '/productOffering/']) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find ProductOffering objects' } },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        let b = offeringRows();
        for (const [k, raw] of Object.entries(q)) {
          const vs = listValues(raw);
          if (['fields', 'offset', 'limit'].includes(k)) continue;
          if (k === 'id')
            b = b.where(
              'o.id',
              'in',
              vs
                .filter((v) => /^\d{1,9}$/.test(v))
                .map(Number)
                .concat(-1),
            );
          else if (k === 'name') b = b.where('o.name', 'in', vs);
          else if (k === 'lifecycleStatus')
            b = b.where('o.status', 'in', vs.map((v) => FROM_LIFECYCLE[v] ?? 'none') as CatalogStatus[]);
          else if (k === 'lastUpdate') b = b.where(msEq('o.updated_at', vs[0]!));
          else if (k === 'productSpecification.id')
            b = b.where(
              'o.product_id',
              'in',
              vs
                .filter((v) => /^\d{1,9}$/.test(v))
                .map(Number)
                .concat(-1),
            );
          else
            throw tmfBadRequest(
              `Filtering on "${k}" is not supported; use id, name, lifecycleStatus, lastUpdate, productSpecification.id`,
              'UNSUPPORTED_FILTER',
            );
        }
        const { offset, limit } = paging(q);
        const rows = await b.orderBy('o.id').offset(offset).limit(limit).execute();
        return reply
          .header('x-result-count', String(rows.length))
          .send(rows.map((r) => pick(offering(r), parseFields(q.fields))));
      },
    );
    app.post(
      path,
      { onRequest: manage, schema: { tags, summary: 'Creates a ProductOffering (a draft offer of a specification)' } },
      async (req, reply) => {
        const b = OfferingCreate.safeParse(req.body);
        if (!b.success) throw tmfBadRequest(zodMessage(b.error));
        const specId = /^\d{1,9}$/.test(b.data.productSpecification.id) ? Number(b.data.productSpecification.id) : -1;
        const product = await db.selectFrom('products').select('id').where('id', '=', specId).executeTakeFirst();
        if (!product)
          throw tmfBadRequest(
            `productSpecification "${b.data.productSpecification.id}" is not in this catalogue`,
            'UNKNOWN_SPECIFICATION',
          );
        const popIds = (b.data.productOfferingPrice ?? []).map((p) => (/^\d{1,9}$/.test(p.id) ? Number(p.id) : -1));
        const pops = popIds.length
          ? await db.selectFrom('product_offering_prices').selectAll().where('id', 'in', popIds).execute()
          : [];
        if (pops.length !== popIds.length)
          throw tmfBadRequest('productOfferingPrice names a price that is not in this catalogue', 'UNKNOWN_PRICE');
        const c = code();
        await catalog.createOffer(actorOf(req), {
          productId: product.id,
          code: c,
          name: b.data.name,
          description: b.data.description ?? '',
          fixedSpecs: {},
          oneTimeFen: pops.filter((p) => p.price_type === 'oneTime').reduce((s, p) => s + Number(p.amount_fen), 0),
          monthlyFen: pops.filter((p) => p.price_type === 'recurring').reduce((s, p) => s + Number(p.amount_fen), 0),
          contractMonths: 0,
          requires: [],
          excludes: [],
        });
        const row = await offeringRows().where('o.code', '=', c).executeTakeFirstOrThrow();
        const o = offering(row);
        return reply.status(201).header('location', o.href).send(o);
      },
    );
  }
  app.get(
    '/productOffering/:id',
    { onRequest: read, schema: { tags, summary: 'Retrieves a ProductOffering by ID' } },
    async (req) => {
      const raw = (req.params as { id: string }).id;
      const row = await offeringRows().where('o.id', '=', idOf(raw, 'ProductOffering')).executeTakeFirst();
      if (!row) throw tmfNotFound('ProductOffering', raw);
      return pick(offering(row), parseFields((req.query as Record<string, unknown>).fields));
    },
  );
  app.patch(
    '/productOffering/:id',
    { onRequest: manage, schema: { tags, summary: 'Updates a ProductOffering: name, description, lifecycleStatus' } },
    async (req) => {
      const raw = (req.params as { id: string }).id;
      const id = idOf(raw, 'ProductOffering');
      const b = OfferingPatch.safeParse(req.body ?? {});
      if (!b.success) throw tmfBadRequest(zodMessage(b.error));
      const cur = await offeringRows().where('o.id', '=', id).executeTakeFirst();
      if (!cur) throw tmfNotFound('ProductOffering', raw);
      const actor = actorOf(req);
      if (b.data.name !== undefined || b.data.description !== undefined)
        await catalog.updateOffer(actor, id, {
          name: b.data.name ?? cur.name,
          description: b.data.description ?? cur.description,
          fixedSpecs: cur.fixed_specs,
          oneTimeFen: Number(cur.one_time_fen),
          monthlyFen: Number(cur.monthly_fen),
          contractMonths: cur.contract_months,
          requires: cur.requires,
          excludes: cur.excludes,
        });
      if (b.data.lifecycleStatus !== undefined) {
        const to = FROM_LIFECYCLE[b.data.lifecycleStatus];
        if (!to) throw tmfBadRequest(`lifecycleStatus must be one of ${Object.keys(FROM_LIFECYCLE).join(', ')}`);
        if (to !== cur.status) await catalog.offerLifecycle(actor, id, to === 'published' ? 'publish' : 'retire');
      }
      return offering((await offeringRows().where('o.id', '=', id).executeTakeFirst())!);
    },
  );
  app.delete(
    '/productOffering/:id',
    { onRequest: manage, schema: { tags, summary: 'Deletes a ProductOffering without orders' } },
    async (req, reply) => {
      const raw = (req.params as { id: string }).id;
      const id = idOf(raw, 'ProductOffering');
      const cur = await db.selectFrom('product_offers').select('id').where('id', '=', id).executeTakeFirst();
      if (!cur) throw tmfNotFound('ProductOffering', raw);
      await catalog.deleteOffer(actorOf(req), id);
      return reply.status(204).send();
    },
  );

  // ---- productOfferingPrice ----
  for (const path of ['/productOfferingPrice', '/productOfferingPrice/']) {
    app.get(
      path,
      { onRequest: read, schema: { tags, summary: 'List or find ProductOfferingPrice objects' } },
      async (req, reply) => {
        const q = req.query as Record<string, unknown>;
        let b = db.selectFrom('product_offering_prices as r');
        for (const [k, raw] of Object.entries(q)) {
          const vs = listValues(raw);
          if (['fields', 'offset', 'limit'].includes(k)) continue;
          if (k === 'id')
            b = b.where(
              'r.id',
              'in',
              vs
                .filter((v) => /^\d{1,9}$/.test(v))
                .map(Number)
                .concat(-1),
            );
          else if (k === 'name') b = b.where('r.name', 'in', vs);
          else if (k === 'lifecycleStatus') b = b.where('r.lifecycle_status', 'in', vs);
          else if (k === 'priceType') b = b.where('r.price_type', 'in', vs as ('recurring' | 'oneTime' | 'usage')[]);
          else if (k === 'lastUpdate') b = b.where(msEq('r.updated_at', vs[0]!));
          else
            throw tmfBadRequest(
              `Filtering on "${k}" is not supported; use id, name, lifecycleStatus, priceType, lastUpdate`,
              'UNSUPPORTED_FILTER',
            );
        }
        const { offset, limit } = paging(q);
        const rows = await b.selectAll('r').orderBy('r.id').offset(offset).limit(limit).execute();
        return reply
          .header('x-result-count', String(rows.length))
          .send(rows.map((r) => pick(price(r), parseFields(q.fields))));
      },
    );
    app.post(
      path,
      { onRequest: manage, schema: { tags, summary: 'Creates a ProductOfferingPrice' } },
      async (req, reply) => {
        const b = PriceCreate.safeParse(req.body);
        if (!b.success) throw tmfBadRequest(zodMessage(b.error));
        if (b.data.price?.unit && b.data.price.unit !== 'CNY') throw tmfBadRequest('Prices are in CNY');
        const row = await withTx(db, async (tx) => {
          const r = await tx
            .insertInto('product_offering_prices')
            .values({
              name: b.data.name,
              description: b.data.description ?? '',
              price_type: b.data.priceType,
              amount_fen: Math.round((b.data.price?.value ?? 0) * 100),
              recurring_period: b.data.priceType === 'recurring' ? (b.data.recurringChargePeriodType ?? 'month') : null,
              is_bundle: b.data.isBundle ?? false,
              lifecycle_status: b.data.lifecycleStatus ?? 'Active',
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(tx, actorOf(req), {
            action: 'offering_price.create',
            entityType: 'offering_price',
            entityId: r.id,
            after: b.data,
          });
          return r;
        });
        const p = price(row);
        return reply.status(201).header('location', p.href).send(p);
      },
    );
  }
  app.get(
    '/productOfferingPrice/:id',
    { onRequest: read, schema: { tags, summary: 'Retrieves a ProductOfferingPrice by ID' } },
    async (req) => {
      const raw = (req.params as { id: string }).id;
      const row = await db
        .selectFrom('product_offering_prices')
        .selectAll()
        .where('id', '=', idOf(raw, 'ProductOfferingPrice'))
        .executeTakeFirst();
      if (!row) throw tmfNotFound('ProductOfferingPrice', raw);
      return pick(price(row), parseFields((req.query as Record<string, unknown>).fields));
    },
  );
  app.patch(
    '/productOfferingPrice/:id',
    { onRequest: manage, schema: { tags, summary: 'Updates a ProductOfferingPrice' } },
    async (req) => {
      const raw = (req.params as { id: string }).id;
      const id = idOf(raw, 'ProductOfferingPrice');
      const b = PricePatch.safeParse(req.body ?? {});
      if (!b.success) throw tmfBadRequest(zodMessage(b.error));
      const set: Record<string, unknown> = { updated_at: new Date() };
      if (b.data.name !== undefined) set.name = b.data.name;
      if (b.data.description !== undefined) set.description = b.data.description;
      if (b.data.priceType !== undefined) set.price_type = b.data.priceType;
      if (b.data.lifecycleStatus !== undefined) set.lifecycle_status = b.data.lifecycleStatus;
      if (b.data.price !== undefined) set.amount_fen = Math.round(b.data.price.value * 100);
      const row = await withTx(db, async (tx) => {
        const r = await tx
          .updateTable('product_offering_prices')
          .set(set)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!r) throw tmfNotFound('ProductOfferingPrice', raw);
        await recordAudit(tx, actorOf(req), {
          action: 'offering_price.update',
          entityType: 'offering_price',
          entityId: id,
          after: b.data,
        });
        return r;
      });
      return price(row);
    },
  );
  app.delete(
    '/productOfferingPrice/:id',
    { onRequest: manage, schema: { tags, summary: 'Deletes a ProductOfferingPrice' } },
    async (req, reply) => {
      const raw = (req.params as { id: string }).id;
      const id = idOf(raw, 'ProductOfferingPrice');
      await withTx(db, async (tx) => {
        const r = await tx.deleteFrom('product_offering_prices').where('id', '=', id).executeTakeFirst();
        if (!Number(r.numDeletedRows)) throw tmfNotFound('ProductOfferingPrice', raw);
        await recordAudit(tx, actorOf(req), {
          action: 'offering_price.delete',
          entityType: 'offering_price',
          entityId: id,
        });
      });
      return reply.status(204).send();
    },
  );
}
