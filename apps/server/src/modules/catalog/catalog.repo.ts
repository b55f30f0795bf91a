import { sql } from 'kysely';
import type { AttributeSpec, Offer, PricedOffer, Product, ProductLine, ProductListQuery } from '@paidan/shared';
import type { Executor } from '../../platform/db/database';
import { containsPattern } from '../../platform/db/like';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type OfferRow = {
  id: number;
  product_id: number;
  code: string;
  version: number;
  name: string;
  description: string;
  status: 'draft' | 'published' | 'retired';
  fixed_specs: Record<string, string>;
  one_time_fen: number;
  monthly_fen: number;
  contract_months: number;
  requires: string[];
  excludes: string[];
  published_at: Date | null;
  retired_at: Date | null;
  updated_at: Date;
};

function toOffer(o: OfferRow, liveOrders: number): Offer {
  return {
    id: o.id,
    productId: o.product_id,
    code: o.code,
    version: o.version,
    name: o.name,
    description: o.description,
    status: o.status,
    fixedSpecs: o.fixed_specs,
    oneTimeFen: Number(o.one_time_fen),
    monthlyFen: Number(o.monthly_fen),
    contractMonths: o.contract_months,
    requires: o.requires,
    excludes: o.excludes,
    publishedAt: iso(o.published_at),
    retiredAt: iso(o.retired_at),
    liveOrders,
    updatedAt: o.updated_at.toISOString(),
  };
}

// The shop lists a product only while it can be bought: published, with at least one published offer. A published
// product whose offers are all drafts or retired would show a price of ¥0 and lead to a page with nothing to order.
const onSale = sql<boolean>`p.status = 'published' and exists (
  select 1 from product_offers o where o.product_id = p.id and o.status = 'published')`;

export const catalogRepo = {
  async lines(ex: Executor, shop: boolean): Promise<ProductLine[]> {
    const rows = await ex
      .selectFrom('product_lines as l')
      .select(['l.id', 'l.code', 'l.name', 'l.description', 'l.sort'])
      .select((eb) =>
        eb
          .selectFrom('products as p')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('p.line_id', '=', 'l.id')
          .where(shop ? onSale : sql<boolean>`true`)
          .as('productCount'),
      )
      .orderBy('l.sort')
      .execute();
    return rows.map((r) => ({ ...r, productCount: Number(r.productCount ?? 0) }));
  },

  async listProducts(ex: Executor, q: ProductListQuery, shop: boolean) {
    let base = ex.selectFrom('products as p').innerJoin('product_lines as l', 'l.id', 'p.line_id');
    if (shop) base = base.where(onSale);
    else if (q.status) base = base.where('p.status', '=', q.status);
    if (q.lineId) base = base.where('p.line_id', '=', q.lineId);
    if (q.q) {
      const pat = containsPattern(q.q);
      base = base.where((eb) =>
        eb.or([eb('p.name', 'like', pat), eb('p.code', 'like', pat), eb('p.summary', 'like', pat)]),
      );
    }
    const [{ total }] = [await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()];
    const rows = await base
      .selectAll('p')
      .select('l.name as line_name')
      .orderBy('l.sort')
      .orderBy('p.sort')
      .orderBy('p.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const items = await this.withOffers(ex, rows, shop);
    return { items, total: Number(total) };
  },

  async withOffers(
    ex: Executor,
    rows: {
      id: number;
      line_id: number;
      line_name: string;
      code: string;
      name: string;
      summary: string;
      description: string;
      ends: number;
      status: 'draft' | 'published' | 'retired';
      attributes: unknown[];
      version: number;
    }[],
    shop: boolean,
  ): Promise<Product[]> {
    if (!rows.length) return [];
    let oq = ex
      .selectFrom('product_offers as o')
      .selectAll('o')
      .select((eb) =>
        eb
          .selectFrom('order_items as i')
          .innerJoin('orders as ord', 'ord.id', 'i.order_id')
          .select(sql<number>`count(distinct ord.id)::int`.as('n'))
          .whereRef('i.offer_id', '=', 'o.id')
          .where('ord.state', 'in', ['acknowledged', 'in_progress', 'pending', 'held'])
          .as('live'),
      )
      .where(
        'o.product_id',
        'in',
        rows.map((r) => r.id),
      );
    if (shop) oq = oq.where('o.status', '=', 'published');
    const offers = await oq.orderBy('o.monthly_fen').orderBy('o.code').orderBy('o.version', 'desc').execute();
    return rows.map((p) => {
      const mine = offers.filter((o) => o.product_id === p.id);
      const published = mine.filter((o) => o.status === 'published');
      return {
        id: p.id,
        lineId: p.line_id,
        lineName: p.line_name,
        code: p.code,
        name: p.name,
        summary: p.summary,
        description: p.description,
        ends: p.ends,
        status: p.status,
        attributes: p.attributes as AttributeSpec[],
        fromMonthlyFen: published.length ? Math.min(...published.map((o) => Number(o.monthly_fen))) : null,
        fromOneTimeFen: published.length ? Math.min(...published.map((o) => Number(o.one_time_fen))) : null,
        offers: mine.map((o) => toOffer(o as OfferRow, Number(o.live ?? 0))),
        version: p.version,
      };
    });
  },

  async product(ex: Executor, id: number, shop: boolean): Promise<Product | null> {
    const row = await ex
      .selectFrom('products as p')
      .innerJoin('product_lines as l', 'l.id', 'p.line_id')
      .selectAll('p')
      .select('l.name as line_name')
      .where('p.id', '=', id)
      .$if(shop, (q) => q.where('p.status', '=', 'published'))
      .executeTakeFirst();
    if (!row) return null;
    const [p] = await this.withOffers(ex, [row], shop);
    return p ?? null;
  },

  offerRow(ex: Executor, id: number) {
    return ex.selectFrom('product_offers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The offers a cart names, with what pricing needs; missing ids are simply absent. */
  async pricedOffers(
    ex: Executor,
    ids: number[],
  ): Promise<Map<number, PricedOffer & { contractMonths: number; productId: number; ends: number }>> {
    if (!ids.length) return new Map();
    const rows = await ex
      .selectFrom('product_offers as o')
      .innerJoin('products as p', 'p.id', 'o.product_id')
      .select([
        'o.id',
        'o.name',
        'o.status',
        'o.fixed_specs',
        'o.one_time_fen',
        'o.monthly_fen',
        'o.requires',
        'o.excludes',
        'o.contract_months',
        'p.id as product_id',
        'p.code as product_code',
        'p.name as product_name',
        'p.status as product_status',
        'p.attributes',
        'p.ends',
      ])
      .where('o.id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          productId: r.product_id,
          productCode: r.product_code,
          productName: r.product_name,
          name: r.name,
          status: r.status,
          productStatus: r.product_status,
          attributes: r.attributes as AttributeSpec[],
          fixedSpecs: r.fixed_specs,
          oneTimeFen: Number(r.one_time_fen),
          monthlyFen: Number(r.monthly_fen),
          requires: r.requires,
          excludes: r.excludes,
          contractMonths: r.contract_months,
          ends: r.ends,
        },
      ]),
    );
  },

  async offerHasOrders(ex: Executor, id: number): Promise<boolean> {
    const r = await ex.selectFrom('order_items').select('id').where('offer_id', '=', id).limit(1).executeTakeFirst();
    return !!r;
  },
};
