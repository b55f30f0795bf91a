import { registerOrderLookup, type OrderSummary } from '../../contracts/orders';
import { orderRepo } from './order.repo';
import { toRef } from './order-mapper';

const refCols = [
  'id',
  'number',
  'customer_id',
  'state',
  'stage',
  'pre_acceptance_no',
  'total_one_time_fen',
  'total_monthly_fen',
] as const;

// Other modules (opportunities, signing) read orders through the contract, never through this module's tables.
registerOrderLookup({
  async byNumber(ex, number) {
    const r = await ex.selectFrom('orders').select(refCols).where('number', '=', number).executeTakeFirst();
    return r ? toRef(r) : null;
  },
  async byId(ex, id) {
    const r = await ex.selectFrom('orders').select(refCols).where('id', '=', id).executeTakeFirst();
    return r ? toRef(r) : null;
  },
  async summary(ex, id): Promise<OrderSummary | null> {
    const o = await orderRepo.get(ex, null, id);
    if (!o) return null;
    const items = await orderRepo.items(ex, id);
    return {
      order: toRef(o),
      orderType: o.order_type,
      customerName: o.customer_name,
      customerCreditCode: o.customer_credit_code,
      contactName: o.contact_name,
      contactPhone: o.contact_phone,
      installAddress: o.install_address,
      items: items.map((i) => ({
        productCode: i.product_code,
        productName: i.product_name,
        offerName: i.offer_name,
        specs: i.spec_text,
        quantity: i.quantity,
        oneTimeFen: Number(i.one_time_fen),
        monthlyFen: Number(i.monthly_fen),
      })),
      createdAt: new Date(o.created_at),
    };
  },
});
