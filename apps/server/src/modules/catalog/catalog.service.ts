import type {
  AttributeSpec,
  OfferInput,
  OfferUpdate,
  Page,
  Product,
  ProductInput,
  ProductLine,
  ProductListQuery,
  ProductUpdate,
} from '@paidan/shared';
import type { AppContext } from '../../platform/app-context';
import type { Actor } from '../../platform/auth/context';
import { withTx, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { recordAudit } from '../../platform/audit/audit.service';
import { catalogRepo } from './catalog.repo';

/** Fixed values of an offer must be allowed values of its product's template. */
function checkFixedSpecs(attrs: AttributeSpec[], fixed: Record<string, string>) {
  const bad = Object.entries(fixed).filter(
    ([k, v]) => !attrs.some((a) => a.key === k && a.options.some((o) => o.value === v)),
  );
  if (bad.length)
    throw new AppError(
      'OFFER_SPEC_INVALID',
      bad.map(([k, v]) => ({ field: `fixedSpecs.${k}`, message: `「${v}」不是该产品允许的取值` })),
    );
}

/** An offer's editable fields as columns (the code and product never change after creation). */
function offerColumns(input: OfferUpdate) {
  return {
    name: input.name,
    description: input.description,
    fixed_specs: JSON.stringify(input.fixedSpecs),
    one_time_fen: input.oneTimeFen,
    monthly_fen: input.monthlyFen,
    contract_months: input.contractMonths,
    requires: JSON.stringify(input.requires),
    excludes: JSON.stringify(input.excludes),
  };
}

const isUnique = (e: unknown) => (e as { code?: string }).code === '23505';

export function catalogService(ctx: AppContext) {
  const { db } = ctx;
  const canManage = (actor: Actor) => !!actor.auth?.permissions.has('catalog.manage');

  async function product(ex: Executor, actor: Actor, id: number): Promise<Product> {
    const p = await catalogRepo.product(ex, id, !canManage(actor));
    if (!p) throw new AppError('PRODUCT_NOT_FOUND');
    return p;
  }

  return {
    lines: (actor: Actor): Promise<ProductLine[]> => catalogRepo.lines(db, !canManage(actor)),

    async list(actor: Actor, q: ProductListQuery): Promise<Page<Product>> {
      // Only catalogue managers see drafts and retired records; everyone else sees the shop.
      const shop = q.shop === 'true' || !canManage(actor);
      const { items, total } = await catalogRepo.listProducts(db, q, shop);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    product: (actor: Actor, id: number) => product(db, actor, id),

    async createProduct(actor: Actor, input: ProductInput): Promise<Product> {
      const id = await withTx(db, async (tx) => {
        const line = await tx
          .selectFrom('product_lines')
          .select('id')
          .where('id', '=', input.lineId)
          .executeTakeFirst();
        if (!line) throw new AppError('VALIDATION_FAILED', [{ field: 'lineId', message: '产品线不存在' }]);
        try {
          const row = await tx
            .insertInto('products')
            .values({
              line_id: input.lineId,
              code: input.code,
              name: input.name,
              summary: input.summary,
              description: input.description,
              ends: input.ends,
              attributes: JSON.stringify(input.attributes),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(tx, actor, {
            action: 'product.create',
            entityType: 'product',
            entityId: row.id,
            after: input,
          });
          return row.id;
        } catch (e) {
          if (isUnique(e)) throw new AppError('PRODUCT_CODE_TAKEN');
          throw e;
        }
      });
      return product(db, actor, id);
    },

    async updateProduct(actor: Actor, id: number, input: ProductUpdate): Promise<Product> {
      await withTx(db, async (tx) => {
        const cur = await tx.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!cur) throw new AppError('PRODUCT_NOT_FOUND');
        if (cur.status === 'retired') throw new AppError('CATALOG_RETIRED_READONLY');
        if (cur.version !== input.version) throw new AppError('CONFLICT');
        // Offers keep working: every value they fix must still be allowed.
        const offers = await tx
          .selectFrom('product_offers')
          .select(['fixed_specs'])
          .where('product_id', '=', id)
          .where('status', '!=', 'retired')
          .execute();
        for (const o of offers) checkFixedSpecs(input.attributes, o.fixed_specs);
        await tx
          .updateTable('products')
          .set({
            line_id: input.lineId,
            name: input.name,
            summary: input.summary,
            description: input.description,
            ends: input.ends,
            attributes: JSON.stringify(input.attributes),
            updated_at: new Date(),
            version: cur.version + 1,
          })
          .where('id', '=', id)
          .execute();
        await recordAudit(tx, actor, {
          action: 'product.update',
          entityType: 'product',
          entityId: id,
          before: { name: cur.name, attributes: cur.attributes },
          after: input,
        });
      });
      return product(db, actor, id);
    },

    async productLifecycle(actor: Actor, id: number, action: 'publish' | 'retire'): Promise<Product> {
      await withTx(db, async (tx) => {
        const cur = await tx.selectFrom('products').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!cur) throw new AppError('PRODUCT_NOT_FOUND');
        const to = action === 'publish' ? 'published' : 'retired';
        const ok = action === 'publish' ? cur.status === 'draft' : cur.status === 'published';
        if (!ok) throw new AppError('CATALOG_ILLEGAL_LIFECYCLE');
        await tx
          .updateTable('products')
          .set({ status: to, updated_at: new Date(), version: cur.version + 1 })
          .where('id', '=', id)
          .execute();
        if (to === 'retired')
          await tx
            .updateTable('product_offers')
            .set({ status: 'retired', retired_at: new Date(), updated_at: new Date() })
            .where('product_id', '=', id)
            .where('status', '=', 'published')
            .execute();
        await recordAudit(tx, actor, {
          action: `product.${action}`,
          entityType: 'product',
          entityId: id,
          before: { status: cur.status },
          after: { status: to },
        });
      });
      return product(db, actor, id);
    },

    async createOffer(actor: Actor, input: OfferInput): Promise<Product> {
      await withTx(db, async (tx) => {
        const p = await tx.selectFrom('products').selectAll().where('id', '=', input.productId).executeTakeFirst();
        if (!p) throw new AppError('PRODUCT_NOT_FOUND');
        if (p.status === 'retired') throw new AppError('CATALOG_RETIRED_READONLY');
        checkFixedSpecs(p.attributes as AttributeSpec[], input.fixedSpecs);
        const taken = await tx
          .selectFrom('product_offers')
          .select('id')
          .where('code', '=', input.code)
          .executeTakeFirst();
        if (taken) throw new AppError('OFFER_CODE_TAKEN');
        const row = await tx
          .insertInto('product_offers')
          .values({
            product_id: p.id,
            code: input.code,
            ...offerColumns(input),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(tx, actor, { action: 'offer.create', entityType: 'offer', entityId: row.id, after: input });
      });
      return product(db, actor, input.productId);
    },

    /** A draft changes in place; a published offer gets a new draft version, live until that one is published. */
    async updateOffer(actor: Actor, id: number, input: OfferUpdate): Promise<Product> {
      const productId = await withTx(db, async (tx) => {
        const cur = await tx
          .selectFrom('product_offers')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!cur) throw new AppError('OFFER_NOT_FOUND');
        if (cur.status === 'retired') throw new AppError('CATALOG_RETIRED_READONLY');
        const p = await tx
          .selectFrom('products')
          .select('attributes')
          .where('id', '=', cur.product_id)
          .executeTakeFirstOrThrow();
        checkFixedSpecs(p.attributes as AttributeSpec[], input.fixedSpecs);
        const values = { ...offerColumns(input), updated_at: new Date() };
        if (cur.status === 'draft') {
          await tx.updateTable('product_offers').set(values).where('id', '=', id).execute();
        } else {
          const draft = await tx
            .selectFrom('product_offers')
            .select('id')
            .where('code', '=', cur.code)
            .where('status', '=', 'draft')
            .executeTakeFirst();
          if (draft) await tx.updateTable('product_offers').set(values).where('id', '=', draft.id).execute();
          else {
            const max = await tx
              .selectFrom('product_offers')
              .select((eb) => eb.fn.max('version').as('v'))
              .where('code', '=', cur.code)
              .executeTakeFirstOrThrow();
            await tx
              .insertInto('product_offers')
              .values({ ...values, product_id: cur.product_id, code: cur.code, version: Number(max.v) + 1 })
              .execute();
          }
        }
        await recordAudit(tx, actor, {
          action: 'offer.update',
          entityType: 'offer',
          entityId: id,
          before: { name: cur.name, oneTimeFen: cur.one_time_fen, monthlyFen: cur.monthly_fen, version: cur.version },
          after: input,
        });
        return cur.product_id;
      });
      return product(db, actor, productId);
    },

    async offerLifecycle(actor: Actor, id: number, action: 'publish' | 'retire'): Promise<Product> {
      const productId = await withTx(db, async (tx) => {
        const cur = await tx
          .selectFrom('product_offers')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!cur) throw new AppError('OFFER_NOT_FOUND');
        const now = new Date();
        if (action === 'publish') {
          if (cur.status !== 'draft') throw new AppError('CATALOG_ILLEGAL_LIFECYCLE');
          const p = await tx
            .selectFrom('products')
            .select('status')
            .where('id', '=', cur.product_id)
            .executeTakeFirstOrThrow();
          if (p.status !== 'published') throw new AppError('PRODUCT_NOT_PUBLISHED');
          // The version it replaces stops selling; orders keep pointing at it.
          await tx
            .updateTable('product_offers')
            .set({ status: 'retired', retired_at: now, updated_at: now })
            .where('code', '=', cur.code)
            .where('status', '=', 'published')
            .execute();
          await tx
            .updateTable('product_offers')
            .set({ status: 'published', published_at: now, updated_at: now })
            .where('id', '=', id)
            .execute();
        } else {
          if (cur.status !== 'published') throw new AppError('CATALOG_ILLEGAL_LIFECYCLE');
          await tx
            .updateTable('product_offers')
            .set({ status: 'retired', retired_at: now, updated_at: now })
            .where('id', '=', id)
            .execute();
        }
        await recordAudit(tx, actor, {
          action: `offer.${action}`,
          entityType: 'offer',
          entityId: id,
          before: { status: cur.status },
          after: { status: action === 'publish' ? 'published' : 'retired', version: cur.version },
        });
        return cur.product_id;
      });
      return product(db, actor, productId);
    },

    async deleteOffer(actor: Actor, id: number): Promise<void> {
      await withTx(db, async (tx) => {
        const cur = await tx
          .selectFrom('product_offers')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!cur) throw new AppError('OFFER_NOT_FOUND');
        if (await catalogRepo.offerHasOrders(tx, id)) throw new AppError('OFFER_HAS_ORDERS');
        await tx.deleteFrom('product_offers').where('id', '=', id).execute();
        await recordAudit(tx, actor, { action: 'offer.delete', entityType: 'offer', entityId: id, before: cur });
      });
    },
  };
}
