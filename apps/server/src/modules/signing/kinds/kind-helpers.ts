import { maskPhone } from '@paidan/shared';
import type { AppContext } from '../../../platform/app-context';
import type { Actor } from '../../../platform/auth/context';
import type { Executor } from '../../../platform/db/database';
import { customerService } from '../../customers/customer.service';

export const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const maskedPhone = maskPhone;

/** The enterprise inside the actor's data scope, with the legal representative certification recorded. */
export async function scopedCustomer(ctx: AppContext, ex: Executor, actor: Actor, id: number) {
  const row = await customerService(ctx).getRow(ex, actor, id);
  const extra = await ex.selectFrom('customers').select(['legal_rep_name']).where('id', '=', id).executeTakeFirst();
  const contact = await ex
    .selectFrom('customer_contacts')
    .select(['name', 'phone'])
    .where('customer_id', '=', id)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return { ...row, legal_rep_name: extra?.legal_rep_name ?? null, primaryContact: contact ?? null };
}
