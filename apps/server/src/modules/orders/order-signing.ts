import { signingCompleted, type SigningCompleted } from '../../contracts/signing';
import { systemActor } from '../../platform/auth/context';
import { recordAudit } from '../../platform/audit/audit.service';
import type { Executor } from '../../platform/db/database';
import type { EventBus } from '../../platform/events/event-bus';
import { orderRepo } from './order.repo';
import { ORDER_TOPIC } from './order-events';

// The signing module reports a signed 业务订购确认书 inside the transaction that records the signature: the order
// keeps the signature and its timeline says so, and both roll back with the signature if anything fails.

let bus: EventBus | null = null;
/** The event bus live order updates go out on (set when the routes load). */
export function bindOrderSigningBus(b: EventBus): void {
  bus = b;
}

export const signedNote = (p: Pick<SigningCompleted, 'number' | 'signerName'>) =>
  `客户已在线签约（${p.number}，签约人 ${p.signerName}）`;

export async function onSigningCompleted(ex: Executor, p: SigningCompleted): Promise<void> {
  if (p.kind !== 'order') return;
  const o = await ex
    .selectFrom('orders')
    .select(['id', 'customer_id', 'org_path', 'signing_number'])
    .where('number', '=', p.subjectRef)
    .forUpdate()
    .executeTakeFirst();
  // an order of another system, or a reference that names another enterprise's order: nothing of ours to record
  if (!o || o.customer_id !== p.customerId) return;
  // the latest signature is the one that counts: a re-signed confirmation replaces the earlier one
  await ex
    .updateTable('orders')
    .set((eb) => ({
      signed_at: p.signedAt,
      signing_number: p.number,
      signing_request_id: p.requestId,
      signer_name: p.signerName,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', o.id)
    .execute();
  await orderRepo.addEvent(ex, {
    order_id: o.id,
    kind: 'signed',
    note: signedNote(p),
    actor_id: null,
    actor_name: p.signerName,
  });
  await recordAudit(ex, systemActor, {
    action: 'order.signed',
    entityType: 'order',
    entityId: o.id,
    before: { signingNumber: o.signing_number },
    after: { signingNumber: p.number, signingRequestId: p.requestId, signedAt: p.signedAt.toISOString() },
  });
  if (bus)
    await bus.publish(ex, {
      topic: ORDER_TOPIC,
      data: { id: o.id, orgPath: o.org_path, customerId: o.customer_id, userIds: [] },
    });
}

signingCompleted.subscribe(onSigningCompleted);
